"""The local-model catalogue, the fit to the GPU, sizes and frames, the settings, `doctor` (no torch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.config import ROOT, Settings, load_settings
from studio.errors import ConfigError
from studio.providers.local_models import (
    Device,
    LocalCatalogue,
    card_table,
    check_fit,
    clip_frames,
    fit_size,
    load_local_models,
    local_statuses,
    placement,
)

CATALOGUE = load_local_models()


def test_the_catalogue_has_the_families_with_their_limits() -> None:
    models = CATALOGUE.models
    assert {"sdxl-turbo", "flux-schnell", "ltx-video", "wan2.2-ti2v-5b"} <= set(models)
    assert {m.pipeline for m in CATALOGUE.of_task("video")} == {"LTXImageToVideoPipeline",
                                                                "WanImageToVideoPipeline"}
    for spec in CATALOGUE.of_task("image"):
        assert spec.inpaint is not None and models[spec.inpaint].task == "inpaint", spec.name
    for spec in models.values():
        assert spec.offload_vram_gib <= spec.vram_gib and spec.download_gb > 0
        assert spec.allow_patterns and "model_index.json" in spec.allow_patterns, spec.name
    ltx = models["ltx-video"]
    assert (ltx.multiple, ltx.frame_step, ltx.max_frames, ltx.fps) == (32, 8, 121, 24)
    assert models["flux-fill"].gated


def test_every_pipeline_class_exists_in_the_pinned_diffusers() -> None:
    diffusers = pytest.importorskip("diffusers")
    for spec in CATALOGUE.models.values():
        assert hasattr(diffusers, spec.pipeline), spec.pipeline


def test_a_malformed_entry_is_refused_with_the_file_and_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "local.yaml"
    bad.write_text(
        "models:\n  clips:\n    label: c\n    task: video\n    repo_id: a/b\n    pipeline: P\n"
        "    vram_gib: 8\n    offload_vram_gib: 4\n    download_gb: 1\n    steps: 2\n"
        "    guidance_scale: 1\n    max_pixels: 100\n    multiple: 8\n"
    )
    with pytest.raises(ConfigError, match=r"local\.yaml: models\.clips.*fps, max_frames and frame_step"):
        load_local_models(bad)
    with pytest.raises(ValueError, match="inpaint model nope is not an inpaint entry"):
        LocalCatalogue.model_validate({"models": {"a": {**_entry("image"), "inpaint": "nope"}}})


def _entry(task: str, **kw: object) -> dict[str, object]:
    return {"label": "x", "task": task, "repo_id": "a/b", "pipeline": "P", "vram_gib": 8,
            "offload_vram_gib": 4, "download_gb": 1, "steps": 2, "guidance_scale": 0,
            "max_pixels": 512 * 512, "multiple": 8, **kw}


def test_sizes_keep_the_aspect_within_the_pixels_on_the_multiple() -> None:
    ltx, turbo = CATALOGUE.models["ltx-video"], CATALOGUE.models["sdxl-turbo"]
    assert fit_size(720, 1280, ltx) == (448, 832)  # 9:16 within 768 x 512 pixels, sides of 32
    assert fit_size(1280, 720, ltx) == (832, 448)
    assert fit_size(1080, 1080, ltx) == (608, 608)
    assert fit_size(360, 640, turbo) == (360, 640)  # small enough: only rounded to 8
    assert fit_size(1000, 1000, turbo) == (624, 624)
    for w, h in [(720, 1280), (1920, 1080), (333, 777), (64, 64)]:
        for spec in CATALOGUE.models.values():
            fw, fh = fit_size(w, h, spec)
            assert fw % spec.multiple == 0 and fh % spec.multiple == 0
            assert fw * fh <= spec.max_pixels
            assert abs(fw / fh - w / h) / (w / h) < 0.2, (spec.name, w, h, fw, fh)


def test_frames_cover_the_scene_up_to_the_model_limit() -> None:
    ltx, wan = CATALOGUE.models["ltx-video"], CATALOGUE.models["wan2.1-i2v-14b-480p"]
    assert clip_frames(2.0, ltx) == 49  # 48 frames at 24 fps -> 8k + 1
    assert clip_frames(3.3, ltx) == 81
    assert clip_frames(12.0, ltx) == 121  # the model's limit: the ad holds the clip's end
    assert clip_frames(4.0, wan) == 65
    assert clip_frames(9.0, wan) == 81
    for seconds in (1.0, 2.5, 4.2, 7.0):
        for spec in CATALOGUE.of_task("video"):
            n = clip_frames(seconds, spec)
            assert (n - 1) % spec.frame_step == 0 and n <= spec.max_frames


def test_a_model_too_big_for_the_gpu_is_refused_naming_the_ones_that_fit() -> None:
    wan14 = CATALOGUE.models["wan2.1-i2v-14b-480p"]
    card = Device("cuda", "NVIDIA L4", 22.0)
    with pytest.raises(ConfigError) as caught:
        check_fit(wan14, card, CATALOGUE)
    text = str(caught.value)
    assert "STUDIO_LOCAL_VIDEO_MODEL=wan2.1-i2v-14b-480p" in text and "NVIDIA L4 (22.0 GiB)" in text
    assert "ltx-video" in text and "wan2.2-ti2v-5b" in text  # what does fit 22 GiB
    assert check_fit(CATALOGUE.models["ltx-video"], card, CATALOGUE) == "gpu"
    assert check_fit(CATALOGUE.models["wan2.2-ti2v-5b"], card, CATALOGUE) == "offload"
    with pytest.raises(ConfigError, match="None of the catalogue's video models fits it: the smallest, ltx"):
        check_fit(wan14, Device("cuda", "small card", 6.0), CATALOGUE)
    with pytest.raises(ConfigError, match=r"no CUDA GPU .*Local models do not run on the CPU here"):
        check_fit(CATALOGUE.models["sdxl-turbo"], Device("cpu", "no CUDA device", None), CATALOGUE)


def test_the_readme_table_is_the_catalogues() -> None:
    table = card_table(CATALOGUE)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme
    row = next(line for line in table.splitlines() if line.startswith("| `ltx-video`"))
    assert row.endswith("| – | offload | offload | yes | yes | yes |")
    assert placement(CATALOGUE.models["ltx-video"], Device("cuda", "x", 9.0)) is None


def test_settings_read_the_local_models_from_the_environment() -> None:
    s = load_settings({"STUDIO_LOCAL_IMAGE_MODEL": "sdxl-turbo", "STUDIO_LOCAL_VIDEO_MODEL": "ltx-video"},
                      secrets_path=Path("/nonexistent"))
    assert (s.local_image_model, s.local_video_model) == ("sdxl-turbo", "ltx-video")


def test_build_providers_puts_the_ports_on_the_local_models(tmp_path: Path) -> None:
    from studio.providers.local_image import LocalImage, LocalInpaint
    from studio.providers.local_video import LocalVideo
    from studio.providers.offline import MotionRenderer, OpenCVInpainter, ProceduralPainter
    from studio.providers.registry import build_providers

    base = Settings(data_dir=tmp_path / "data")
    chosen = base.model_copy(update={"local_image_model": "sdxl-turbo", "local_video_model": "ltx-video"})
    providers = build_providers(chosen)
    assert isinstance(providers.image, LocalImage) and providers.image.model == "local/sdxl-turbo"
    assert isinstance(providers.inpaint, LocalInpaint) and providers.inpaint.model == "local/sdxl-inpaint"
    assert isinstance(providers.video, LocalVideo) and providers.video.model == "local/ltx-video"
    assert providers.describe()["video"] == "local LTX-Video 2B"
    only_video = build_providers(base.model_copy(update={"local_video_model": "ltx-video"}))
    assert isinstance(only_video.image, ProceduralPainter) and isinstance(only_video.video, LocalVideo)
    offline = build_providers(chosen.model_copy(update={"offline": True}))
    assert isinstance(offline.video, MotionRenderer) and isinstance(offline.inpaint, OpenCVInpainter)
    with pytest.raises(ConfigError, match=r"LOCAL_VIDEO_MODEL=sdxl-turbo is not a video model .*ltx-video"):
        build_providers(base.model_copy(update={"local_video_model": "sdxl-turbo"}))


def test_doctor_reports_the_local_models_weights_and_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from studio.cli.doctor import _doctor_local

    chosen = Settings(
        data_dir=tmp_path, local_image_model="sdxl-turbo", local_video_model="wan2.1-i2v-14b-480p"
    )
    card = Device("cuda", "NVIDIA RTX 4090", 23.5)
    ok = _doctor_local(chosen, device=card, cache_dir=tmp_path / "hub")
    out = capsys.readouterr().out
    assert not ok
    assert "device  NVIDIA RTX 4090 (23.5 GiB)" in out
    assert ("image   sdxl-turbo (stabilityai/sdxl-turbo): weights missing: python -m studio models pull "
            "sdxl-turbo; fits NVIDIA RTX 4090 (23.5 GiB)") in out
    assert "inpaint sdxl-inpaint" in out
    assert "video   wan2.1-i2v-14b-480p" in out
    assert "does not fit NVIDIA RTX 4090 (23.5 GiB): needs 32 GiB" in out
    assert _doctor_local(Settings(data_dir=tmp_path)) is True
    statuses = local_statuses("sdxl-turbo", None, device=Device("cpu", "no torch", None), cache_dir=tmp_path)
    assert [s.port for s in statuses] == ["image", "inpaint"] and not any(s.ok for s in statuses)


def test_the_gpu_bench_says_what_is_missing_without_a_gpu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from bench import local_gpu as bench

    constants = pytest.importorskip("huggingface_hub.constants")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))  # an empty cache
    assert bench.main([], device=Device("cpu", "torch sees no CUDA device", None)) == 2
    assert "This bench needs a CUDA GPU and a CUDA build of torch" in capsys.readouterr().err
    assert bench.main(["--video", "wan2.1-i2v-14b-480p"], device=Device("cuda", "NVIDIA L4", 22.0)) == 2
    err = capsys.readouterr().err
    assert "wan2.1-i2v-14b-480p" in err and "Video models that fit this GPU" in err
    assert "The weights of sdxl-turbo are not here: python -m studio models pull sdxl-turbo" in err
