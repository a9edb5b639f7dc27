"""The pictures at the references stop and the storyboard stop: repaint or replace a reference, redraw or
replace a storyboard frame, and chat about them ("make the background brighter" repaints the environment
reference; "frame 2 warmer" redraws scene 2's frame). What a changed picture discards is
`lifecycle.invalidate_after`'s to say."""

from __future__ import annotations

from concurrent.futures import Future

from studio.lifecycle import invalidate_after
from studio.models import Generation, Intent, Keyframe, ReferenceImage, Stage
from studio.pipeline import references as ref_stage
from studio.pipeline import storyboard as storyboard_stage
from studio.pipeline.intent import frame_target, reference_targets
from studio.providers.costs import billed_clip_seconds, estimate
from studio.run import Run
from studio.seeds import derive
from studio.service.actions.base import ActionContext, busy, say
from studio.service.actions.job import act

# ── the references ───────────────────────────────────────────────────────────────────────────────


def regenerate_reference(cx: ActionContext, gen_id: str, index: int, feedback: str) -> Future:
    """Paint one reference again with a sentence of feedback."""

    def work(run: Run) -> None:
        gen = cx.store.get(gen_id)
        refs = ref_stage.repaint_reference(
            gen_id, gen.references, index, feedback, gen.brief, gen.story, gen.context, cx.providers,
            derive(gen.seed), run,
        )  # fmt: skip
        replace_references(cx, gen_id, refs)
        say(cx, gen_id, "references", f"Repainted reference {index + 1} ({feedback}).")

    return act(cx, gen_id, "references", f"Repainting reference {index + 1}", work)


def replace_reference(
    cx: ActionContext, gen_id: str, index: int, location: str, upload: str | None = None
) -> Future:
    """Use an uploaded picture (checked and stored; `upload`: its file name) as reference `index`."""

    def work(run: Run) -> None:
        gen = cx.store.get(gen_id)
        refs = ref_stage.replace_reference(
            gen_id, gen.references, index, location, cx.providers, gen.story, run, upload
        )
        replace_references(cx, gen_id, refs)
        say(cx, gen_id, "references", f"Reference {index + 1} replaced by your upload.")

    return act(cx, gen_id, "references", f"Analysing the new reference {index + 1}", work)


def replace_references(cx: ActionContext, gen_id: str, refs: list[ReferenceImage]) -> Generation:
    """Store new references and the consistency context derived from them."""
    context = ref_stage.consistency_context(refs, cx.store.get(gen_id).story)

    def change(g: Generation) -> None:
        g.references, g.context = refs, context

    return invalidate_after(cx.store, gen_id, "references", change)


# ── the storyboard ───────────────────────────────────────────────────────────────────────────────


def regenerate_keyframe(cx: ActionContext, gen_id: str, scene_id: int, feedback: str | None = None) -> Future:
    """Draw one scene's storyboard frame again (with a sentence of feedback); only its clip redoes."""

    def work(run: Run) -> None:
        gen = cx.store.get(gen_id)
        frames = storyboard_stage.regenerate_keyframe(gen, scene_id, feedback, cx.providers, run)
        replace_keyframes(cx, gen_id, frames, {scene_id})
        say(cx, gen_id, "storyboard", f"Redrew the frame of scene {scene_id}"
            + (f" ({feedback})." if feedback else "."))  # fmt: skip

    return act(cx, gen_id, "storyboard", f"Redrawing the frame of scene {scene_id}", work)


def replace_keyframe(
    cx: ActionContext, gen_id: str, scene_id: int, location: str, upload: str | None = None
) -> Generation:
    """Use the person's picture (already checked and stored) as scene `scene_id`'s frame, at once."""
    gen = busy(cx, gen_id)
    frames = storyboard_stage.replace_keyframe(gen, scene_id, location, upload, cx.providers)
    gen = replace_keyframes(cx, gen_id, frames, {scene_id})
    say(cx, gen_id, "storyboard", f"Scene {scene_id} now starts from your picture"
        + (f" ({upload})." if upload else "."))  # fmt: skip
    return gen


def replace_keyframes(
    cx: ActionContext, gen_id: str, frames: list[Keyframe], changed: set[int]
) -> Generation:
    """Store new storyboard frames; the clips of the changed scenes are rendered again."""
    return invalidate_after(
        cx.store, gen_id, "storyboard", lambda g: setattr(g, "keyframes", frames), scene_ids=changed
    )


def video_cost_estimate(cx: ActionContext, gen: Generation) -> float | None:
    """The list-price cost of the video stage for these scenes; 0.0 offline, None if the model is unpriced."""
    if not cx.settings.use_replicate:
        return 0.0
    model = cx.settings.replicate_video_model
    total = 0.0
    for scene in gen.scenes:
        cost = estimate(model, seconds=billed_clip_seconds(model, scene.duration_s), videos=1)
        if cost is None:
            return None
        total += cost
    return round(total, 4)


# ── chat at these stops ──────────────────────────────────────────────────────────────────────────


def chat_about_pictures(
    cx: ActionContext, gen_id: str, stage: Stage, intent: Intent, message: str, run: Run
) -> None:
    """Act on a chat message (not an approval) at the references or the storyboard stop."""
    if stage == "references":
        repaint_named_references(cx, gen_id, intent, message, run)
    else:
        redraw_named_frames(cx, gen_id, intent, message, run)


def repaint_named_references(cx: ActionContext, gen_id: str, intent: Intent, message: str, run: Run) -> None:
    """Repaint the references the message names (every painted one when it names none)."""
    gen = cx.store.get(gen_id)
    kinds = [r.kind for r in gen.references]
    targets = reference_targets(message, kinds)
    if not targets:  # nothing named: every painted reference (the brand's uploads stay as they are)
        targets = [i for i, r in enumerate(gen.references) if r.source == "generated"]
    if not targets:
        say(
            cx,
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
            gen_id, refs, index, feedback, gen.brief, gen.story, gen.context, cx.providers,
            derive(gen.seed), run,
        )  # fmt: skip
    replace_references(cx, gen_id, refs)
    names = ", ".join(f"the {kinds[i]} reference ({i + 1})" for i in targets)
    say(cx, gen_id, "references", f"Repainted {names}: {feedback}. The consistency context is "
        "updated; scenes written before are marked out of date.")  # fmt: skip


def redraw_named_frames(cx: ActionContext, gen_id: str, intent: Intent, message: str, run: Run) -> None:
    """Redraw the storyboard frame the message names (every frame when it names none)."""
    gen = cx.store.get(gen_id)
    ids = [s.id for s in gen.scenes]
    scene_id = intent.scene_id if intent.scene_id in ids else frame_target(message, ids)
    feedback = (intent.text or message) if intent.action != "regenerate" else None
    targets = [scene_id] if scene_id is not None else ids
    frames = gen.keyframes
    for sid in targets:
        gen = gen.model_copy(update={"keyframes": frames})
        frames = storyboard_stage.regenerate_keyframe(gen, sid, feedback, cx.providers, run)
    replace_keyframes(cx, gen_id, frames, set(targets))
    which = f"the frame of scene {scene_id}" if scene_id is not None else "every frame"
    say(cx, gen_id, "storyboard", f"Redrew {which}" + (f" ({feedback})." if feedback else "."))
