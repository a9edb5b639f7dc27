"""The scores message: per clip and overall, coloured by the pipeline's bars, with a breakdown chart."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from studio.config import QualityThresholds
from studio.models import Generation, QualityReport
from studio.quality.weights import (
    FIGURE_MODELS,
    PULL_COMMAND,
    Availability,
    human_size,
    learned_availability,
    missing_for_figure,
)
from studio.service import Studio
from studio.ui.text import plain

BREAKDOWN = ("composition", "coherence", "motion", "visual_appeal")


def score_color(value: float, bars: QualityThresholds) -> str:
    """green at or above the good bar, yellow at or above the acceptable bar, red below."""
    if value >= bars.good:
        return "green"
    return "yellow" if value >= bars.acceptable else "red"


def _badge(label: str, value: float | None, bars: QualityThresholds) -> None:
    if value is None:
        st.badge(f"{label}: unavailable", color="gray")
    else:
        st.badge(f"{label}: {value:.1f}", color=score_color(value, bars))  # type: ignore[arg-type]


def _breakdown(report: QualityReport) -> None:
    names = [k for k in BREAKDOWN if getattr(report, k) is not None]
    if names:
        figures = pd.DataFrame(
            {"part": [n.replace("_", " ") for n in names], "score": [getattr(report, n) for n in names]}
        )
        st.bar_chart(figures, x="part", y="score", horizontal=True, height=180, x_label="", y_label="")
    for line in group_lines(report):
        st.caption(line)
    notes = unavailable_notes(report, learned_models())
    if notes:
        st.caption("Unavailable: " + "; ".join(notes))
    _ad_checks(report)


def group_lines(report: QualityReport) -> list[str]:
    """Plain lines: each group without a measured figure says unavailable, and what the overall covers."""
    lines = []
    for g in BREAKDOWN:
        if getattr(report, g) is None:
            why = plain(report.group_notes.get(g, "not measured"))
            lines.append(f"{g.replace('_', ' ').capitalize()}: unavailable ({why})")
    if report.overall is not None and report.overall_covers:
        covers = ", ".join(g.replace("_", " ") for g in report.overall_covers)
        lines.append(f"Overall covers: {covers}")
    return lines


CHECK_MARK = {"pass": "pass", "fail": "FAIL", "unavailable": "unavailable"}
"""Words, not emoji: a table cell shows an emoji as a box where the browser has no emoji font."""


def checklist_table(report: QualityReport) -> pd.DataFrame:
    """The ad checklist as rows a marketer reads: item, result, what was measured."""
    return pd.DataFrame(
        {
            "Check": [c.label for c in report.checklist],
            "Result": [CHECK_MARK[c.status] for c in report.checklist],
            "Evidence": [c.evidence for c in report.checklist],
        }
    )


def text_fidelity_line(report: QualityReport) -> str:
    """Text read back per scene and for the end card (mean fidelity of its pieces), one plain line."""
    by_place: dict[str, list[float]] = {}
    for t in report.text_readback:
        if t.fidelity is None:
            continue
        place = "end card" if t.scene_id is None else f"scene {t.scene_id}"
        by_place.setdefault(place, []).append(t.fidelity)
    if not by_place:
        return ""
    parts = [f"{place} {sum(v) / len(v):.0f}" for place, v in by_place.items()]
    return "Text read back (OCR, 0-100): " + ", ".join(parts)


def _ad_checks(report: QualityReport) -> None:
    line = text_fidelity_line(report)
    if line:
        st.caption(line)
    if report.checklist:
        st.dataframe(checklist_table(report), hide_index=True, width="stretch")


@st.cache_data(ttl=60, show_spinner=False)
def learned_models() -> dict[str, Availability]:
    """Which learned-metric weights are on this machine: the disk only, re-read at most once a minute."""
    return learned_availability()


def unavailable_notes(report: QualityReport, found: Mapping[str, Availability]) -> list[str]:
    """Why each figure is missing (Markdown); a learned one lacking weights names the model and command."""
    notes = []
    for name, metric in report.dimensions.items():
        if metric.value is not None:
            continue
        missing = missing_for_figure(name, found)
        if missing is not None:
            size = f", about {human_size(missing.download_bytes)}" if missing.download_bytes else ""
            notes.append(
                f"{name}: needs {missing.label} ({missing.model_id}{size}), which is not on this "
                f"machine; get it with `{missing.command}`"
            )
        elif name in FIGURE_MODELS and PULL_COMMAND in metric.note:
            notes.append(f"{name}: not measured for this ad; its weights are on this machine now")
        else:
            notes.append(f"{name}: {plain(metric.note or 'not measured here')}")
    return notes


def render_scores(studio: Studio, gen: Generation) -> None:
    """Scoring…, then the figures as they land; Scoring unavailable when it failed."""
    bars = studio.ctx.pipeline.quality
    reports = studio.store.quality(gen.id)
    overall_done = None in reports
    if not overall_done and not gen.scoring_failed:
        st.markdown("Scoring…")
    elif gen.scoring_failed or reports.get(None) is None:
        st.markdown("Scoring unavailable: the ad itself is fine; its scores could not be computed.")
    else:
        report = reports[None]
        assert report is not None
        with st.container(horizontal=True):
            _badge("Overall", report.overall, bars)
        _breakdown(report)
    clip_ids = [c.scene_id for c in gen.clips]
    if clip_ids and any(i in reports for i in clip_ids):
        with st.container(horizontal=True):
            for scene_id in clip_ids:
                if scene_id not in reports:
                    st.badge(f"Scene {scene_id}: scoring…", color="gray")
                    continue
                clip_report = reports[scene_id]
                _badge(f"Scene {scene_id}", clip_report.overall if clip_report else None, bars)
