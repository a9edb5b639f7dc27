"""In Chromium: the image lab works in the background, shows its progress, and the page stays usable.

The offline painter is held until the test creates a gate file (a `sitecustomize` in the server's path
wraps it), so "while it runs" is a state the test controls, not a race against a fast painter.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, ROOT, launch, streamlit_server

expect = pytest.importorskip("playwright.sync_api").expect

GATED_PAINTER = '''
"""Test hook: the offline painter waits for the gate file before painting (at most two minutes)."""
import os, time
from studio.providers.offline import ProceduralPainter

_gate, _real = os.environ["IMAGELAB_GATE"], ProceduralPainter.generate


def _gated(self, request, run=None):
    deadline = time.monotonic() + 120
    while not os.path.exists(_gate) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _real(self, request, run)


ProceduralPainter.generate = _gated
'''

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


@pytest.fixture
def gated_studio(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`streamlit run app.py`, offline, its painter held at a gate: (url, gate file, data folder)."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(GATED_PAINTER, encoding="utf-8")
    gate, data = tmp_path / "gate", tmp_path / "data"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)]),
        "IMAGELAB_GATE": str(gate),
        "STUDIO_DATA_DIR": str(data),
        "STUDIO_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "STUDIO_MAX_CONCURRENT": "2",
    }
    with streamlit_server(ROOT, env, tmp_path / "streamlit.log") as (url, _):
        try:
            yield url, gate, data
        finally:
            gate.touch()  # let a held run end with the server


def _browser_page(pw: Any) -> tuple[Any, Any]:
    browser = launch(pw)
    return browser, browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)


def test_generate_two_images_in_the_background_while_the_page_stays_usable(gated_studio) -> None:
    from playwright.sync_api import sync_playwright

    url, gate, data = gated_studio
    with sync_playwright() as pw:
        browser, page = _browser_page(pw)
        try:
            page.goto(url)
            nav = page.get_by_test_id("stSidebarNav")
            nav.get_by_role("link", name="Image lab", exact=True).click()
            expect(page.get_by_role("heading", name="Image lab")).to_be_visible(timeout=90_000)

            page.get_by_label("Prompt", exact=True).fill("A green tea can on a sunny beach")
            variations = page.get_by_label("Variations")
            variations.fill("2")
            variations.press("Tab")
            box = page.get_by_test_id("stSelectbox").filter(has_text="Aspect ratio")
            expect(box.locator("input")).to_have_value("1:1")
            page.get_by_role("button", name="Generate").click()

            # Generate returned at once: the fragment shows the run held before its first image is made.
            bar = page.get_by_test_id("stProgress")
            expect(bar).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Generating 2 images", exact=False)).to_be_visible(timeout=10_000)
            expect(page.get_by_test_id("stImage")).to_have_count(0)

            # The page stays usable: off to the library and back while the run works.
            nav.get_by_role("link", name="Library", exact=True).click()
            expect(page.get_by_text("No ads yet.")).to_be_visible(timeout=30_000)
            nav.get_by_role("link", name="Image lab", exact=True).click()
            expect(page.get_by_role("heading", name="Image lab")).to_be_visible(timeout=30_000)
            expect(bar).to_be_visible(timeout=30_000)  # the same run, followed again
            expect(page.get_by_text("Generating 2 images", exact=False)).to_be_visible(timeout=10_000)

            gate.touch()
            # When it ends, the fragment reruns the page: the gallery of two, best first.
            expect(page.get_by_text("2 images, best first")).to_be_visible(timeout=90_000)
            expect(page.get_by_test_id("stImage")).to_have_count(2)
            expect(bar).to_have_count(0)
            downloads = page.get_by_test_id("stDownloadButton")
            expect(downloads).to_have_count(2 + 4)  # one per image; best, its metadata, trace, ZIP
            expect(page.get_by_text("Why #1 (seed", exact=False)).to_be_visible()
            assert not page.get_by_test_id("stAlertContentError").count()

            folders = list((data / "image_generations").iterdir())
            assert len(folders) == 1  # started once, whatever reruns and page changes happened
            # The download reads the file when clicked: the bytes are the best image's.
            with page.expect_download(timeout=30_000) as info:
                page.get_by_role("button", name="Best image (PNG)").click()
            saved = Path(info.value.path())
            assert saved.read_bytes() == (folders[0] / "image_001.png").read_bytes()
            assert info.value.suggested_filename == "best_candidate.png"
        finally:
            browser.close()
