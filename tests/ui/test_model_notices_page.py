"""The page names a configured model that shuts down within 30 days (read from the live catalogue)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.loopback.server import OPENAI_CATALOGUE, LoopbackServer

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-proj-PAGENOTICE0123456789abcdef"


def test_a_model_shutting_down_soon_is_named_on_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    soon = (date.today() + timedelta(days=12)).isoformat()
    with LoopbackServer(openai_key=KEY, openai_models={**OPENAI_CATALOGUE, "gpt-4.1-mini": soon}) as server:
        monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", server.openai_base_url)
        monkeypatch.setenv("OPENAI_TEXT_MODEL", "gpt-4.1-mini")
        monkeypatch.delenv("STUDIO_OFFLINE", raising=False)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception
        warnings = [w.value for w in at.sidebar.warning]
        assert f"OPENAI_TEXT_MODEL=gpt-4.1-mini shuts down on {soon} (in 12 days): set OPENAI_TEXT_MODEL=" \
               "gpt-5-mini." in warnings
        captions = " ".join(c.value for c in at.sidebar.caption)
        assert f"gpt-4.1-mini: shutting down on {soon} (successor: gpt-5-mini)" in captions
        assert KEY not in " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.sidebar.caption,
                                                          *at.sidebar.warning])
        assert len(server.records("/v1/models", "GET")) == 1
