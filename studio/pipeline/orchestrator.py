"""The orchestrator: runs the stages in order, stores each result the moment it exists.

`advance` looks at what the generation already has and runs the first stage that is missing, then
the next, until a breakpoint (interactive mode stops after the story, the references, the scenes and the
storyboard: no video is paid for before the person has seen every scene's first frame) or the end.
That one rule makes resuming after a crash, a retry, or an approval the same call. It makes the
generation's `Run` and hands it to every stage: calls are charged to the generation, Stop is honoured,
progress reaches the store (and so the page's stepper).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field

from studio.bootstrap import StudioContext, register_context
from studio.brief.language import let_go as let_go_of_language_model
from studio.errors import Cancelled, StageError, StudioError
from studio.lifecycle import STOP_MESSAGE, move, next_step, score_version, with_version
from studio.logs import logging_for
from studio.models import Clip, Generation, GenerationStatus, Message, Stage, utcnow
from studio.pipeline import clips as clip_stage
from studio.pipeline import references as ref_stage
from studio.pipeline import storyboard as storyboard_stage
from studio.pipeline import tasks
from studio.pipeline.assemble import assemble
from studio.pipeline.scenes import write_scenes
from studio.pipeline.scoring import scored_from_the_ad
from studio.pipeline.story import write_story
from studio.providers.limits import calls_at_once
from studio.run import Run
from studio.runtime.memory import release_free_memory
from studio.runtime.recovery import heartbeat
from studio.seeds import derive

log = logging.getLogger(__name__)
POLL_S = 0.25
PROGRESS_EVERY_S = 0.5


@contextlib.contextmanager
def _timed(stage: str) -> Iterator[None]:
    """Log a stage's duration as a structured field (the JSON log lines carry stage and duration_s)."""
    start = time.perf_counter()
    yield
    elapsed = round(time.perf_counter() - start, 3)
    log.info("%s stage done in %.2f s", stage, elapsed, extra={"stage": stage, "duration_s": elapsed})
    release_free_memory()  # what the stage freed goes back before the next one allocates


class _StageProgress:
    """A stage's progress into the store, at most twice a second (the page's stepper reads it)."""

    def __init__(self, ctx: StudioContext, gen_id: str) -> None:
        self.ctx, self.gen_id = ctx, gen_id
        self._last = 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_EVERY_S or fraction >= 1.0 or fraction <= 0.0:
            self._last = now
            try:
                self.ctx.store.set_progress(self.gen_id, round(fraction, 3), message)
            except Exception as exc:  # progress is a courtesy: never fail a stage over it
                log.debug("progress of %s not saved: %s", self.gen_id, exc)


@dataclass
class _Drive:
    """One call of `advance`: the stages it ran, the clip scores it started."""

    ran: set[Stage] = field(default_factory=set)
    scoring: list[Future] = field(default_factory=list)
    scored: set[int] = field(default_factory=set)


class Orchestrator:
    """Runs generations through the stages; shared by the CLI, the page and recovery."""

    def __init__(self, ctx: StudioContext) -> None:
        if ctx.runner is None:
            raise ValueError("the orchestrator needs a job runner")
        self.ctx = ctx
        self.store = ctx.store
        self.runner = ctx.runner
        register_context(ctx)

    def run_for(self, gen_id: str) -> Run:
        """The generation's Run, reporting stage progress to the store."""
        return self.ctx.run_for(gen_id, on_progress=_StageProgress(self.ctx, gen_id))

    @property
    def limit(self) -> int:
        """A stage's provider calls in flight at once (STUDIO_MAX_CONCURRENT; see providers/limits.py)."""
        return self.ctx.settings.max_concurrent

    # ── the stages, in the order the lifecycle asks for them ───────────────────────────────────

    def advance(self, gen_id: str) -> Generation:
        """Run stages from where the generation stands until a stop for the person's yes, or the end.

        The lifecycle says what comes next (`lifecycle.next_step`); this runs it and asks again. A stage
        asked for twice in one drive did not do its work: that is a failure, never a loop.
        """
        run = self.run_for(gen_id)
        drive = _Drive()
        with logging_for(gen_id), heartbeat(self.store, gen_id, self.runner.worker_id):
            gen = self.store.get(gen_id)
            stage: Stage = gen.stage
            try:
                while True:
                    step = next_step(gen, scoring=self.ctx.pipeline.stages.scoring)
                    stage = step.stage
                    if step.act == "pause":
                        return self._set(gen.id, "awaiting_approval", stage)
                    if step.act == "finish":
                        finished = gen.completed_at or utcnow()
                        return self._set(gen.id, "completed", stage, completed_at=finished)
                    if stage in drive.ran:
                        raise StageError(stage, "the stage ended without its work: retry it")
                    drive.ran.add(stage)
                    with _timed(stage):
                        gen = self._stages[stage](gen, run, drive)
            except Exception as exc:
                if self.runner.exiting.is_set():  # the process is going away: leave it to be resumed
                    log.info("generation %s left running at %s: the process is exiting", gen_id, stage)
                    return self.store.get(gen_id)
                if isinstance(exc, Cancelled):
                    return self._stopped(gen_id, stage)
                if isinstance(exc, StudioError):
                    return self._fail(gen_id, stage, exc)
                # never lose the generation to a bug: record it, keep what exists
                log.exception("generation %s failed in %s", gen_id, stage)
                return self._fail(
                    gen_id, stage, StageError(stage, f"unexpected error ({type(exc).__name__})")
                )
            finally:
                self.store.set_progress(gen_id, None, "")

    @property
    def _stages(self) -> dict[Stage, Callable[[Generation, Run, _Drive], Generation]]:
        return {
            "story": self._story,
            "references": self._references,
            "scenes": self._scenes,
            "storyboard": self._storyboard,
            "clips": self._clips,
            "ad": self._assemble,
            "scores": self._scores,
        }

    def _set(self, gen_id: str, status: GenerationStatus, stage: Stage, **changes: object) -> Generation:
        """Store a stage's results and move its status (through the lifecycle); a Stop stays a Stop (the
        results are kept, then the drive stops)."""
        stopped = False

        def change(g: Generation) -> None:
            nonlocal stopped
            for key, value in changes.items():
                setattr(g, key, value)
            stopped = g.status == "stopped"
            if not stopped:
                move(g, status, stage)

        gen = self.store.update(gen_id, change)
        if stopped:
            raise Cancelled(STOP_MESSAGE)
        return gen

    def _say(self, gen: Generation, stage: str, text: str) -> None:
        self.store.add_message(gen.id, Message(role="assistant", stage=stage, text=text))

    def _story(self, gen: Generation, run: Run, drive: _Drive) -> Generation:
        self._set(gen.id, "story", "story")
        story = write_story(gen.brief, self.ctx.providers.text, self.ctx.pipeline, derive(gen.seed), run=run)
        let_go_of_language_model()  # the brief is read: 75 MB that would sit beside every later stage
        gen = self._set(gen.id, "story", "story", story=story, story_approved=gen.brief.mode == "automated")
        score = f" The critic gives it {story.critic_score:.1f}/10." if story.critic_score is not None else ""
        self._say(gen, "story", f"Here is a story on {story.framework}: “{story.title}”.{score}")
        return gen

    def _references(self, gen: Generation, run: Run, drive: _Drive) -> Generation:
        self._set(gen.id, "references", "references")
        refs = gen.references or ref_stage.make_references(
            gen.id, gen.brief, gen.story, self.ctx.providers, derive(gen.seed), run, limit=self.limit
        )
        context = ref_stage.consistency_context(refs, gen.story)
        gen = self._set(
            gen.id, "references", "references", references=refs, context=context,
            references_approved=gen.references_approved or gen.brief.mode == "automated",
        )  # fmt: skip
        origins = ", ".join(
            f"{r.kind} from {r.upload or 'your upload'}" if r.source == "brand" else f"{r.kind} generated"
            for r in refs
        )
        self._say(
            gen,
            "references",
            f"Using these {len(refs)} reference images for visual consistency across all scenes ({origins}).",
        )
        return gen

    def _storyboard(self, gen: Generation, run: Run, drive: _Drive) -> Generation:
        self._set(gen.id, "storyboard", "storyboard")
        keyframes = storyboard_stage.make_storyboard(gen, self.ctx.providers, run, limit=self.limit)
        gen = self._set(
            gen.id, "storyboard", "storyboard", keyframes=keyframes,
            storyboard_approved=gen.storyboard_approved or gen.brief.mode == "automated",
        )  # fmt: skip
        if gen.brief.mode == "interactive":
            self._say(
                gen,
                "storyboard",
                f"The storyboard: {len(keyframes)} frames, one per scene. Approve it "
                "to make the video clips, or change a frame first.",
            )
        return gen

    def _scenes(self, gen: Generation, run: Run, drive: _Drive) -> Generation:
        self._set(gen.id, "scenes", "scenes")
        assert gen.story is not None
        scenes = write_scenes(
            gen.brief,
            gen.story,
            gen.context,
            self.ctx.providers.text,
            self.ctx.pipeline,
            derive(gen.seed),
            run=run,
        )
        gen = self._set(
            gen.id, "scenes", "scenes", scenes=scenes, scenes_approved=gen.brief.mode == "automated"
        )
        self._say(
            gen, "scenes", f"{len(scenes)} scenes written, {sum(s.duration_s for s in scenes):.0f} s in all."
        )
        return gen

    def _clips(self, gen: Generation, run: Run, drive: _Drive) -> Generation:
        """Render every missing clip; raise if any failed after retries (the others are kept). Finished
        clips are scored meanwhile (`drive.scoring`)."""
        gen = self._set(gen.id, "clips", "clips")
        existing = {c.scene_id: c for c in gen.clips}
        for scene in gen.scenes:
            clip = existing.get(scene.id)
            if clip is None or clip.status != "complete":
                # Keep a started prediction's id: the clip task picks it up instead of paying twice.
                kept = clip.prediction_id if clip and clip.status in ("processing", "rendering") else None
                self.store.save_clip(
                    gen.id, Clip(scene_id=scene.id, attempts=clip.attempts if clip else 0, prediction_id=kept)
                )
        chains = clip_stage.plan_chains(gen.scenes)
        # Every chain at once up to the provider limit (the offline renderer: up to its cores).
        limit = min(self.ctx.pipeline.clips.in_flight, calls_at_once(self.ctx.providers.video, self.limit))
        pending = list(chains)
        running: set[Future] = set()
        deadline = time.monotonic() + self.ctx.pipeline.timeouts_s.clips * max(1, max(map(len, chains)))
        failed: list[int] = []
        while pending or running:
            if run.cancelled():
                pending.clear()
            while pending and len(running) < limit:
                running.add(self.runner.submit(tasks.render_chain, self.ctx.settings, gen.id, pending.pop(0)))
            done, running = wait(running, timeout=POLL_S, return_when=FIRST_COMPLETED)
            for future in done:
                failed.extend(future.result())
            drive.scoring += self._score_finished_clips(gen.id, drive.scored)
            if time.monotonic() > deadline:
                raise StageError(
                    "clips", f"rendering took longer than {self.ctx.pipeline.timeouts_s.clips:.0f} s a clip"
                )
        drive.scoring += self._score_finished_clips(gen.id, drive.scored)
        if run.cancelled():
            raise Cancelled(STOP_MESSAGE)
        if failed:
            gen = self.store.get(gen.id)
            reasons = "; ".join(f"scene {c.scene_id}: {c.error}" for c in gen.clips if c.status == "failed")
            raise StageError(
                "clips", f"{len(failed)} clip(s) failed ({reasons}). Retry them; the others are kept."
            )
        return self.store.get(gen.id)

    def _score_finished_clips(self, gen_id: str, scored: set[int]) -> list[Future]:
        if not self.ctx.pipeline.stages.scoring:
            return []
        jobs = []
        for clip in self.store.clips(gen_id):
            if scored_from_the_ad(clip):  # scored as its slice of the ad, by score_ad
                continue
            if clip.status == "complete" and clip.scene_id not in scored:
                scored.add(clip.scene_id)
                jobs.append(self.runner.submit(tasks.score_clip, self.ctx.settings, gen_id, clip.scene_id))
        return jobs

    def _assemble(self, gen: Generation, run: Run, drive: _Drive) -> Generation:
        self._set(gen.id, "assembling", "ad")
        if self.ctx.pipeline.stages.scoring:
            self.runner.submit(tasks.prepare_scoring, self.ctx.settings)
        ad = assemble(self.ctx, gen, run)
        versions = with_version(gen, ad, gen.assembly)  # a new version; the ones before stay listed
        gen = self._set(gen.id, "assembling", "ad", ad=ad, versions=versions)
        self._say(gen, "ad", f"Your ad is ready: {ad.duration_s:.1f} s at {ad.width}x{ad.height}.")
        return gen

    def _scores(self, gen: Generation, run: Run, drive: _Drive) -> Generation:
        """Score the ad, and wait for the clips' own scores (started as each clip finished)."""
        self._set(gen.id, "scoring", "scores")
        drive.scoring += self._score_finished_clips(gen.id, drive.scored)
        run.progress(0.0, "Scoring the ad")
        location = gen.ad.location if gen.ad else None
        report = self.runner.submit(tasks.score_ad, self.ctx.settings, gen.id, location).result()
        run.progress(0.8, "Scoring the clips")
        wait(drive.scoring)
        run.progress(1.0, "Scores ready")
        if gen.ad is not None:
            score_version(self.store, gen.id, gen.ad.location, report)
        return self._set(
            gen.id,
            "scoring",
            "scores",
            overall_score=report.overall if report else None,
            scoring_failed=report is None,
        )

    def _stopped(self, gen_id: str, stage: Stage) -> Generation:
        """The person pressed Stop: keep it a Stop (not a failure), finished work kept."""
        log.info("generation %s stopped during %s", gen_id, stage)

        def change(g: Generation) -> None:
            if g.status != "stopped":
                move(g, "stopped")

        gen = self.store.update(gen_id, change)
        self.store.add_message(gen_id, Message(role="assistant", stage=stage, text=STOP_MESSAGE))
        return gen

    def _fail(self, gen_id: str, stage: Stage, exc: StudioError) -> Generation:
        message = str(exc)
        log.warning("generation %s failed at %s: %s", gen_id, stage, message)

        def change(g: Generation) -> None:
            if g.status != "stopped":  # a Stop that raced with a failure stays a Stop
                move(g, "failed", stage, error=message)

        gen = self.store.update(gen_id, change)
        if gen.status == "failed":
            self.store.add_message(gen_id, Message(role="assistant", stage=stage, text=f"⚠️ {message}"))
        return gen
