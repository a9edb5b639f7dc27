"""The local adapters' real code on tiny diffusers pipelines with random weights, on the CPU.

The pipelines come from configs (tests/providers/tiny_diffusers.py) through the adapters' factory seam,
or, for the loader, from a Hugging Face cache laid out in a temporary folder: nothing is downloaded. The
GPU's memory is simulated by the Device handed in.
"""

from __future__ import annotations

import functools
import io
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")

from PIL import Image, ImageOps  # noqa: E402

from studio.errors import Cancelled, ConfigError  # noqa: E402
from studio.models import ReferenceImage, Scene  # noqa: E402
from studio.providers.local_image import LocalImage, LocalInpaint  # noqa: E402
from studio.providers.local_models import Device, GpuSlot, weights_present  # noqa: E402
from studio.providers.local_video import LocalVideo  # noqa: E402
from studio.providers.ports import ClipRequest, ImageRequest, InpaintRequest  # noqa: E402
from studio.run import MemoryMeter, Run  # noqa: E402

from .tiny_diffusers import (  # noqa: E402
    TinyFactory,
    put_pipeline_in_hub_cache,
    tiny_catalogue,
    tiny_ltx,
    tiny_sdxl,
)

CARD = Device("cpu", "simulated 8 GiB card", 8.0)
"""A GPU's memory, simulated: the fit is checked against it, the tiny pipelines run on the CPU."""


@pytest.fixture
def factory() -> TinyFactory:
    return TinyFactory()


@pytest.fixture
def slot() -> GpuSlot:
    return GpuSlot()


def _image(factory: TinyFactory, slot: GpuSlot, **kw: object) -> LocalImage:
    return LocalImage("tiny-sdxl", catalogue=tiny_catalogue(), device=CARD, factory=factory, slot=slot, **kw)


def _video(
    factory: TinyFactory, slot: GpuSlot, device: Device = CARD, model: str = "tiny-ltx"
) -> LocalVideo:
    return LocalVideo(model, catalogue=tiny_catalogue(), device=device, factory=factory, slot=slot)


def _stopping_after(steps: int, progress: list[tuple[float, str]]) -> Run:
    """A Run whose Stop is pressed once `steps` progress reports have come in."""
    return Run(
        None, on_progress=lambda f, m: progress.append((f, m)), cancelled=lambda: len(progress) >= steps
    )


def _picture(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


# ── pictures ─────────────────────────────────────────────────────────────────────────────────────


def test_a_seed_gives_the_same_picture_and_another_seed_another(factory: TinyFactory, slot: GpuSlot) -> None:
    model = _image(factory, slot)
    progress: list[tuple[float, str]] = []
    meter = MemoryMeter()
    run = Run("gen-1", meter=meter, on_progress=lambda f, m: progress.append((f, m)))
    ask = functools.partial(ImageRequest, prompt="a red trail shoe on wet rock", width=90, height=160,
                            role="product")
    first = model.generate(ask(seed=7), run)
    again = model.generate(ask(seed=7), run)
    other = model.generate(ask(seed=8), run)
    assert first.png == again.png and first.png != other.png
    assert _picture(first.png).shape == (160, 90, 3)  # the size asked for (made at 64x120, on multiples of 8)
    assert (first.model, first.seed, first.cost_usd) == ("local/tiny-sdxl", 7, 0.0)
    assert factory.built == ["tiny-sdxl"]  # loaded once, kept in the slot
    assert progress[:2] == [(0.5, "The product on tiny SDXL: step 1 of 2"),
                            (1.0, "The product on tiny SDXL: step 2 of 2")]
    assert [(c.provider, c.model, c.purpose, c.status) for c in meter.calls] == \
        [("local", "local/tiny-sdxl", "image product", "ok")] * 3


def test_stop_during_denoising_raises_cancelled_and_hands_back_nothing(
    factory: TinyFactory, slot: GpuSlot
) -> None:
    progress: list[tuple[float, str]] = []
    with pytest.raises(Cancelled, match="left unfinished"):
        _image(factory, slot).generate(ImageRequest(prompt="shoe", width=64, height=64, seed=1),
                                       _stopping_after(1, progress))
    assert progress == [(0.5, "The picture on tiny SDXL: step 1 of 2")]  # step 2 never ran
    with pytest.raises(Cancelled):  # a Stop before the start loads nothing
        _image(TinyFactory(), GpuSlot()).generate(ImageRequest(prompt="shoe", width=64, height=64),
                                                  Run(None, cancelled=lambda: True))


def test_inpaint_repaints_at_the_image_size_with_the_fill_model(factory: TinyFactory, slot: GpuSlot,
                                                                tmp_path: Path) -> None:
    Image.new("RGB", (100, 60), (200, 40, 40)).save(tmp_path / "image.png")
    mask = Image.new("L", (100, 60), 0)
    mask.paste(255, (30, 10, 70, 50))
    mask.save(tmp_path / "mask.png")
    model = LocalInpaint(
        "tiny-sdxl-fill", catalogue=tiny_catalogue(), device=CARD, factory=factory, slot=slot
    )
    request = InpaintRequest(
        image=tmp_path / "image.png", mask=tmp_path / "mask.png", prompt="a blue sky", seed=3
    )
    one, two = model.inpaint(request, Run.detached()), model.inpaint(request, Run.detached())
    assert _picture(one.png).shape == (60, 100, 3) and one.png == two.png
    assert (one.model, one.seed) == ("local/tiny-sdxl-fill", 3)
    assert factory.built == ["tiny-sdxl-fill"]


def test_a_model_too_big_for_the_gpu_is_refused_before_it_loads(factory: TinyFactory, slot: GpuSlot,
                                                               tmp_path: Path) -> None:
    small_card = Device("cpu", "simulated 2.5 GiB card", 2.5)
    with pytest.raises(ConfigError) as caught:
        _video(factory, slot, small_card, "huge-video").render_clip(
            _clip_request(tmp_path), tmp_path / "out", Run.detached()
        )
    assert "needs 40 GiB of GPU memory (80 GiB without CPU offload" in str(caught.value)
    assert "Video models that fit this GPU: tiny-ltx" in str(caught.value)
    assert factory.built == [] and not (tmp_path / "out").exists()
    seen: list[str] = []
    offloaded = LocalImage("tiny-sdxl", catalogue=tiny_catalogue(), device=Device("cpu", "1.5 GiB", 1.5),
                           factory=lambda spec, device, where: seen.append(where) or tiny_sdxl(), slot=slot)
    offloaded.generate(ImageRequest(prompt="shoe", width=64, height=64, seed=1), Run.detached())
    assert seen == ["offload"]  # fits only with CPU offload


def test_weights_load_from_the_cache_only_and_a_missing_model_names_the_pull(tmp_path: Path) -> None:
    cache = tmp_path / "hub"
    catalogue = tiny_catalogue()
    spec = catalogue.models["tiny-sdxl"]
    model = LocalImage("tiny-sdxl", catalogue=catalogue, device=CARD, slot=GpuSlot(), cache_dir=cache)
    request = ImageRequest(prompt="shoe", width=64, height=64, seed=2)
    missing = r"not in the Hugging Face cache .*`python -m studio models pull tiny-sdxl`"
    with pytest.raises(ConfigError, match=missing):
        model.generate(request, Run.detached())
    snapshot = put_pipeline_in_hub_cache(tiny_sdxl(), cache, spec.repo_id, tmp_path)
    assert weights_present(spec, cache)
    picture = model.generate(request, Run.detached())  # diffusers' from_pretrained, local_files_only
    assert _picture(picture.png).shape == (64, 64, 3)
    index = json.loads((snapshot / "model_index.json").read_text())
    assert index["_class_name"] == "StableDiffusionXLPipeline"
    shutil.rmtree(snapshot / "unet")  # a pull cut short: a component is missing
    assert not weights_present(spec, cache)


# ── clips ────────────────────────────────────────────────────────────────────────────────────────


def _clip_request(tmp_path: Path, *, start: Path | None = None, seed: int | None = 11) -> ClipRequest:
    if start is None:
        start = tmp_path / "start.png"
        _gradient().save(start)
    scene = Scene(id=2, description="The shoe on wet rock", duration_s=1.0)
    return ClipRequest(
        generation_id="gen-1", scene=scene, scene_index=1, scene_count=3, prompt="SCENE: the shoe grips",
        references=[], reference_paths=[], start_frame=start, seed=seed, width=360, height=640,
        aspect_ratio="9:16",
    )  # fmt: skip


def _gradient(color: tuple[int, int, int] = (255, 120, 0)) -> Image.Image:
    ramp = np.linspace(0, 1, 640)[:, None, None] * np.array(color)[None, None, :]
    return Image.fromarray(np.broadcast_to(ramp, (640, 360, 3)).astype(np.uint8))


def _ffprobe(path: Path) -> dict:
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        pytest.skip("ffprobe is not installed (make test installs ffmpeg)")
    done = subprocess.run(
        [ffprobe, "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
         "stream=codec_name,pix_fmt,width,height,nb_read_frames,r_frame_rate", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)["streams"][0]


class Recording:
    """Wraps the factory: keeps each pipeline call's arguments and the latents after every step."""

    def __init__(self) -> None:
        self.images: list[Image.Image] = []
        self.latents: list[list[torch.Tensor]] = []

    def __call__(self, spec, device, where):
        recording = self
        pipe = tiny_ltx()

        class Recorded(type(pipe)):
            @functools.wraps(type(pipe).__call__)
            def __call__(self, *args, **kwargs):
                recording.images.append(kwargs["image"])
                steps: list[torch.Tensor] = []
                recording.latents.append(steps)
                inner = kwargs["callback_on_step_end"]

                def spy(p, i, t, tensors):
                    steps.append(tensors["latents"].clone())
                    return inner(p, i, t, tensors)

                return super().__call__(*args, **{**kwargs, "callback_on_step_end": spy})

        pipe.__class__ = Recorded
        return pipe


def test_a_clip_is_an_h264_mp4_from_the_start_frame_with_its_last_frame(
    tmp_path: Path, slot: GpuSlot
) -> None:
    recording = Recording()
    model = LocalVideo("tiny-ltx", catalogue=tiny_catalogue(), device=CARD, factory=recording, slot=slot)
    progress: list[tuple[float, str]] = []
    run = Run("gen-1", on_progress=lambda f, m: progress.append((f, m)))
    result = model.render_clip(_clip_request(tmp_path), tmp_path / "out", run)
    # the MP4, as ffprobe reads it: H.264 yuv420p at the generated size, the frames asked for, the model's fps
    stream = _ffprobe(result.path)
    assert (stream["codec_name"], stream["pix_fmt"]) == ("h264", "yuv420p")
    assert (stream["width"], stream["height"]) == (64, 96)  # 9:16 within 6144 pixels, sides of 32
    assert int(stream["nb_read_frames"]) == 9 and stream["r_frame_rate"] == "8/1"
    assert result.duration_s == pytest.approx(9 / 8)
    assert (result.model, result.seed_applied, result.finished_frames, result.cost_usd) == \
        ("local/tiny-ltx", True, False, 0.0)
    assert result.path == tmp_path / "out" / "scene_02.mp4"
    assert Image.open(result.last_frame).size == (64, 96)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["scene_02.mp4", "scene_02_last.png"]
    # it starts from the start frame: the pipeline got it (cropped to 9:16 and scaled), and the first
    # frame's latents are that image's through every denoising step while the rest of the clip moves
    given = np.asarray(recording.images[0], dtype=float)
    expected = np.asarray(ImageOps.fit(_gradient(), (64, 96), Image.Resampling.LANCZOS), dtype=float)
    assert given.shape == (96, 64, 3) and np.abs(given - expected).mean() < 2
    steps = recording.latents[0]
    per_frame = (96 // 4) * (64 // 4)  # latent tokens of one latent frame (the tiny VAE compresses 4x)
    assert len(steps) == 2
    assert torch.equal(steps[0][:, :per_frame], steps[1][:, :per_frame])
    assert not torch.allclose(steps[0][:, per_frame:], steps[1][:, per_frame:])
    blue = tmp_path / "blue.png"
    _gradient((0, 60, 255)).save(blue)
    model.render_clip(_clip_request(tmp_path, start=blue), tmp_path / "other", Run.detached())
    assert not torch.allclose(recording.latents[1][-1][:, :per_frame], steps[-1][:, :per_frame])
    # progress per denoising step, then the encode, up to done
    messages = [m for _, m in progress]
    assert "Scene 2 on tiny LTX: step 1 of 2" in messages and "Scene 2 on tiny LTX: step 2 of 2" in messages
    assert dict((m, f) for f, m in progress)["Scene 2 on tiny LTX: step 2 of 2"] == pytest.approx(0.9)
    fractions = [f for f, _ in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_the_seed_makes_the_same_clip_and_another_seed_another(tmp_path: Path, factory: TinyFactory,
                                                               slot: GpuSlot) -> None:
    model = _video(factory, slot)

    def last_frame(seed: int, folder: str) -> bytes:
        result = model.render_clip(_clip_request(tmp_path, seed=seed), tmp_path / folder, Run.detached())
        return np.asarray(Image.open(result.last_frame)).tobytes()

    assert last_frame(11, "a") == last_frame(11, "b") != last_frame(12, "c")
    assert factory.built == ["tiny-ltx"]


@pytest.mark.parametrize("stop_after", [2, 4], ids=["while-denoising", "while-encoding"])
def test_a_stopped_clip_leaves_no_file(
    tmp_path: Path, factory: TinyFactory, slot: GpuSlot, stop_after: int
) -> None:
    progress: list[tuple[float, str]] = []
    out = tmp_path / "out"
    with pytest.raises(Cancelled, match="Scene 2 on tiny LTX was left unfinished"):
        _video(factory, slot).render_clip(_clip_request(tmp_path), out, _stopping_after(stop_after, progress))
    assert not out.exists() or list(out.iterdir()) == []  # no MP4, no partial file, no last frame
    if stop_after == 2:  # after the first of two steps
        assert [m for _, m in progress] == [
            "Scene 2 on tiny LTX: 9 frames at 64x96", "Scene 2 on tiny LTX: step 1 of 2"
        ]
    else:
        assert progress[-1][1] == "Scene 2 on tiny LTX: encoding"


def test_without_a_start_frame_the_reference_of_the_scene_focus_is_used(tmp_path: Path, factory: TinyFactory,
                                                                        slot: GpuSlot) -> None:
    recording = Recording()
    model = LocalVideo("tiny-ltx", catalogue=tiny_catalogue(), device=CARD, factory=recording, slot=slot)
    Image.new("RGB", (360, 640), (0, 255, 0)).save(tmp_path / "person.png")
    Image.new("RGB", (360, 640), (255, 0, 255)).save(tmp_path / "product.png")
    refs = [ReferenceImage(location="a", kind="character", source="generated"),
            ReferenceImage(location="b", kind="product", source="generated")]
    paths = [tmp_path / "person.png", tmp_path / "product.png"]
    request = _clip_request(tmp_path).model_copy(
        update={"start_frame": None, "references": refs, "reference_paths": paths}
    )
    model.render_clip(request, tmp_path / "out", Run.detached())
    assert np.asarray(recording.images[0]).reshape(-1, 3).mean(axis=0).round().tolist() == [255, 0, 255]


def test_the_image_and_video_models_never_share_the_device(tmp_path: Path, factory: TinyFactory,
                                                           slot: GpuSlot) -> None:
    image, video = _image(factory, slot), _video(factory, slot)
    picture = ImageRequest(prompt="shoe", width=64, height=64, seed=1)
    image.generate(picture, Run.detached())
    assert slot.loaded == "tiny-sdxl"
    video.render_clip(_clip_request(tmp_path), tmp_path / "out", Run.detached())
    assert slot.loaded == "tiny-ltx"  # the image pipeline was deleted first
    image.generate(picture, Run.detached())
    assert factory.built == ["tiny-sdxl", "tiny-ltx", "tiny-sdxl"] and slot.loads == 3
    slot.release()
    assert slot.loaded is None
