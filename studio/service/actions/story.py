"""The story and the scenes: refine with feedback, write afresh, edit a scene in the person's own words,
rewrite one scene, or every scene after the references changed. An edit discards what was made from the
old words (`lifecycle.invalidate_after`)."""

from __future__ import annotations

from concurrent.futures import Future

from studio.errors import BadInput
from studio.lifecycle import invalidate_after
from studio.models import Generation, Scene, SceneEdit, Story
from studio.pipeline import scenes as scene_stage
from studio.pipeline.story import write_story
from studio.run import Run
from studio.seeds import derive
from studio.service.actions.base import ActionContext, busy, say
from studio.service.actions.job import act

REWRITE_FOR_REFERENCES = "Keep the story and the beats; describe the look of the references as they are now."


def refine(cx: ActionContext, gen_id: str, feedback: str) -> Future:
    """Rewrite the story (or all scenes, at the scenes stage) with the person's feedback."""
    at_scenes = cx.store.get(gen_id).stage == "scenes"
    return act(cx, gen_id, "scenes" if at_scenes else "story",
               "Rewriting the scenes" if at_scenes else "Refining the story",
               lambda run: rewrite(cx, gen_id, feedback, run))  # fmt: skip


def rewrite(cx: ActionContext, gen_id: str, feedback: str, run: Run) -> None:
    """`refine`'s work, on the job runner."""
    gen = cx.store.get(gen_id)
    text, cfg, seed = cx.providers.text, cx.pipeline, derive(gen.seed)
    if gen.stage == "scenes" and gen.scenes and gen.story:
        scenes = scene_stage.write_scenes(
            gen.brief, gen.story, gen.context, text, cfg, seed,
            feedback=feedback, previous=gen.scenes, run=run,
        )  # fmt: skip
        replace_scenes(cx, gen_id, scenes)
        say(cx, gen_id, "scenes", "Rewrote the scenes with your feedback.")
        return
    story = write_story(gen.brief, text, cfg, seed, feedback=feedback, previous=gen.story, run=run)
    replace_story(cx, gen_id, story)
    say(cx, gen_id, "story", f"Refined the story: “{story.title}”.")


def regenerate(cx: ActionContext, gen_id: str) -> Future:
    """A fresh story (or fresh scenes) from the same brief, with a new variation seed."""
    at_scenes = cx.store.get(gen_id).stage == "scenes"
    return act(cx, gen_id, "scenes" if at_scenes else "story",
               "Writing new scenes" if at_scenes else "Writing a new story",
               lambda run: write_afresh(cx, gen_id, run))  # fmt: skip


def write_afresh(cx: ActionContext, gen_id: str, run: Run) -> None:
    """`regenerate`'s work, on the job runner."""
    gen = cx.store.get(gen_id)
    text, cfg = cx.providers.text, cx.pipeline
    variation = derive(gen.seed, attempt=len(gen.story_history) + 1)
    if gen.stage == "scenes" and gen.story:
        scenes = scene_stage.write_scenes(gen.brief, gen.story, gen.context, text, cfg, variation, run=run)
        replace_scenes(cx, gen_id, scenes)
        say(cx, gen_id, "scenes", "Wrote new scenes.")
        return
    story = write_story(gen.brief, text, cfg, variation, run=run)
    replace_story(cx, gen_id, story)
    say(cx, gen_id, "story", f"Here is a new story: “{story.title}”.")


def edit_scene(cx: ActionContext, gen_id: str, scene_id: int, edit: SceneEdit) -> Generation:
    """The person's own words for a scene (no provider call: done at once)."""
    busy(cx, gen_id)
    return change_scene(cx, gen_id, scene_id, edit)


def change_scene(cx: ActionContext, gen_id: str, scene_id: int, edit: SceneEdit) -> Generation:
    """`edit_scene` without the busy check (the caller made it, or is the job at work)."""
    gen = cx.store.get(gen_id)
    gen = replace_scenes(cx, gen_id, scene_stage.edit_scene(gen.scenes, scene_id, edit), {scene_id})
    say(cx, gen_id, "scenes", f"Scene {scene_id} updated.")
    return gen


def regenerate_scene(cx: ActionContext, gen_id: str, scene_id: int, feedback: str | None = None) -> Future:
    """Rewrite one scene with the text model; only its clip is rendered again."""
    if cx.store.get(gen_id).story is None:
        raise BadInput("There is no story yet to write scenes from.")
    return act(cx, gen_id, "scenes", f"Rewriting scene {scene_id}",
               lambda run: rewrite_scene(cx, gen_id, scene_id, feedback, run))  # fmt: skip


def rewrite_scene(cx: ActionContext, gen_id: str, scene_id: int, feedback: str | None, run: Run) -> None:
    """`regenerate_scene`'s work, on the job runner."""
    gen = cx.store.get(gen_id)
    if gen.story is None:
        raise BadInput("There is no story yet to write scenes from.")
    scenes = scene_stage.rewrite_scene(
        gen.brief, gen.story, gen.context, gen.scenes, scene_id, cx.providers.text,
        derive(gen.seed, scene=scene_id), run, feedback,
    )  # fmt: skip
    replace_scenes(cx, gen_id, scenes, {scene_id})
    say(cx, gen_id, "scenes", f"Rewrote scene {scene_id}" + (f" ({feedback})." if feedback else "."))


def rewrite_outdated_scenes(cx: ActionContext, gen_id: str) -> Future:
    """Rewrite every scene from the references as they are now (one click after a reference changed)."""
    gen = cx.store.get(gen_id)
    if gen.story is None or not gen.scenes:
        raise BadInput("There are no scenes yet to rewrite.")
    return act(cx, gen_id, "scenes", "Rewriting the scenes for the new references",
               lambda run: rewrite_for_references(cx, gen_id, run))  # fmt: skip


def rewrite_for_references(cx: ActionContext, gen_id: str, run: Run) -> None:
    """`rewrite_outdated_scenes`'s work, on the job runner."""
    gen = cx.store.get(gen_id)
    assert gen.story is not None
    scenes = scene_stage.write_scenes(
        gen.brief, gen.story, gen.context, cx.providers.text, cx.pipeline, derive(gen.seed),
        feedback=REWRITE_FOR_REFERENCES, previous=gen.scenes, run=run,
    )  # fmt: skip
    replace_scenes(cx, gen_id, scenes)
    say(cx, gen_id, "scenes", "Rewrote the scenes from the new references.")


def replace_story(cx: ActionContext, gen_id: str, story: Story) -> Generation:
    """Store a new story (the old one kept in its history); everything made from it is redone."""

    def change(g: Generation) -> None:
        if g.story is not None:
            g.story_history.append(g.story)
        g.story = story

    return invalidate_after(cx.store, gen_id, "story", change)


def replace_scenes(
    cx: ActionContext, gen_id: str, scenes: list[Scene], changed: set[int] | None = None
) -> Generation:
    """Store new scenes; clips of changed scenes (all, if not said) must be rendered again."""
    return invalidate_after(
        cx.store, gen_id, "scenes", lambda g: setattr(g, "scenes", scenes), scene_ids=changed
    )
