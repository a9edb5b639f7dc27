"""What the browser tests share: `streamlit run` on a free port, Debian's Chromium, and page helpers.

Playwright is imported only inside the helpers, so a test module's `pytest.importorskip` still decides.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import free_port

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def streamlit_server(
    cwd: Path, env: dict[str, str], log_path: Path, *, script: Path = ROOT / "app.py", timeout_s: float = 90
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run script` from `cwd` on a free loopback port; yields (URL, process) once healthy.

    The process is yielded so a test can signal it itself. On exit: SIGTERM, and after a short wait
    (Streamlit waits for running threads) SIGKILL to its whole process group.
    """
    port = free_port()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                assert proc.poll() is None, log_path.read_text(errors="replace")[-3000:]
                assert time.monotonic() < deadline, f"streamlit did not start in {timeout_s:.0f} s"
                time.sleep(0.3)
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait(timeout=10)


def stored_generation(db: Path) -> tuple[str, int, str] | None:
    """(status, seed, id) of the first generation in the page's SQLite store, read-only; None until the
    store has one (or while its schema is still being made)."""
    import sqlite3

    if not db.exists():
        return None
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        try:
            return conn.execute("select status, seed, id from generations").fetchone()
        except sqlite3.OperationalError:
            return None


def launch(pw: Any) -> Any:
    """Debian's Chromium, headless, from a `sync_playwright()` handle."""
    return pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROME_ARGS)


@contextmanager
def studio_page(url: str | None = None, **options: Any) -> Iterator[Any]:
    """A page of Debian's Chromium (1400x1000), at `url` and connected to its Streamlit server when given;
    the browser is closed after. `options` go to `new_page` (accept_downloads=True, another viewport)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = browser.new_page(**({"viewport": {"width": 1400, "height": 1000}} | options))
            if url is not None:
                page.goto(url)
                wait_connected(page)
            yield page
        finally:
            browser.close()


def wait_connected(page: Any, timeout: float | None = None) -> None:
    """Wait until the page's app is connected to its Streamlit server (`timeout` in ms, else Playwright's)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)


def choose(page: Any, label: str, option: str) -> None:
    """Pick `option` in the sidebar selectbox `label` by typing it, and check the box holds it."""
    from playwright.sync_api import expect

    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(5):  # a rerun can redraw the box under the keystrokes: try again
        box.click()
        page.keyboard.type(option)
        try:
            choice.wait_for(timeout=5_000)
            choice.click()
            expect(box.locator("input")).to_have_value(option, timeout=5_000)
            return
        except Exception:
            page.keyboard.press("Escape")
    raise AssertionError(f"could not choose {option!r} in {label!r}")


def send(page: Any, text: str) -> None:
    """Type `text` in the chat input once it is enabled, and send it."""
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_enabled(timeout=30_000)
    box.fill(text)
    box.press("Enter")
