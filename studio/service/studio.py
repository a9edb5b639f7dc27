"""The studio's service layer: what a person can do to a generation, for the page and the CLI alike.

Each action changes the stored generation, then hands it to the orchestrator in the background. An
action that calls a provider (refine, regenerate, repaint, reading a chat message) runs on the job
runner with the generation's Run, so its calls are charged to the ad and the caller never waits on a
model. What an edit makes out of date is decided in one place: `lifecycle.invalidate_after`. None of
this touches Streamlit.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from studio.allowance import check_allowance
from studio.bootstrap import StudioContext
from studio.errors import BadInput, Busy, ConfigError, StudioError
from studio.lifecycle import WORKING_ON, invalidate_after, mark_resumed, mark_stopped, move
from studio.logs import logging_for
from studio.models import (
    ASPECT_RATIOS,
    SOUND_ACTIONS,
    Brief,
    Generation,
    Intent,
    Message,
    ReferenceImage,
    Scene,
    SceneEdit,
    Stage,
    Story,
    utcnow,
)
from studio.pipeline import references as ref_stage
from studio.pipeline.intent import parse_intent, resolve_intent
from studio.pipeline.orchestrator import Orchestrator
from studio.pipeline.scenes import edit_scene, rewrite_scene, write_scenes
from studio.pipeline.story import write_story
from studio.run import Run
from studio.runtime.jobs import JobRunner
from studio.runtime.recovery import heartbeat
from studio.seeds import derive, new_seed
from studio.service.pictures import PictureActions
from studio.service.stops import StopActions
from studio.service.versions import VersionActions, is_finished, needs_yes

if TYPE_CHECKING:
    from studio.imagelab import LabJob

log = logging.getLogger(__name__)


def _done(value: object) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class Studio(StopActions, VersionActions, PictureActions):
    """Create, steer and resume generations (the references and storyboard actions: stops.py;
    versions of a finished ad: versions.py; the image editor: pictures.py)."""

    def __init__(self, ctx: StudioContext) -> None:
        if ctx.runner is None:
            raise ValueError("the studio needs a job runner")
        self.ctx = ctx
        self.store = ctx.store
        self.runner: JobRunner = ctx.runner
        self.orchestrator = Orchestrator(ctx)
        # A process that exits leaves its generations running, heartbeat cleared: the next start resumes.
        self.runner.on_exit.append(lambda ids: [self.store.release(gen_id) for gen_id in ids])
        self._lab_jobs: dict[str, LabJob] = {}
        """Each person's latest image lab run in this process (UI handles; the images are on disk)."""
        self._lab_lock = threading.Lock()

    # ── lifecycle ────────────────────────────────────────────────────────────────────────────────

    def check_rate_limit(self, owner: str, *, signed_in: bool = False) -> None:
        """Refuse a new generation past the hourly limit where it applies (studio/allowance.py)."""
        check_allowance(self.store, self.ctx.settings, owner, signed_in=signed_in)

    def check_models_ready(self) -> None:
        """Refuse, before any spend, a paid model whose live schema lacks an input the studio sends."""
        models = self.ctx.providers.models
        if models is not None and models.problems:
            raise ConfigError(" ".join(models.problems))

    def create(
        self, brief: Brief, owner: str = "local", *, gen_id: str | None = None, signed_in: bool = False
    ) -> Generation:
        """Store a new generation for `brief` (nothing runs until `start`); `gen_id`: an id claimed ahead.

        `signed_in`: the caller is a person signed in to a shared studio (the page with a password or
        OIDC), so the hourly limit binds them even with no key in use; the command line passes False.
        """
        self.check_models_ready()
        self.check_rate_limit(owner, signed_in=signed_in)
        gen = Generation(
            id=gen_id or uuid.uuid4().hex[:16],
            owner=owner,
            brief=brief,
            seed=brief.seed if brief.seed is not None else new_seed(),
            config=self.ctx.pipeline.model_dump(mode="json"),
        )
        self.store.create(gen)
        self.store.add_message(gen.id, Message(role="user", stage="story", text=brief.prompt))
        return gen

    def start(self, gen_id: str) -> Future:
        """Drive the generation in the background from where it stands (no-op if already driven)."""
        return self.runner.drive(gen_id, lambda: self.orchestrator.advance(gen_id))

    def run(self, gen_id: str) -> Generation:
        """Drive the generation in this call until a breakpoint or the end."""
        return self.start(gen_id).result()

    def resume(self, gen_id: str) -> Future:
        """Carry an unfinished, stopped or failed generation on, reusing every finished stage and clip."""
        mark_resumed(self.store, gen_id)
        return self.start(gen_id)

    def stop(self, gen_id: str) -> Generation:
        """Stop a running generation: clips in flight are cancelled at the provider; finished work stays."""
        self.runner.cancel_event(gen_id).set()
        return mark_stopped(self.store, gen_id)

    def is_busy(self, gen_id: str) -> bool:
        """True while this process works on the generation (a stage or an action)."""
        return self.runner.is_driving(gen_id)

    # ── actions that call a provider: on the job runner, never in the caller's thread ───────────

    def _act(self, gen_id: str, stage: Stage, what: str, work: Callable[[Run], None]) -> Future:
        """Run `work` for the generation on the job runner; the store shows it working meanwhile.

        A second click while it runs is refused (nothing is paid for twice); a failure is said in the
        chat and the generation goes back to where it was.
        """
        before = self.store.get(gen_id)
        if self.runner.is_driving(gen_id) or before.is_running:
            raise Busy("Still working on this ad: wait for the current step to finish, or press Stop.")

        def show_working(g: Generation) -> None:
            move(g, WORKING_ON[stage], stage)

        self.store.update(gen_id, show_working)
        self.store.set_progress(gen_id, 0.0, what)

        def job() -> None:
            run = self.orchestrator.run_for(gen_id)
            with logging_for(gen_id), heartbeat(self.store, gen_id, self.runner.worker_id):
                try:
                    work(run)
                except Exception as exc:
                    if isinstance(exc, StudioError):
                        message = str(exc)
                    else:
                        message = f"unexpected error ({type(exc).__name__})"
                        log.exception("%s failed for %s", what, gen_id)
                    self._say(gen_id, stage, f"⚠️ {what} did not work: {message}")
                finally:
                    self.store.set_progress(gen_id, None, "")

                    def settle(g: Generation) -> None:
                        if g.status == WORKING_ON[stage]:  # the work did not move it on: back where it was
                            move(g, before.status, before.stage, error=before.error)

                    self.store.update(gen_id, settle)

        future = self.runner.try_drive(gen_id, job)
        if future is None:  # another click or tab got there first: its job runs, this one is not needed
            raise Busy("Still working on this ad: wait for the current step to finish, or press Stop.")
        return future

    def respond(
        self,
        gen_id: str,
        message: str,
        confirm: bool = False,
        *,
        intent: Intent | None = None,
        record: bool = True,
    ) -> Future:
        """Act on a chat message at the current stop: approve, refine, regenerate, edit a scene, or change
        the sound or end card (a new version of a finished ad, from the clips already rendered).

        Reading the message may ask the text model, so it runs on the job runner like every other
        provider call; the future gives the intent that was acted on. On a finished ad, a change that
        would discard approved work is only planned (`pending_change`, said in the chat) unless
        `confirm` is True; `confirm_change` then applies it. `intent` skips reading the message.
        """
        message = message.strip()
        if not message:
            raise BadInput("Type a message: approve, ask for a change, or edit a scene.")
        if len(message) > 5000:
            raise BadInput("That message is too long (over 5,000 characters); shorten it.")
        gen = self.store.get(gen_id)
        if self.runner.is_driving(gen_id) or gen.is_running:
            raise Busy("Still working on this ad: wait for the current step to finish, or press Stop.")
        if record:
            self.store.add_message(gen_id, Message(role="user", stage=gen.stage, text=message))
        ruled = intent or parse_intent(message, gen.stage)
        finished = is_finished(gen)
        if ruled is not None and needs_yes(gen, ruled) and not confirm:
            self.ask_first(gen_id, ruled, message)  # nothing approved is discarded without a yes
            return _done(ruled)
        if ruled is not None and ruled.action == "approve":
            if finished:
                self._say(gen_id, "ad", "The ad is finished. Ask for a change and I will make a new version.")
            else:
                self.approve(gen_id)
            return _done(ruled)
        if ruled is not None and ruled.action == "edit_scene" and ruled.scene_id is not None:
            self.edit_scene(gen_id, ruled.scene_id, SceneEdit(description=ruled.text))
            if finished:  # the yes was given: render that clip and make the new version
                self.describe_new_version(gen_id, message)
                self.approve(gen_id)
            return _done(ruled)
        acted: list[Intent] = []

        def read_and_act(run: Run) -> None:
            intent = ruled or resolve_intent(message, gen.stage, self.ctx.providers.text, run)
            acted.append(intent)
            if needs_yes(gen, intent) and not confirm:  # as it stood when the message came
                self.ask_first(gen_id, intent, message)
            elif intent.action in SOUND_ACTIONS:
                self._change_assembly(gen_id, intent, run)
            elif intent.action == "approve" and finished:
                self._say(gen_id, "ad", "The ad is finished. Ask for a change and I will make a new version.")
            elif gen.stage in ("references", "storyboard") and intent.action != "approve":
                self._respond_at_stop(gen_id, gen.stage, intent, message, run)  # about the pictures
            elif intent.action == "approve":
                self._approve(gen_id)
            elif intent.action == "regenerate":
                self._regenerate(gen_id, run)
            elif intent.action == "edit_scene" and intent.scene_id is not None:
                self._edit_scene(gen_id, intent.scene_id, SceneEdit(description=intent.text))
            elif intent.action == "regenerate_scene" and intent.scene_id is not None:
                self._regenerate_scene(gen_id, intent.scene_id, intent.text or None, run)
            else:
                self._refine(gen_id, intent.text or message, run)
            if finished and intent.action in ("regenerate", "refine", "edit_scene", "regenerate_scene"):
                self.describe_new_version(gen_id, message)
            if finished and intent.action in ("edit_scene", "regenerate_scene"):
                self._approve(gen_id)  # the yes was given: render that clip and make the new version

        future = self._act(gen_id, gen.stage, "Reading your message", read_and_act)
        result: Future = Future()
        future.add_done_callback(
            lambda f: (
                result.set_exception(f.exception())
                if f.exception()
                else result.set_result(acted[0] if acted else Intent(action="refine", text=message))
            )
        )
        return result

    def _say(self, gen_id: str, stage: str, text: str) -> None:
        self.store.add_message(gen_id, Message(role="assistant", stage=stage, text=text))

    def approve(self, gen_id: str) -> Future:
        """Approve the story or the scenes, whichever waits, and carry on."""
        self._approve(gen_id)
        return self.start(gen_id)

    def _approve(self, gen_id: str) -> None:
        gen = self.store.get(gen_id)

        def approved(g: Generation) -> None:
            if g.stage == "story" and g.story is not None:
                g.story_approved = True
            elif g.stage == "scenes" and g.scenes:
                g.scenes_approved = True
            elif g.stage == "references" and g.references:
                g.references_approved = True
            elif g.stage == "storyboard" and g.keyframes:
                g.storyboard_approved = True
            if g.status == "awaiting_approval":
                # Running from this moment: the page stops offering the approval it just got.
                move(g, "pending")

        self.store.update(gen_id, approved)
        self._say(gen_id, gen.stage, "Approved. Carrying on.")
        if self.runner.is_driving(gen_id):  # called from inside a job: carry on when it ends
            self.runner.after(gen_id, lambda: self.start(gen_id))

    def refine(self, gen_id: str, feedback: str) -> Future:
        """Rewrite the story (or all scenes, at the scenes stage) with the person's feedback."""
        stage = self.store.get(gen_id).stage
        what = "Rewriting the scenes" if stage == "scenes" else "Refining the story"
        return self._act(
            gen_id,
            "scenes" if stage == "scenes" else "story",
            what,
            lambda run: self._refine(gen_id, feedback, run),
        )

    def _refine(self, gen_id: str, feedback: str, run: Run) -> None:
        gen = self.store.get(gen_id)
        text, cfg, seed = self.ctx.providers.text, self.ctx.pipeline, derive(gen.seed)
        if gen.stage == "scenes" and gen.scenes and gen.story:
            scenes = write_scenes(
                gen.brief,
                gen.story,
                gen.context,
                text,
                cfg,
                seed,
                feedback=feedback,
                previous=gen.scenes,
                run=run,
            )
            self._replace_scenes(gen_id, scenes)
            self._say(gen_id, "scenes", "Rewrote the scenes with your feedback.")
            return
        story = write_story(gen.brief, text, cfg, seed, feedback=feedback, previous=gen.story, run=run)
        self._replace_story(gen_id, story)
        self._say(gen_id, "story", f"Refined the story: “{story.title}”.")

    def regenerate(self, gen_id: str) -> Future:
        """A fresh story (or fresh scenes) from the same brief, with a new variation seed."""
        stage = self.store.get(gen_id).stage
        what = "Writing new scenes" if stage == "scenes" else "Writing a new story"
        return self._act(
            gen_id,
            "scenes" if stage == "scenes" else "story",
            what,
            lambda run: self._regenerate(gen_id, run),
        )

    def _regenerate(self, gen_id: str, run: Run) -> None:
        gen = self.store.get(gen_id)
        text, cfg = self.ctx.providers.text, self.ctx.pipeline
        variation = derive(gen.seed, attempt=len(gen.story_history) + 1)
        if gen.stage == "scenes" and gen.story:
            scenes = write_scenes(gen.brief, gen.story, gen.context, text, cfg, variation, run=run)
            self._replace_scenes(gen_id, scenes)
            self._say(gen_id, "scenes", "Wrote new scenes.")
            return
        story = write_story(gen.brief, text, cfg, variation, run=run)
        self._replace_story(gen_id, story)
        self._say(gen_id, "story", f"Here is a new story: “{story.title}”.")

    def _replace_story(self, gen_id: str, story: Story) -> Generation:
        def change(g: Generation) -> None:
            if g.story is not None:
                g.story_history.append(g.story)
            g.story = story

        return invalidate_after(self.store, gen_id, "story", change)

    def _replace_scenes(
        self, gen_id: str, scenes: list[Scene], changed: set[int] | None = None
    ) -> Generation:
        """Store new scenes; clips of changed scenes (all, if not said) must be rendered again."""
        return invalidate_after(
            self.store, gen_id, "scenes", lambda g: setattr(g, "scenes", scenes), scene_ids=changed
        )

    def edit_scene(self, gen_id: str, scene_id: int, edit: SceneEdit) -> Generation:
        """The person's own words for a scene (no provider call: done at once)."""
        gen = self.store.get(gen_id)
        if self.runner.is_driving(gen_id) or gen.is_running:
            raise Busy("Still working on this ad: wait for the current step to finish, or press Stop.")
        return self._edit_scene(gen_id, scene_id, edit)

    def _edit_scene(self, gen_id: str, scene_id: int, edit: SceneEdit) -> Generation:
        gen = self.store.get(gen_id)
        gen = self._replace_scenes(gen_id, edit_scene(gen.scenes, scene_id, edit), {scene_id})
        self._say(gen_id, "scenes", f"Scene {scene_id} updated.")
        return gen

    def regenerate_scene(self, gen_id: str, scene_id: int, feedback: str | None = None) -> Future:
        """Rewrite one scene with the text model; only its clip is rendered again."""
        gen = self.store.get(gen_id)
        if gen.story is None:
            raise BadInput("There is no story yet to write scenes from.")
        return self._act(
            gen_id,
            "scenes",
            f"Rewriting scene {scene_id}",
            lambda run: self._regenerate_scene(gen_id, scene_id, feedback, run),
        )

    def _regenerate_scene(self, gen_id: str, scene_id: int, feedback: str | None, run: Run) -> None:
        gen = self.store.get(gen_id)
        if gen.story is None:
            raise BadInput("There is no story yet to write scenes from.")
        scenes = rewrite_scene(
            gen.brief,
            gen.story,
            gen.context,
            gen.scenes,
            scene_id,
            self.ctx.providers.text,
            derive(gen.seed, scene=scene_id),
            run,
            feedback,
        )
        self._replace_scenes(gen_id, scenes, {scene_id})
        self._say(gen_id, "scenes", f"Rewrote scene {scene_id}" + (f" ({feedback})." if feedback else "."))

    # ── references and clips ─────────────────────────────────────────────────────────────────────

    def regenerate_reference(self, gen_id: str, index: int, feedback: str) -> Future:
        """Paint one reference again with a sentence of feedback."""

        def work(run: Run) -> None:
            gen = self.store.get(gen_id)
            refs = ref_stage.repaint_reference(
                gen_id,
                gen.references,
                index,
                feedback,
                gen.brief,
                gen.story,
                gen.context,
                self.ctx.providers,
                derive(gen.seed),
                run,
            )
            self._replace_references(gen_id, refs)
            self._say(gen_id, "references", f"Repainted reference {index + 1} ({feedback}).")

        return self._act(gen_id, "references", f"Repainting reference {index + 1}", work)

    def replace_reference(self, gen_id: str, index: int, location: str, upload: str | None = None) -> Future:
        """Use an uploaded picture (checked and stored; `upload`: its file name) as reference `index`."""

        def work(run: Run) -> None:
            gen = self.store.get(gen_id)
            refs = ref_stage.replace_reference(
                gen_id, gen.references, index, location, self.ctx.providers, gen.story, run, upload
            )
            self._replace_references(gen_id, refs)
            self._say(gen_id, "references", f"Reference {index + 1} replaced by your upload.")

        return self._act(gen_id, "references", f"Analysing the new reference {index + 1}", work)

    def _replace_references(self, gen_id: str, refs: list[ReferenceImage]) -> Generation:
        context = ref_stage.consistency_context(refs, self.store.get(gen_id).story)

        def change(g: Generation) -> None:
            g.references, g.context = refs, context

        return invalidate_after(self.store, gen_id, "references", change)

    def reexport(self, gen_id: str, aspect_ratio: str, owner: str | None = None) -> Generation:
        """The same ad at another aspect ratio: story, references and scenes reused, clips laid out anew."""
        source = self.store.get(gen_id)
        if source.story is None or not source.scenes or not source.references:
            raise BadInput("Only an ad with a story, references and scenes can be re-exported.")
        if aspect_ratio == source.brief.aspect_ratio:
            raise BadInput(f"This ad is already {aspect_ratio}; pick another aspect ratio.")
        try:
            brief = Brief.model_validate({**source.brief.model_dump(), "aspect_ratio": aspect_ratio})
        except ValueError:
            raise BadInput(f"{aspect_ratio!r} is not one of {', '.join(ASPECT_RATIOS)}.") from None
        gen = source.model_copy(
            update={
                "id": uuid.uuid4().hex[:16],
                "owner": owner or source.owner,
                "status": "pending",
                "stage": "clips",
                "brief": brief,
                "scenes": [sc.model_copy(update={"quality_score": None}) for sc in source.scenes],
                "story_approved": True,
                "scenes_approved": True,
                "references_approved": True,
                # The approved frames the person paid for or chose stay; free composed ones are redrawn.
                "keyframes": [k for k in source.keyframes if k.source != "composed"],
                "storyboard_approved": True,
                "clips": [],
                "ad": None,
                "versions": [],  # a new ad of its own (the sound and end-card settings carry over)
                "pending_change": None,
                "overall_score": None,
                "scoring_failed": False,
                "cost_usd": 0.0,
                "error": None,
                "created_at": utcnow(),
                "updated_at": utcnow(),
                "completed_at": None,
                "version": 1,
            }
        )
        self.store.create(gen)
        note = f"Re-exporting ad {source.id} at {aspect_ratio}: same story, references and scenes."
        self._say(gen.id, "ad", note)
        return gen

    def retry_clip(self, gen_id: str, scene_id: int) -> Future:
        """Render one failed clip again; the ad is stitched once every clip is complete."""
        clip = self.store.clip(gen_id, scene_id)
        self.store.save_clip(
            gen_id, clip.model_copy(update={"status": "queued", "progress": 0, "error": None})
        )
        mark_resumed(self.store, gen_id)
        return self.start(gen_id)

    # ── the image lab: on the job runner like every provider call, one run per person at a time ─────

    def start_image_lab(
        self,
        owner: str,
        prompt: str,
        *,
        num_variations: int = 8,
        aspect_ratio: str = "1:1",
        seed: int | None = None,
        output_dir: Path | None = None,
        enhance: bool = False,
        model: str | None = None,
    ) -> LabJob:
        """Start an image lab run for `owner` on the job runner and return its handle at once.

        Bad input is refused here, before any work. So is a second start while the person's run still
        works: nothing is paid for twice. Its calls go to the store's api_calls, charged to no ad.
        """
        from studio.imagelab import LabJob, check_request, resolve_output_root, run_image_lab

        check_request(prompt, num_variations, aspect_ratio, seed)
        root = resolve_output_root(output_dir or Path(self.ctx.settings.data_dir) / "image_generations")
        job = LabJob(owner)

        def work() -> None:
            run = Run.detached(meter=self.store).with_cancel(self.runner.exiting.is_set)
            try:
                job.finish(
                    run_image_lab(
                        prompt,
                        providers=self.ctx.providers,
                        num_variations=num_variations,
                        aspect_ratio=aspect_ratio,
                        seed=seed,
                        output_dir=root,
                        model=model,
                        enhance=enhance,
                        on_progress=job.report,
                        run=run,
                        limit=self.ctx.settings.max_concurrent,
                    )
                )
            except StudioError as exc:
                job.fail(str(exc))
            except Exception as exc:
                log.exception("the image lab failed for %s", owner)
                job.fail(f"The image lab stopped on an unexpected error ({type(exc).__name__}).")

        with self._lab_lock:
            running = self.image_lab_job(owner)
            if running is not None and not running.done:
                raise Busy("Your images are still being made: wait for this set, then generate again.")
            # A key of its own: a driver still returning from the last run must not swallow this one.
            future = self.runner.drive(f"imagelab:{owner}:{uuid.uuid4().hex[:8]}", work)
            self._lab_jobs[owner] = job
        # Cancelled unstarted (the process exiting): end the job, or the person would wait for ever.
        future.add_done_callback(lambda _f: None if job.done else job.fail("The image lab was stopped."))
        return job

    def image_lab_job(self, owner: str) -> LabJob | None:
        """The person's latest image lab run in this process (running or finished), if any."""
        return self._lab_jobs.get(owner)
