"""A local model this machine cannot run, set in the studio's environment (issue 22), in a real Chromium:
the sidebar names it before any brief, a brief sent anyway is answered with the same reason, and nothing
is stored. The command line refuses the same way, in a process of its own, before any stage runs."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, ROOT, send, stored_generation, streamlit_server, studio_page

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e
REASON = "STUDIO_LOCAL_VIDEO_MODEL=ltx-video: LTX-Video 2B runs on a CUDA GPU"
"""The start of the refusal on a machine with no CUDA GPU (the tests never need one)."""


def _env(tmp_path: Path) -> dict[str, str]:
    drop = ("STUDIO_OFFLINE", "OPENAI_API_KEY", "REPLICATE_API_TOKEN", "DATABASE_URL", "STUDIO_COMFYUI_URL")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return env | {"STUDIO_DATA_DIR": str(tmp_path / "data"), "STUDIO_LOCAL_VIDEO_MODEL": "ltx-video",
                  "HF_HUB_CACHE": str(tmp_path / "hub")}  # fmt: skip


@pytest.fixture
def studio_url(tmp_path: Path) -> Iterator[str]:
    with streamlit_server(ROOT, _env(tmp_path), tmp_path / "streamlit.log", timeout_s=60) as (url, _):
        yield url


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)")
def test_the_page_names_the_model_ahead_and_refuses_the_brief(studio_url: str, tmp_path: Path) -> None:
    with studio_page(studio_url) as page:
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text(REASON, exact=False)).to_be_visible(timeout=60_000)
        send(page, "Trail running shoes from Peak that grip wet rock")
        chat = page.get_by_test_id("stChatMessage")
        expect(chat.filter(has_text=REASON)).to_have_count(1, timeout=30_000)
    assert stored_generation(tmp_path / "data" / "studio.db") is None  # nothing was started


def test_the_command_line_refuses_before_any_stage(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "studio", "generate", "--auto", "--prompt", "Trail shoes from Peak.",
         "--duration", "6"],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert REASON in done.stderr and "unset STUDIO_LOCAL_VIDEO_MODEL" in done.stderr
    assert "stage done" not in done.stderr  # refused before the story, not at the clips
    assert stored_generation(tmp_path / "data" / "studio.db") is None
