"""The library page with AppTest: newest first, search, open, download, delete with a confirmation."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.errors import NotFound
from studio.models import Ad, Brief, Generation
from studio.service import Studio
from tests.pages import APP

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def studio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Studio:
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    return Studio(open_context(load_settings()))


def _with_ad(studio: Studio, gen: Generation, tmp: Path) -> None:
    """Give a generation a real (tiny) MP4 and poster in the media store."""
    video = tmp / f"{gen.id}.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=64x64:d=0.2",
         "-pix_fmt", "yuv420p", "-y", str(video)],
        check=True,
    )  # fmt: skip
    media = studio.ctx.providers.media
    location = media.put_file(f"generations/{gen.id}/ad.mp4", video)
    picture = tmp / f"{gen.id}.png"
    Image.new("RGB", (64, 64), "#c0392b").save(picture)
    poster = media.put_file(f"generations/{gen.id}/poster.png", picture)
    ad = Ad(location=location, poster=poster, duration_s=0.2, width=64, height=64, aspect_ratio="1:1")

    def change(g: Generation) -> None:
        g.ad, g.status, g.stage, g.overall_score = ad, "completed", "scores", 84.2

    studio.store.update(gen.id, change)


def test_library_lists_searches_opens_downloads_and_deletes(tmp_path: Path, studio: Studio) -> None:
    older = studio.create(Brief(prompt="Sparkling lemon water for summer picnics"))
    # Never started: mark it as waiting, or the page's start-up recovery would carry it on.
    studio.store.update(older.id, lambda g: setattr(g, "status", "awaiting_approval"))
    time.sleep(0.05)
    newer = studio.create(Brief(prompt="Trail running shoes that grip wet rock"))
    _with_ad(studio, newer, tmp_path)

    # From the studio's entry point, as in the browser (the Library links back to app.py).
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()  # st.navigation registers the pages on the first run
    at.switch_page("app_pages/1_Library.py").run()
    assert not at.exception
    prompts = [m.value for m in at.markdown if m.value in (older.brief.prompt, newer.brief.prompt)]
    assert prompts == [newer.brief.prompt, older.brief.prompt]  # newest first
    assert any(":green-badge[Score 84.2]" in m.value for m in at.markdown)
    downloads = at.get("download_button")
    assert len(downloads) == 1  # only the finished ad has a video

    at.text_input(key="lib_search").input("lemon").run()
    shown = [m.value for m in at.markdown if m.value in (older.brief.prompt, newer.brief.prompt)]
    assert shown == [older.brief.prompt]

    # Delete asks first; Keep leaves it, Delete removes it from the library (soft delete).
    at.button(key=f"lib_delete_{older.id}").click().run()
    assert any("Delete this ad?" in w.value for w in at.warning)
    at.button(key=f"lib_keep_{older.id}").click().run()
    assert studio.store.get(older.id).id == older.id
    at.button(key=f"lib_delete_{older.id}").click().run()
    at.button(key=f"lib_confirm_{older.id}").click().run()
    with pytest.raises(NotFound):
        studio.store.get(older.id)
    assert any("Nothing matches" in i.value for i in at.info)

    # Open goes to the studio with ?g=<id>.
    at.text_input(key="lib_search").input("").run()
    at.button(key=f"lib_open_{newer.id}").click().run()
    assert not at.exception
    assert at.query_params.get("g") in (newer.id, [newer.id])
    assert any(newer.brief.prompt in c.value for c in at.caption)  # the studio shows it
