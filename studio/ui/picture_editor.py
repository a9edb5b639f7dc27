"""The image editor on the page: brush a mask on a reference or a storyboard frame, say what to put there,
generate, compare before and after, keep or undo; the picture's kept versions below.

The work runs on the job runner (`Studio.edit_picture`, `keep_edit`, `undo_version`); the page only holds
which picture is open and the mask the browser sent (UI state). The store holds the draft and versions.
"""

from __future__ import annotations

import logging

import streamlit as st
from PIL import Image, UnidentifiedImageError

from studio.errors import StudioError
from studio.models import Generation
from studio.pipeline.pictures import VERSIONS_KEPT, PictureRef, check_mask, mask_share, picture_at, versions
from studio.providers.offline import OpenCVInpainter
from studio.service import Studio
from studio.ui.actions import act, attempt
from studio.ui.images import show_image
from studio.ui.mask_canvas import mask_canvas
from studio.ui.text import plain

log = logging.getLogger(__name__)
_OPEN = "picture_editor_open"


def _slug(gen_id: str, target: PictureRef) -> str:
    return f"{gen_id}_{target.kind}_{target.index}"


def open_editor(gen_id: str, target: PictureRef) -> None:
    """Open the editor on `target` (one picture at a time per person)."""
    st.session_state[_OPEN] = (gen_id, target.kind, target.index)


def close_editor() -> None:
    """Close the editor."""
    st.session_state.pop(_OPEN, None)


def editor_target(gen_id: str) -> PictureRef | None:
    """The picture of this generation open in the editor, if any."""
    opened = st.session_state.get(_OPEN)
    if not opened or opened[0] != gen_id:
        return None
    return PictureRef(kind=opened[1], index=opened[2])


def received_mask(gen_id: str, target: PictureRef, location: str) -> bytes | None:
    """The mask the browser sent for the picture's current version (None before "Use this mask")."""
    got = st.session_state.get(f"editor_mask_{_slug(gen_id, target)}")
    return got[1] if got and got[0] == location else None


def _load(studio: Studio, location: str) -> Image.Image | None:
    try:
        with Image.open(studio.ctx.providers.media.local_path(location)) as im:
            im.load()
            return im.copy()
    except (OSError, UnidentifiedImageError, StudioError) as exc:
        log.warning("the editor could not open %s: %s", location, exc)
        return None


def _brush(studio: Studio, gen: Generation, target: PictureRef, location: str) -> None:
    """The canvas, the words, Generate."""
    image = _load(studio, location)
    if image is None:
        st.markdown(":gray[This picture could not be opened; regenerate or replace it first.]")
        return
    slug = _slug(gen.id, target)
    if isinstance(studio.ctx.providers.inpaint, OpenCVInpainter):
        st.caption(
            "Offline, the brushed part is filled from what surrounds it; your words guide the repaint "
            "when a Replicate token is set (flux-fill)."
        )
    else:
        st.caption(f"Repainting with {plain(studio.ctx.providers.inpaint.name)}.")
    sent = mask_canvas(image, key=f"mask_canvas_{slug}", picture_id=location)
    if sent is not None:
        st.session_state[f"editor_mask_{slug}"] = (location, sent)
    mask = received_mask(gen.id, target, location)
    if mask is None:
        st.caption("Brush over the part to change, then press “Use this mask”.")
    else:
        checked = attempt(gen.id, check_mask, mask, image.size)
        if checked is None:
            st.warning("That mask cannot be used: brush over the part to change, then send it again.")
            mask = None
        else:
            st.caption(f"Mask ready: {mask_share(checked):.0%} of the picture will be repainted.")
    prompt = st.text_input("What to put there", key=f"editor_prompt_{slug}", max_chars=1000)
    if st.button("Generate", key=f"editor_generate_{slug}", type="primary", disabled=mask is None):
        if not prompt.strip():
            st.warning("Say in a few words what to put there.")
        elif mask is not None:
            act(gen.id, studio.edit_picture, gen.id, target, mask, prompt.strip())


def _compare(studio: Studio, gen: Generation, target: PictureRef, location: str, draft: str) -> None:
    """Before and after side by side, Keep or Undo."""
    media = studio.ctx.providers.media
    before, after = st.columns(2)
    with before:
        show_image(media, location, "before (missing)", caption="Before", width="stretch")
    with after:
        show_image(media, draft, "after (missing)", caption="After", width="stretch")
    redo = "its clip is made again" if target.kind == "keyframe" else "the clips are made again from it"
    st.caption(f"Keep makes the edit the current version ({redo}); Undo drops it.")
    keep, undo = st.columns(2)
    slug = _slug(gen.id, target)
    if keep.button("Keep", key=f"editor_keep_{slug}", type="primary", width="stretch"):
        act(gen.id, studio.keep_edit, gen.id, target)
    if undo.button("Undo", key=f"editor_undo_{slug}", width="stretch"):
        act(gen.id, studio.discard_edit, gen.id, target)


def _versions(studio: Studio, gen: Generation, target: PictureRef, kept: list[str], busy: bool) -> None:
    """The kept versions, oldest first, and a way back to the one before the current."""
    st.markdown(f"**Versions** ({len(kept)} of at most {VERSIONS_KEPT} kept)")
    cols = st.columns(VERSIONS_KEPT)
    for number, (col, location) in enumerate(zip(cols, kept, strict=False), start=1):
        with col:
            label = f"v{number}" + (" · current" if number == len(kept) else "")
            show_image(studio.ctx.providers.media, location, f"{label} (missing)", caption=label)
    if len(kept) > 1 and st.button(
        "Back to the previous version", key=f"editor_back_{_slug(gen.id, target)}", disabled=busy
    ):
        act(gen.id, studio.undo_version, gen.id, target)


def picture_editor(studio: Studio, gen: Generation, target: PictureRef) -> None:
    """The image editor for one picture: mask, words, Generate; then before/after, Keep or Undo."""
    picture = attempt(gen.id, picture_at, gen, target)
    if picture is None:
        close_editor()
        return
    head, close = st.columns([5, 1], vertical_alignment="center")
    head.markdown(f"**Edit {target.label}**")
    if close.button("Close editor", key=f"editor_close_{_slug(gen.id, target)}"):
        close_editor()
        st.rerun()
    if gen.is_running:
        st.info("Working on it… the editor comes back when this step is done.")
    elif picture.draft:
        _compare(studio, gen, target, picture.location, picture.draft)
    else:
        _brush(studio, gen, target, picture.location)
    _versions(studio, gen, target, versions(picture), gen.is_running)


__all__ = ["close_editor", "editor_target", "open_editor", "picture_editor", "received_mask"]
