"""Provider faults: one scene that keeps failing ends the generation failed at clips, the others complete,
and that one retryable; once the fault clears, a retry finishes the ad without re-rendering the others."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.errors import ProviderError
from studio.pipeline.clips import fault_message
from studio.providers.offline import MotionRenderer
from studio.service import Studio
from tests.trust.helpers import assert_consistent, brief

FAULTS: dict[str, Callable[[], Exception]] = {
    "provider 500, retryable": lambda: ProviderError(
        "The video service answered 500", provider="fake", retryable=True
    ),
    "dropped connection": lambda: ConnectionError("Connection reset by peer"),
}


class FaultyVideo:
    """The offline renderer, except that scene 2 raises `fault` on every attempt while `failing` is set."""

    def __init__(self, fault: Callable[[], Exception]) -> None:
        self.inner = MotionRenderer()
        self.name = self.inner.name
        self.fault = fault
        self.failing = True
        self.calls: list[int] = []

    def render_clip(self, request, out_dir, run):  # type: ignore[no-untyped-def]
        self.calls.append(request.scene.id)
        if self.failing and request.scene.id == 2:
            raise self.fault()
        return self.inner.render_clip(request, out_dir, run)


@pytest.mark.parametrize("fault", list(FAULTS), ids=lambda f: f.replace(" ", "-").replace(",", ""))
def test_one_failing_scene_keeps_the_others_and_retries_alone(settings: Settings, fault: str) -> None:
    ctx = open_context(settings)
    video = FaultyVideo(FAULTS[fault])
    ctx.providers.video = video
    studio = Studio(ctx)
    try:
        gen = studio.run(studio.create(brief(seed=77, duration_s=6)).id)
        assert (gen.status, gen.stage) == ("failed", "clips")
        assert "scene 2" in gen.error and "Retry" in gen.error
        clips = {c.scene_id: c for c in gen.clips}
        assert clips[1].status == clips[3].status == "complete"
        assert clips[2].status == "failed" and clips[2].location is None
        assert clips[2].attempts == ctx.pipeline.clips.max_attempts  # the retry policy had its go
        assert video.calls.count(2) == ctx.pipeline.clips.max_attempts
        assert clips[2].error and "unexpected error" not in clips[2].error, clips[2].error
        kept = {sid: ctx.providers.media.local_path(clips[sid].location).stat().st_mtime_ns for sid in (1, 3)}

        video.failing, video.calls = False, []
        gen = studio.retry_clip(gen.id, 2).result()
        assert video.calls == [2]  # only the failed clip is rendered again
        gen = assert_consistent(ctx.store, gen.id, ctx.providers.media)
        for sid, mtime in kept.items():
            clip = next(c for c in gen.clips if c.scene_id == sid)
            assert ctx.providers.media.local_path(clip.location).stat().st_mtime_ns == mtime
    finally:
        ctx.runner.shutdown()


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        (TimeoutError("timed out after 600 s"), "did not answer in time"),
        (ConnectionResetError(104, "Connection reset by peer"), "connection to the video service dropped"),
        (OSError(28, "No space left on device"), "the disk is full"),
        (OSError(27, "File too large"), "the disk is full"),
        (ValueError("a bug"), None),
    ],
)
def test_faults_are_explained_in_words(fault: Exception, says: str | None) -> None:
    message = fault_message(fault)
    if says is None:
        assert message is None
    else:
        assert message is not None and says in message and ("retry" in message or "resume" in message)
