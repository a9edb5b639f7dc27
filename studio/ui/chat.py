"""The chat feed: the stored conversation, grouped by stage, with each stage's message card after it.

The feed is drawn from the store on every run; while work is in flight it is drawn inside a fragment
that reruns every second (fragments don't tick in AppTest, so full runs read the store too).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from studio.models import STAGES, Generation, Message
from studio.service import Studio
from studio.ui.actions import act, attempt
from studio.ui.ad_view import render_ad
from studio.ui.clips_view import render_clips
from studio.ui.costs_view import render_costs
from studio.ui.references_view import render_references
from studio.ui.scenes_view import render_scenes
from studio.ui.scores_view import render_scores
from studio.ui.session import (
    add_note,
    current_owner,
    is_signed_in,
    notes,
    resume_if_orphaned,
    show_generation,
)
from studio.ui.sidebar import BriefOptions
from studio.ui.stepper import render_stepper
from studio.ui.story_view import render_story
from studio.ui.storyboard_view import render_storyboard
from studio.ui.text import plain
from studio.ui.versions_view import render_pending_change, version_scoring

AVATARS = {"user": ":material/person:", "assistant": ":material/movie:", "system": ":material/settings:"}
ASSISTANT = AVATARS["assistant"]
CARDS: dict[str, Callable[[Studio, Generation], None]] = {
    "story": render_story,
    "references": render_references,
    "scenes": render_scenes,
    "storyboard": render_storyboard,
    "clips": render_clips,
    "ad": render_ad,
    "scores": render_scores,
}
WELCOME = (
    "Tell me what the ad is about: the product, who it is for, the feeling. "
    "Set the brand kit and options in the sidebar first if you like."
)


def reached(gen: Generation) -> list[str]:
    """The stages this generation has something to show for, in order."""
    current = STAGES.index(gen.stage)
    shown = []
    for i, stage in enumerate(STAGES):
        has = {
            "story": True,
            "references": bool(gen.references),
            "scenes": bool(gen.scenes),
            "storyboard": bool(gen.keyframes),
            "clips": bool(gen.clips),
            "ad": gen.finished_ad is not None or gen.status == "assembling",
            "scores": gen.ad is not None and gen.stage == "scores",
        }[stage]
        if has or i == current:
            shown.append(stage)
    return shown


def _message(message: Message) -> None:
    with st.chat_message(message.role, avatar=AVATARS.get(message.role)):
        st.markdown(plain(message.text))


def _note(text: str) -> None:
    with st.chat_message("assistant", avatar=":material/warning:"):
        st.markdown(plain(text))


def render_feed(studio: Studio, gen: Generation) -> None:
    """Every stage reached: its messages, then its card, as chat messages."""
    messages = studio.store.messages(gen.id)
    for stage in reached(gen):
        for message in messages:
            if message.stage == stage:
                _message(message)
        with st.chat_message("assistant", avatar=ASSISTANT):
            CARDS[stage](studio, gen)
    strays = [m for m in messages if m.stage not in STAGES]
    for message in strays:
        _message(message)
    if gen.status == "failed":
        with st.chat_message("assistant", avatar=ASSISTANT):
            st.markdown(plain(gen.error or "Something went wrong."))
            failed_clips = any(c.status == "failed" for c in gen.clips)
            if not failed_clips and st.button("Try again", key="resume_failed", type="primary"):
                act(gen.id, studio.resume, gen.id)
    for text in notes(gen.id):
        _note(text)


def render_live(studio: Studio, gen: Generation) -> None:
    """The stepper and the feed; re-read every second while the generation is in flight."""
    scoring = studio.ctx.pipeline.stages.scoring
    in_flight = gen.is_running or (scoring and version_scoring(gen))

    @st.fragment(run_every=1.0 if in_flight else None)
    def live() -> None:
        fresh = attempt(gen.id, studio.store.get, gen.id)
        if fresh is None:
            return
        if fresh.is_running and attempt(gen.id, resume_if_orphaned, studio, gen.id):
            st.toast("Resuming…", icon=":material/autorenew:")
            st.info("Resuming… picking up where this ad left off; finished work is kept.")
        render_stepper(fresh)
        render_costs(studio, fresh)
        render_feed(studio, fresh)
        busy = fresh.is_running or (scoring and version_scoring(fresh))
        if busy != in_flight or fresh.pending_change != gen.pending_change:
            # Work started or stopped, or a change waits for a yes: redraw the page so polling starts or
            # stops with it (and the dialog, which a fragment cannot open, shows).
            st.rerun()

    live()
    render_pending_change(studio, gen)


def render_welcome() -> None:
    """The empty studio: the stepper at its start and an invitation."""
    render_stepper(None)
    with st.chat_message("assistant", avatar=ASSISTANT):
        st.markdown(WELCOME)
    for text in notes(None):
        _note(text)


def handle_chat(studio: Studio, gen: Generation | None, options: BriefOptions, text: str) -> None:
    """The first message makes the generation from the sidebar's brief; later ones steer it."""
    text = text.strip()
    if not text:
        return
    if gen is None:
        brief = attempt(None, options.brief, text)
        create = partial(studio.create, signed_in=is_signed_in())
        created = attempt(None, create, brief, current_owner()) if brief else None
        if created is not None:
            show_generation(created.id)
            attempt(created.id, studio.start, created.id)
        return
    if gen.is_running:
        add_note(
            gen.id,
            f"I'm still working on the {gen.stage}. Send your change when it pauses or finishes "
            "(or press New ad to start another).",
        )
        return
    # Runs on the job runner: the store shows it working, the live feed polls until it is done.
    attempt(gen.id, studio.respond, gen.id, text)
