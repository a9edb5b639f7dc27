"""The Variants page's pieces: one brief, the axes to vary and how many, then the variants side by side,
each playable with its scores, checklist and cost, and a way to mark the winner. The set on screen lives
in the URL (`?variants=<id>`); its truth is the store."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from studio.errors import NotFound, StudioError
from studio.models import ASPECT_RATIOS, Brief
from studio.service import Studio
from studio.ui.actions import explain
from studio.ui.session import current_owner, get_studio, is_signed_in
from studio.variants import AXES, get_set, is_settled, list_sets, mark_winner, set_summary, start_variants
from studio.variants.planner import MAX_VARIANTS, MIN_VARIANTS

QUERY_KEY = "variants"
AXIS_LABELS = {
    "hook": "Hook (the opening line)",
    "framework": "Framework (AIDA, PAS, FAB)",
    "cta": "Call to action (same offer and address)",
    "voice": "Voiceover on or off",
    "music": "Music",
    "aspect": "Aspect ratio",
}


def render_variants() -> None:
    """The whole Variants page."""
    studio = get_studio()
    owner = current_owner()
    st.title("Variants")
    st.caption(
        "One brief, 2 to 6 variants that differ on purpose. They share the brand kit and the references "
        "(painted once), render in parallel, and appear side by side with their scores."
    )
    _start_form(studio, owner)
    set_id = st.query_params.get(QUERY_KEY)
    if not set_id:
        _recent(studio, owner)
        return
    try:
        vs = get_set(studio.store, set_id)
    except NotFound:
        st.warning("That variant set does not exist (any more): start a new one above.")
        return
    if vs.owner != owner:
        st.warning("That variant set belongs to someone else.")
        return
    _side_by_side(studio, set_id, live=not is_settled(studio.store, vs))


def _start_form(studio: Studio, owner: str) -> None:
    with st.form("variants_form"):
        prompt = st.text_area("What is the ad about?", key="variants_prompt", max_chars=5000)
        axes = st.multiselect(
            "Vary", list(AXES), default=["hook"], format_func=AXIS_LABELS.get, key="variants_axes"
        )
        left, mid, right, far = st.columns(4)
        n = left.number_input(
            "Variants", MIN_VARIANTS, MAX_VARIANTS, 3, step=1, key="variants_n", format="%d"
        )
        aspect = mid.selectbox("Aspect ratio", ASPECT_RATIOS, key="variants_aspect")
        duration = right.number_input("Seconds", 6.0, 60.0, 15.0, step=1.0, key="variants_duration")
        resolution = far.selectbox("Resolution", ["720p", "540p", "360p", "1080p"], key="variants_resolution")
        submitted = st.form_submit_button("Make the variants", type="primary")
    if not submitted:
        return
    try:
        brief = Brief(prompt=prompt or " ", aspect_ratio=aspect, duration_s=duration, resolution=resolution)
        vs, _planning = start_variants(studio, brief, axes, int(n), owner, signed_in=is_signed_in())
    except ValidationError as exc:
        st.error(explain(exc))
        return
    except StudioError as exc:
        st.error(str(exc))
        return
    st.query_params[QUERY_KEY] = vs.id
    st.rerun()


def _recent(studio: Studio, owner: str) -> None:
    sets = list_sets(studio.store, owner, limit=10)
    if not sets:
        return
    st.subheader("Recent variant sets")
    for vs in sets:
        words = f"{vs.n} variants of “{vs.brief.prompt[:60]}” varying {', '.join(vs.axes)}"
        if st.button(words, key=f"open_set_{vs.id}"):
            st.query_params[QUERY_KEY] = vs.id
            st.rerun()


def _side_by_side(studio: Studio, set_id: str, live: bool) -> None:
    @st.fragment(run_every=1.0 if live else None)
    def view() -> None:
        vs = get_set(studio.store, set_id)
        summary = set_summary(studio.store, studio.ctx.providers.media, vs)
        st.subheader(f"{vs.n} variants varying {', '.join(vs.axes)}")
        if summary["error"]:
            st.error(f"The variants could not be planned: {summary['error']}")
            return
        if vs.status == "planning":
            st.info("Writing the story and painting the shared references; the variants start next.")
        st.caption(f"Total cost ${summary['cost_usd']:.2f} · status {summary['status']}")
        for column, row in zip(st.columns(len(summary["variants"])), summary["variants"], strict=True):
            with column:
                _variant(studio, set_id, row)
        if live and is_settled(studio.store, vs):
            st.rerun()  # the polling stops: draw the finished set once more without it

    view()


def _variant(studio: Studio, set_id: str, row: dict[str, Any]) -> None:
    title = f"Variant {row['index']}" + (" 🏆" if row["winner"] else "")
    st.markdown(f"**{title}**")
    for axis, value in row["differs"].items():
        st.caption(f"{axis}: {value}")
    if row["video"]:
        st.video(row["video"])
    elif row["status"] in ("failed", "stopped"):
        st.error(row["error"] or f"This variant {row['status']}.")
    else:
        st.progress(row["progress"] or 0.0, text=f"{row['status']} · {row['stage']}")
    scores = row["scores"]
    overall = scores["overall"]
    st.metric("Score", f"{overall:.0f}/100" if overall is not None else "unavailable")
    passes = scores["checklist_passes"]
    if passes:
        st.caption(f"Checklist {passes['passed']}/{passes['measured']} passed")
        with st.expander("Checklist"):
            for item in scores["checklist"]:
                mark = {"pass": ":material/check_circle:", "fail": ":material/cancel:"}.get(
                    item["status"], ":material/remove:"
                )
                st.markdown(f"{mark} {item['label']}")
    st.caption(f"Cost ${row['cost_usd']:.2f}" + (" (includes the shared story and references)"
                                                 if row["index"] == 1 else ""))  # fmt: skip
    if row["winner"]:
        st.success("Winner")
    elif row["status"] == "completed" and st.button("Mark as winner", key=f"winner_{row['generation_id']}"):
        try:
            mark_winner(studio, set_id, row["generation_id"])
        except StudioError as exc:
            st.error(str(exc))
            return
        st.rerun()
