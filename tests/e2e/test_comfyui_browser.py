"""A person's path with ComfyUI as the studio's image and video server (issue 22): `streamlit run` with
STUDIO_COMFYUI_URL in its environment, a real Chromium, an ad made in automated mode. The server is the
loopback ComfyUI (tests/loopback/comfyui_server.py), which checks each workflow as ComfyUI does: the test
asserts what it received (the generation's seed, each clip opened by its storyboard frame)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import (
    CHROMIUM,
    ROOT,
    choose,
    send,
    stored_generation,
    streamlit_server,
    studio_page,
)
from tests.loopback.comfyui_server import ComfyServer

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


@pytest.fixture
def comfy() -> Iterator[ComfyServer]:
    with ComfyServer(steps=3, step_s=0.01) as server:
        yield server


@pytest.fixture
def studio_url(tmp_path: Path, comfy: ComfyServer) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STUDIO_OFFLINE", "OPENAI_API_KEY",
                                                              "REPLICATE_API_TOKEN", "DATABASE_URL")}
    env |= {"STUDIO_DATA_DIR": str(tmp_path / "data"), "STUDIO_COMFYUI_URL": comfy.url,
            "STUDIO_MAX_CONCURRENT": "2"}  # fmt: skip
    with streamlit_server(ROOT, env, tmp_path / "streamlit.log", timeout_s=60) as (url, _):
        yield url


def test_an_ad_made_in_the_browser_with_comfyui_pictures_and_clips(
    studio_url: str, comfy: ComfyServer, tmp_path: Path
) -> None:
    with studio_page(studio_url) as page:
        welcome = page.get_by_text("Tell me what the ad is about", exact=False)
        expect(welcome).to_be_visible(timeout=60_000)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("Providers", exact=True).click()
        served = sidebar.get_by_text(f"ComfyUI LTX-Video 2B 0.9.5 at {comfy.url}", exact=False)
        expect(served).to_be_visible()
        choose(page, "Resolution", "360p")
        choose(page, "Scenes", "3")
        sidebar.get_by_text("automated", exact=True).click()
        send(page, "Trail running shoes from Peak that grip wet rock. For weekend runners.")

        db = tmp_path / "data" / "studio.db"
        deadline = time.monotonic() + 300
        while (row := stored_generation(db)) is None or row[0] != "completed":
            assert row is None or row[0] != "failed", "the generation failed"
            assert time.monotonic() < deadline, f"the ad did not finish: {row}"
            time.sleep(0.2)
        expect(page.locator("video")).to_have_count(1, timeout=5_000)
        expect(page.get_by_text("Overall:", exact=False).first).to_be_visible(timeout=120_000)

    _status, seed, gen_id = row
    sent = [p["prompt"] for p in comfy.prompts()]
    videos = [graph for graph in sent if "77" in graph]
    pictures = [graph for graph in sent if "5" in graph]
    assert len(videos) == 3 and len(pictures) >= 3  # every clip and every picture came from the server
    assert {graph["72"]["inputs"]["noise_seed"] for graph in videos} == {seed}  # the generation's seed
    keyframes = sorted((tmp_path / "data" / "media" / "generations" / gen_id / "keyframes").glob("*"))
    opened = [comfy.uploads[graph["78"]["inputs"]["image"]] for graph in videos]
    assert any(frame.read_bytes() == opened[0] for frame in keyframes)  # the first clip opens on its frame
