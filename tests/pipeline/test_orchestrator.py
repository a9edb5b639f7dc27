"""The whole pipeline offline: automated and interactive runs, seeds, failures and retries, resume."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from studio.bootstrap import open_context
from studio.config import PipelineConfig, Settings
from studio.errors import ProviderError
from studio.models import Brief, Scene, SceneEdit
from studio.pipeline.clips import plan_chains
from studio.providers.offline import MotionRenderer
from studio.render.ffmpeg import probe
from studio.service import Studio

PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."


def _brief(**kw) -> Brief:
    base = dict(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=1234)
    return Brief(**(base | kw))


@pytest.fixture
def studio(settings: Settings):
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def test_automated_run_makes_a_scored_ad_with_the_seed_in_every_clip(studio: Studio) -> None:
    gen = studio.run(studio.create(_brief()).id)
    assert gen.status == "completed", gen.error
    assert gen.story is not None and gen.story.framework in ("AIDA", "PAS", "FAB")
    assert len(gen.references) == 3 and gen.context is not None
    assert [c.status for c in gen.clips] == ["complete"] * 3
    assert {c.seed for c in gen.clips} == {1234}
    info = probe(studio.ctx.providers.media.local_path(gen.ad.location))
    assert (info.video_codec, info.pix_fmt, round(info.fps)) == ("h264", "yuv420p", 30)
    assert (info.width, info.height) == (360, 640)
    assert abs(info.duration_s - 8) <= 0.8  # within ±10% of the target
    scores = studio.store.quality(gen.id)
    assert None in scores and set(scores) >= {1, 2, 3}
    assert gen.overall_score is not None and 0 <= gen.overall_score <= 100
    assert [s.quality_score for s in gen.scenes] == [scores[s.id].overall for s in gen.scenes]


def test_each_stage_logs_its_duration_as_json(settings: Settings, tmp_path: Path) -> None:
    import io
    import json
    import logging

    from studio.logs import configure_logging

    stream = io.StringIO()
    configure_logging(settings, stream=stream)
    ctx = open_context(settings)
    studio = Studio(ctx)
    try:
        gen = studio.run(studio.create(_brief()).id)
    finally:
        ctx.runner.shutdown()
        logging.getLogger().handlers[:] = [
            h for h in logging.getLogger().handlers if not getattr(h, "_studio", 0)
        ]
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    stages = {e["stage"]: e for e in entries if "stage" in e and e["generation_id"] == gen.id}
    assert set(stages) == {"story", "references", "scenes", "storyboard", "clips", "ad", "scores"}
    assert all(e["duration_s"] >= 0 for e in stages.values())


def test_interactive_run_stops_at_each_stop_and_follows_the_chat(studio: Studio) -> None:
    gen = studio.run(studio.create(_brief(mode="interactive")).id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "story")
    first = gen.story
    studio.respond(gen.id, "make it funnier and mention free shipping").result(timeout=60)
    refined = studio.store.get(gen.id)
    assert refined.story != first and refined.story_history == [first]
    intent = studio.respond(gen.id, "looks good").result(timeout=60)
    assert intent.action == "approve"
    gen = studio.run(gen.id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "references")
    assert studio.respond(gen.id, "approve").result(timeout=60).action == "approve"
    gen = studio.run(gen.id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "scenes")
    studio.edit_scene(gen.id, 2, SceneEdit(on_screen_text="Grip that holds"))
    assert studio.store.get(gen.id).scenes[1].on_screen_text == "Grip that holds"
    assert studio.respond(gen.id, "approve").result(timeout=60).action == "approve"
    gen = studio.run(gen.id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "storyboard")
    assert [k.scene_id for k in gen.keyframes] == [1, 2, 3] and gen.clips == []
    assert studio.respond(gen.id, "approve").result(timeout=60).action == "approve"
    gen = studio.run(gen.id)
    assert gen.status == "completed", gen.error


class FlakyVideo:
    """A video provider whose scene-2 calls fail, like a provider answering 500 until it recovers."""

    def __init__(self) -> None:
        self.inner = MotionRenderer()
        self.name = self.inner.name
        self.failing = True
        self.calls: list[int] = []

    def render_clip(self, request, out_dir, run):
        self.calls.append(request.scene.id)
        if self.failing and request.scene.id == 2:
            raise ProviderError("The video service answered 500", provider="test", retryable=True)
        return self.inner.render_clip(request, out_dir, run)


def test_a_failing_clip_leaves_the_others_complete_and_can_be_retried_alone(settings: Settings) -> None:
    ctx = open_context(settings)
    flaky = FlakyVideo()
    ctx.providers.video = flaky
    studio = Studio(ctx)
    try:
        gen = studio.run(studio.create(_brief()).id)
        assert gen.status == "failed" and gen.stage == "clips"
        assert "scene 2" in gen.error
        by_scene = {c.scene_id: c for c in gen.clips}
        assert by_scene[1].status == by_scene[3].status == "complete"
        assert by_scene[2].status == "failed" and by_scene[2].attempts == ctx.pipeline.clips.max_attempts
        flaky.failing, flaky.calls = False, []
        gen = studio.retry_clip(gen.id, 2).result()
        assert gen.status == "completed", gen.error
        assert flaky.calls == [2]  # finished clips are never rendered twice
    finally:
        ctx.runner.shutdown()


def test_same_brief_and_seed_give_the_same_clips(tmp_path: Path) -> None:
    hashes = []
    for run in ("a", "b"):
        ctx = open_context(Settings(data_dir=tmp_path / run))
        studio = Studio(ctx)
        gen = studio.run(studio.create(_brief(scene_count=3)).id)
        hashes.append([_md5(ctx.providers.media.local_path(c.location)) for c in gen.clips])
        ctx.runner.shutdown()
    assert hashes[0] == hashes[1]


def test_seed_control_off_passes_no_seed(settings: Settings, tmp_path: Path) -> None:
    cfg = tmp_path / "pipeline.yaml"
    cfg.write_text("seed_control: false\nstages:\n  scoring: false\n")
    ctx = open_context(settings.model_copy(update={"pipeline_path": cfg}))
    studio = Studio(ctx)
    gen = studio.run(studio.create(_brief()).id)
    ctx.runner.shutdown()
    assert gen.status == "completed"
    assert all(c.seed is None and not c.seed_applied for c in gen.clips)
    assert studio.store.quality(gen.id) == {}


def test_resume_reuses_finished_clips(settings: Settings) -> None:
    ctx = open_context(settings)
    studio = Studio(ctx)
    gen = studio.run(studio.create(_brief()).id)
    # Simulate a crash after the clips: the ad and scores are gone, the clips remain.
    studio.store.update(
        gen.id,
        lambda g: (
            setattr(g, "ad", None),
            setattr(g, "status", "assembling"),
            setattr(g, "overall_score", None),
        ),
    )
    calls = []
    real = ctx.providers.video.render_clip
    ctx.providers.video.render_clip = lambda *a, **k: calls.append(1) or real(*a, **k)
    gen = studio.resume(gen.id).result()
    ctx.runner.shutdown()
    assert gen.status == "completed" and gen.ad is not None
    assert calls == []


def test_plan_chains_groups_continuous_scenes() -> None:
    def scene(i: int, cont: bool) -> Scene:
        return Scene(id=i, description="d", duration_s=2, continuous_with_previous=cont)

    scenes = [scene(1, False), scene(2, True), scene(3, False), scene(4, True), scene(5, True)]
    assert plan_chains(scenes) == [[1, 2], [3, 4, 5]]
    assert PipelineConfig().clips.in_flight == 5


def test_reexport_reuses_story_references_and_scenes_at_another_aspect(studio: Studio) -> None:
    source = studio.run(studio.create(_brief()).id)
    calls = []
    real = studio.ctx.providers.text.generate
    studio.ctx.providers.text.generate = lambda *a, **k: calls.append(a[0]) or real(*a, **k)
    again = studio.run(studio.reexport(source.id, "16:9").id)
    assert again.status == "completed", again.error
    assert calls == []  # no story, scene or image-prompt writing
    assert (again.story, again.references) == (source.story, source.references)

    def text_of(scenes):  # what was written; each export scores its own clips
        return [sc.model_dump(exclude={"quality_score"}) for sc in scenes]

    assert text_of(again.scenes) == text_of(source.scenes)
    info = probe(studio.ctx.providers.media.local_path(again.ad.location))
    assert (info.width, info.height) == (640, 360)


def test_rate_limit_says_when_the_next_ad_is_possible(settings: Settings) -> None:
    from studio.errors import RateLimited

    ctx = open_context(settings.model_copy(update={"rate_limit_per_hour": 2}))
    studio = Studio(ctx)
    # A person signed in to a shared studio (offline: with no key the command line is never limited).
    studio.create(_brief(), owner="ana", signed_in=True)
    studio.create(_brief(), owner="ana", signed_in=True)
    with pytest.raises(RateLimited, match=r"next one is possible in \d+ min"):
        studio.create(_brief(), owner="ana", signed_in=True)
    studio.create(_brief(), owner="bo", signed_in=True)  # the limit is per person
    ctx.runner.shutdown()


def test_feedback_on_a_finished_ad_waits_on_the_new_story_then_remakes_the_ad(studio: Studio) -> None:
    gen = studio.run(studio.create(_brief()).id)
    # confirm=True: the person already said yes (without it the change waits for one, see test_versions)
    studio.respond(gen.id, "make it more luxurious", confirm=True).result(timeout=60)
    changed = studio.store.get(gen.id)
    assert (changed.status, changed.stage, changed.ad, changed.clips) == (
        "awaiting_approval",
        "story",
        None,
        [],
    )
    assert changed.finished_ad == gen.ad  # the finished ad stays as version 1
    assert changed.story != gen.story and changed.story_history[-1] == gen.story
    studio.respond(gen.id, "looks good").result(timeout=60)
    again = studio.run(gen.id)
    assert again.status == "completed" and again.ad is not None


class RemoteVideo:
    """A provider double that, like Replicate, starts a prediction, reports its id, then finishes."""

    def __init__(self, store) -> None:
        self.inner = MotionRenderer()
        self.name = "remote double"
        self.store = store
        self.seen: dict[int, str | None] = {}
        self.stored_at_report: dict[int, str | None] = {}

    def render_clip(self, request, out_dir, run):
        assert run.generation_id == request.generation_id  # the run belongs to the clip's generation
        self.seen[request.scene.id] = request.resume_prediction_id
        pid = request.resume_prediction_id or f"pred-{request.scene.id}"
        run.report_prediction(pid)
        clip = self.store.clip(request.generation_id, request.scene.id)
        self.stored_at_report[request.scene.id] = clip.prediction_id
        result = self.inner.render_clip(request, out_dir, run)
        return result.model_copy(update={"prediction_id": pid, "model": self.name})


def test_a_clip_in_flight_at_a_crash_is_picked_up_by_its_prediction_id(settings: Settings) -> None:
    ctx = open_context(settings)
    remote = RemoteVideo(ctx.store)
    ctx.providers.video = remote
    studio = Studio(ctx)
    gen = studio.run(studio.create(_brief(scene_count=3)).id)
    assert gen.status == "completed"
    assert remote.stored_at_report == {1: "pred-1", 2: "pred-2", 3: "pred-3"}  # kept the moment it existed
    # The process died while scene 2 was at the provider: its row says processing, with the id.
    clip2 = studio.store.clip(gen.id, 2)
    studio.store.save_clip(gen.id, clip2.model_copy(update={"status": "processing", "location": None}))
    studio.store.update(gen.id, lambda g: (setattr(g, "ad", None), setattr(g, "status", "clips")))
    remote.seen.clear()
    gen = studio.resume(gen.id).result()
    ctx.runner.shutdown()
    assert gen.status == "completed"
    assert remote.seen == {2: "pred-2"}  # only scene 2 again, and by its prediction, not a new one


def test_stop_halts_rendering_keeps_finished_work_and_resume_finishes(studio: Studio, monkeypatch) -> None:
    import time

    from studio.offline import motion
    from studio.render.ffmpeg import FrameWriter

    class PacedWriter(FrameWriter):
        """Frames written at a walking pace: a 360p clip renders in well under a second, faster than a
        person (or this test's 50 ms look) can press Stop in the middle of it."""

        def write(self, frame):  # type: ignore[no-untyped-def]
            time.sleep(0.01)
            return super().write(frame)

    monkeypatch.setattr(motion, "FrameWriter", PacedWriter)
    gen = studio.create(_brief(duration_s=40, scene_count=3))
    running = studio.start(gen.id)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until a clip is being drawn
        if any(c.status == "rendering" and 0 < c.progress < 60 for c in studio.store.clips(gen.id)):
            break
        time.sleep(0.05)
    studio.stop(gen.id)
    stopped = running.result(timeout=60)
    assert stopped.status == "stopped" and stopped.error is None  # a Stop is not a failure
    assert "Stopped" in studio.store.messages(gen.id)[-1].text
    assert studio.store.get(gen.id).status == "stopped"
    clips = studio.store.clips(gen.id)
    assert any(c.status != "complete" for c in clips)  # the one in flight was not finished
    assert stopped.ad is None
    finished = studio.resume(gen.id).result(timeout=300)
    assert finished.status == "completed", finished.error


def test_a_repainted_reference_keeps_the_scenes_and_renders_every_clip_again(studio: Studio) -> None:
    gen = studio.run(studio.create(_brief()).id)
    assert gen.status == "completed", gen.error
    studio.regenerate_reference(gen.id, 0, "warmer light").result(timeout=120)
    changed = studio.store.get(gen.id)
    assert changed.references[0] != gen.references[0]

    def written(scenes):  # what was written (each render scores its own clips)
        return [sc.model_dump(exclude={"quality_score"}) for sc in scenes]

    assert written(changed.scenes) == written(gen.scenes)  # scenes come from the story, not the pictures
    assert (changed.status, changed.stage, changed.ad) == ("awaiting_approval", "references", None)
    assert changed.scenes_outdated and changed.keyframes == []  # kept, marked, frames to draw again
    assert [(c.status, c.location) for c in changed.clips] == [("queued", None)] * 3
    studio.approve(gen.id).result(timeout=300)
    again = studio.store.get(gen.id)
    assert again.status == "completed", again.error
    assert written(again.scenes) == written(gen.scenes)
    assert [c.status for c in again.clips] == ["complete"] * 3


class MeteredWriter:
    """The offline writer metered like a real adapter: every call charged to the Run it is handed."""

    def __init__(self) -> None:
        from studio.providers.offline import OfflineWriter

        self.inner = OfflineWriter()
        self.name = "metered writer"

    def generate(self, request, output_type, run):
        with run.metered("test", "writer-1", request.task) as call:
            call.cost_usd = 0.001
            return self.inner.generate(request, output_type, run)


def test_stage_and_action_calls_are_charged_to_their_generation(settings: Settings) -> None:
    ctx = open_context(settings)
    ctx.providers.text = MeteredWriter()
    studio = Studio(ctx)
    try:
        gen = studio.run(studio.create(_brief(mode="interactive")).id)
        other = studio.run(studio.create(_brief(mode="interactive")).id)
        assert (gen.status, gen.stage) == ("awaiting_approval", "story")
        by_stage = studio.store.api_calls(gen.id)
        assert by_stage and by_stage[0].purpose == "story_director"
        studio.refine(gen.id, "make it funnier").result(timeout=60)  # an action on the job runner
        calls = studio.store.api_calls(gen.id)
        assert len(calls) > len(by_stage)
        assert all(c.generation_id == gen.id for c in calls)
        assert studio.store.get(gen.id).cost_usd == pytest.approx(0.001 * len(calls))
        assert len(studio.store.api_calls(other.id)) == len(by_stage)  # nothing charged to the other ad
    finally:
        ctx.runner.shutdown()


class HeldWriter:
    """The offline writer, held on a gate: the test decides when a story call may finish."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        import threading

        self.inner, self.name = inner, inner.name
        self.gate, self.entered = threading.Event(), threading.Event()

    def generate(self, request, output_type, run=None):  # type: ignore[no-untyped-def]
        if request.task == "story_director":
            self.entered.set()
            assert self.gate.wait(30), "the test never opened the gate"
        return self.inner.generate(request, output_type, run)


def test_an_action_shows_working_refuses_a_second_click_and_a_stop_during_it_stays_a_stop(
    studio: Studio,
) -> None:
    from studio.errors import Busy

    gen = studio.run(studio.create(_brief(mode="interactive")).id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "story")
    held = HeldWriter(studio.ctx.providers.text)
    studio.ctx.providers.text = held
    try:
        future = studio.refine(gen.id, "warmer")
        assert held.entered.wait(30)
        # The store says it works on the story at once; the page's buttons read that.
        assert studio.store.get(gen.id).status == "story"
        with pytest.raises(Busy):
            studio.refine(gen.id, "warmer")  # a second click: refused, nothing runs twice
        with pytest.raises(Busy):
            studio.respond(gen.id, "make it shorter")
        studio.stop(gen.id)
        held.gate.set()
        future.result(timeout=60)
    finally:
        held.gate.set()
        studio.ctx.providers.text = held.inner
    after = studio.store.get(gen.id)
    # The refined story landed, and the person's Stop was not overwritten by the action finishing.
    assert after.status == "stopped" and len(after.story_history) == 1
    studio.resume(gen.id).result(timeout=60)
    assert (studio.store.get(gen.id).status, studio.store.get(gen.id).stage) == ("awaiting_approval", "story")
