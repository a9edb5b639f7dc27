"""A deploy restarts the page process: SIGTERM while clips render ends it within 10 s, the generation is
left running (not stopped, not failed) for the next start, and `studio resume` finishes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, ROOT, choose, launch, streamlit_server, wait_connected

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


def _rows(db: Path, sql: str) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.OperationalError as exc:  # the schema is still being created
            if "no such table" not in str(exc):
                raise  # a wrong query must fail the test, not read as "no rows"
            return []


def _wait(what: str, check, timeout_s: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def test_sigterm_mid_render_exits_fast_and_the_work_resumes(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    data = tmp_path / "data"
    db = data / "studio.db"
    env = {
        **os.environ,
        "STUDIO_DATA_DIR": str(data),
        "STUDIO_OFFLINE": "1",
        "STUDIO_MAX_CONCURRENT": "2",
        "HF_HUB_OFFLINE": "1",
    }
    with streamlit_server(ROOT, env, tmp_path / "streamlit.log", timeout_s=60) as (url, server):
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(url)
                wait_connected(page)
                expect(page.get_by_text("Tell me what the ad is about", exact=False)).to_be_visible(
                    timeout=60_000
                )
                choose(page, "Resolution", "720p")
                choose(page, "Scenes", "3")
                page.get_by_test_id("stSidebar").get_by_text("automated", exact=True).click()
                box = page.get_by_test_id("stChatInputTextArea")
                box.fill("Trail running shoes that grip wet rock. 20% off this week.")
                box.press("Enter")
                # Clips render in the page's process: wait until one is finished and the next under way.
                _wait(
                    "a clip finished and the next rendering",
                    lambda: _rows(db, "select 1 from clips where status = 'complete'")
                    and _rows(db, "select 1 from clips where status = 'rendering' and progress > 0"),
                    180,
                )
            finally:
                browser.close()
        (gen_id,) = _rows(db, "select id from generations")[0]

        # The deploy's restart: SIGTERM, as a process manager sends it.
        sent = time.monotonic()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            raise AssertionError("streamlit did not exit within 15 s of SIGTERM") from None
        took = time.monotonic() - sent
        assert took <= 10.0, f"streamlit took {took:.1f} s to exit on SIGTERM"

        # Left running for the next start: not stopped, not failed, heartbeat cleared.
        status, heartbeat = _rows(db, f"select status, heartbeat_at from generations where id = '{gen_id}'")[
            0
        ]
        assert status in ("clips", "assembling", "scoring"), status
        assert heartbeat is None
        complete_before = {
            sid for (sid,) in _rows(db, f"select scene_id from clips where generation_id = '{gen_id}' "
                                        "and status = 'complete'")
        }  # fmt: skip
        assert complete_before, "no clip was finished before the restart: nothing to check is kept"

    # The next start (here: the CLI) carries it to the end and keeps the finished clips.
    done = subprocess.run(
        [sys.executable, "-m", "studio", "resume", gen_id, "--format", "json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["status"] == "completed"
    sql = f"select scene_id, json_extract(data, '$.attempts') from clips where generation_id = '{gen_id}'"
    attempts = dict(_rows(db, sql))  # a clip's attempts live in its data
    for sid in complete_before:
        assert attempts[sid] == 1, f"scene {sid} was finished before the restart but rendered again"
