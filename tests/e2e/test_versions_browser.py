"""In Chromium: "make the music louder" on a finished ad shows two versions, the first still playable."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief
from studio.service import Studio
from tests.browser import CHROMIUM, ROOT, launch, send, streamlit_server, wait_connected

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


def _versions(db: Path, gen_id: str) -> list[dict]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        row = conn.execute("select versions, status from generations where id = ?", (gen_id,)).fetchone()
    raw = row[0] if row else None
    return [v for v in json.loads(raw or "[]") if v.get("ad")] if row and row[1] == "completed" else []


def test_louder_music_in_the_browser_keeps_v1_playable(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    data = tmp_path / "data"
    ctx = open_context(Settings(data_dir=data, max_concurrent=2))
    try:
        brief = Brief(prompt="A cold-brew coffee for busy commuters", resolution="360p", duration_s=8,
                      scene_count=3, seed=5)  # fmt: skip
        studio = Studio(ctx)
        gen = studio.run(studio.create(brief).id)
        assert gen.status == "completed", gen.error
    finally:
        ctx.runner.shutdown()
    env = {**os.environ, "STUDIO_DATA_DIR": str(data), "STUDIO_OFFLINE": "1", "STUDIO_MAX_CONCURRENT": "2"}
    with (
        streamlit_server(ROOT, env, tmp_path / "streamlit.log", timeout_s=60) as (url, _),
        sync_playwright() as pw,
    ):
        browser = launch(pw)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/?g={gen.id}")
            wait_connected(page)
            expect(page.locator("video")).to_have_count(1, timeout=90_000)

            send(page, "make the music louder")
            deadline = time.monotonic() + 120
            while len(_versions(data / "studio.db", gen.id)) < 2:
                assert time.monotonic() < deadline, "version 2 was not made"
                time.sleep(0.2)
            # The current ad, then v1 beside v2.
            expect(page.locator("video")).to_have_count(3, timeout=30_000)
            expect(page.get_by_text("v1 · first cut", exact=False).first).to_be_visible(timeout=10_000)
            expect(page.get_by_text("v2 · music louder", exact=False).first).to_be_visible(timeout=10_000)
            sources = [v.get_attribute("src") or "" for v in page.locator("video").all()]
            assert len(set(sources)) == 2, sources  # v1's file and v2's (the current ad is v2)
            for src in sources:
                answer = page.request.get(src if src.startswith("http") else f"{url}{src}")
                assert answer.status == 200 and answer.headers["content-type"].startswith("video/"), src
                assert len(answer.body()) > 10_000
            downloads = page.get_by_test_id("stDownloadButton")
            expect(downloads.filter(has_text="Download v1")).to_have_count(1)
            expect(downloads.filter(has_text="Download v2")).to_have_count(1)
            page.screenshot(path="/tmp/studio_versions.png", full_page=True)
        finally:
            browser.close()
