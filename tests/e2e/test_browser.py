"""The studio in a real Chromium: make an ad at 360p in automated mode and find the player and download."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port

expect = pytest.importorskip("playwright.sync_api").expect

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = Path("/tmp/studio_e2e.png")
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


@pytest.fixture
def studio_url(tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port with its own data folder, offline."""
    port = free_port()
    env = {
        **os.environ,
        "STUDIO_DATA_DIR": str(tmp_path / "data"),
        "STUDIO_OFFLINE": "1",
        "STUDIO_MAX_CONCURRENT": "2",
    }
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
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, (tmp_path / "streamlit.log").read_text()
            assert time.monotonic() < deadline, "streamlit did not start in 60 s"
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick `option` in the sidebar selectbox `label` by typing it, and check the box holds it."""
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


def test_make_an_ad_in_the_browser(studio_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROME_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(studio_url)
            page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
            expect(page.get_by_test_id("stChatInput")).to_be_visible(timeout=30_000)
            welcome = page.get_by_text("Tell me what the ad is about", exact=False)
            expect(welcome).to_be_visible(timeout=60_000)

            # The sidebar: 360p, three scenes, automated.
            _choose(page, "Resolution", "360p")
            _choose(page, "Scenes", "3")
            page.get_by_test_id("stSidebar").get_by_text("automated", exact=True).click()
            slider = page.get_by_test_id("stSidebar").get_by_role("slider")
            slider.focus()
            for _ in range(7):  # 15 s → 8 s
                page.keyboard.press("ArrowLeft")
            expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("8", timeout=5_000)

            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("A cold-brew coffee for busy commuters, bold and warm")
            box.press("Enter")

            # The fragment polls the store every second; the player appears when the ad is stitched.
            video = page.locator("video")
            expect(video).to_have_count(1, timeout=240_000)
            src = video.first.get_attribute("src") or ""
            assert src.startswith(("/media/", "http")), src
            assert "g=" in page.url
            download = page.get_by_test_id("stDownloadButton")
            expect(download).to_be_visible(timeout=30_000)
            expect(download).to_contain_text("Download MP4")
            # Scores land after the ad; then the page stops polling.
            expect(page.get_by_text("Overall:", exact=False).first).to_be_visible(timeout=120_000)
            page.wait_for_timeout(3000)  # let bars animate and the chart draw before the picture
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            # The dark theme is in force.
            background = page.evaluate(
                "getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
            )
            assert background == "rgb(26, 26, 26)", background
        finally:
            browser.close()
