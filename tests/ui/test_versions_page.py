"""The studio page after the ad is finished: "louder music" makes v2 beside v1; a new story asks first."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.models import Brief
from studio.service import Studio
from tests.pages import APP, TIMEOUT, page_store, wait_for


def _finished_ad() -> str:
    ctx = open_context(load_settings())
    studio = Studio(ctx)
    try:
        brief = Brief(prompt="A cold-brew coffee for busy commuters", resolution="360p", duration_s=8,
                      scene_count=3, seed=99)  # fmt: skip
        gen = studio.run(studio.create(brief).id)
        assert gen.status == "completed", gen.error
        return gen.id
    finally:
        ctx.runner.shutdown()


def test_louder_music_shows_two_versions_side_by_side_and_a_new_story_asks_first(data_dir: Path) -> None:
    gen_id = _finished_ad()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["g"] = gen_id
    at.run()
    assert not at.exception

    at.chat_input(key="chat").set_value("make the music louder").run()
    gen = wait_for(at, gen_id, lambda g: len(g.versions) == 2 and not g.is_running, 120)
    assert not at.exception
    assert at.selectbox(key="versions_left").value == 1 and at.selectbox(key="versions_right").value == 2
    labels = {d.label for d in at.get("download_button")}
    assert {"Download v1", "Download v2"} <= labels
    assert len(at.get("video")) == 3  # the current ad, and v1 beside v2
    media = open_context(load_settings(), with_runner=False).providers.media
    assert all(media.local_path(v.ad.location).is_file() for v in gen.versions)

    # A new story would discard the approved scenes and clips: it waits for a yes, v2 stays.
    at.chat_input(key="chat").set_value("regenerate").run()
    gen = wait_for(at, gen_id, lambda g: g.pending_change is not None and not g.is_running, 60)
    assert not at.exception
    assert any(b.key == "pending_no_inline" for b in at.button)
    at.button(key="pending_no_inline").click().run()
    gen = page_store().get(gen_id)
    assert gen.pending_change is None and [v.number for v in gen.versions] == [1, 2]
    assert gen.ad == gen.versions[-1].ad

    # The library lists both versions, each downloadable.
    library = AppTest.from_file(APP, default_timeout=TIMEOUT)
    library.run()
    library.switch_page("app_pages/1_Library.py").run()
    assert not library.exception
    labels = [d.label for d in library.get("download_button")]
    assert labels == ["Download MP4", "Download v1", "Download v2"]
    assert any(m.value.startswith("v2 · music louder") for m in library.markdown)
