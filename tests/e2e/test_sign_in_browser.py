"""In Chromium: wrong team passwords back off, then lock, and the right password is refused meanwhile."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from studio.models import utcnow
from studio.sign_in import SignInThrottle
from studio.store.repo import Store
from tests.browser import CHROMIUM, ROOT, launch, streamlit_server, wait_connected

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]
TEAM_PASSWORD = "harbor-roast-7431"
WRONG = "not-the-team-password-55"


def _failures(db: Path, person: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        row = conn.execute(
            "select failures from sign_in_failures where kind = 'person' and key = ?", (person,)
        ).fetchone()
    return int(row[0]) if row else 0


def _sign_in(page: Any, name: str, password: str) -> None:
    page.get_by_label("Your name or email").fill(name)
    page.get_by_label("Team password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _alert(page: Any) -> Any:
    return page.get_by_test_id("stAlert")


def test_wrong_passwords_back_off_then_lock_and_the_right_one_is_refused_meanwhile(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    data, site = tmp_path / "data", tmp_path / "site"
    (site / ".streamlit").mkdir(parents=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", site / ".streamlit" / "config.toml")
    (site / ".streamlit" / "secrets.toml").write_text(f'[studio]\npassword = "{TEAM_PASSWORD}"\n')
    db = data / "studio.db"
    # bo got nine wrong ten minutes ago (from elsewhere): his waits are over, one more locks him.
    store = Store.open(f"sqlite:///{db}")
    ten_minutes_ago = utcnow() - timedelta(minutes=10)
    earlier = SignInThrottle(store.engine, clock=lambda: ten_minutes_ago)
    for _ in range(9):
        earlier.failed("bo@example.com", "198.51.100.7")
    store.engine.dispose()
    env = {**os.environ, "STUDIO_DATA_DIR": str(data), "STUDIO_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    log = tmp_path / "streamlit.log"
    with streamlit_server(site, env, log, timeout_s=60) as (url, _), sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(url)
            wait_connected(page)
            # 1. Three wrong passwords: the first two are only "not right", the third brings a wait.
            for n in (1, 2, 3):
                _sign_in(page, "ana@example.com", WRONG)
                deadline = time.monotonic() + 30
                while _failures(db, "ana@example.com") < n:
                    assert time.monotonic() < deadline, f"failure {n} was not counted"
                    time.sleep(0.1)
            expect(_alert(page)).to_contain_text("That password is not right", timeout=15_000)
            expect(_alert(page)).to_contain_text(
                "Too many wrong passwords for this name. Wait, then try again in", timeout=15_000
            )
            # 2. The right password, too soon: refused without being looked at.
            _sign_in(page, "ana@example.com", TEAM_PASSWORD)
            expect(_alert(page)).not_to_contain_text("That password is not right", timeout=15_000)
            expect(_alert(page)).to_contain_text("Too many wrong passwords for this name.")
            expect(page.get_by_test_id("stChatInput")).to_have_count(0)
            # 3. bo's tenth wrong password locks his name for 15 minutes, with the time to come back.
            _sign_in(page, "bo@example.com", WRONG)
            expect(_alert(page)).to_contain_text(
                "Sign-in is locked for this name after 10 wrong passwords. Try again in 15 min, at",
                timeout=15_000,
            )
            # 4. A reload is a new session: the lock is in the store, and the right password is refused.
            page.reload()
            wait_connected(page)
            _sign_in(page, "Bo@Example.com", TEAM_PASSWORD)
            expect(_alert(page)).to_contain_text("Sign-in is locked for this name", timeout=15_000)
            expect(_alert(page)).not_to_contain_text("That password is not right")
            page.screenshot(path=str(tmp_path / "locked.png"), full_page=True)
            # 5. Someone else, from the same address, with the right password: in.
            _sign_in(page, "cy@example.com", TEAM_PASSWORD)
            expect(page.get_by_text("Signed in as cy@example.com")).to_be_visible(timeout=30_000)
        finally:
            browser.close()
    text = log.read_text(errors="replace")
    assert "sign-in failed: wrong password for 'bo@example.com' from localhost" in text
    assert WRONG not in text and TEAM_PASSWORD not in text
