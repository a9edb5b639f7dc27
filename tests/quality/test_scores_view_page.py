"""The scores view on a page: a group with nothing measured says unavailable, the overall names its groups,
and the checklist shows pass / fail / unavailable with its evidence."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest


def _page() -> None:
    from studio.models import ChecklistItem, MetricValue, QualityReport, TextReadback
    from studio.quality.report import aggregate
    from studio.ui.scores_view import _breakdown

    dims = {"temporal_flickering": MetricValue(value=90.0), "imaging_quality": MetricValue(value=70.0)}
    report = aggregate(
        QualityReport(
            dimensions=dims,
            checklist=[
                ChecklistItem(key="cta_end", label="CTA at the end", status="fail", evidence="missing"),
                ChecklistItem(key="loudness", label="Loudness", status="unavailable", evidence="no sound"),
            ],
            text_readback=[TextReadback(kind="end_card", expected="Shop", read="Shop", fidelity=100.0)],
        )
    )
    _breakdown(report)


@pytest.fixture
def keep_main():  # type: ignore[no-untyped-def]
    """AppTest.from_function runs its script as `__main__` and leaves it there; a later test's
    multiprocessing spawn would then re-run that temporary script in its children and fail."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


def test_scores_view_shows_unavailable_groups_coverage_and_the_checklist(keep_main):
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Composition: unavailable") for c in captions)
    assert any(c.startswith("Coherence: unavailable") for c in captions)
    assert "Overall covers: motion, visual appeal" in captions
    assert "Text read back (OCR, 0-100): end card 100" in captions
    table = at.dataframe[0].value
    assert list(table["Result"]) == ["FAIL", "unavailable"]
    assert list(table["Evidence"]) == ["missing", "no sound"]
