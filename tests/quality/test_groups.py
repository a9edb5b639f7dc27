"""Groups never share a figure; a group with nothing measured says unavailable; the overall names its
groups."""

from __future__ import annotations

import itertools

import pytest

from studio.models import ChecklistItem, MetricValue, QualityReport, TextReadback
from studio.quality.report import GROUPS, aggregate
from studio.ui.scores_view import checklist_table, group_lines, text_fidelity_line


def test_no_dimension_belongs_to_two_groups():
    for a, b in itertools.combinations(GROUPS, 2):
        assert not set(GROUPS[a]) & set(GROUPS[b]), (a, b)


def test_pixel_only_report_leaves_composition_unavailable_and_says_what_overall_covers():
    dims = {
        "imaging_quality": MetricValue(value=80.0),
        "aesthetic_quality": MetricValue(value=None, note="unavailable: no weights"),
        "clip_score": MetricValue(value=None, note="unavailable: no weights"),
        "subject_consistency": MetricValue(value=90.0),
        "temporal_flickering": MetricValue(value=60.0),
    }
    r = aggregate(QualityReport(dimensions=dims))
    assert r.composition is None
    why = "unavailable: none of clip_score, text_fidelity, brand_presence was measured"
    assert r.group_notes == {"composition": why}
    assert (r.coherence, r.motion, r.visual_appeal) == (90.0, 60.0, 80.0)
    assert r.composition != r.visual_appeal
    assert r.overall_covers == ["coherence", "motion", "visual_appeal"]
    assert r.overall == pytest.approx((90 + 60 + 80) / 3, abs=0.01)
    # text read back fills composition on its own
    r2 = aggregate(r.model_copy(update={"dimensions": {**dims, "text_fidelity": MetricValue(value=50.0)}}))
    assert r2.composition == 50.0 and "composition" in r2.overall_covers and not r2.group_notes


def test_scores_view_says_unavailable_and_lists_the_overalls_groups():
    r = aggregate(QualityReport(dimensions={"temporal_flickering": MetricValue(value=70.0)}))
    lines = group_lines(r)
    assert "Composition: unavailable (unavailable: none of clip\\_score" in lines[0]
    assert lines[-1] == "Overall covers: motion"
    assert sum(line.endswith(")") and "unavailable" in line for line in lines) == 3


def test_scores_view_shows_the_checklist_and_text_read_back():
    r = QualityReport(
        checklist=[
            ChecklistItem(key="loudness", label="Loudness −14 LUFS ±1", status="pass", evidence="-14.1 LUFS"),
            ChecklistItem(key="cta_end", label="CTA at the end", status="unavailable", evidence="no CTA"),
        ],
        text_readback=[
            TextReadback(scene_id=1, kind="on_screen_text", expected="a", read="a", fidelity=100.0),
            TextReadback(scene_id=1, kind="caption", expected="b", read="c", fidelity=0.0),
            TextReadback(scene_id=None, kind="end_card", expected="d", read="d", fidelity=100.0),
        ],
    )
    table = checklist_table(r)
    assert list(table["Result"]) == ["pass", "unavailable"]
    assert list(table["Evidence"]) == ["-14.1 LUFS", "no CTA"]
    assert text_fidelity_line(r) == "Text read back (OCR, 0-100): scene 1 50, end card 100"
