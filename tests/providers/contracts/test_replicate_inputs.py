"""What each Replicate model is sent, per its published schema (config/*_models.yaml, FACTS.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.providers.image_models import load_image_models
from studio.providers.ports import ClipRequest, ImageRequest
from studio.providers.replicate_image import image_inputs
from studio.providers.replicate_video import apply_input_rules, build_inputs, load_video_models
from tests.providers.replicate_helpers import clip_request, make_png

VIDEO = load_video_models()
IMAGES = load_image_models().models


def _clip(tmp_path: Path, aspect: str = "9:16", seconds: float = 3.0, seed: int | None = 42) -> ClipRequest:
    return clip_request(tmp_path, seed=seed, duration_s=seconds).model_copy(update={"aspect_ratio": aspect})


def test_every_entry_names_its_schema_page_and_the_day_it_was_read() -> None:
    for name, spec in [*VIDEO.items(), *IMAGES.items()]:
        assert spec.schema_source == f"https://replicate.com/{name}"
        assert spec.schema_checked.isoformat() == "2026-11-25"


def test_hailuo_is_sent_no_resolution(tmp_path: Path) -> None:
    inputs, seed_applied, seconds = build_inputs(VIDEO["minimax/hailuo-02-fast"], _clip(tmp_path), None)
    assert set(inputs) == {"prompt", "first_frame_image", "duration", "prompt_optimizer"}
    assert (inputs["duration"], seconds, seed_applied) == (6, 6.0, False)  # no seed input


@pytest.mark.parametrize(("aspect", "seconds", "refs_sent"), [
    ("16:9", 7.5, True),    # 8 s at 16:9: the only case the model takes reference images
    ("16:9", 5.0, False),   # 6 s
    ("9:16", 7.5, False),   # portrait
])
def test_veo_31_takes_reference_images_only_at_16_9_and_8_seconds(
        tmp_path: Path, aspect: str, seconds: float, refs_sent: bool) -> None:
    inputs, seed_applied, _ = build_inputs(VIDEO["google/veo-3.1"], _clip(tmp_path, aspect, seconds), None)
    assert ("reference_images" in inputs) is refs_sent
    assert "last_frame" not in inputs
    assert inputs["aspect_ratio"] == aspect and seed_applied and inputs["seed"] == 42
    if refs_sent:
        assert len(inputs["reference_images"]) == 2 and inputs["duration"] == 8


def test_veo_31_last_frame_is_dropped_when_reference_images_go() -> None:
    spec = VIDEO["google/veo-3.1"]
    base = {"prompt": "p", "aspect_ratio": "16:9", "duration": 8, "last_frame": "data:x"}
    assert apply_input_rules(spec, {**base, "reference_images": ["data:r"]}) == {
        "prompt": "p", "aspect_ratio": "16:9", "duration": 8, "reference_images": ["data:r"]}
    assert apply_input_rules(spec, base) == base  # no reference images: the last frame stays


def test_kling_end_image_only_in_pro_mode(tmp_path: Path) -> None:
    spec = VIDEO["kwaivgi/kling-v2.1"]
    inputs, seed_applied, _ = build_inputs(spec, _clip(tmp_path), None)
    assert set(inputs) == {"prompt", "start_image", "mode", "duration"} and inputs["mode"] == "standard"
    assert seed_applied is False
    assert "end_image" not in apply_input_rules(spec, {"mode": "standard", "end_image": "data:e"})
    assert apply_input_rules(spec, {"mode": "pro", "end_image": "data:e"}) == {"mode": "pro",
                                                                              "end_image": "data:e"}


@pytest.mark.parametrize(("seconds", "frames"), [(3.0, 81), (6.5, 104), (12.0, 121)])
def test_wan_frames_stay_within_81_to_121_at_a_rate_within_5_to_30(
        tmp_path: Path, seconds: float, frames: int) -> None:
    spec = VIDEO["wan-video/wan-2.2-i2v-fast"]
    inputs, seed_applied, billed = build_inputs(spec, _clip(tmp_path, seconds=seconds), None)
    assert inputs["num_frames"] == frames and inputs["frames_per_second"] == 16
    assert billed == pytest.approx(frames / 16) and seed_applied
    assert set(inputs) == {"prompt", "seed", "image", "resolution", "num_frames", "frames_per_second"}


def test_veo_3_fast_inputs(tmp_path: Path) -> None:
    request = _clip(tmp_path, "16:9", 4.0, seed=None)
    inputs, seed_applied, _ = build_inputs(VIDEO["google/veo-3-fast"], request, None)
    assert set(inputs) == {"prompt", "generate_audio", "aspect_ratio", "resolution", "duration"}
    assert inputs["generate_audio"] is False and seed_applied is False


def _image(tmp_path: Path, seed: int | None) -> ImageRequest:
    ref = make_png(tmp_path / "ref.png")
    return ImageRequest(prompt="Amber bottle", width=720, height=1280, aspect_ratio="9:16", seed=seed,
                        input_images=[ref])


def test_flux_schnell_turns_go_fast_off_whenever_a_seed_is_sent(tmp_path: Path) -> None:
    spec = IMAGES["black-forest-labs/flux-schnell"]
    assert image_inputs(spec, _image(tmp_path, 7), None) == {
        "prompt": "Amber bottle", "num_outputs": 1, "output_format": "png", "aspect_ratio": "9:16",
        "seed": 7, "go_fast": False}
    # No seed: nothing to honour, so the model's faster default stays.
    assert "go_fast" not in image_inputs(spec, _image(tmp_path, None), None)


def test_nano_banana_pro_takes_references_and_no_seed(tmp_path: Path) -> None:
    inputs = image_inputs(IMAGES["google/nano-banana-pro"], _image(tmp_path, 7), None)
    assert set(inputs) == {"prompt", "image_input", "aspect_ratio", "output_format", "resolution"}
    assert inputs["image_input"][0].startswith("data:image/png;base64,")
