"""The studio's service layer: what a person can do to a generation, for the page and the CLI alike.

Each action changes the stored generation, then hands it to the orchestrator in the background. No
action renders anything itself, and none touches Streamlit.
"""

from __future__ import annotations

import logging
import math
import secrets
import uuid
from concurrent.futures import Future
from datetime import timedelta

from studio.bootstrap import StudioContext
from studio.errors import BadInput, RateLimited
from studio.models import (
    SEED_MAX,
    Brief,
    Clip,
    Generation,
    Intent,
    Message,
    SceneEdit,
    utcnow,
)
from studio.pipeline import references as ref_stage
from studio.pipeline.intent import resolve_intent
from studio.pipeline.orchestrator import Orchestrator
from studio.pipeline.scenes import edit_scene, rewrite_scene, write_scenes
from studio.pipeline.story import write_story

log = logging.getLogger(__name__)


def new_seed() -> int:
    return secrets.randbelow(SEED_MAX + 1)


class Studio:
    """Create, steer and resume generations."""

    def __init__(self, ctx: StudioContext) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.orchestrator = Orchestrator(ctx)

    # ── lifecycle ────────────────────────────────────────────────────────────────────────────────

    def check_rate_limit(self, owner: str) -> None:
        """Refuse a new generation past the per-person hourly limit, saying when the next one is possible."""
        limit = self.ctx.settings.rate_limit_per_hour
        count, oldest = self.store.count_since(owner, utcnow() - timedelta(hours=1))
        if count >= limit and oldest is not None:
            next_at = oldest + timedelta(hours=1)
            minutes = max(1, math.ceil((next_at - utcnow()).total_seconds() / 60))
            raise RateLimited(
                f"You have started {count} ads in the last hour (the limit is {limit}). "
                f"The next one is possible in {minutes} min, at {next_at:%H:%M} UTC."
            )

    def create(self, brief: Brief, owner: str = "local") -> Generation:
        """Store a new generation for `brief` (nothing runs until `start`)."""
        self.check_rate_limit(owner)
        gen = Generation(
            id=uuid.uuid4().hex[:16],
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
        return self.ctx.runner.drive(gen_id, lambda: self.orchestrator.advance(gen_id))  # type: ignore[union-attr]

    def run(self, gen_id: str) -> Generation:
        """Drive the generation in this call until a breakpoint or the end."""
        return self.start(gen_id).result()

    def resume(self, gen_id: str) -> Future:
        """Carry an unfinished generation on, reusing every finished stage and clip."""
        gen = self.store.get(gen_id)
        if gen.status == "failed":
            self.store.update(gen_id, lambda g: setattr(g, "error", None))
        return self.start(gen_id)

    def stop(self, gen_id: str) -> Generation:
        """Stop a running generation: clips in flight are cancelled at the provider; finished work stays."""
        self.ctx.runner.cancel_event(gen_id).set()  # type: ignore[union-attr]

        def change(g: Generation) -> None:
            if g.is_running:
                g.status, g.error = "failed", "Stopped. Finished clips are kept; resume to carry on."

        return self.store.update(gen_id, change)

    # ── conversation ─────────────────────────────────────────────────────────────────────────────

    def respond(self, gen_id: str, message: str) -> Intent:
        """Act on a chat message at the current breakpoint: approve, refine, regenerate, edit a scene."""
        message = message.strip()
        if not message:
            raise BadInput("Type a message: approve, ask for a change, or edit a scene.")
        if len(message) > 5000:
            raise BadInput("That message is too long (over 5,000 characters); shorten it.")
        gen = self.store.get(gen_id)
        self.store.add_message(gen_id, Message(role="user", stage=gen.stage, text=message))
        intent = resolve_intent(message, gen.stage, self.ctx.providers.text)
        if intent.action == "approve":
            self.approve(gen_id)
        elif intent.action == "regenerate":
            self.regenerate(gen_id)
        elif intent.action == "edit_scene" and intent.scene_id is not None:
            self.edit_scene(gen_id, intent.scene_id, SceneEdit(description=intent.text))
        elif intent.action == "regenerate_scene" and intent.scene_id is not None:
            self.regenerate_scene(gen_id, intent.scene_id, intent.text or None)
        else:
            self.refine(gen_id, intent.text or message)
        return intent

    def _say(self, gen_id: str, stage: str, text: str) -> None:
        self.store.add_message(gen_id, Message(role="assistant", stage=stage, text=text))

    def approve(self, gen_id: str) -> Future:
        """Approve the story or the scenes, whichever waits, and carry on."""
        gen = self.store.get(gen_id)
        if gen.stage == "story" and gen.story is not None:
            self.store.update(gen_id, lambda g: setattr(g, "story_approved", True))
        elif gen.stage == "scenes" and gen.scenes:
            self.store.update(gen_id, lambda g: setattr(g, "scenes_approved", True))
        self._say(gen_id, gen.stage, "Approved. Carrying on.")
        return self.start(gen_id)

    def refine(self, gen_id: str, feedback: str) -> Generation:
        """Rewrite the story (or all scenes, at the scenes stage) with the person's feedback."""
        gen = self.store.get(gen_id)
        text, cfg, seed = self.ctx.providers.text, self.ctx.pipeline, gen.seed or 0
        if gen.stage == "scenes" and gen.scenes and gen.story:
            scenes = write_scenes(
                gen.brief, gen.story, gen.context, text, cfg, seed, feedback=feedback, previous=gen.scenes
            )
            gen = self._replace_scenes(gen_id, scenes)
            self._say(gen_id, "scenes", "Rewrote the scenes with your feedback.")
            return gen
        story = write_story(gen.brief, text, cfg, seed, feedback=feedback, previous=gen.story)
        gen = self._replace_story(gen_id, story)
        self._say(gen_id, "story", f"Refined the story: “{story.title}”.")
        return gen

    def regenerate(self, gen_id: str) -> Generation:
        """A fresh story (or fresh scenes) from the same brief, with a new variation seed."""
        gen = self.store.get(gen_id)
        text, cfg = self.ctx.providers.text, self.ctx.pipeline
        variation = (gen.seed or 0) + 7919 * (len(gen.story_history) + 1)
        if gen.stage == "scenes" and gen.story:
            scenes = write_scenes(gen.brief, gen.story, gen.context, text, cfg, variation)
            self._say(gen_id, "scenes", "Wrote new scenes.")
            return self._replace_scenes(gen_id, scenes)
        story = write_story(gen.brief, text, cfg, variation)
        self._say(gen_id, "story", f"Here is a new story: “{story.title}”.")
        return self._replace_story(gen_id, story)

    def _replace_story(self, gen_id: str, story) -> Generation:  # type: ignore[no-untyped-def]
        def change(g: Generation) -> None:
            if g.story is not None:
                g.story_history.append(g.story)
            g.story = story
            # A new story means new scenes and clips; references stay (the look is the same brand).
            g.scenes, g.scenes_approved, g.ad, g.overall_score, g.scoring_failed = (
                [],
                False,
                None,
                None,
                False,
            )
            g.story_approved = g.brief.mode == "automated"
            if not g.is_running:
                # Changed after the fact (a finished or failed ad): show the new story and wait for approval.
                g.status, g.stage, g.story_approved, g.completed_at = (
                    "awaiting_approval",
                    "story",
                    False,
                    None,
                )

        self.store.delete_clips(gen_id)
        return self.store.update(gen_id, change)

    def _replace_scenes(self, gen_id: str, scenes, changed: set[int] | None = None) -> Generation:  # type: ignore[no-untyped-def]
        """Store new scenes; clips of changed scenes (all, if not said) must be rendered again."""
        gen = self.store.get(gen_id)
        for clip in gen.clips:
            if changed is None or clip.scene_id in changed:
                self.store.save_clip(gen_id, Clip(scene_id=clip.scene_id, attempts=0))

        def change(g: Generation) -> None:
            g.scenes, g.ad, g.overall_score, g.scoring_failed = scenes, None, None, False
            if g.status in ("completed", "failed"):
                # Changed after rendering: the person approves again, then only changed clips re-render.
                g.status, g.stage, g.scenes_approved = "awaiting_approval", "scenes", False

        return self.store.update(gen_id, change)

    def edit_scene(self, gen_id: str, scene_id: int, edit: SceneEdit) -> Generation:
        gen = self.store.get(gen_id)
        gen = self._replace_scenes(gen_id, edit_scene(gen.scenes, scene_id, edit), {scene_id})
        self._say(gen_id, "scenes", f"Scene {scene_id} updated.")
        return gen

    def regenerate_scene(self, gen_id: str, scene_id: int, feedback: str | None = None) -> Generation:
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
            (gen.seed or 0) + 31 * scene_id,
            feedback,
        )
        gen = self._replace_scenes(gen_id, scenes, {scene_id})
        self._say(gen_id, "scenes", f"Rewrote scene {scene_id}" + (f" ({feedback})." if feedback else "."))
        return gen

    # ── references and clips ─────────────────────────────────────────────────────────────────────

    def regenerate_reference(self, gen_id: str, index: int, feedback: str) -> Generation:
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
            gen.seed or 0,
        )
        return self._replace_references(gen_id, refs)

    def replace_reference(self, gen_id: str, index: int, location: str) -> Generation:
        gen = self.store.get(gen_id)
        refs = ref_stage.replace_reference(
            gen_id, gen.references, index, location, self.ctx.providers, gen.story
        )
        return self._replace_references(gen_id, refs)

    def _replace_references(self, gen_id: str, refs) -> Generation:  # type: ignore[no-untyped-def]
        context = ref_stage.consistency_context(refs, self.store.get(gen_id).story)

        def change(g: Generation) -> None:
            g.references, g.context = refs, context

        return self.store.update(gen_id, change)

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
            raise BadInput(f"{aspect_ratio!r} is not one of 9:16, 1:1, 4:5, 16:9.") from None
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
                "clips": [],
                "ad": None,
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
        self.store.update(gen_id, lambda g: setattr(g, "error", None))
        return self.start(gen_id)
