"""A local model this machine cannot run is named on the page before an ad is asked for, and a brief sent
anyway is refused with the same words: nothing is stored, nothing is painted (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages import APP, TIMEOUT, page_store


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("STUDIO_DATA_DIR", str(data))
    monkeypatch.delenv("STUDIO_OFFLINE", raising=False)  # offline would serve the video port itself
    monkeypatch.setenv("STUDIO_LOCAL_VIDEO_MODEL", "ltx-video")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))  # no weights pulled
    for key in ("OPENAI_API_KEY", "REPLICATE_API_TOKEN", "DATABASE_URL"):
        monkeypatch.delenv(key, raising=False)
    return data


def test_a_local_model_that_cannot_run_here_is_named_ahead_and_refuses_the_brief(data_dir: Path) -> None:
    # This machine has no CUDA GPU (the tests never need one): LTX-Video cannot serve here.
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    ahead = [e.value for e in at.sidebar.error]
    assert any(e.startswith("STUDIO_LOCAL_VIDEO_MODEL=ltx-video:") for e in ahead), ahead
    reason = next(e for e in ahead if e.startswith("STUDIO_LOCAL_VIDEO_MODEL"))
    assert "unset STUDIO_LOCAL_VIDEO_MODEL" in reason  # what to do about it

    at.chat_input(key="chat").set_value("Trail running shoes from Peak that grip wet rock").run()
    assert not at.exception
    said = " ".join(str(m.markdown[0].value) for m in at.chat_message if m.markdown)
    assert reason in said.replace("\\", "")  # answered with the reason (as Markdown), not a traceback
    assert page_store().list_generations() == []  # and nothing was started
