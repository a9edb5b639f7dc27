"""The "Delivery pack" control under a finished ad: placements, file names, then a ZIP to download."""

from __future__ import annotations

import streamlit as st

from studio.delivery import DEFAULT_PATTERN, FIELDS, PLACEMENTS
from studio.delivery.jobs import PackJob, pack_job, start_pack
from studio.delivery.renditions import current_version
from studio.models import Generation
from studio.service import Studio
from studio.ui.actions import attempt
from studio.ui.text import plain

DEFAULT_PLACEMENTS = ("tiktok", "reels", "feed45", "youtube")


def render_delivery(studio: Studio, gen: Generation) -> None:
    """The form that makes a delivery pack of the finished ad, its progress, and the ZIP's download."""
    if gen.finished_ad is None or gen.ad is None:
        return
    job = pack_job(gen.id)
    working = job is not None and not job.done
    with st.expander("Delivery pack", expanded=working or (job is not None and job.zip_path is not None)):
        with st.form(key=f"delivery_form_{gen.id}", border=False):
            st.caption("A rendition, poster, SRT and WebVTT captions and an interface preview per placement.")
            cols = st.columns(3)
            chosen = [
                name
                for k, (name, p) in enumerate(PLACEMENTS.items())
                if cols[k % 3].checkbox(p.label, value=name in DEFAULT_PLACEMENTS, key=f"dp_{name}_{gen.id}")
            ]
            pattern = st.text_input(
                "File names",
                value=DEFAULT_PATTERN,
                key=f"dp_pattern_{gen.id}",
                help="Fields: " + ", ".join("{" + f + "}" for f in FIELDS),
            )
            left, right = st.columns(2)
            campaign = left.text_input("Campaign", value="campaign", key=f"dp_campaign_{gen.id}")
            variant = right.text_input(
                "Variant", value="", placeholder=f"v{current_version(gen)}", key=f"dp_variant_{gen.id}"
            )
            go = st.form_submit_button("Make the delivery pack", disabled=working, key=f"dp_go_{gen.id}")
        if go:
            started = attempt(gen.id, start_pack, studio, gen.id, chosen, pattern, campaign, variant)
            if started is not None:
                job = started
        _render_job(job)


def _render_job(job: PackJob | None) -> None:
    if job is None:
        return
    if job.done:
        if job.error is not None:
            st.error(plain(job.error))
        elif job.zip_path is not None and job.zip_path.is_file():
            path = job.zip_path
            st.download_button(
                f"Download {path.name}",
                data=path.read_bytes,  # read when clicked, not on every page run
                file_name=path.name,
                mime="application/zip",
                type="primary",
                key=f"dp_download_{job.gen_id}",
                on_click="ignore",
            )
        return

    @st.fragment(run_every=1.0)
    def progress() -> None:
        if job.done:
            st.rerun()  # the whole page: the download shows, and this polling stops
        st.progress(job.fraction, text=plain(job.message))

    progress()
