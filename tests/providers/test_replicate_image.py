"""Replicate image and inpaint adapters: output shapes, fallback order, costs; and build from settings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from studio.config import Settings
from studio.errors import ProviderAuthError
from studio.providers.costs import estimate_generation_cost
from studio.providers.ports import ImageRequest, InpaintRequest
from studio.providers.replicate_adapters import (
    ReplicateImage,
    ReplicateInpaint,
    ReplicateVideo,
    build_replicate_providers,
)
from studio.providers.replicate_common import make_replicate_client
from studio.run import MemoryMeter, Run
from tests.providers.replicate_fake import DELIVERY, FakeReplicate, error
from tests.providers.replicate_helpers import FAKE_TOKEN, make_png, make_runner

PNG = b"\x89PNG\r\n\x1a\n fake image bytes"


def _fake(**kw) -> FakeReplicate:
    return FakeReplicate(outputs={"img.png": PNG}, polls=1, **kw)


def test_nano_banana_pro_single_url_with_reference_images(tmp_path: Path) -> None:
    fake = _fake(output_for={"google/nano-banana-pro": f"{DELIVERY}/img.png"})
    meter, reported = MemoryMeter(), []
    run = Run("gen-1", meter=meter, on_prediction=reported.append)
    image = ReplicateImage(make_runner(fake), "google/nano-banana-pro")
    ref = make_png(tmp_path / "logo.png")
    got = image.generate(ImageRequest(prompt="amber bottle", width=360, height=640, aspect_ratio="9:16",
                                      seed=7, role="product", input_images=[ref]), run)
    assert got.png == PNG and got.model == "google/nano-banana-pro" and got.seed is None
    [inputs] = fake.created_inputs()
    assert inputs["prompt"] == "amber bottle" and inputs["aspect_ratio"] == "9:16"
    assert inputs["image_input"][0].startswith("data:image/png;base64,") and "seed" not in inputs
    assert got.cost_usd == pytest.approx(0.15) and meter.calls[0].purpose == "image product"
    assert meter.calls[0].generation_id == "gen-1" and reported == ["pred0001"]


def test_fallback_order_pro_then_nano_then_flux_list_output() -> None:
    fake = _fake(creates={"google/nano-banana-pro": [error(500)] * 3},
                 fail_with={"google/nano-banana": "Prediction failed: upstream generation service error"},
                 output_for={"black-forest-labs/flux-schnell": [f"{DELIVERY}/img.png"]})
    meter = MemoryMeter()
    image = ReplicateImage(make_runner(fake))
    got = image.generate(ImageRequest(prompt="p", width=64, height=64, seed=7), Run(None, meter=meter))
    order = [m for kind, m, _ in fake.requests if kind == "create"]
    assert order == ["google/nano-banana-pro"] * 3 + ["google/nano-banana", "black-forest-labs/flux-schnell"]
    assert got.model == "black-forest-labs/flux-schnell" and got.seed == 7 and got.png == PNG
    assert fake.created_inputs("black-forest-labs/flux-schnell")[0]["seed"] == 7
    assert [c.status for c in meter.calls] == ["error", "error", "ok"]
    assert sum(c.cost_usd for c in meter.calls) == pytest.approx(0.003)


def test_file_object_output_is_read(tmp_path: Path) -> None:
    fake = _fake()
    runner = make_runner(fake)
    from replicate.helpers import FileOutput

    out = runner.download(FileOutput(f"{DELIVERY}/img.png", runner.client), tmp_path / "o.png")
    assert out.read_bytes() == PNG


def test_inpaint_sends_image_mask_prompt_seed_and_falls_back(tmp_path: Path) -> None:
    fake = _fake(creates={"black-forest-labs/flux-fill-pro": [error(500)] * 3},
                 output_for={"black-forest-labs/flux-fill-dev": [f"{DELIVERY}/img.png"]})
    meter = MemoryMeter()
    inpaint = ReplicateInpaint(make_runner(fake))
    request = InpaintRequest(image=make_png(tmp_path / "i.png"),
                             mask=make_png(tmp_path / "m.png", (255, 255, 255)),
                             prompt="replace the cup with a plant", seed=3)
    got = inpaint.inpaint(request, Run("gen-1", meter=meter))
    inputs = fake.created_inputs("black-forest-labs/flux-fill-dev")[0]
    assert inputs["prompt"] == "replace the cup with a plant" and inputs["seed"] == 3
    assert inputs["image"].startswith("data:image/png") and inputs["mask"].startswith("data:image/png")
    assert got.model == "black-forest-labs/flux-fill-dev" and got.cost_usd == pytest.approx(0.04)
    assert [(c.purpose, c.status, c.generation_id) for c in meter.calls] == [
        ("inpaint", "error", "gen-1"), ("inpaint", "ok", "gen-1")]


def test_build_from_settings_and_the_before_run_estimate(tmp_path: Path) -> None:
    settings = Settings(replicate_api_token=FAKE_TOKEN, replicate_video_model="kwaivgi/kling-v2.1",
                        data_dir=tmp_path)
    image, inpaint, video = build_replicate_providers(settings, media=None)  # type: ignore[arg-type]
    assert isinstance(image, ReplicateImage) and isinstance(inpaint, ReplicateInpaint)
    assert isinstance(video, ReplicateVideo) and video.name == "Replicate kwaivgi/kling-v2.1"
    assert all(FAKE_TOKEN not in p.name for p in (image, inpaint, video))
    # 3 scenes of 5 s on kling (5 s allowed, $0.05/s) + 3 nano-banana-pro references at $0.15 + the
    # Replicate voice for 15 s (~225 characters at $0.00006)
    assert estimate_generation_cost(settings, 3, 15) == pytest.approx(3 * 5 * 0.05 + 3 * 0.15 + 0.0135)
    assert estimate_generation_cost(Settings(), 3, 15) == 0.0
    veo = Settings(replicate_api_token=FAKE_TOKEN, openai_api_key="sk-x")
    # 4 scenes of 7.5 s → 8 s each on veo-3-fast at $0.10/s; references; 30 s of voice (~450 characters)
    # on the catalogue's voice with both keys, minimax/speech-02-turbo at $0.00006 a character
    assert estimate_generation_cost(veo, 4, 30) == pytest.approx(round(4 * 8 * 0.10 + 0.45 + 0.027, 4))
    openai_voice = Settings(replicate_api_token=FAKE_TOKEN, openai_api_key="sk-x",
                            openai_tts_model="gpt-4o-mini-tts")  # until 2027-01-06: $0.015/min
    assert estimate_generation_cost(openai_voice, 4, 30) == pytest.approx(round(3.2 + 0.45 + 0.0075, 4))


def test_refused_token_never_appears_in_errors_logs_or_names(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = _fake(creates={"google/nano-banana-pro": [error(401)]})
    meter = MemoryMeter()
    runner = make_runner(fake)
    runner.client = make_replicate_client(FAKE_TOKEN, transport=fake.transport())
    image = ReplicateImage(runner)
    with pytest.raises(ProviderAuthError, match="REPLICATE_API_TOKEN") as info:
        image.generate(ImageRequest(prompt="p", width=64, height=64), Run(None, meter=meter))
    for text in (str(info.value), repr(info.value), caplog.text, meter.calls[0].error or ""):
        assert FAKE_TOKEN not in text
