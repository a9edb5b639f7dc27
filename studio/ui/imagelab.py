"""The image lab page's pieces: the form, the run's progress, and the ranked gallery with a download each.

Generate hands the run to the studio's job runner and returns at once; the person's `LabJob` (UI state: a
handle, not the truth) is polled by a fragment every second, and a full rerun draws the gallery when it
ends. The last finished set is remembered by its trace file, so a rerun shows the same gallery.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import streamlit as st

from studio.errors import StudioError
from studio.imagelab import ASPECT_SIZES, MAX_VARIATIONS, LabJob
from studio.service import Studio
from studio.ui.session import current_owner, get_studio
from studio.ui.text import plain

log = logging.getLogger(__name__)
TRACE_KEY = "_imagelab_trace"
JOB_KEY = "_imagelab_job"


def lab_job(studio: Studio, owner: str) -> LabJob | None:
    """The run this visitor follows; one the person started in another tab or before a reload is adopted."""
    mine: LabJob | None = st.session_state.get(JOB_KEY)
    latest = studio.image_lab_job(owner)
    if latest is not None and latest is not mine and (mine is None or not latest.done):
        st.session_state[JOB_KEY] = mine = latest
    return mine


def render_form(studio: Studio, owner: str) -> None:
    """Prompt, number, aspect, seed and the Generate button; a press starts the run in the background."""
    with st.form("image_lab"):
        prompt = st.text_area("Prompt", placeholder="A red running shoe on a mountain trail at dawn")
        cols = st.columns(3)
        num = cols[0].number_input("Variations", min_value=1, max_value=MAX_VARIATIONS, value=8, step=1)
        aspect = cols[1].selectbox("Aspect ratio", list(ASPECT_SIZES), index=0)
        seed_text = cols[2].text_input("Seed (optional)", value="")
        pressed = st.form_submit_button("Generate", type="primary")
    if not pressed:  # a rerun never starts a run: only the press itself does
        return
    seed: int | None = None
    if seed_text.strip():
        if not seed_text.strip().isdigit():
            st.error("The seed is a whole number (or leave it empty for a random one).")
            return
        seed = int(seed_text.strip())
    try:
        job = studio.start_image_lab(owner, prompt, num_variations=int(num), aspect_ratio=aspect, seed=seed)
    except StudioError as exc:  # bad input, or a run of this person's still working
        st.error(plain(exc))
        return
    st.session_state[JOB_KEY] = job


def render_job(job: LabJob | None) -> None:
    """While the run works: its progress, re-read every second. When it ends: its error, or its gallery."""
    if job is None:
        return
    if job.done:
        result = job.result
        if result is not None:
            st.session_state[TRACE_KEY] = str(result.trace_path)
        else:
            st.error(plain(job.error or "The image lab stopped without a result."))
        return

    @st.fragment(run_every=1.0)
    def progress() -> None:
        if job.done:
            st.rerun()  # the whole page: the gallery shows, and this polling stops
        fraction, message = job.progress
        st.progress(fraction, text=plain(message))

    progress()


def render_gallery() -> None:
    """The last finished run's images, best first, with their scores and a download button each."""
    trace_path = st.session_state.get(TRACE_KEY)
    if not trace_path or not Path(trace_path).is_file():
        st.caption("Ranked images appear here.")
        return
    trace = json.loads(Path(trace_path).read_text(encoding="utf-8"))
    images = trace["images"]
    st.subheader(f"{len(images)} images, best first")
    st.caption(f"Ranking: {images[0]['basis']}. Seeds {trace['seeds'][0]}–{trace['seeds'][-1]}.")
    per_row = 4
    for start in range(0, len(images), per_row):
        cols = st.columns(per_row)
        for col, item in zip(cols, images[start : start + per_row], strict=False):
            _render_card(col, item)


def _render_card(col: Any, item: dict[str, Any]) -> None:
    path = Path(item["path"])
    figures = ", ".join(
        f"{name} {m['value']:.0f}" for name, m in item["scores"].items() if m["value"] is not None
    )
    col.image(str(path), caption=f"#{item['rank']} · {item['total']:.1f} · seed {item['seed']}")
    col.caption(f"{figures} · ${item['cost_usd']:.4f}")
    col.download_button(
        "Download",
        data=path.read_bytes,  # read when clicked, not on every page run
        file_name=path.name,
        mime="image/png",
        key=f"dl_{item['rank']}_{item['seed']}",
        on_click="ignore",
    )


def render_image_lab() -> None:
    """The whole page body."""
    st.title("Image lab")
    st.write("Generate variations of one prompt; each is scored and the set is ranked best first.")
    try:
        studio = get_studio()
    except StudioError as exc:
        st.error(f"The studio cannot start: {plain(exc)}")
        st.stop()
    owner = current_owner()
    render_form(studio, owner)
    render_job(lab_job(studio, owner))
    render_gallery()
