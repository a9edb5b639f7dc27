"""The storyboard stop: a strip of one frame per scene, with its text and timing, before any video is made.

Each frame can be redrawn with a sentence, replaced by an upload, or edited in the image editor; the
estimated cost of the video stage is shown beside the approval that starts it.
"""

from __future__ import annotations

import streamlit as st

from studio.models import Generation, Keyframe, Scene
from studio.pipeline.pictures import PictureRef
from studio.service import Studio
from studio.ui.actions import act, attempt
from studio.ui.images import show_image
from studio.ui.picture_editor import editor_target, open_editor, picture_editor
from studio.ui.sidebar import store_upload
from studio.ui.text import plain

PER_ROW = 4


def timings(scenes: list[Scene]) -> dict[int, tuple[float, float]]:
    """Each scene's start and end in the ad, in seconds."""
    out, at = {}, 0.0
    for scene in scenes:
        out[scene.id] = (at, at + scene.duration_s)
        at += scene.duration_s
    return out


def frame_origin(frame: Keyframe | None) -> str:
    """Where a frame came from, in the person's words."""
    if frame is None:
        return "no frame yet"
    if frame.source == "upload":
        return f"your upload {frame.upload}" if frame.upload else "your upload"
    return "the scene's opening frame" if frame.source == "composed" else "generated"


def cost_caption(cost: float | None, offline: bool) -> str:
    """The video stage's estimated cost as one line ("\\$": a bare dollar sign starts LaTeX)."""
    if cost is None:
        return "Estimated cost of the video stage: unavailable (the video model has no list price here)."
    if offline and cost == 0:
        return "Estimated cost of the video stage: \\$0.00 (offline renderer: free)."
    return f"Estimated cost of the video stage: \\${cost:.2f} at list prices."


def _change_frame(studio: Studio, gen: Generation, scene: Scene) -> None:
    sid = scene.id
    with st.expander("Change this frame"):
        feedback = st.text_input("What should change?", key=f"kf_feedback_{sid}_v{gen.version}")
        if st.button("Regenerate", key=f"kf_regenerate_{sid}"):
            act(gen.id, studio.regenerate_keyframe, gen.id, sid, feedback.strip() or None)
        upload = st.file_uploader(
            "Or use your own picture", type=["png", "jpg", "jpeg", "webp"], key=f"kf_upload_{sid}"
        )
        if upload is not None and st.button("Use this picture", key=f"kf_replace_{sid}"):
            location = attempt(gen.id, store_upload, studio, upload.name, upload.getvalue(), 0)
            if location:
                act(gen.id, studio.replace_keyframe, gen.id, sid, location, upload.name)
            st.rerun()


def _frame(studio: Studio, gen: Generation, scene: Scene, frame: Keyframe | None, editable: bool) -> None:
    start, end = timings(gen.scenes)[scene.id]
    media = studio.ctx.providers.media
    label = f"Scene {scene.id} · {start:.1f}–{end:.1f} s"
    show_image(
        media, frame.location if frame else None, f"{label} (no frame)", caption=label, width="stretch"
    )
    if scene.on_screen_text:
        st.markdown(f"**{plain(scene.on_screen_text)}**")
    st.caption(plain(scene.description[:220]))
    st.caption(f"{scene.camera_move.replace('_', ' ')} · {scene.transition_in} in · {frame_origin(frame)}"
               + (" · continues the scene before" if scene.continuous_with_previous else ""))  # fmt: skip
    if editable and frame is not None:
        if st.button("Edit", key=f"kf_edit_{scene.id}", icon=":material/brush:"):
            open_editor(gen.id, PictureRef(kind="keyframe", index=scene.id))
        _change_frame(studio, gen, scene)


def render_storyboard(studio: Studio, gen: Generation) -> None:
    """The strip of frames, the video stage's estimated cost, and Approve at the stop."""
    if not gen.keyframes:
        st.markdown("Drawing the storyboard…")
        return
    frames = {k.scene_id: k for k in gen.keyframes}
    total = sum(s.duration_s for s in gen.scenes)
    st.markdown(f"**Storyboard: {len(gen.scenes)} scenes, {total:.0f} s**")
    waiting = gen.status == "awaiting_approval" and gen.stage == "storyboard"
    editable = waiting
    for row in range(0, len(gen.scenes), PER_ROW):
        scenes = gen.scenes[row : row + PER_ROW]
        for col, scene in zip(st.columns(PER_ROW), scenes, strict=False):
            with col:
                _frame(studio, gen, scene, frames.get(scene.id), editable)
    target = editor_target(gen.id)
    if target is not None and target.kind == "keyframe" and editable:
        picture_editor(studio, gen, target)
    if waiting:
        offline = not studio.ctx.settings.use_replicate
        st.caption(cost_caption(studio.video_cost_estimate(gen), offline))
        if st.button("Approve the storyboard and make the video", type="primary", key="storyboard_approve",
                     width="stretch"):  # fmt: skip
            act(gen.id, studio.approve, gen.id)
        st.caption(
            'No video is made before you approve. You can also say "frame 2: warmer light" in the chat.'
        )
