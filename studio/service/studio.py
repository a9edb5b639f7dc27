"""The studio's service layer: what a person can do to a generation, for the page and the CLI alike.

`Studio` holds what every action works with (an `ActionContext`: the store, the job runner, the
orchestrator) and hands each call to its action module (studio/service/actions/) or, for a chat
message, to the dispatcher (dispatch.py). An action that calls a provider runs on the job runner with the
generation's Run, so its calls are charged to the ad and the caller never waits on a model. What an edit
makes out of date is decided in one place: `lifecycle.invalidate_after`. None of this touches Streamlit.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from studio.bootstrap import StudioContext
from studio.models import Brief, Generation, Intent, PendingChange, SceneEdit
from studio.pipeline.orchestrator import Orchestrator
from studio.pipeline.pictures import PictureRef
from studio.runtime.jobs import JobRunner
from studio.service import dispatch
from studio.service.actions import (
    approve,
    control,
    create,
    imagelab,
    picture_edits,
    pictures,
    story,
    versions,
)
from studio.service.actions.base import ActionContext

if TYPE_CHECKING:
    from studio.imagelab import LabJob


class Studio:
    """Create, steer and resume generations: each method is one action of studio/service/actions/."""

    def __init__(self, ctx: StudioContext) -> None:
        if ctx.runner is None:
            raise ValueError("the studio needs a job runner")
        self.ctx = ctx
        self.store = ctx.store
        self.runner: JobRunner = ctx.runner
        self.orchestrator = Orchestrator(ctx)
        self.actions = ActionContext(ctx, ctx.store, ctx.runner, self.orchestrator)
        # A process that exits leaves its generations running, heartbeat cleared: the next start resumes.
        self.runner.on_exit.append(lambda ids: [self.store.release(gen_id) for gen_id in ids])
        self._labs = imagelab.LabJobs()

    # ── a generation: create, drive, stop, resume ────────────────────────────────────────────────

    def check_rate_limit(self, owner: str, *, signed_in: bool = False) -> None:
        create.check_rate_limit(self.actions, owner, signed_in=signed_in)

    def check_models_ready(self) -> None:
        create.check_models_ready(self.actions)

    def create(
        self, brief: Brief, owner: str = "local", *, gen_id: str | None = None, signed_in: bool = False
    ) -> Generation:
        return create.create(self.actions, brief, owner, gen_id=gen_id, signed_in=signed_in)

    def reexport(self, gen_id: str, aspect_ratio: str, owner: str | None = None) -> Generation:
        return create.reexport(self.actions, gen_id, aspect_ratio, owner)

    def start(self, gen_id: str) -> Future:
        return control.start(self.actions, gen_id)

    def run(self, gen_id: str) -> Generation:
        return control.run(self.actions, gen_id)

    def resume(self, gen_id: str) -> Future:
        return control.resume(self.actions, gen_id)

    def stop(self, gen_id: str) -> Generation:
        return control.stop(self.actions, gen_id)

    def is_busy(self, gen_id: str) -> bool:
        return control.is_busy(self.actions, gen_id)

    def retry_clip(self, gen_id: str, scene_id: int) -> Future:
        return control.retry_clip(self.actions, gen_id, scene_id)

    # ── what a person says, and approving ────────────────────────────────────────────────────────

    def respond(
        self, gen_id: str, message: str, confirm: bool = False, *, intent: Intent | None = None,
        record: bool = True,
    ) -> Future:  # fmt: skip
        return dispatch.respond(self.actions, gen_id, message, confirm, intent=intent, record=record)

    def confirm_change(self, gen_id: str) -> Future:
        return dispatch.confirm_change(self.actions, gen_id)

    def approve(self, gen_id: str) -> Future:
        return approve.approve(self.actions, gen_id)

    # ── the story and the scenes ─────────────────────────────────────────────────────────────────

    def refine(self, gen_id: str, feedback: str) -> Future:
        return story.refine(self.actions, gen_id, feedback)

    def regenerate(self, gen_id: str) -> Future:
        return story.regenerate(self.actions, gen_id)

    def edit_scene(self, gen_id: str, scene_id: int, edit: SceneEdit) -> Generation:
        return story.edit_scene(self.actions, gen_id, scene_id, edit)

    def regenerate_scene(self, gen_id: str, scene_id: int, feedback: str | None = None) -> Future:
        return story.regenerate_scene(self.actions, gen_id, scene_id, feedback)

    def rewrite_outdated_scenes(self, gen_id: str) -> Future:
        return story.rewrite_outdated_scenes(self.actions, gen_id)

    # ── the references and the storyboard ────────────────────────────────────────────────────────

    def regenerate_reference(self, gen_id: str, index: int, feedback: str) -> Future:
        return pictures.regenerate_reference(self.actions, gen_id, index, feedback)

    def replace_reference(self, gen_id: str, index: int, location: str, upload: str | None = None) -> Future:
        return pictures.replace_reference(self.actions, gen_id, index, location, upload)

    def regenerate_keyframe(self, gen_id: str, scene_id: int, feedback: str | None = None) -> Future:
        return pictures.regenerate_keyframe(self.actions, gen_id, scene_id, feedback)

    def replace_keyframe(
        self, gen_id: str, scene_id: int, location: str, upload: str | None = None
    ) -> Generation:
        return pictures.replace_keyframe(self.actions, gen_id, scene_id, location, upload)

    def video_cost_estimate(self, gen: Generation) -> float | None:
        return pictures.video_cost_estimate(self.actions, gen)

    # ── the image editor ─────────────────────────────────────────────────────────────────────────

    def edit_picture(self, gen_id: str, target: PictureRef, mask_png: bytes, prompt: str) -> Future:
        return picture_edits.edit_picture(self.actions, gen_id, target, mask_png, prompt)

    def discard_edit(self, gen_id: str, target: PictureRef) -> Generation:
        return picture_edits.discard_edit(self.actions, gen_id, target)

    def keep_edit(self, gen_id: str, target: PictureRef) -> Future:
        return picture_edits.keep_edit(self.actions, gen_id, target)

    def undo_version(self, gen_id: str, target: PictureRef) -> Future:
        return picture_edits.undo_version(self.actions, gen_id, target)

    # ── a finished ad: versions ──────────────────────────────────────────────────────────────────

    def plan_change(self, gen: Generation, intent: Intent, message: str) -> PendingChange:
        return versions.plan_change(self.actions, gen, intent, message)

    def ask_first(self, gen_id: str, intent: Intent, message: str) -> PendingChange:
        return versions.ask_first(self.actions, gen_id, intent, message)

    def cancel_change(self, gen_id: str) -> Generation:
        return versions.cancel_change(self.actions, gen_id)

    def describe_new_version(self, gen_id: str, message: str) -> None:
        versions.describe_new_version(self.actions, gen_id, message)

    def change_assembly(self, gen_id: str, intent: Intent) -> Future:
        return versions.change_assembly(self.actions, gen_id, intent)

    # ── the image lab ────────────────────────────────────────────────────────────────────────────

    def start_image_lab(
        self, owner: str, prompt: str, *, num_variations: int = 8, aspect_ratio: str = "1:1",
        seed: int | None = None, output_dir: Path | None = None, enhance: bool = False,
        model: str | None = None,
    ) -> LabJob:  # fmt: skip
        return imagelab.start_image_lab(
            self.actions, self._labs, owner, prompt, num_variations=num_variations, aspect_ratio=aspect_ratio,
            seed=seed, output_dir=output_dir, enhance=enhance, model=model,
        )  # fmt: skip

    def image_lab_job(self, owner: str) -> LabJob | None:
        return imagelab.image_lab_job(self._labs, owner)
