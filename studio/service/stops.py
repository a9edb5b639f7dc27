"""What a person can do at the references stop and the storyboard stop (part of the service layer).

`Studio` (studio.py) takes these actions in as a mixin: they use its job runner (`_act`), its
store and its chat. Chat at these stops is about the pictures: "make the background brighter" repaints
the environment reference and says so; "frame 2 warmer" redraws scene 2's storyboard frame.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from studio.errors import BadInput, Busy
from studio.lifecycle import invalidate_after
from studio.models import Generation, Intent, Keyframe, Stage
from studio.pipeline import references as ref_stage
from studio.pipeline import storyboard as storyboard_stage
from studio.pipeline.intent import frame_target, reference_targets
from studio.pipeline.scenes import write_scenes
from studio.providers.costs import billed_clip_seconds, estimate
from studio.run import Run
from studio.seeds import derive

if TYPE_CHECKING:
    from studio.bootstrap import StudioContext
    from studio.runtime.jobs import JobRunner
    from studio.store.repo import Store

BUSY = "Still working on this ad: wait for the current step to finish, or press Stop."
REWRITE_FOR_REFERENCES = "Keep the story and the beats; describe the look of the references as they are now."


def video_cost_estimate(ctx: StudioContext, gen: Generation) -> float | None:
    """The list-price cost of the video stage for these scenes; 0.0 offline, None if the model is unpriced."""
    if not ctx.settings.use_replicate:
        return 0.0
    model = ctx.settings.replicate_video_model
    total = 0.0
    for scene in gen.scenes:
        cost = estimate(model, seconds=billed_clip_seconds(model, scene.duration_s), videos=1)
        if cost is None:
            return None
        total += cost
    return round(total, 4)


class StopActions:
    """The references and storyboard actions of `Studio` (see studio.py)."""

    ctx: StudioContext
    store: Store
    runner: JobRunner
    _act: Callable[[str, Stage, str, Callable[[Run], None]], Future]
    _say: Callable[[str, str, str], None]
    _replace_references: Callable[..., Generation]
    _replace_scenes: Callable[..., Generation]

    # ── the storyboard ───────────────────────────────────────────────────────────────────────────

    def regenerate_keyframe(self, gen_id: str, scene_id: int, feedback: str | None = None) -> Future:
        """Draw one scene's storyboard frame again (with a sentence of feedback); only its clip redoes."""
        return self._act(gen_id, "storyboard", f"Redrawing the frame of scene {scene_id}",
                         lambda run: self._regenerate_keyframe(gen_id, scene_id, feedback, run))  # fmt: skip

    def _regenerate_keyframe(self, gen_id: str, scene_id: int, feedback: str | None, run: Run) -> None:
        gen = self.store.get(gen_id)
        frames = storyboard_stage.regenerate_keyframe(gen, scene_id, feedback, self.ctx.providers, run)
        self._replace_keyframes(gen_id, frames, {scene_id})
        self._say(gen_id, "storyboard", f"Redrew the frame of scene {scene_id}"
                  + (f" ({feedback})." if feedback else "."))  # fmt: skip

    def replace_keyframe(
        self, gen_id: str, scene_id: int, location: str, upload: str | None = None
    ) -> Generation:
        """Use the person's picture (already checked and stored) as scene `scene_id`'s frame, at once."""
        gen = self.store.get(gen_id)
        if self.runner.is_driving(gen_id) or gen.is_running:
            raise Busy(BUSY)
        frames = storyboard_stage.replace_keyframe(gen, scene_id, location, upload, self.ctx.providers)
        gen = self._replace_keyframes(gen_id, frames, {scene_id})
        self._say(gen_id, "storyboard", f"Scene {scene_id} now starts from your picture"
                  + (f" ({upload})." if upload else "."))  # fmt: skip
        return gen

    def _replace_keyframes(self, gen_id: str, frames: list[Keyframe], changed: set[int]) -> Generation:
        return invalidate_after(
            self.store, gen_id, "storyboard", lambda g: setattr(g, "keyframes", frames), scene_ids=changed
        )

    def video_cost_estimate(self, gen: Generation) -> float | None:
        """What the clips of this storyboard will cost at list prices (None: the model has no price)."""
        return video_cost_estimate(self.ctx, gen)

    # ── scenes written before the references changed ────────────────────────────────────────────

    def rewrite_outdated_scenes(self, gen_id: str) -> Future:
        """Rewrite every scene from the references as they are now (one click after a reference changed)."""
        gen = self.store.get(gen_id)
        if gen.story is None or not gen.scenes:
            raise BadInput("There are no scenes yet to rewrite.")
        return self._act(gen_id, "scenes", "Rewriting the scenes for the new references",
                         lambda run: self._rewrite_outdated_scenes(gen_id, run))  # fmt: skip

    def _rewrite_outdated_scenes(self, gen_id: str, run: Run) -> None:
        gen = self.store.get(gen_id)
        assert gen.story is not None
        scenes = write_scenes(
            gen.brief, gen.story, gen.context, self.ctx.providers.text, self.ctx.pipeline, derive(gen.seed),
            feedback=REWRITE_FOR_REFERENCES, previous=gen.scenes, run=run,
        )  # fmt: skip
        self._replace_scenes(gen_id, scenes)
        self._say(gen_id, "scenes", "Rewrote the scenes from the new references.")

    # ── chat at these stops ──────────────────────────────────────────────────────────────────────

    def _respond_at_stop(self, gen_id: str, stage: Stage, intent: Intent, message: str, run: Run) -> None:
        """Act on a chat message (not an approval) at the references or the storyboard stop."""
        if stage == "references":
            self._chat_references(gen_id, intent, message, run)
        else:
            self._chat_storyboard(gen_id, intent, message, run)

    def _chat_references(self, gen_id: str, intent: Intent, message: str, run: Run) -> None:
        gen = self.store.get(gen_id)
        kinds = [r.kind for r in gen.references]
        targets = reference_targets(message, kinds)
        if not targets:  # nothing named: every painted reference (the brand's uploads stay as they are)
            targets = [i for i, r in enumerate(gen.references) if r.source == "generated"]
        if not targets:
            self._say(
                gen_id,
                "references",
                "All three references are your uploads, so nothing was repainted: "
                'name one ("the product", "reference 2") or replace it with another upload.',
            )
            return
        feedback = (intent.text or message) if intent.action != "regenerate" else "a fresh take"
        refs = gen.references
        for index in targets:
            refs = ref_stage.repaint_reference(
                gen_id, refs, index, feedback, gen.brief, gen.story, gen.context, self.ctx.providers,
                derive(gen.seed), run,
            )  # fmt: skip
        self._replace_references(gen_id, refs)
        names = ", ".join(f"the {kinds[i]} reference ({i + 1})" for i in targets)
        self._say(gen_id, "references", f"Repainted {names}: {feedback}. The consistency context is "
                  "updated; scenes written before are marked out of date.")  # fmt: skip

    def _chat_storyboard(self, gen_id: str, intent: Intent, message: str, run: Run) -> None:
        gen = self.store.get(gen_id)
        ids = [s.id for s in gen.scenes]
        scene_id = intent.scene_id if intent.scene_id in ids else frame_target(message, ids)
        feedback = (intent.text or message) if intent.action != "regenerate" else None
        targets = [scene_id] if scene_id is not None else ids
        frames = gen.keyframes
        for sid in targets:
            gen = gen.model_copy(update={"keyframes": frames})
            frames = storyboard_stage.regenerate_keyframe(gen, sid, feedback, self.ctx.providers, run)
        self._replace_keyframes(gen_id, frames, set(targets))
        which = f"the frame of scene {scene_id}" if scene_id is not None else "every frame"
        self._say(gen_id, "storyboard", f"Redrew {which}" + (f" ({feedback})." if feedback else "."))
