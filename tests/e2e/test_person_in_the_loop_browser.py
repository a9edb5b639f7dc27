"""Issue 11's walk in Chromium, through the page only, offline, at 360p / 8 s / 3 scenes, interactive:
brief → story → references (one repainted from the chat, one replaced by an upload) → scenes → storyboard
(one frame regenerated, one edited with a brushed mask) → clips → ad → "make the music louder" → v2, with
v1 still playable. At each stop the store is read to check what the page did.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.browser import CHROMIUM, ROOT, choose, launch, send, streamlit_server, wait_connected

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent (make test installs it)"),
]
BRIEF = "Peak trail running shoes that grip wet rock, for weekend runners. 20% off this week."
UPLOAD_RGB = (30, 160, 220)


def _upload_png() -> bytes:
    """A known picture to upload: a flat blue field with a white square (nothing the painter makes)."""
    img = Image.new("RGB", (240, 320), UPLOAD_RGB)
    img.paste((255, 255, 255), (80, 120, 160, 200))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


class Stored:
    """The walk's view of the store (the same SQLite file the page writes)."""

    def __init__(self, data: Path) -> None:
        from studio.config import Settings
        from studio.store.repo import Store

        self.settings = Settings(data_dir=data)
        self.store = Store.open(self.settings.resolved_database_url)

    def gen(self) -> Any:
        rows = self.store.list_generations()
        assert len(rows) == 1, rows
        return self.store.get(rows[0].id)

    def local(self, location: str) -> Path:
        """The local file of a stored media location."""
        from studio.providers.registry import build_media_store

        return build_media_store(self.settings).local_path(location)

    def wait(self, ok, what: str, timeout_s: float = 120) -> Any:
        deadline = time.monotonic() + timeout_s
        while True:
            gen = self.gen()
            if ok(gen):
                return gen
            assert time.monotonic() < deadline, f"the store did not show {what}: {gen.status} {gen.stage}"
            time.sleep(0.25)


def _pixels(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB")).astype(np.int16)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _drag(page: Any, box: dict, points: list[tuple[float, float]]) -> None:
    """Press, move through `points` (fractions of the canvas) in small steps, release."""
    to_px = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in points]
    page.mouse.move(*to_px[0])
    page.mouse.down()
    for x, y in to_px[1:]:
        page.mouse.move(x, y, steps=12)
    page.mouse.up()


def _settled_box(page: Any, layer: Any) -> dict:
    """The canvas's box once the page around it has stopped moving (a rerun can still shift it)."""
    box = layer.bounding_box()
    for _ in range(40):
        page.wait_for_timeout(250)
        again = layer.bounding_box()
        if again == box:
            return box
        box = again
    raise AssertionError("the picture editor's canvas kept moving")


def _waiting_at(stage: str):
    return lambda g: g.status == "awaiting_approval" and g.stage == stage


def test_the_person_in_the_loop_walk(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STUDIO_DATA_DIR": str(data), "STUDIO_OFFLINE": "1",
           "STUDIO_MAX_CONCURRENT": "2", "HF_HUB_OFFLINE": "1"}  # fmt: skip
    upload = tmp_path / "my-setting.png"
    upload.write_bytes(_upload_png())
    shots = tmp_path / "shots"
    shots.mkdir()
    t0 = time.monotonic()
    marks: dict[str, float] = {}
    step = "starting the studio"
    with (
        streamlit_server(ROOT, env, tmp_path / "streamlit.log", timeout_s=60) as (url, _),
        sync_playwright() as pw,
    ):
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        try:
            step = "the brief"
            page.goto(url)
            wait_connected(page, timeout=60_000)
            expect(page.get_by_text("Tell me what the ad is about", exact=False)).to_be_visible(
                timeout=60_000
            )
            sidebar = page.get_by_test_id("stSidebar")
            choose(page, "Resolution", "360p")
            choose(page, "Scenes", "3")
            sidebar.get_by_text("interactive", exact=True).click()
            sidebar.get_by_role("slider").focus()
            for _ in range(7):  # 15 s → 8 s
                page.keyboard.press("ArrowLeft")
            expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("8", timeout=5_000)
            send(page, BRIEF)
            stored: Stored | None = None
            deadline = time.monotonic() + 60
            while stored is None:
                try:
                    stored = Stored(data)
                    stored.gen()
                except Exception:
                    stored = None
                    assert time.monotonic() < deadline, "no generation reached the store"
                    time.sleep(0.3)

            step = "the story"
            marks[step] = round(time.monotonic() - t0, 1)
            approve_story = page.get_by_role("button", name="Approve story")
            expect(approve_story).to_have_count(1, timeout=120_000)
            expect(approve_story).to_be_enabled(timeout=30_000)
            gen = stored.wait(_waiting_at("story"), "the story stop")
            assert gen.brief.resolution == "360p" and gen.brief.scene_count == 3 and gen.brief.duration_s == 8
            approve_story.click()

            step = "the references: a repaint from the chat"
            marks[step] = round(time.monotonic() - t0, 1)
            approve_refs = page.get_by_role("button", name="Approve the references")
            expect(approve_refs).to_have_count(1, timeout=120_000)
            before = stored.wait(_waiting_at("references"), "the references stop")
            assert before.clips == []
            kinds = [r.kind for r in before.references]
            env_i = kinds.index("environment")
            before_bytes = [_sha(stored.local(r.location)) for r in before.references]
            send(page, "make the background brighter")
            expect(page.get_by_text("Repainted", exact=False).first).to_be_visible(timeout=120_000)
            after = stored.wait(
                lambda g: _waiting_at("references")(g) and "brighter" in g.references[env_i].prompt.lower(),
                "the repainted environment",
            )
            after_bytes = [_sha(stored.local(r.location)) for r in after.references]
            assert after_bytes[env_i] != before_bytes[env_i]  # the file itself changed
            repainted = after.references[env_i]
            assert repainted.source == "generated" and repainted.upload is None
            said = [m.text for m in stored.store.messages(after.id) if m.role == "assistant"]
            assert any(t.startswith("Repainted the environment reference") for t in said), said[-3:]
            expect(page.get_by_text("Environment · generated", exact=True)).to_have_count(1, timeout=10_000)
            # The other two stayed as they were.
            assert [b for i, b in enumerate(after_bytes) if i != env_i] == [
                b for i, b in enumerate(before_bytes) if i != env_i
            ]

            step = "the references: one replaced by an upload"
            marks[step] = round(time.monotonic() - t0, 1)
            up_i = next(i for i, k in enumerate(kinds) if k != "environment")
            changers = page.get_by_test_id("stExpander").filter(has_text="Change this one")
            expect(changers).to_have_count(3, timeout=30_000)
            changer = changers.nth(up_i)
            changer.locator("summary").click()
            changer.locator("input[type=file]").set_input_files(str(upload))
            use = changer.get_by_role("button", name="Use this image")
            expect(use).to_be_visible(timeout=30_000)
            use.click()
            replaced = stored.wait(
                lambda g: _waiting_at("references")(g) and g.references[up_i].upload == "my-setting.png",
                "the uploaded reference",
            )
            ref = replaced.references[up_i]
            assert ref.source == "brand"
            # The uploaded picture, pixel for pixel (the upload check re-encodes it: metadata is dropped).
            assert np.array_equal(_pixels(stored.local(ref.location)), _pixels(upload))
            expect(page.get_by_text("your upload my-setting.png", exact=False).first).to_be_visible(
                timeout=30_000
            )
            expect(approve_refs).to_have_count(1, timeout=30_000)
            approve_refs.click()

            step = "the scenes"
            marks[step] = round(time.monotonic() - t0, 1)
            approve_scenes = page.get_by_role("button", name="Approve all scenes")
            expect(approve_scenes).to_have_count(1, timeout=120_000)
            gen = stored.wait(_waiting_at("scenes"), "the scenes stop")
            assert len(gen.scenes) == 3 and gen.clips == [] and gen.keyframes == []
            approve_scenes.click()

            step = "the storyboard: one frame regenerated"
            marks[step] = round(time.monotonic() - t0, 1)
            approve_board = page.get_by_role("button", name="Approve the storyboard and make the video")
            expect(approve_board).to_have_count(1, timeout=120_000)
            board = stored.wait(_waiting_at("storyboard"), "the storyboard stop")
            assert board.clips == [] and [k.scene_id for k in board.keyframes] == [1, 2, 3]
            frame2 = _sha(stored.local(board.keyframes[1].location))
            send(page, "frame 2: warmer light")
            regen = stored.wait(
                lambda g: (
                    _waiting_at("storyboard")(g) and g.keyframes[1].location != board.keyframes[1].location
                ),
                "the regenerated frame 2",
            )
            assert _sha(stored.local(regen.keyframes[1].location)) != frame2
            assert "warmer light" in (regen.keyframes[1].prompt or "")
            assert regen.keyframes[0] == board.keyframes[0] and regen.keyframes[2] == board.keyframes[2]
            assert regen.clips == []

            step = "the storyboard: frame 3 edited with a brushed mask"
            marks[step] = round(time.monotonic() - t0, 1)
            edits = page.get_by_role("button", name="Edit")
            expect(edits).to_have_count(3, timeout=30_000)
            edits.nth(2).click()
            layer = page.locator("canvas.mc-layer")
            expect(layer).to_have_count(1, timeout=30_000)
            w, h = regen.brief.size
            page.wait_for_function(
                f"c => c.width === {w} && c.height === {h}", arg=layer.element_handle(), timeout=30_000
            )
            # The page keeps itself scrolled to the chat at the bottom, so the canvas may be partly above the
            # window: brush across the middle of the part that is on screen, and remember where that is.
            layer.evaluate("c => c.scrollIntoView({block: 'center'})")
            box = _settled_box(page, layer)
            top, bottom = max(box["y"], 0), min(box["y"] + box["height"], page.viewport_size["height"])
            assert bottom - top > 60, box
            stroke_y = ((top + bottom) / 2 - box["y"]) / box["height"]
            _drag(page, box, [(0.3, stroke_y), (0.7, stroke_y)])  # a horizontal stroke
            painted = layer.evaluate(
                """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                          let n = 0; for (let i = 3; i < d.length; i += 4) n += d[i] > 0;
                          return n / (c.width * c.height); }"""
            )
            assert 0.02 < painted < 0.2, painted  # the stroke is on the layer
            page.locator("button.mc-use").click()
            expect(page.get_by_text("Mask ready:")).to_be_visible(timeout=15_000)
            page.get_by_label("What to put there").fill("a clear blue sky")
            generate = page.get_by_role("button", name="Generate", exact=True)
            expect(generate).to_have_count(1, timeout=10_000)
            generate.click()
            keep = page.get_by_role("button", name="Keep", exact=True)
            expect(keep).to_have_count(1, timeout=90_000)
            keep.click()
            edited = stored.wait(
                lambda g: (
                    _waiting_at("storyboard")(g) and g.keyframes[2].location != regen.keyframes[2].location
                ),
                "the edited frame 3",
            )
            old3 = _pixels(stored.local(regen.keyframes[2].location))
            new3 = _pixels(stored.local(edited.keyframes[2].location))
            assert old3.shape == new3.shape == (h, w, 3)
            # The mask the page sent is stored beside the edit: white along the stroke, black elsewhere.
            (mask_file,) = stored.local(edited.keyframes[2].location).parent.glob("*_mask.png")
            mask = np.asarray(Image.open(mask_file).convert("L")) > 127
            rows, cols = np.nonzero(mask)
            assert mask.shape == (h, w) and 0.02 < mask.mean() < 0.2, mask.mean()
            # It is the stroke brushed: a horizontal band at stroke_y, from ~30 % to ~70 % of the width.
            extent = (rows.min(), rows.max(), cols.min(), cols.max(), round(stroke_y * h))
            assert abs(rows.mean() - stroke_y * h) < 0.05 * h and rows.max() - rows.min() < 0.12 * h, extent
            assert abs(cols.min() - 0.3 * w) < 0.08 * w and abs(cols.max() - 0.7 * w) < 0.08 * w, extent
            diff = np.abs(new3 - old3).max(axis=2)
            near = cv2.dilate(mask.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0  # the 2 px soft edge
            assert diff[~near].max() <= 2, diff[~near].max()  # nothing changed outside the stroke
            assert (diff[mask] > 2).mean() > 0.3, (diff[mask] > 2).mean()  # the stroke was repainted
            print(f"\nthe brushed edit: mask {mask.sum()} px; changed inside {(diff[mask] > 2).mean():.0%}, "
                  f"largest change outside {diff[~near].max()}")  # fmt: skip
            assert edited.keyframes[:2] == regen.keyframes[:2]
            assert edited.keyframes[2].history == [regen.keyframes[2].location]
            assert edited.clips == []  # still no clip before the storyboard is approved
            page.screenshot(path=str(shots / "storyboard.png"), full_page=True)

            step = "the clips and the ad"
            marks[step] = round(time.monotonic() - t0, 1)
            expect(approve_board).to_have_count(1, timeout=30_000)
            approve_board.click()
            done = stored.wait(lambda g: g.status == "completed" and g.finished_ad, "the finished ad", 240)
            assert [c.status for c in done.clips] == ["complete"] * 3
            expect(page.locator("video")).to_have_count(1, timeout=60_000)

            step = "make the music louder"
            marks[step] = round(time.monotonic() - t0, 1)
            send(page, "make the music louder")
            two = stored.wait(
                lambda g: g.status == "completed" and len([v for v in g.versions if v.ad]) >= 2,
                "version 2",
                180,
            )
            v1, v2 = [v for v in two.versions if v.ad][:2]
            assert v1.ad.location != v2.ad.location
            assert stored.local(v1.ad.location).is_file() and stored.local(v2.ad.location).is_file()
            expect(page.get_by_text("v1 · first cut", exact=False).first).to_be_visible(timeout=60_000)
            expect(page.get_by_text("v2 · music louder", exact=False).first).to_be_visible(timeout=30_000)
            expect(page.locator("video")).to_have_count(3, timeout=30_000)
            sources = {v.get_attribute("src") or "" for v in page.locator("video").all()}
            assert len(sources) == 2, sources
            for src in sources:
                answer = page.request.get(src if src.startswith("http") else f"{url}{src}")
                assert answer.status == 200 and answer.headers["content-type"].startswith("video/"), src
                assert len(answer.body()) > 10_000
            page.screenshot(path=str(shots / "versions.png"), full_page=True)
            marks["done"] = round(time.monotonic() - t0, 1)
            print("\nthe walk, seconds from the start:", marks)
        except Exception as exc:
            page.screenshot(path=str(shots / "failed.png"), full_page=True)
            raise AssertionError(
                f"the walk failed at {step}: {exc}\nscreenshot: {shots / 'failed.png'}"
            ) from exc
        finally:
            browser.close()
