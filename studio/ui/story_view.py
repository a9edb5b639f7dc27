"""The story message: the text on its framework beats, the critic's badge, how the brief was read, Approve
and Regenerate."""

from __future__ import annotations

import streamlit as st

from studio.models import Generation, Story
from studio.service import Studio
from studio.ui.actions import act
from studio.ui.text import plain


def _badge_color(score: float, bar: float) -> str:
    if score >= bar:
        return "green"
    return "orange" if score >= bar - 2 else "red"


def _told_by_beats(story: Story) -> bool:
    """True when the text is just the beats in a row (then showing both would repeat it)."""
    beat_chars = sum(len(b.text) + len(b.name) + 3 for b in story.beats)
    return all(b.text in story.text for b in story.beats) and len(story.text) <= beat_chars + 10


def cta_assumption(story: Story) -> str:
    """The writer's stated assumption when the brief gave no call to action ('' when it gave one)."""
    return next((a for a in story.assumptions if a.startswith("No call to action given")), "")


def render_fact_notes(story: Story, at_the_stop: bool) -> None:
    """Where the model's reading of the brief and the rules' disagreed, and what was left out (if any)."""
    if not story.fact_notes:
        return
    count = len(story.fact_notes)
    title = f"How the brief was read ({count} note{'' if count == 1 else 's'})"
    with st.expander(title, expanded=at_the_stop):
        for line in story.fact_notes:
            st.caption(plain(line))


def render_story(studio: Studio, gen: Generation) -> None:
    """The current story; buttons when it waits for the person's approval."""
    story = gen.story
    if story is None:
        st.markdown("Writing the story…")
        return
    st.markdown(f"#### {plain(story.title)}")
    badges = st.container(horizontal=True)
    with badges:
        st.badge(story.framework, color="violet")
        if story.critic_score is not None:
            bar = studio.ctx.pipeline.quality.story_bar
            color = _badge_color(story.critic_score, bar)
            st.badge(f"Critic {story.critic_score:.1f}/10", color=color, help=plain(story.critique) or None)
        if story.revision:
            st.badge(f"Revision {story.revision}", color="gray")
    if not _told_by_beats(story):
        st.markdown(plain(story.text))
    for beat in story.beats:
        st.markdown(f"**{plain(beat.name)}** — {plain(beat.text)}")
    if story.call_to_action:
        st.markdown(f"**Call to action:** {plain(story.call_to_action)}")
    note = cta_assumption(story)
    if note:
        st.caption(plain(note))
    render_fact_notes(story, at_the_stop=gen.stage == "story")
    if gen.status == "awaiting_approval" and gen.stage == "story":
        st.caption("Approve it, ask for changes in the chat, or get a fresh one.")
        left, right = st.columns(2)
        if left.button("Approve story", type="primary", key="story_approve", width="stretch"):
            act(gen.id, studio.approve, gen.id)
        if right.button("Regenerate story", key="story_regenerate", width="stretch"):
            act(gen.id, studio.regenerate, gen.id)
