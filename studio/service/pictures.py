"""The image editor's actions (part of the service layer): a brushed mask repainted, then kept or undone.

`Studio` (studio.py) takes these actions in as a mixin. Each kept edit is a new version of the
picture (studio/pipeline/pictures.py keeps the last five); what was made from the old one is out of date.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from studio.errors import BadInput
from studio.lifecycle import invalidate_after
from studio.models import Generation, Stage
from studio.pipeline import pictures
from studio.pipeline import references as ref_stage
from studio.pipeline.pictures import PictureRef
from studio.run import Run

if TYPE_CHECKING:
    from studio.bootstrap import StudioContext
    from studio.store.repo import Store


class PictureActions:
    """The picture-edit actions of `Studio` (see studio.py)."""

    ctx: StudioContext
    store: Store
    _act: Callable[[str, Stage, str, Callable[[Run], None]], Future]
    _say: Callable[[str, str, str], None]
    _replace_references: Callable[..., Generation]

    def edit_picture(self, gen_id: str, target: PictureRef, mask_png: bytes, prompt: str) -> Future:
        """Repaint the brushed part (white) of a picture on the job runner; the result waits as its draft.

        The mask is checked at once (empty, unreadable or of another shape is refused with a reason).
        """
        current = pictures.picture_at(self.store.get(gen_id), target)
        size = pictures.picture_size(self.ctx.providers, current.location, target.label)
        pictures.check_mask(mask_png, size)

        def work(run: Run) -> None:
            g = self.store.get(gen_id)
            location = pictures.picture_at(g, target).location
            draft = pictures.inpaint_picture(
                gen_id, target, location, mask_png, prompt, self.ctx.providers, g.seed, run
            )
            self.store.update(gen_id, lambda gen: pictures.change_picture(gen, target, draft=draft))
            self._say(gen_id, target.stage, f"Edited {target.label}: compare, then keep it or undo.")

        return self._act(gen_id, target.stage, f"Editing {target.label}", work)

    def discard_edit(self, gen_id: str, target: PictureRef) -> Generation:
        """Drop the picture's draft edit (nothing else changes)."""
        return self.store.update(gen_id, lambda g: pictures.change_picture(g, target, draft=None))

    def keep_edit(self, gen_id: str, target: PictureRef) -> Future:
        """Make the draft the picture's current version; what was made from the old one is redone."""
        if pictures.picture_at(self.store.get(gen_id), target).draft is None:
            raise BadInput(f"There is no edit of {target.label} to keep: generate one first.")

        def work(run: Run) -> None:
            picture = pictures.picture_at(self.store.get(gen_id), target)
            if picture.draft is None:
                raise BadInput(f"There is no edit of {target.label} to keep: generate one first.")
            history, location = pictures.kept(picture.history, picture.location, picture.draft)
            self._new_version(gen_id, target, location, history, run)
            self._say(gen_id, target.stage, f"Kept the edit of {target.label}.")

        return self._act(gen_id, target.stage, f"Keeping the edit of {target.label}", work)

    def undo_version(self, gen_id: str, target: PictureRef) -> Future:
        """Bring back the picture's previous version (the current one is dropped)."""
        pictures.restored(pictures.picture_at(self.store.get(gen_id), target).history)

        def work(run: Run) -> None:
            history, location = pictures.restored(pictures.picture_at(self.store.get(gen_id), target).history)
            self._new_version(gen_id, target, location, history, run)
            self._say(gen_id, target.stage, f"Went back to the previous version of {target.label}.")

        return self._act(gen_id, target.stage, f"Restoring {target.label}", work)

    def _new_version(
        self, gen_id: str, target: PictureRef, location: str, history: list[str], run: Run
    ) -> Generation:
        """A picture's version changed: what was made from it is out of date (a reference is re-analysed)."""
        update = {"location": location, "history": history, "draft": None}
        if target.kind == "keyframe":
            return invalidate_after(
                self.store,
                gen_id,
                "storyboard",
                lambda g: pictures.change_picture(g, target, **update),
                scene_ids={target.index},
            )
        gen = self.store.get(gen_id)
        pictures.change_picture(gen, target, **update, analysis=None)
        analysed = ref_stage.analyze_references(gen.references, self.ctx.providers, gen.story, run)
        return self._replace_references(gen_id, analysed)
