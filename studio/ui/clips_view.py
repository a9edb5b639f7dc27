"""The clips message: one progress bar per clip, a thumbnail as each finishes, Retry on a failed one."""

from __future__ import annotations

import streamlit as st

from studio.models import Clip, Generation
from studio.service import Studio
from studio.ui.actions import act
from studio.ui.images import show_image
from studio.ui.text import plain

PER_ROW = 4


def _clip(studio: Studio, gen: Generation, clip: Clip) -> None:
    st.progress(min(1.0, clip.progress / 100), text=f"Scene {clip.scene_id}: {clip.status}")
    if clip.status == "complete" and clip.thumbnail:
        show_image(studio.ctx.providers.media, clip.thumbnail, "no thumbnail", width="stretch")
    if clip.status == "failed":
        st.caption(plain(clip.error or "This clip failed."))
        if not gen.is_running and st.button("Retry", key=f"clip_retry_{clip.scene_id}"):
            act(gen.id, studio.retry_clip, gen.id, clip.scene_id)


def render_clips(studio: Studio, gen: Generation) -> None:
    """Every clip's state; the bars all move at once while clips render in parallel."""
    if not gen.clips:
        st.markdown("Queuing the clips…")
        return
    done = sum(c.status == "complete" for c in gen.clips)
    st.markdown(f"**Clips: {done} of {len(gen.clips)} complete**")
    if gen.status == "clips" and st.button("Stop", key="stop_generation", help="Finished clips are kept."):
        act(gen.id, studio.stop, gen.id)
    for start in range(0, len(gen.clips), PER_ROW):
        row = gen.clips[start : start + PER_ROW]
        for col, clip in zip(st.columns(PER_ROW), row, strict=False):
            with col:
                _clip(studio, gen, clip)
