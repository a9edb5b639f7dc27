"""The ad message: the player, the MP4 download, the poster and the seed."""

from __future__ import annotations

import streamlit as st

from studio.models import ASPECT_RATIOS, Generation
from studio.service import Studio
from studio.ui.actions import attempt
from studio.ui.delivery_view import render_delivery
from studio.ui.images import show_image
from studio.ui.session import current_owner, show_generation
from studio.ui.text import plain
from studio.ui.versions_view import render_pending_inline, render_versions

PLAYER_COLUMNS = {"9:16": [2, 3], "4:5": [2, 2], "1:1": [2, 2], "16:9": [3, 1]}


def file_name(gen: Generation) -> str:
    """A download name a person recognises: the story title, then the id."""
    title = gen.story.title if gen.story else "ad"
    safe = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    return f"{'-'.join(filter(None, safe.split('-')))[:40] or 'ad'}-{gen.id[:6]}.mp4"


def render_ad(studio: Studio, gen: Generation) -> None:
    """The finished ad, or word that it is being assembled."""
    ad = gen.ad
    if ad is None:
        if gen.finished_ad is not None:  # a new version is on its way; the finished ones stay
            making = next((v.number for v in gen.versions if v.ad is None), None)
            st.markdown(f"Working on version {making}: the versions made so far stay below." if making
                        else "Working on a new version: the versions made so far stay below.")  # fmt: skip
            render_pending_inline(studio, gen)
            render_versions(studio, gen)
        else:
            st.markdown("Stitching the clips, captions, voice and music into your ad…")
        return
    media = studio.ctx.providers.media
    video = media.local_path(ad.location)
    if not video.is_file():
        st.warning("The video file is missing from storage; regenerate the ad to get it back.")
        return
    # A tall ad in a wide column would fill several screens: give it a phone-like width.
    player, side = st.columns(PLAYER_COLUMNS.get(ad.aspect_ratio, [3, 2]))
    with player:
        st.video(str(video))
    with side:
        st.markdown(f"**{ad.duration_s:.1f} s · {ad.width}×{ad.height} · {ad.aspect_ratio}**")
        extras = [w for w, on in (("voice", ad.has_voice), ("music", ad.has_music)) if on]
        st.caption("With " + " and ".join(extras) if extras else "Captions only (no voice or music).")
        if why := next((c.voice_note for c in gen.clips if c.voice_note), None):
            st.caption(f"Voice: {plain(why)}")  # a failed voice keeps the ad and says why
        st.download_button(
            "Download MP4",
            data=video.read_bytes,  # read when clicked, not on every fragment tick
            file_name=file_name(gen),
            mime="video/mp4",
            type="primary",
            key="ad_download",
            on_click="ignore",
            width="stretch",
        )
        st.markdown(f"**Seed:** `{gen.seed}`")
        st.caption("Use the same seed and brief to make this ad again.")
        show_image(media, ad.poster, "no poster", caption="Poster", width=160)
        _reexport(studio, gen)
    render_delivery(studio, gen)
    render_pending_inline(studio, gen)
    render_versions(studio, gen)


def _reexport(studio: Studio, gen: Generation) -> None:
    """The same ad at another aspect ratio: story, references and scenes kept, layouts reflowed."""
    others = [r for r in ASPECT_RATIOS if gen.ad is not None and r != gen.ad.aspect_ratio]
    target = st.selectbox("Another aspect ratio", others, key="reexport_aspect")
    if st.button("Re-export", key="reexport", disabled=gen.is_running):
        new = attempt(gen.id, studio.reexport, gen.id, target, current_owner())
        if new is not None:
            studio.start(new.id)
            show_generation(new.id)
            st.rerun()
