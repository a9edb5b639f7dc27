"""The Replicate video adapter against a fake API answering with recorded response shapes."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from studio.errors import Cancelled, ContentRefused, ProviderAuthError, ProviderError
from studio.providers.replicate_video import ReplicateVideo, load_video_models, pick_duration
from studio.run import MemoryMeter, Run
from tests.providers.replicate_fake import FakeReplicate, error
from tests.providers.replicate_helpers import FAKE_TOKEN, Waits, clip_request, make_mp4, make_png, make_runner


@pytest.fixture(scope="module")
def mp4_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make_mp4(tmp_path_factory.mktemp("mp4") / "clip.mp4", seconds=1.0)


def _video(fake: FakeReplicate, model: str = "google/veo-3-fast", limit: int = 5, waits: Waits | None = None
           ) -> tuple[ReplicateVideo, MemoryMeter, Run]:
    """The adapter, and a Run for generation "g1" whose calls land in the returned meter."""
    meter = MemoryMeter()
    return ReplicateVideo(make_runner(fake, limit, waits), model), meter, Run("g1", meter=meter)


def test_veo_clip_is_seeded_prompted_downloaded_and_costed(tmp_path: Path, mp4_bytes: bytes) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes}, polls=3)
    video, meter, run = _video(fake)
    progress: list[tuple[float, str]] = []
    run = run.with_progress(lambda f, m: progress.append((f, m)))
    result = video.render_clip(clip_request(tmp_path), tmp_path / "out", run)

    [inputs] = fake.created_inputs("google/veo-3-fast")
    assert inputs["prompt"].endswith("SCENE: The bottle on a marble counter")
    assert inputs["seed"] == 42
    assert inputs["duration"] == 4  # 3 s scene → the shortest allowed length that covers it
    assert inputs["aspect_ratio"] == "9:16" and inputs["generate_audio"] is False
    assert "image" not in inputs  # no start frame, and veo-3-fast does not need one
    assert result.seed_applied is True and result.finished_frames is False
    assert result.prediction_id == "pred0001" and result.model == "google/veo-3-fast"
    assert result.duration_s == pytest.approx(1.0, abs=0.1)
    assert result.path.read_bytes() == mp4_bytes
    assert result.last_frame is not None and result.last_frame.stat().st_size > 0
    assert (0.3, "3/10 steps") in progress  # the tqdm line in the logs
    assert progress[-1][0] == 1.0
    assert result.cost_usd == pytest.approx(0.10 * 4)
    [call] = meter.calls
    assert (call.provider, call.model, call.status) == ("replicate", "google/veo-3-fast", "ok")
    assert call.generation_id == "g1"  # charged to the run's generation
    assert call.cost_usd == pytest.approx(0.4)
    assert fake.auth_headers == {f"Bearer {FAKE_TOKEN}"}
    assert fake.delivery_auth == {""}  # the token never goes to the file host


@pytest.mark.parametrize("model, start_name", [("kwaivgi/kling-v2.1", "start_image"),
                                               ("minimax/hailuo-02-fast", "first_frame_image")])
def test_models_without_seed_record_it_and_get_a_start_image(
        tmp_path: Path, mp4_bytes: bytes, model: str, start_name: str) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes})
    video, _, run = _video(fake, model)
    result = video.render_clip(clip_request(tmp_path), tmp_path, run)
    [inputs] = fake.created_inputs(model)
    assert "seed" not in inputs and result.seed_applied is False
    assert inputs[start_name].startswith("data:image/png;base64,")  # the product reference (scene focus)
    assert inputs["duration"] in (5, 6)


def test_same_seed_in_every_request_and_start_frame_for_continuous_scene(tmp_path: Path, mp4_bytes: bytes
                                                                         ) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes})
    video, meter, run = _video(fake, "wan-video/wan-2.2-i2v-fast")
    frame = make_png(tmp_path / "last.png", (1, 2, 3))
    for i in (1, 2, 3):
        video.render_clip(clip_request(tmp_path, i, start_frame=frame if i == 3 else None), tmp_path,
                          run)
    inputs = fake.created_inputs()
    assert [x["seed"] for x in inputs] == [42, 42, 42]
    assert inputs[0]["num_frames"] == 81 and inputs[0]["frames_per_second"] == 16  # 3 s → the minimum
    assert inputs[2]["image"] != inputs[0]["image"]  # scene 3 starts from the previous clip's last frame
    assert sum(c.cost_usd for c in meter.calls) == pytest.approx(3 * 0.11)


def test_429_honours_retry_after_then_500_backs_off_then_succeeds(tmp_path: Path, mp4_bytes: bytes) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes},
                         creates={"google/veo-3-fast": [error(429, retry_after="3"), error(500)]})
    waits = Waits()
    video, _, run = _video(fake, waits=waits)
    result = video.render_clip(clip_request(tmp_path), tmp_path, run)
    assert len(fake.created_inputs()) == 3
    assert waits == [3.0, 1.0]  # Retry-After, then exponential backoff (0.5 × 2^1)
    assert result.model == "google/veo-3-fast"


def test_three_5xx_fall_back_to_the_next_model_in_order(tmp_path: Path, mp4_bytes: bytes) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes},
                         creates={"google/veo-3.1": [error(500)] * 3, "google/veo-3-fast": [error(500)] * 3})
    video, meter, run = _video(fake, "google/veo-3.1")
    result = video.render_clip(clip_request(tmp_path), tmp_path, run)
    order = [m for kind, m, _ in fake.requests if kind == "create"]
    assert order == ["google/veo-3.1"] * 3 + ["google/veo-3-fast"] * 3 + ["wan-video/wan-2.2-i2v-fast"]
    assert result.model == "wan-video/wan-2.2-i2v-fast"
    assert [(c.model, c.status) for c in meter.calls] == [
        ("google/veo-3.1", "error"), ("google/veo-3-fast", "error"), ("wan-video/wan-2.2-i2v-fast", "ok")]


def test_401_fails_at_once_naming_the_variable_without_the_token(
        tmp_path: Path, mp4_bytes: bytes, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeReplicate(outputs={}, creates={"google/veo-3-fast": [error(401)]})
    video, meter, run = _video(fake)
    with pytest.raises(ProviderAuthError) as info:
        video.render_clip(clip_request(tmp_path), tmp_path, run)
    assert str(info.value) == "The Replicate token was refused: check REPLICATE_API_TOKEN"
    assert len(fake.created_inputs()) == 1
    texts = [str(info.value), caplog.text, *(c.error or "" for c in meter.calls), video.name]
    assert all(FAKE_TOKEN not in t for t in texts)


def test_422_fails_at_once_with_the_validation_message(tmp_path: Path) -> None:
    fake = FakeReplicate(outputs={}, creates={"google/veo-3-fast": [error(422)]})
    video, _, run = _video(fake)
    with pytest.raises(ProviderError, match="duration must be one of the following: 4, 6, 8") as info:
        video.render_clip(clip_request(tmp_path), tmp_path, run)
    assert not info.value.retryable and len(fake.created_inputs()) == 1


def test_failed_prediction_falls_back_and_safety_refusal_says_reword(tmp_path: Path, mp4_bytes: bytes
                                                                    ) -> None:
    failure = "Prediction failed: upstream generation service error"
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes}, fail_with={"google/veo-3-fast": failure})
    video, _, run = _video(fake)
    assert video.render_clip(clip_request(tmp_path), tmp_path, run).model == (
        "wan-video/wan-2.2-i2v-fast")

    fake = FakeReplicate(outputs={}, fail_with={
        "google/veo-3-fast": "The input or output was flagged as sensitive. Please try again with different "
                             "inputs. (E005)"})
    video, _, run = _video(fake)
    with pytest.raises(ContentRefused, match="Reword"):
        video.render_clip(clip_request(tmp_path), tmp_path, run)
    assert len(fake.created_inputs()) == 1  # no fallback after a safety refusal


def _render_all(video: ReplicateVideo, run: Run, tmp_path: Path, n: int) -> list:
    with ThreadPoolExecutor(max_workers=n) as pool:
        futures = [pool.submit(video.render_clip, clip_request(tmp_path, i), tmp_path / f"s{i}", run)
                   for i in range(1, n + 1)]
        return [f.result() for f in futures]


def test_all_clips_in_flight_at_once_below_the_limit(tmp_path: Path, mp4_bytes: bytes) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes}, hold_until_in_flight=3)
    video, _, run = _video(fake, limit=5)
    assert len(_render_all(video, run, tmp_path, 3)) == 3
    assert fake.max_in_flight == 3 and video.runner.limiter.peak == 3


def test_in_flight_never_above_the_limit(tmp_path: Path, mp4_bytes: bytes) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes}, hold_until_in_flight=2, polls=3)
    video, _, run = _video(fake, limit=2)
    assert len(_render_all(video, run, tmp_path, 5)) == 5
    assert fake.max_in_flight == 2 and video.runner.limiter.peak == 2
    assert video.runner.limiter.in_flight == 0


def test_stop_cancels_the_prediction_at_replicate(tmp_path: Path) -> None:
    fake = FakeReplicate(outputs={}, polls=100)
    video, _, run = _video(fake)
    stop = threading.Event()

    def progress(fraction: float, message: str) -> None:
        stop.set()  # the person presses Stop while the clip renders

    run = run.with_cancel(stop.is_set).with_progress(progress)
    with pytest.raises(Cancelled):
        video.render_clip(clip_request(tmp_path), tmp_path, run)
    assert fake.cancelled == ["pred0001"] and fake.in_flight == 0


def test_registry_has_the_models_and_durations() -> None:
    reg = load_video_models()
    assert {"google/veo-3-fast", "google/veo-3.1", "wan-video/wan-2.2-i2v-fast", "kwaivgi/kling-v2.1",
            "minimax/hailuo-02-fast"} <= set(reg)
    assert reg["kwaivgi/kling-v2.1"].seed is None and reg["minimax/hailuo-02-fast"].seed is None
    assert reg["google/veo-3.1"].last_image == "last_frame"
    assert pick_duration(reg["google/veo-3-fast"], 7.0) == ({"duration": 8}, 8.0)
    assert pick_duration(reg["google/veo-3-fast"], 12.0) == ({"duration": 8}, 8.0)
    assert pick_duration(reg["wan-video/wan-2.2-i2v-fast"], 6.5) == (
        {"num_frames": 104, "frames_per_second": 16}, 6.5)


def test_a_prediction_started_before_a_crash_is_picked_up_not_paid_twice(tmp_path: Path, mp4_bytes: bytes
                                                                        ) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes}, polls=3)
    video, meter, run = _video(fake)
    reported: list[str] = []
    first = video.render_clip(clip_request(tmp_path), tmp_path / "a",
                              run.with_prediction_sink(reported.append))
    assert reported == [first.prediction_id]  # the id reaches the store the moment it exists
    # The process "died" after creating it; the next one picks the same prediction up.
    request = clip_request(tmp_path).model_copy(update={"resume_prediction_id": first.prediction_id})
    again = video.render_clip(request, tmp_path / "b", run)
    assert again.prediction_id == first.prediction_id
    assert len(fake.created_inputs()) == 1  # no second create
    assert again.cost_usd == 0.0 and again.path.read_bytes() == mp4_bytes
    assert [c.cost_usd for c in meter.calls] == [pytest.approx(0.4), 0.0]
    assert [c.generation_id for c in meter.calls] == ["g1", "g1"]


def test_an_unknown_prediction_id_falls_back_to_a_new_prediction(tmp_path: Path, mp4_bytes: bytes) -> None:
    fake = FakeReplicate(outputs={"clip.mp4": mp4_bytes})
    video, _, run = _video(fake)
    request = clip_request(tmp_path).model_copy(update={"resume_prediction_id": "gone123"})
    result = video.render_clip(request, tmp_path, run)
    assert result.prediction_id == "pred0001" and len(fake.created_inputs()) == 1
