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
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.e2e.test_browser import CHROME_ARGS, CHROMIUM, ROOT, _choose

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
        except sqlite3.OperationalError:  # the schema is still being created
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
    port = free_port()
    log = (tmp_path / "streamlit.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(port), "--server.headless", "true", "--server.address", "127.0.0.1",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:

        def healthy() -> bool:
            assert server.poll() is None, (tmp_path / "streamlit.log").read_text()
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    return r.status == 200
            except OSError:
                return False

        _wait("streamlit to start", healthy, 60)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROME_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(url)
                page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
                expect(page.get_by_text("Tell me what the ad is about", exact=False)).to_be_visible(
                    timeout=60_000
                )
                _choose(page, "Resolution", "720p")
                _choose(page, "Scenes", "3")
                page.get_by_test_id("stSidebar").get_by_text("automated", exact=True).click()
                box = page.get_by_test_id("stChatInputTextArea")
                box.fill("Trail running shoes that grip wet rock. 20% off this week.")
                box.press("Enter")
                # Clips render in the page's process: wait until one is under way.
                _wait(
                    "a clip to render",
                    lambda: _rows(db, "select 1 from clips where status = 'rendering' and progress > 0"),
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
    finally:
        if server.poll() is None:
            server.kill()
        log.close()

    # The next start (here: the CLI) carries it to the end and keeps the finished clips.
    done = subprocess.run(
        [sys.executable, "-m", "studio", "resume", gen_id, "--format", "json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["status"] == "completed"
    attempts = dict(_rows(db, f"select scene_id, attempts from clips where generation_id = '{gen_id}'"))
    for sid in complete_before:
        assert attempts[sid] == 1, f"scene {sid} was finished before the restart but rendered again"
