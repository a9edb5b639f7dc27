"""Before a run, the sidebar shows what the ad will cost with the providers in use."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def _cost_caption(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if "Estimated cost" in c.value)


def test_offline_is_free_and_replicate_is_estimated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "offline"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "$0.00 (offline: free)" in _cost_caption(at)

    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "keyed"))
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_FAKEtokenForTheEstimateOnly000")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    caption = _cost_caption(at)
    dollars = float(caption.split("$")[1].split()[0])
    assert dollars > 0.5  # clips of veo-3-fast for a 15 s ad and three reference images
    page_text = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.sidebar.caption])
    assert "r8_FAKE" not in page_text
