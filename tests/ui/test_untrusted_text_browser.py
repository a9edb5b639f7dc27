"""In Chromium: text from people and models shows as typed, and nothing in it makes the browser call anywhere.

A loopback HTTP server of our own records every request; the texts point at it (`![x](http://...)` and the
like). The studio runs offline with its own data folder.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from studio.ui.text import WORD_JOINER
from tests.browser import CHROMIUM, ROOT, streamlit_server, studio_page
from tests.ui.nasty_text import NASTY, as_seen, sample

expect = pytest.importorskip("playwright.sync_api").expect

# Elements Markdown could have made of the text: none may appear inside a Markdown container.
MADE_OF_TEXT = (
    "a, img, picture, source, video, audio, iframe, object, embed, script, link, .katex, "
    "[data-testid=stIconMaterial], h1, h2, h3, h4, h5, h6, li, blockquote, pre, code, table, del, em, input"
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str]

    def _record(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        self.send_response(204)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_OPTIONS = _record

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def leak_server() -> Iterator[tuple[int, list[str]]]:
    """A loopback HTTP server that records every request it gets: (port, requests)."""
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _streamlit(script: str, env: dict[str, str], log_path: Path) -> Iterator[str]:
    """`streamlit run script` (from the repository) on a free loopback port; yields its URL."""
    with streamlit_server(ROOT, {**os.environ, **env}, log_path, script=ROOT / script) as (url, _):
        yield url


def _page_text(page: Any) -> str:
    """The app's visible text as a reader sees it (word joiners are invisible)."""
    return as_seen(page.get_by_test_id("stApp").inner_text()).replace(WORD_JOINER, "")


def _no_element_points_at(page: Any, port: int) -> None:
    for selector in (f"[src*=':{port}']", f"[href*=':{port}']", f"[srcset*=':{port}']"):
        assert page.locator(selector).count() == 0, selector


def test_nasty_texts_show_literally_on_every_surface(
    leak_server: tuple[int, list[str]], tmp_path: Path
) -> None:
    leak_port, requests = leak_server
    env = {"LEAK_PORT": str(leak_port), "PYTHONPATH": str(ROOT)}
    with (
        _streamlit("tests/ui/nasty_text_page.py", env, tmp_path / "streamlit.log") as url,
        studio_page() as page,
    ):
        page.goto(url)
        expect(page.get_by_text("All drawn.")).to_be_visible(timeout=90_000)
        page.wait_for_timeout(2000)  # let images, if any, load
        for i, template in enumerate(NASTY):
            text = as_seen(sample(template, leak_port))
            box = page.locator(f".st-key-nasty_{i}")
            markdown = box.locator("[data-testid=stMarkdownContainer]")
            shown = [as_seen(t) for t in markdown.all_inner_texts() if t.strip()]
            # Body, caption, bold label, alert, expander label, button label, chat message.
            assert len(shown) >= 7, (template, shown)
            assert all(s in (text, f"Label: {text}") for s in shown), (template, shown)
            made = box.locator("[data-testid=stMarkdownContainer]").locator(MADE_OF_TEXT)
            assert made.count() == 0, (template, made.evaluate_all("els => els.map(e => e.outerHTML)"))
        _no_element_points_at(page, leak_port)
    assert requests == []


def test_a_brief_with_markdown_calls_nowhere_in_the_studio_or_the_library(
    leak_server: tuple[int, list[str]], tmp_path: Path
) -> None:
    leak_port, requests = leak_server
    leak = f"http://127.0.0.1:{leak_port}"
    brief = f"Cold brew for busy mornings ![x]({leak}/leak.png) and [y]({leak}/link)"
    env = {
        "STUDIO_DATA_DIR": str(tmp_path / "data"),
        "STUDIO_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "STUDIO_MAX_CONCURRENT": "2",
    }
    with _streamlit("app.py", env, tmp_path / "streamlit.log") as url, studio_page() as page:
        page.goto(url)
        expect(page.get_by_text("Tell me what the ad is about")).to_be_visible(timeout=90_000)

        # The pages in the sidebar, by their names.
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav.get_by_role("link")).to_have_count(5)
        # icons are aria-hidden: the names are the titles
        for name in ("Studio", "Library", "Image lab", "Batch", "Variants"):
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()

        # Interactive (the default): the story waits for approval, shown in the chat, caption and story.
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill(brief)
        box.press("Enter")
        approve = page.get_by_role("button", name="Approve story")
        expect(approve).to_be_visible(timeout=120_000)
        page.wait_for_timeout(1500)
        studio_text = _page_text(page)
        assert studio_text.count(brief) >= 2, studio_text  # the person's message and the header caption
        _no_element_points_at(page, leak_port)

        nav.get_by_role("link", name="Library", exact=True).click()
        expect(page.get_by_role("button", name="Open in the studio")).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1500)
        assert brief in _page_text(page)
        _no_element_points_at(page, leak_port)

        # Open in the studio goes back to the same ad by its link.
        page.get_by_role("button", name="Open in the studio").click()
        expect(approve).to_be_visible(timeout=60_000)
        assert "g=" in page.url

        nav.get_by_role("link", name="Image lab", exact=True).click()
        expect(page.get_by_role("heading", name="Image lab")).to_be_visible(timeout=60_000)
    assert requests == []
