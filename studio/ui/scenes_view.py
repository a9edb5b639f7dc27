"""The scenes message: the whole plan of each scene editable in place (words, timing, camera move,
transition, continuity), with Save and Regenerate, Approve all, and a rewrite when the references changed."""

from __future__ import annotations

from typing import get_args

import streamlit as st

from studio.models import CameraMove, Generation, Scene, SceneEdit, Transition
from studio.service import Studio
from studio.ui.actions import act
from studio.ui.text import plain


def widget_key(field: str, gen: Generation, scene_id: int) -> str:
    """Keys carry the stored version, so a rewritten scene shows its new text, not the old input."""
    return f"scene_{field}_{scene_id}_v{gen.version}"


def _edit_from_form(gen: Generation, scene: Scene) -> SceneEdit:
    """Only the fields the person changed (SceneEdit leaves None fields as they are)."""
    sid, state = scene.id, st.session_state
    values = {
        "description": state.get(widget_key("desc", gen, sid), scene.description),
        "on_screen_text": state.get(widget_key("text", gen, sid), scene.on_screen_text),
        "voiceover": state.get(widget_key("vo", gen, sid), scene.voiceover),
        "duration_s": float(state.get(widget_key("dur", gen, sid), scene.duration_s)),
        "camera_move": state.get(widget_key("move", gen, sid), scene.camera_move),
        "transition_in": state.get(widget_key("trans", gen, sid), scene.transition_in),
        "continuous_with_previous": bool(
            state.get(widget_key("cont", gen, sid), scene.continuous_with_previous)
        ),
    }
    changed = {k: v for k, v in values.items() if v != getattr(scene, k)}
    return SceneEdit(**changed)


def _scene_form(studio: Studio, gen: Generation, scene: Scene) -> None:
    sid = scene.id
    with st.form(key=widget_key("form", gen, sid), border=False):
        st.text_area("Description", scene.description, key=widget_key("desc", gen, sid), height=90)
        left, right = st.columns([3, 1])
        left.text_input(
            "On-screen text", scene.on_screen_text, key=widget_key("text", gen, sid), max_chars=80
        )
        right.number_input(
            "Seconds", min_value=1.0, max_value=30.0, value=float(scene.duration_s), step=0.5,
            key=widget_key("dur", gen, sid),
        )  # fmt: skip
        st.text_area("Voiceover", scene.voiceover, key=widget_key("vo", gen, sid), height=68)
        moves, transitions = list(get_args(CameraMove)), list(get_args(Transition))
        move_col, trans_col = st.columns(2)
        move_col.selectbox(
            "Camera move", moves, index=moves.index(scene.camera_move), key=widget_key("move", gen, sid),
            format_func=lambda m: m.replace("_", " "),
        )  # fmt: skip
        trans_col.selectbox(
            "Transition in", transitions, index=transitions.index(scene.transition_in),
            key=widget_key("trans", gen, sid),
        )  # fmt: skip
        st.checkbox(
            "Continues the scene before (starts from its last frame)", scene.continuous_with_previous,
            key=widget_key("cont", gen, sid), disabled=scene.id == gen.scenes[0].id,
        )  # fmt: skip
        st.text_input("Feedback for Regenerate (optional)", key=widget_key("feedback", gen, sid))
        save_col, regen_col = st.columns(2)
        save = save_col.form_submit_button("Save", key=widget_key("save", gen, sid), width="stretch")
        regen = regen_col.form_submit_button("Regenerate", key=widget_key("regen", gen, sid), width="stretch")
    if save:
        edit = _edit_from_form(gen, scene)
        if edit.model_dump(exclude_none=True):
            act(gen.id, studio.edit_scene, gen.id, sid, edit)
        st.toast(f"Scene {sid} is unchanged.")
    if regen:
        feedback = (st.session_state.get(widget_key("feedback", gen, sid)) or "").strip() or None
        act(gen.id, studio.regenerate_scene, gen.id, sid, feedback)


def _scene_readonly(scene: Scene) -> None:
    st.markdown(plain(scene.description))
    if scene.on_screen_text:
        st.markdown(f"**On screen:** {plain(scene.on_screen_text)}")
    if scene.voiceover:
        st.markdown(f"**Voiceover:** {plain(scene.voiceover)}")
    st.caption(plan_line(scene))


def plan_line(scene: Scene) -> str:
    """The scene's plan in one line: camera move, transition, continuity."""
    joined = "continues the scene before" if scene.continuous_with_previous else "a fresh shot"
    return f"Camera {scene.camera_move.replace('_', ' ')} · {scene.transition_in} in · {joined}"


def render_scenes(studio: Studio, gen: Generation) -> None:
    """All scenes; editable unless work is running, with Approve all at the breakpoint."""
    if not gen.scenes:
        st.markdown("Writing the scenes…")
        return
    total = sum(s.duration_s for s in gen.scenes)
    st.markdown(f"**{len(gen.scenes)} scenes, {total:.0f} s**")
    editable = not gen.is_running
    waiting = gen.status == "awaiting_approval" and gen.stage == "scenes"
    if gen.scenes_outdated:
        st.warning("The references changed after these scenes were written: they may describe the old look.")
        if editable and st.button("Rewrite the scenes for the new references", key="scenes_rewrite"):
            act(gen.id, studio.rewrite_outdated_scenes, gen.id)
    for scene in gen.scenes:
        title = f"Scene {scene.id} · {plain(scene.beat or scene.focus)} · {scene.duration_s:g} s"
        if scene.continuous_with_previous:
            title += " · continues"
        with st.expander(title, expanded=waiting):
            if editable:
                _scene_form(studio, gen, scene)
            else:
                _scene_readonly(scene)
    if waiting:
        if st.button("Approve all scenes", type="primary", key="scenes_approve", width="stretch"):
            act(gen.id, studio.approve, gen.id)
        st.caption('You can also say what to change in the chat, e.g. "make scene 2 more dramatic".')
