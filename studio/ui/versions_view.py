"""The versions of a finished ad, any two side by side, and the yes or no before approved work is redone."""

from __future__ import annotations

import streamlit as st

from studio.models import AdVersion, Generation, utcnow
from studio.service import Studio
from studio.ui.actions import act
from studio.ui.text import plain

SHOWN_KEY = "_versions_dialog_shown"
"""The pending change whose dialog was already opened (closing it must not reopen it on every rerun)."""


def version_label(v: AdVersion) -> str:
    """One line for a version: its number, what changed, its length and its score (or why there is none)."""
    score = (
        f"score {v.overall_score:.0f}"
        if v.overall_score is not None
        else ("no score (scoring failed)" if v.scoring_failed else "scoring…")
    )
    length = f"{v.ad.duration_s:.1f} s" if v.ad else "being made"
    return f"v{v.number} · {v.change or 'first cut'} · {length} · {score}"


def version_scoring(gen: Generation, within_s: float = 300) -> bool:
    """True while the newest version, made in the last `within_s`, waits for its background score."""
    v = gen.versions[-1] if gen.versions else None
    if v is None or v.ad is None or v.overall_score is not None or v.scoring_failed:
        return False
    return (utcnow() - v.created_at).total_seconds() < within_s


def finished_versions(gen: Generation) -> list[AdVersion]:
    return [v for v in gen.versions if v.ad is not None]


def _player(studio: Studio, gen: Generation, version: AdVersion, side: str) -> None:
    assert version.ad is not None
    video = studio.ctx.providers.media.local_path(version.ad.location)
    st.markdown(f"**{plain(version_label(version))}**")
    if not video.is_file():
        st.warning("This version's file is missing from storage.")
        return
    st.video(str(video))
    st.download_button(
        f"Download v{version.number}",
        data=video.read_bytes,  # read when clicked, not on every fragment tick
        file_name=f"ad-{gen.id[:6]}-v{version.number}.mp4",
        mime="video/mp4",
        key=f"version_download_{side}_{version.number}",
        on_click="ignore",
        width="stretch",
    )


def render_versions(studio: Studio, gen: Generation) -> None:
    """Every finished version listed; any two played side by side, each downloadable."""
    versions = finished_versions(gen)
    making = [v for v in gen.versions if v.ad is None]
    if len(versions) < 2 and not making:
        return
    st.markdown("**Versions**")
    for v in versions + making:
        st.caption(plain(version_label(v)))
    if len(versions) < 2:
        return
    numbers = [v.number for v in versions]
    by_number = {v.number: v for v in versions}
    left, right = st.columns(2)
    with left:
        a = st.selectbox(
            "Left", numbers, index=len(numbers) - 2, format_func=lambda n: f"v{n}", key="versions_left"
        )
        _player(studio, gen, by_number[a], "left")
    with right:
        b = st.selectbox(
            "Right", numbers, index=len(numbers) - 1, format_func=lambda n: f"v{n}", key="versions_right"
        )
        _player(studio, gen, by_number[b], "right")


def _yes_or_no(studio: Studio, gen: Generation, where: str) -> None:
    plan = gen.pending_change
    assert plan is not None
    st.markdown(plain(f"You asked: “{plan.message}”"))
    st.markdown(plain(plan.redo))
    yes, no = st.columns(2)
    if yes.button("Yes, go ahead", key=f"pending_yes_{where}", type="primary", width="stretch"):
        act(gen.id, studio.confirm_change, gen.id)
    if no.button("No, keep it", key=f"pending_no_{where}", width="stretch"):
        act(gen.id, studio.cancel_change, gen.id)


@st.dialog("Redo approved work?")
def _confirm_dialog(studio: Studio, gen: Generation) -> None:
    _yes_or_no(studio, gen, "dialog")


def render_pending_change(studio: Studio, gen: Generation) -> None:
    """A change that would discard approved work waits for a yes: a dialog once, and buttons in the chat."""
    plan = gen.pending_change
    if plan is None:
        return
    marker = f"{gen.id}:{gen.version}:{plan.message}"
    if st.session_state.get(SHOWN_KEY) != marker:
        st.session_state[SHOWN_KEY] = marker
        _confirm_dialog(studio, gen)


def render_pending_inline(studio: Studio, gen: Generation) -> None:
    """The same yes-or-no inside the ad's card, for when the dialog was closed."""
    if gen.pending_change is not None:
        with st.container(border=True):
            _yes_or_no(studio, gen, "inline")
