"""The studio page, assembled: sidebar, header, the live feed, and the chat input."""

from __future__ import annotations

import streamlit as st

from studio.errors import NotFound, StudioError
from studio.models import Generation
from studio.service import Studio
from studio.ui.chat import handle_chat, render_live, render_welcome
from studio.ui.session import (
    clear_notes,
    current_owner,
    generation_on_screen,
    get_studio,
    is_admin,
    show_generation,
)
from studio.ui.sidebar import render_sidebar
from studio.ui.text import plain

PLACEHOLDERS = {
    "story": "Approve, or say what to change in the story",
    "references": "Approve, or say what to change, e.g. “make the background brighter”",
    "scenes": "Approve, ask for a change, or say “edit scene 2: …”",
    "storyboard": "Approve the storyboard, or say “frame 2: warmer light”",
}
"""The chat box's hint at each stop: what a message there is about."""


def _load(studio: Studio, gen_id: str | None) -> Generation | None:
    if gen_id is None:
        return None
    try:
        gen = studio.store.get(gen_id)
    except NotFound:
        st.warning("That ad was not found: it may have been deleted, or the link is wrong.")
        show_generation(None)
        return None
    if gen.owner != current_owner() and not is_admin():
        st.warning("That ad belongs to someone else.")
        show_generation(None)
        return None
    return gen


def _new_ad() -> None:
    show_generation(None)
    clear_notes()


def _header(gen: Generation | None) -> None:
    left, right = st.columns([5, 1], vertical_alignment="center")
    with left:
        st.title("Ad Studio", anchor=False)
        if gen is not None:
            st.caption(f"“{plain(gen.brief.prompt[:140])}” · {gen.brief.mode} · seed {gen.seed}")
    with right:
        st.button("New ad", key="new_ad", on_click=_new_ad, disabled=gen is None, width="stretch")


def render_studio_page() -> None:
    """Draw the whole studio for the generation in `?g=` (or an empty one)."""
    try:
        studio = get_studio()
    except StudioError as exc:
        st.error(f"The studio cannot start: {plain(exc)}")
        st.stop()
    gen = _load(studio, generation_on_screen())
    options = render_sidebar(studio, has_generation=gen is not None)
    _header(gen)
    if gen is None:
        render_welcome()
        placeholder = "Describe your ad, e.g. a cold-brew coffee for busy mornings"
    else:
        render_live(studio, gen)
        placeholder = PLACEHOLDERS.get(gen.stage, PLACEHOLDERS["scenes"])
    prompt = st.chat_input(placeholder, key="chat", max_chars=5000)
    if prompt:
        handle_chat(studio, gen, options, prompt)
        st.rerun()
