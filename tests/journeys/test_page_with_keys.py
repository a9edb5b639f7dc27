"""The studio page in Chromium with keys, against the loopback OpenAI + Replicate, in interactive mode.

`streamlit run app.py` runs in a subprocess whose keys point at tests/loopback/server.py: once from the
environment, once from a `.streamlit/secrets.toml` in the working directory only (Streamlit's own place
for it). The walk: a brief in the chat → the story → Approve → the references → Approve → the scenes →
"approve" in the chat → the storyboard → Approve → the finished ad (player and scores). Then what the
server received is checked: the keys, one video prediction per scene, nothing refused.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, ROOT, choose, launch, send, streamlit_server, wait_connected
from tests.journeys.helpers import auth_problems, clip_predictions, generation_ids, new_keys
from tests.loopback.server import LoopbackServer

expect = pytest.importorskip("playwright.sync_api").expect

BRIEF = "Harbor Roast cold brew for busy commuters: bold, smooth, ready in the fridge."

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]


def _base_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STUDIO_", "S3_", "AWS_", "OPENAI_", "REPLICATE_"))
    }
    env.pop("DATABASE_URL", None)
    env.update(
        STUDIO_DATA_DIR=str(data_dir), STUDIO_MAX_CONCURRENT="3", HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1"
    )
    return env


def _steer(page: Any, text: str, done: str) -> None:
    """Ask for a change in the chat and wait for the studio's reply saying `done`."""
    send(page, text)
    expect(page.get_by_text(done, exact=False).first).to_be_visible(timeout=120_000)


def walk(url: str, shots: Path, steer: bool = False) -> None:
    """Brief → story → Approve → references → Approve → scenes → "approve" in the chat → storyboard →
    Approve → the ad and its scores.

    With `steer`, the person also refines the story in the chat and has scene 2 rewritten before
    approving each: those calls run on the job runner and must be charged to the ad.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        step = "opening the page"
        t0 = time.monotonic()
        marks: dict[str, float] = {}
        try:
            page.goto(url)
            wait_connected(page, timeout=60_000)
            expect(page.get_by_text("Tell me what the ad is about", exact=False)).to_be_visible(
                timeout=60_000
            )
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar.get_by_text("Replicate google/veo-3-fast", exact=False)).to_have_count(
                1, timeout=10_000
            )

            step = "setting 360p, 3 scenes, 6 s, interactive"
            marks[step] = round(time.monotonic() - t0, 1)
            choose(page, "Resolution", "360p")
            choose(page, "Scenes", "3")
            sidebar.get_by_text("interactive", exact=True).click()
            slider = sidebar.get_by_role("slider")
            slider.focus()
            for _ in range(9):  # 15 s → 6 s
                page.keyboard.press("ArrowLeft")
            expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("6", timeout=5_000)

            step = "waiting for the story"
            marks[step] = round(time.monotonic() - t0, 1)
            send(page, BRIEF)
            approve_story = page.get_by_role("button", name="Approve story")
            expect(approve_story).to_be_visible(timeout=120_000)
            page.screenshot(path=str(shots / "1_story.png"), full_page=True)
            if steer:
                step = "refining the story in the chat"
                _steer(page, "make it warmer and say it is ready in the fridge", "Refined the story")
                expect(approve_story).to_be_enabled(timeout=30_000)
            approve_story.click()

            step = "waiting for the references"
            marks[step] = round(time.monotonic() - t0, 1)
            approve_refs = page.get_by_role("button", name="Approve the references")
            expect(approve_refs).to_be_visible(timeout=150_000)
            approve_refs.click()

            step = "waiting for the scenes"
            marks[step] = round(time.monotonic() - t0, 1)
            approve_scenes = page.get_by_role("button", name="Approve all scenes")
            expect(approve_scenes).to_be_visible(timeout=150_000)
            expect(page.get_by_text("3 scenes", exact=False).first).to_be_visible(timeout=10_000)
            page.screenshot(path=str(shots / "2_scenes.png"), full_page=True)
            if steer:
                step = "rewriting scene 2 from the chat"
                _steer(page, "regenerate scene 2 with more morning sun", "Rewrote scene 2")
                expect(approve_scenes).to_be_visible(timeout=30_000)
            send(page, "approve")

            step = "waiting for the storyboard"
            marks[step] = round(time.monotonic() - t0, 1)
            approve_board = page.get_by_role("button", name="Approve the storyboard and make the video")
            expect(approve_board).to_be_visible(timeout=150_000)
            expect(page.get_by_text("Estimated cost of the video stage", exact=False).first).to_be_visible(
                timeout=10_000
            )
            page.screenshot(path=str(shots / "2b_storyboard.png"), full_page=True)
            approve_board.click()

            step = "waiting for the finished ad"
            marks[step] = round(time.monotonic() - t0, 1)
            video = page.locator("video")
            expect(video).to_have_count(1, timeout=240_000)
            # one button once the rerun settles (mid-rerun the old and new draws can stand together)
            expect(page.get_by_test_id("stDownloadButton")).to_have_count(1, timeout=30_000)
            expect(page.get_by_test_id("stDownloadButton")).to_be_visible(timeout=30_000)
            step = "waiting for the scores"
            marks[step] = round(time.monotonic() - t0, 1)
            expect(page.get_by_text("Overall", exact=False).first).to_be_visible(timeout=150_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(shots / "3_ad.png"), full_page=True)
            marks["done"] = round(time.monotonic() - t0, 1)
            print("page walk, seconds from the first load:", marks)
        except Exception as exc:
            page.screenshot(path=str(shots / "failed.png"), full_page=True)
            raise AssertionError(
                f"the page walk failed while {step}: {exc}\nscreenshot: {shots / 'failed.png'}"
            ) from exc
        finally:
            browser.close()


def _check_server(server: LoopbackServer, data_dir: Path) -> None:
    records = server.records()
    assert not auth_problems(server), auth_problems(server)
    assert {r["auth"] for r in records if r["api"] == "openai"} == {f"Bearer {server.openai_key}"}
    assert {r["auth"] for r in records if r["api"] == "replicate"} == {f"Bearer {server.replicate_token}"}
    refused = [(r["method"], r["path"], r["status"]) for r in records if r["status"] >= 400]
    assert not refused, f"the providers refused requests: {refused}"
    (gen_id,) = generation_ids(data_dir / "studio.db")
    creates = server.creates("video")
    stored = clip_predictions(data_dir / "studio.db", gen_id)
    assert len(creates) == len(stored) == 3, f"{len(creates)} video creates for {len(stored)} scenes"
    assert sorted(stored.values()) == sorted(c["prediction_id"] for c in creates)


def _charged(db: Path, gen_id: str) -> dict[str, int]:
    """How many of the generation's stored api_calls there are per purpose."""
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "select purpose, count(*) from api_calls where generation_id = ? group by purpose", (gen_id,)
        ).fetchall()
    return dict(rows)


def _check_steering_was_charged(data_dir: Path) -> None:
    db = data_dir / "studio.db"
    (gen_id,) = generation_ids(db)
    charged = _charged(db, gen_id)
    # The refine: the intent read by the model, then the story written again (with its critic).
    assert charged.get("intent", 0) >= 1, charged
    assert charged.get("story_director", 0) >= 2, charged
    # The scene rewrite: the scene writer once more than the first plan needed.
    assert charged.get("scene_writer", 0) >= 2, charged


def _journey(
    tmp_path: Path, cwd: Path, env: dict[str, str], server: LoopbackServer, steer: bool = False
) -> None:
    shots = tmp_path / "shots"
    shots.mkdir()
    log = tmp_path / "streamlit.log"
    try:
        with streamlit_server(cwd, env, log) as (url, _):
            walk(url, shots, steer)
    except AssertionError as exc:
        tail = log.read_text(errors="replace")[-4000:] if log.is_file() else ""
        raise AssertionError(f"{exc}\n--- streamlit log ({log}) ---\n{tail}") from None
    _check_server(server, Path(env["STUDIO_DATA_DIR"]))
    if steer:
        _check_steering_was_charged(Path(env["STUDIO_DATA_DIR"]))


def test_the_page_makes_an_ad_with_keys_from_the_environment(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    env = _base_env(tmp_path / "data") | loopback.env()
    _journey(tmp_path, ROOT, env, loopback, steer=True)


def test_the_page_makes_an_ad_with_keys_from_a_secrets_file(tmp_path: Path) -> None:
    key, token = new_keys()
    with LoopbackServer(openai_key=key, replicate_token=token) as server:
        site = tmp_path / "site"
        (site / ".streamlit").mkdir(parents=True)
        shutil.copy(ROOT / ".streamlit" / "config.toml", site / ".streamlit" / "config.toml")
        (site / ".streamlit" / "secrets.toml").write_text(
            f'OPENAI_API_KEY = "{key}"\nOPENAI_BASE_URL = "{server.openai_base_url}"\n'
            f'REPLICATE_API_TOKEN = "{token}"\nREPLICATE_BASE_URL = "{server.url}"\n',
            encoding="utf-8",
        )
        env = _base_env(tmp_path / "data")
        assert not any(k.startswith(("OPENAI_", "REPLICATE_")) for k in env)  # the keys are only in the file
        _journey(tmp_path, site, env, server)
