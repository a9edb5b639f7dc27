"""Picture edits: repaint the masked part of a reference (or a keyframe) and keep its last versions.

A person brushes a mask on a picture (white = repaint) and says what to put there. The image port's
inpainting fills it (flux-fill on Replicate, OpenCV offline); the result is pasted back through the mask,
so what lies outside it keeps its pixels whatever the model did to them. The edit waits as the picture's
`draft` until the person keeps it (it becomes `location`, the old one joins `history`) or undoes it.
"""

from __future__ import annotations

import io
import logging
import uuid
from typing import Literal, Protocol

import numpy as np
from PIL import Image, ImageFilter, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict, Field

from studio.errors import BadInput
from studio.models import Generation, Stage
from studio.providers.ports import InpaintRequest
from studio.providers.registry import Providers
from studio.run import Run

log = logging.getLogger(__name__)

VERSIONS_KEPT = 5
"""How many versions of a picture are kept: the current one and up to four before it."""
MAX_MASK_BYTES = 20_000_000
MAX_PROMPT_CHARS = 1000
_ASPECT_TOLERANCE = 0.02


class PictureRef(BaseModel):
    """Which picture of a generation: a reference by position (from 0), or a keyframe by its scene id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["reference", "keyframe"] = "reference"
    index: int = Field(ge=0)

    @property
    def label(self) -> str:
        return (
            f"reference {self.index + 1}" if self.kind == "reference" else f"the frame of scene {self.index}"
        )

    @property
    def stage(self) -> Stage:
        """The stage the picture belongs to (what a change to it makes out of date starts there)."""
        return "references" if self.kind == "reference" else "storyboard"


class Picture(Protocol):
    """What the editor needs of a stored picture (ReferenceImage has it; a keyframe can too)."""

    location: str
    history: list[str]
    draft: str | None


def picture_at(gen: Generation, target: PictureRef) -> Picture:
    """The picture `target` names, or a reason it is not there."""
    if target.kind == "reference":
        if target.index >= len(gen.references):
            raise BadInput(f"There is no {target.label}; this ad has {len(gen.references)} references.")
        return gen.references[target.index]
    for frame in gen.keyframes:
        if frame.scene_id == target.index:
            return frame
    raise BadInput(f"There is no storyboard frame for scene {target.index} yet.")


def change_picture(gen: Generation, target: PictureRef, **update: object) -> None:
    """Change the picture `target` names in `gen` (inside a store update); the others stay as they are."""
    picture_at(gen, target)
    if target.kind == "reference":
        gen.references = [
            r.model_copy(update=update) if i == target.index else r for i, r in enumerate(gen.references)
        ]
    else:
        gen.keyframes = [
            k.model_copy(update=update) if k.scene_id == target.index else k for k in gen.keyframes
        ]


def picture_size(providers: Providers, location: str, label: str) -> tuple[int, int]:
    """The stored picture's width and height."""
    try:
        with Image.open(providers.media.local_path(location)) as im:
            return im.size
    except (OSError, UnidentifiedImageError) as exc:
        raise BadInput(f"The {label} could not be read ({exc}); regenerate or replace it.") from None


# ── the mask ─────────────────────────────────────────────────────────────────────────────────────


def check_mask(mask_png: bytes, size: tuple[int, int]) -> Image.Image:
    """The person's mask as a binary "L" image of `size` (white = repaint); refused with a reason.

    A mask drawn on a preview of the same shape is scaled to the picture; an RGBA mask painted on a
    transparent layer counts its opaque part. An empty mask, or one of another shape, is refused.
    """
    if not mask_png:
        raise BadInput("No mask arrived: brush over the part to change, then press “Use this mask”.")
    if len(mask_png) > MAX_MASK_BYTES:
        raise BadInput("The mask is too large to use (over 20 MB); clear it and brush again.")
    try:
        with Image.open(io.BytesIO(mask_png)) as im:
            im.load()
            mask = im.copy()
    except (OSError, UnidentifiedImageError, ValueError):
        raise BadInput("The mask could not be read as an image; clear it and brush again.") from None
    # Only a layer with transparent parts counts by its alpha: an opaque all-black mask (what the canvas
    # sends when nothing was brushed) is empty, not "repaint everything".
    if (
        mask.mode in ("RGBA", "LA")
        and np.asarray(mask.convert("L")).max() == 0
        and np.asarray(mask.getchannel("A")).min() < 255
    ):
        mask = mask.getchannel("A")
    mask = mask.convert("L")
    width, height = size
    if mask.size != size:
        if abs(mask.width / mask.height - width / height) > _ASPECT_TOLERANCE * (width / height):
            raise BadInput(
                f"The mask is {mask.width}×{mask.height} but the picture is {width}×{height}: "
                "draw it on this picture again."
            )
        mask = mask.resize(size, Image.Resampling.NEAREST)
    binary = mask.point(lambda v: 255 if v > 127 else 0)
    if not np.asarray(binary).any():
        raise BadInput("The mask is empty: brush over the part of the picture you want changed.")
    return binary


def mask_share(mask: Image.Image) -> float:
    """The part of the picture the mask covers, 0..1."""
    return float((np.asarray(mask) > 127).mean())


# ── the edit ─────────────────────────────────────────────────────────────────────────────────────


def _edit_key(gen_id: str, target: PictureRef, what: str) -> str:
    return f"generations/{gen_id}/edits/{target.kind}-{target.index + 1}/{uuid.uuid4().hex[:10]}_{what}.png"


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def paste_through_mask(original: Image.Image, repainted: Image.Image, mask: Image.Image) -> Image.Image:
    """The repainted pixels inside the mask (edge softened by 2 px), the original's everywhere else."""
    mode = "RGBA" if original.mode in ("RGBA", "LA", "PA") else "RGB"
    base = original.convert(mode)
    fill = repainted.convert(mode)
    if fill.size != base.size:  # models work in multiples of 16 or 32: back to the picture's own size
        fill = fill.resize(base.size, Image.Resampling.LANCZOS)
    soft = mask.filter(ImageFilter.GaussianBlur(2)) if min(base.size) >= 64 else mask
    return Image.composite(fill, base, soft)


def inpaint_picture(
    gen_id: str,
    target: PictureRef,
    location: str,
    mask_png: bytes,
    prompt: str,
    providers: Providers,
    seed: int | None,
    run: Run,
) -> str:
    """Repaint the masked part of the picture at `location`; store the result and return its location."""
    # 1. Check the inputs
    prompt = prompt.strip()
    if len(prompt) > MAX_PROMPT_CHARS:
        raise BadInput(f"Say what to put there in under {MAX_PROMPT_CHARS} characters.")
    media = providers.media
    try:
        with Image.open(media.local_path(location)) as im:
            im.load()
            original = im.copy()
    except (OSError, UnidentifiedImageError) as exc:
        raise BadInput(f"The {target.label} could not be read ({exc}); regenerate or replace it.") from None
    mask = check_mask(mask_png, original.size)
    # 2. Store the mask beside the edit (the provider is handed files)
    mask_location = media.put_bytes(_edit_key(gen_id, target, "mask"), _png(mask), "image/png")
    run.progress(0.1, f"Repainting {mask_share(mask):.0%} of {target.label}")
    # 3. Inpaint
    request = InpaintRequest(
        image=media.local_path(location),
        mask=media.local_path(mask_location),
        prompt=prompt or "fill naturally",
        seed=seed,
    )
    result = providers.inpaint.inpaint(request, run)
    try:
        with Image.open(io.BytesIO(result.png)) as im:
            im.load()
            repainted = im.copy()
    except (OSError, UnidentifiedImageError):
        raise BadInput(
            f"The inpainting model ({result.model}) sent back something that is not an image."
        ) from None
    # 4. Keep what lies outside the mask, store the edit
    edited = paste_through_mask(original, repainted, mask)
    stored = media.put_bytes(_edit_key(gen_id, target, "edit"), _png(edited), "image/png")
    run.progress(1.0, f"Edited {target.label}")
    log.info(
        "edited %s of %s with %s (%.1f%% masked)", target.label, gen_id, result.model, 100 * mask_share(mask)
    )
    return stored


# ── versions ─────────────────────────────────────────────────────────────────────────────────────


def versions(picture: Picture) -> list[str]:
    """Every kept version of the picture, oldest first; the last is the current one."""
    return [*picture.history, picture.location]


def kept(history: list[str], location: str, new_location: str) -> tuple[list[str], str]:
    """History and location after keeping `new_location`: the old one joins history, five versions at most."""
    earlier = [*history, location][-(VERSIONS_KEPT - 1) :]
    return earlier, new_location


def restored(history: list[str]) -> tuple[list[str], str]:
    """History and location after undoing the current version: the one before it comes back."""
    if not history:
        raise BadInput("There is no earlier version of this picture to go back to.")
    return history[:-1], history[-1]


__all__ = [
    "VERSIONS_KEPT",
    "Picture",
    "PictureRef",
    "change_picture",
    "check_mask",
    "inpaint_picture",
    "kept",
    "mask_share",
    "paste_through_mask",
    "picture_at",
    "picture_size",
    "restored",
    "versions",
]
