"""The library: past generations, newest first, to search, open, download or delete."""

from __future__ import annotations

import streamlit as st

from studio.config import QualityThresholds
from studio.errors import StudioError
from studio.models import AdVersion
from studio.service import Studio
from studio.store.repo import GenerationSummary
from studio.ui.images import show_image
from studio.ui.scores_view import score_color
from studio.ui.session import QUERY_KEY, current_owner, get_studio, is_admin
from studio.ui.text import plain
from studio.ui.versions_view import version_label

CONFIRM_KEY = "_library_confirm_delete"
PAGE_SIZE = 50
STATUS_WORDS = {
    "completed": ":green[completed]",
    "failed": ":red[failed]",
    "awaiting_approval": ":blue[waiting for your approval]",
}


def _status(item: GenerationSummary) -> str:
    return STATUS_WORDS.get(item.status, f":orange[{item.status}…]")


def _score(item: GenerationSummary, bars: QualityThresholds) -> str:
    if item.overall_score is None:
        return ":gray[no score]"
    return f":{score_color(item.overall_score, bars)}-badge[Score {item.overall_score:.1f}]"


def _open(gen_id: str) -> None:
    st.switch_page("app_pages/0_Studio.py", query_params={QUERY_KEY: gen_id})  # app.py's default page


def _delete_controls(studio: Studio, item: GenerationSummary) -> None:
    if st.session_state.get(CONFIRM_KEY) == item.id:
        st.warning("Delete this ad? It leaves the library for good.")
        yes, no = st.columns(2)
        if yes.button("Delete", key=f"lib_confirm_{item.id}", type="primary"):
            studio.store.soft_delete(item.id)
            st.session_state.pop(CONFIRM_KEY, None)
            st.toast("Deleted.")
            st.rerun()
        if no.button("Keep", key=f"lib_keep_{item.id}"):
            st.session_state.pop(CONFIRM_KEY, None)
            st.rerun()
    elif st.button("Delete…", key=f"lib_delete_{item.id}"):
        st.session_state[CONFIRM_KEY] = item.id
        st.rerun()


def _row(studio: Studio, item: GenerationSummary, bars: QualityThresholds) -> None:
    media = studio.ctx.providers.media
    with st.container(border=True):
        poster_col, text_col, action_col = st.columns([1, 4, 2])
        with poster_col:
            show_image(media, item.poster, "no poster yet", width="stretch")
        with text_col:
            st.markdown(f"**{plain(item.title or 'Untitled')}**")
            st.markdown(plain(item.prompt[:300]))
            when = f"{item.created_at:%Y-%m-%d %H:%M} UTC"
            # "\$": a bare dollar sign starts LaTeX in Streamlit's markdown.
            st.markdown(f"{_status(item)} · {_score(item, bars)} · \\${item.cost_usd:.2f} · {when}")
        with action_col:
            if st.button("Open in the studio", key=f"lib_open_{item.id}", type="primary", width="stretch"):
                _open(item.id)
            video = media.local_path(item.final_video) if item.final_video else None
            if video is not None and video.is_file():
                st.download_button(
                    "Download MP4",
                    data=video.read_bytes,  # read when clicked, not on every page run
                    file_name=f"ad-{item.id[:8]}.mp4",
                    mime="video/mp4",
                    key=f"lib_download_{item.id}",
                    on_click="ignore",
                    width="stretch",
                )
            _delete_controls(studio, item)
        _versions(studio, item)


def _versions(studio: Studio, item: GenerationSummary) -> None:
    """Each finished version of the ad, downloadable (the newest is the one above)."""
    versions = [v for v in (AdVersion.model_validate(d) for d in item.versions or []) if v.ad is not None]
    if len(versions) < 2:
        return
    media = studio.ctx.providers.media
    with st.expander(f"{len(versions)} versions"):
        for v in versions:
            assert v.ad is not None
            text_col, button_col = st.columns([5, 2], vertical_alignment="center")
            text_col.markdown(plain(version_label(v)))
            video = media.local_path(v.ad.location)
            if video.is_file():
                button_col.download_button(
                    f"Download v{v.number}",
                    data=video.read_bytes,
                    file_name=f"ad-{item.id[:8]}-v{v.number}.mp4",
                    mime="video/mp4",
                    key=f"lib_download_{item.id}_v{v.number}",
                    on_click="ignore",
                    width="stretch",
                )
            else:
                button_col.caption("file missing")


def render_library() -> None:
    """Draw the library for the current person."""
    try:
        studio = get_studio()
    except StudioError as exc:
        st.error(f"The studio cannot start: {plain(exc)}")
        st.stop()
    st.title("Library", anchor=False)
    search = st.text_input("Search", placeholder="Search prompts and titles", key="lib_search")
    items = studio.store.list_generations(
        owner=None if is_admin() else current_owner(), search=search, limit=PAGE_SIZE
    )
    if not items:
        st.info("No ads yet." if not search.strip() else f"Nothing matches “{plain(search)}”.")
        return
    st.caption(f"{len(items)} ad(s), newest first.")
    bars = studio.ctx.pipeline.quality
    for item in items:
        _row(studio, item, bars)
