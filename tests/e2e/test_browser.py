"""The studio in a real Chromium: make an ad at 360p in automated mode and find the player and download."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, ROOT, choose, stored_generation, streamlit_server, studio_page

expect = pytest.importorskip("playwright.sync_api").expect

SCREENSHOT = Path("/tmp/studio_e2e.png")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


@pytest.fixture
def studio_url(tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port with its own data folder, offline."""
    env = {
        **os.environ,
        "STUDIO_DATA_DIR": str(tmp_path / "data"),
        "STUDIO_OFFLINE": "1",
        "STUDIO_MAX_CONCURRENT": "2",
    }
    with streamlit_server(ROOT, env, tmp_path / "streamlit.log", timeout_s=60) as (url, _):
        yield url


def test_make_an_ad_in_the_browser(studio_url: str, tmp_path: Path) -> None:
    with studio_page(studio_url) as page:
        expect(page.get_by_test_id("stChatInput")).to_be_visible(timeout=30_000)
        welcome = page.get_by_text("Tell me what the ad is about", exact=False)
        expect(welcome).to_be_visible(timeout=60_000)

        # The sidebar: 360p, three scenes, automated.
        choose(page, "Resolution", "360p")
        choose(page, "Scenes", "3")
        page.get_by_test_id("stSidebar").get_by_text("automated", exact=True).click()
        slider = page.get_by_test_id("stSidebar").get_by_role("slider")
        slider.focus()
        for _ in range(7):  # 15 s → 8 s
            page.keyboard.press("ArrowLeft")
        expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("8", timeout=5_000)

        box = page.get_by_test_id("stChatInputTextArea")
        box.fill("A cold-brew coffee for busy commuters, bold and warm")
        box.press("Enter")

        # The page shows what the store says within two seconds: the moment the store has the ad
        # finished, its scores are on screen (the fragment polls every second, then redraws).
        db = tmp_path / "data" / "studio.db"
        deadline = time.monotonic() + 300
        while (row := stored_generation(db)) is None or row[0] != "completed":
            assert time.monotonic() < deadline, f"the ad did not finish in the store: {row}"
            time.sleep(0.1)
        expect(page.get_by_text("Overall:", exact=False).first).to_be_visible(timeout=2_500)
        video = page.locator("video")
        expect(video).to_have_count(1, timeout=2_000)
        src = video.first.get_attribute("src") or ""
        assert src.startswith(("/media/", "http")), src
        assert "g=" in page.url
        # Mid-rerun the old and the new draw of the page can stand together for a moment: once the
        # run settles there is one download button.
        expect(page.get_by_test_id("stDownloadButton")).to_have_count(1, timeout=30_000)
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
