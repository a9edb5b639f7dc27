"""The image editor: a brushed mask repainted, then kept or undone. Each kept edit is a new version of the
picture (studio/pipeline/pictures.py keeps the last five); what was made from the old one is out of date."""

from __future__ import annotations

from concurrent.futures import Future

from studio.errors import BadInput
from studio.lifecycle import invalidate_after
from studio.models import Generation
from studio.pipeline import pictures
from studio.pipeline import references as ref_stage
from studio.pipeline.pictures import PictureRef
from studio.run import Run
from studio.service.actions.base import ActionContext, say
from studio.service.actions.job import act
from studio.service.actions.pictures import replace_references


def edit_picture(cx: ActionContext, gen_id: str, target: PictureRef, mask_png: bytes, prompt: str) -> Future:
    """Repaint the brushed part (white) of a picture on the job runner; the result waits as its draft.

    The mask is checked at once (empty, unreadable or of another shape is refused with a reason).
    """
    current = pictures.picture_at(cx.store.get(gen_id), target)
    size = pictures.picture_size(cx.providers, current.location, target.label)
    pictures.check_mask(mask_png, size)

    def work(run: Run) -> None:
        g = cx.store.get(gen_id)
        location = pictures.picture_at(g, target).location
        draft = pictures.inpaint_picture(
            gen_id, target, location, mask_png, prompt, cx.providers, g.seed, run
        )
        cx.store.update(gen_id, lambda gen: pictures.change_picture(gen, target, draft=draft))
        say(cx, gen_id, target.stage, f"Edited {target.label}: compare, then keep it or undo.")

    return act(cx, gen_id, target.stage, f"Editing {target.label}", work)


def discard_edit(cx: ActionContext, gen_id: str, target: PictureRef) -> Generation:
    """Drop the picture's draft edit (nothing else changes)."""
    return cx.store.update(gen_id, lambda g: pictures.change_picture(g, target, draft=None))


def keep_edit(cx: ActionContext, gen_id: str, target: PictureRef) -> Future:
    """Make the draft the picture's current version; what was made from the old one is redone."""
    if pictures.picture_at(cx.store.get(gen_id), target).draft is None:
        raise BadInput(f"There is no edit of {target.label} to keep: generate one first.")

    def work(run: Run) -> None:
        picture = pictures.picture_at(cx.store.get(gen_id), target)
        if picture.draft is None:
            raise BadInput(f"There is no edit of {target.label} to keep: generate one first.")
        history, location = pictures.kept(picture.history, picture.location, picture.draft)
        new_version(cx, gen_id, target, location, history, run)
        say(cx, gen_id, target.stage, f"Kept the edit of {target.label}.")

    return act(cx, gen_id, target.stage, f"Keeping the edit of {target.label}", work)


def undo_version(cx: ActionContext, gen_id: str, target: PictureRef) -> Future:
    """Bring back the picture's previous version (the current one is dropped)."""
    pictures.restored(pictures.picture_at(cx.store.get(gen_id), target).history)

    def work(run: Run) -> None:
        history, location = pictures.restored(pictures.picture_at(cx.store.get(gen_id), target).history)
        new_version(cx, gen_id, target, location, history, run)
        say(cx, gen_id, target.stage, f"Went back to the previous version of {target.label}.")

    return act(cx, gen_id, target.stage, f"Restoring {target.label}", work)


def new_version(
    cx: ActionContext, gen_id: str, target: PictureRef, location: str, history: list[str], run: Run
) -> Generation:
    """A picture's version changed: what was made from it is out of date (a reference is re-analysed)."""
    update = {"location": location, "history": history, "draft": None}
    if target.kind == "keyframe":
        return invalidate_after(
            cx.store,
            gen_id,
            "storyboard",
            lambda g: pictures.change_picture(g, target, **update),
            scene_ids={target.index},
        )
    gen = cx.store.get(gen_id)
    pictures.change_picture(gen, target, **update, analysis=None)
    analysed = ref_stage.analyze_references(gen.references, cx.providers, gen.story, run)
    return replace_references(cx, gen_id, analysed)
