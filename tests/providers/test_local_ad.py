"""A whole ad through the Studio on the local adapters: tiny random diffusers pipelines, on the CPU."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("diffusers")

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief
from studio.providers.local_image import LocalImage, LocalInpaint
from studio.providers.local_models import Device, GpuSlot
from studio.providers.local_video import LocalVideo
from studio.providers.registry import build_providers
from studio.render.ffmpeg import probe
from studio.service import Studio

from .tiny_diffusers import TinyFactory, tiny_catalogue

PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."


class SpyVideo(LocalVideo):
    """The local video adapter, keeping the start frame and seed of each clip it was asked for."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.asked: list[tuple[int, bytes, int | None]] = []

    def render_clip(self, request, out_dir, run):
        start = Path(request.start_frame).read_bytes() if request.start_frame else b""
        self.asked.append((request.scene.id, start, request.seed))
        return super().render_clip(request, out_dir, run)


def test_a_whole_ad_on_the_local_image_and_video_models(settings: Settings) -> None:
    factory, slot, catalogue = TinyFactory(), GpuSlot(), tiny_catalogue()
    card = Device("cpu", "simulated 8 GiB card", 8.0)
    local = {"catalogue": catalogue, "device": card, "factory": factory, "slot": slot}
    video = SpyVideo("tiny-ltx", **local)
    providers = replace(
        build_providers(settings),
        image=LocalImage("tiny-sdxl", **local),
        inpaint=LocalInpaint("tiny-sdxl-fill", **local),
        video=video,
    )
    ctx = open_context(settings, providers=providers)
    studio = Studio(ctx)
    try:
        brief = Brief(prompt=PROMPT, resolution="360p", duration_s=6, scene_count=3, seed=4242)
        gen = studio.run(studio.create(brief).id)
    finally:
        ctx.runner.shutdown()
    assert gen.status == "completed", gen.error
    media = ctx.providers.media
    # the storyboard: every keyframe drawn by the local image model
    assert [(k.scene_id, k.source, k.model) for k in gen.keyframes] == [
        (i, "generated", "local/tiny-sdxl") for i in (1, 2, 3)
    ]
    # the clips: each from the local video model, with the generation's seed, started from its keyframe
    # (or, for a scene continuous with the one before, that clip's last frame)
    assert [(c.status, c.model, c.seed, c.seed_applied) for c in gen.clips] == \
        [("complete", "local/tiny-ltx", 4242, True)] * 3
    keyframes = {k.scene_id: media.local_path(k.location).read_bytes() for k in gen.keyframes}
    scenes = {s.id: s for s in gen.scenes}
    assert [scene_id for scene_id, _, _ in video.asked] == [1, 2, 3]
    from_keyframes = [i for i, _, _ in video.asked if i == 1 or not scenes[i].continuous_with_previous]
    assert from_keyframes and all(seed == 4242 for _, _, seed in video.asked)
    for scene_id, start, _ in video.asked:
        if scene_id in from_keyframes:
            assert start == keyframes[scene_id], f"scene {scene_id} did not start from its keyframe"
    # the references too came from the local image model; every call is charged to the ad, at no cost
    calls = [c for c in studio.store.api_calls(gen.id) if c.provider == "local"]
    purposes = sorted(c.purpose.split(" ")[0] for c in calls)
    assert purposes.count("clip") == 3 and purposes.count("image") == 6  # 3 references + 3 keyframes
    assert all(c.status == "ok" and c.cost_usd == 0 for c in calls)
    # one model on the device at a time: the image model, then the video model in its place
    assert factory.built == ["tiny-sdxl", "tiny-ltx"] and slot.loaded == "tiny-ltx"
    info = probe(media.local_path(gen.ad.location))
    assert (info.video_codec, info.width, info.height) == ("h264", 360, 640)
    assert abs(info.duration_s - 6) <= 0.6


def test_a_local_model_that_cannot_serve_is_refused_before_the_generation_starts(
    settings: Settings, tmp_path: Path
) -> None:
    """Issue 22: the studio refuses, before starting (nothing stored, nothing painted), a model that does not
    fit the GPU it sees, naming those that do; the same for no GPU at all and for weights never pulled."""
    from studio.errors import ConfigError
    from studio.providers.local_models import missing_weights

    from .tiny_diffusers import put_pipeline_in_hub_cache, tiny_ltx

    catalogue, card = tiny_catalogue(), Device("cpu", "simulated 8 GiB card", 8.0)
    brief = Brief(prompt=PROMPT, resolution="360p", duration_s=6, scene_count=3, seed=1)
    hub = tmp_path / "hub"

    def refusal(video: LocalVideo) -> str:
        ctx = open_context(settings, providers=replace(build_providers(settings), video=video))
        studio = Studio(ctx)
        try:
            with pytest.raises(ConfigError) as caught:
                studio.create(brief)
            assert studio.store.list_generations() == []  # refused before anything was stored or run
            assert ctx.providers.problems() == [str(caught.value)]  # what the sidebar shows ahead
        finally:
            ctx.runner.shutdown()
        return str(caught.value)

    too_big = refusal(LocalVideo("huge-video", catalogue=catalogue, device=card, factory=TinyFactory()))
    assert "STUDIO_LOCAL_VIDEO_MODEL=huge-video" in too_big and "tiny-ltx" in too_big  # the one that fits
    no_gpu = Device("cpu", "torch sees no CUDA device", None)
    on_cpu = refusal(LocalVideo("tiny-ltx", catalogue=catalogue, device=no_gpu, factory=TinyFactory()))
    assert "Local models do not run on the CPU here" in on_cpu
    unpulled = refusal(LocalVideo("tiny-ltx", catalogue=catalogue, device=card, cache_dir=hub))
    assert unpulled == str(missing_weights(catalogue.models["tiny-ltx"], hub))
    assert "python -m studio models pull tiny-ltx" in unpulled
    # pulled (the real loader reads it from the cache): nothing to refuse
    put_pipeline_in_hub_cache(tiny_ltx(), hub, catalogue.models["tiny-ltx"].repo_id, tmp_path)
    pulled = LocalVideo("tiny-ltx", catalogue=catalogue, device=card, cache_dir=hub)
    assert replace(build_providers(settings), video=pulled).problems() == []
