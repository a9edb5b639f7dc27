"""The references stop: three images that fix the look (each says where it came from), their analysis,
and ways to change one: regenerate with a sentence, replace by upload, or edit in the image editor."""

from __future__ import annotations

import streamlit as st
from PIL import Image

from studio.models import Generation, ReferenceImage
from studio.pipeline.pictures import PictureRef
from studio.service import Studio
from studio.ui.actions import act, attempt
from studio.ui.images import show_image
from studio.ui.picture_editor import editor_target, open_editor, picture_editor
from studio.ui.sidebar import store_upload
from studio.ui.text import plain

CAPTION = "Using these 3 reference images for visual consistency across all scenes"
SWATCH_PX = 28


def origin(ref: ReferenceImage) -> str:
    """Where a reference came from, in the person's words: which upload, or generated."""
    if ref.source == "brand":
        return f"your upload {ref.upload}" if ref.upload else "your upload"
    return "generated"


def swatch(color: str) -> Image.Image:
    """A small square of one palette colour (drawn as an image: no HTML needed)."""
    return Image.new("RGB", (SWATCH_PX, SWATCH_PX), color)


def _palette(colors: list[str]) -> None:
    if colors:
        st.image([swatch(c) for c in colors], caption=colors, width=SWATCH_PX)


def _analysis(gen: Generation) -> None:
    with st.expander("What the studio sees in them"):
        if gen.context is not None:
            st.markdown("**Palette**")
            _palette(gen.context.color_palette)
            st.markdown(f"**Style:** {plain(gen.context.visual_style)}")
            st.markdown(f"**Product:** {plain(gen.context.product_features)}")
            st.markdown(f"**Character:** {plain(gen.context.character_appearance)}")
            st.markdown(f"**Setting:** {plain(gen.context.environmental_context)}")
        for i, ref in enumerate(gen.references, start=1):
            if ref.analysis is None:
                continue
            a = ref.analysis
            st.markdown(f"**Reference {i} ({ref.kind})** — {plain(a.style or 'style not described')}")
            found = (a.lighting, a.environment, a.product_features, a.character_description)
            details = [d for d in found if d]
            if details:
                st.caption(plain(" · ".join(details)))
            _palette(a.colors)


def _change_one(studio: Studio, gen: Generation, index: int) -> None:
    """Regenerate the reference with a sentence of feedback, or replace it with an upload."""
    with st.expander("Change this one"):
        feedback = st.text_input("What should change?", key=f"ref_feedback_{index}")
        if st.button("Regenerate", key=f"ref_regenerate_{index}"):
            if feedback.strip():
                act(gen.id, studio.regenerate_reference, gen.id, index, feedback.strip())
            else:
                st.warning("Say in a sentence what should change.")
        upload = st.file_uploader(
            "Or use your own image", type=["png", "jpg", "jpeg", "webp"], key=f"ref_upload_{index}"
        )
        if upload is not None and st.button("Use this image", key=f"ref_replace_{index}"):
            location = attempt(gen.id, store_upload, studio, upload.name, upload.getvalue(), 0)
            if location:
                act(gen.id, studio.replace_reference, gen.id, index, location, upload.name)
            st.rerun()


def _one(studio: Studio, gen: Generation, index: int, ref: ReferenceImage, editable: bool) -> None:
    label = f"{ref.kind.capitalize()} · {origin(ref)}"
    media = studio.ctx.providers.media
    show_image(media, ref.location, f"{label} (image missing)", caption=plain(label), width="stretch")
    if editable:
        if st.button("Edit", key=f"ref_edit_{index}", icon=":material/brush:"):
            open_editor(gen.id, PictureRef(kind="reference", index=index))
        _change_one(studio, gen, index)


def render_references(studio: Studio, gen: Generation) -> None:
    """The three references in a grid, the analysis, and (before rendering) a way to change each."""
    if not gen.references:
        st.markdown("Painting the reference images…")
        return
    st.markdown(f"**{CAPTION}**")
    waiting = gen.status == "awaiting_approval" and gen.stage == "references"
    # Changeable at their own stop, and at the scenes stop (a change then marks the scenes out of date).
    editable = gen.status == "awaiting_approval" and gen.stage in ("references", "scenes")
    cols = st.columns(len(gen.references))
    for index, (col, ref) in enumerate(zip(cols, gen.references, strict=True)):
        with col:
            _one(studio, gen, index, ref, editable)
    target = editor_target(gen.id)
    if target is not None and target.kind == "reference" and (editable or gen.status == "references"):
        picture_editor(studio, gen, target)
    _analysis(gen)
    if waiting:
        if st.button("Approve the references", type="primary", key="references_approve", width="stretch"):
            act(gen.id, studio.approve, gen.id)
        st.caption('You can also say what to change in the chat, e.g. "make the background brighter".')
