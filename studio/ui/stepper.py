"""The stage stepper: Story → References → Scenes → Storyboard → Clips → Ad → Scores."""

from __future__ import annotations

import streamlit as st

from studio.models import STAGES, Generation

LABELS = {
    "story": "Story",
    "references": "References",
    "scenes": "Scenes",
    "storyboard": "Storyboard",
    "clips": "Clips",
    "ad": "Ad",
    "scores": "Scores",
}


def stage_states(gen: Generation | None) -> dict[str, str]:
    """Each stage as "done", "current" or "upcoming" for this generation."""
    if gen is None:
        return {s: ("current" if s == "story" else "upcoming") for s in STAGES}
    current = STAGES.index(gen.stage)
    finished = gen.status == "completed"
    states = {}
    for i, stage in enumerate(STAGES):
        if i < current or (finished and i <= current):
            states[stage] = "done"
        elif i == current:
            states[stage] = "current"
        else:
            states[stage] = "upcoming"
    if finished and gen.stage == "ad":
        # Scoring switched off: nothing more will come.
        states["scores"] = "upcoming"
    return states


def working_line(gen: Generation) -> tuple[float, str] | None:
    """The running stage's progress and what it is doing, as the store has it (None when idle)."""
    if not gen.is_running:
        return None
    if gen.stage == "clips" and gen.clips:
        done = sum(c.progress for c in gen.clips) / (100 * len(gen.clips))
        return done, f"Clips: {sum(c.status == 'complete' for c in gen.clips)} of {len(gen.clips)} complete"
    note = gen.progress_note or f"Working on the {LABELS[gen.stage].lower()}…"
    return (gen.progress or 0.0), note


def render_stepper(gen: Generation | None) -> None:
    """One row of stages: finished ones ticked, the current one highlighted, and its progress bar."""
    failed = gen is not None and gen.status in ("failed", "stopped")
    cols = st.columns(len(STAGES))
    for col, (stage, state) in zip(cols, stage_states(gen).items(), strict=True):
        label = LABELS[stage]
        if state == "done":
            col.markdown(f":green[✓ {label}]")
        elif state == "current" and failed:
            col.markdown(f":red-background[**✕ {label}**]")
        elif state == "current":
            col.markdown(f":blue-background[**● {label}**]")
        else:
            col.markdown(f":gray[○ {label}]")
    line = working_line(gen) if gen is not None else None
    if line is not None:
        fraction, note = line
        st.progress(min(1.0, max(0.0, fraction)), text=note)
