"""The studio page offers the image editor on each reference (AppTest, offline): Edit opens, Close shuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.models import Generation
from studio.service import Studio
from studio.ui.people import current_person
from tests.pages import APP
from tests.pipeline.picture_fixtures import make_generation


@pytest.fixture
def gen_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A generation of the page's person, at the scenes stop, in a fresh data folder."""
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    ctx = open_context(load_settings())
    try:
        studio = Studio(ctx)
        gen = make_generation(studio, (160, 120), (60, 40, 100, 80))

        def at_scenes(g: Generation) -> None:
            g.owner, g.stage = current_person().id, "scenes"

        studio.store.update(gen.id, at_scenes)
        return gen.id
    finally:
        ctx.runner.shutdown()


def test_edit_opens_the_editor_on_that_reference(gen_id: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["g"] = gen_id
    at.run()
    assert not at.exception
    edit = [b for b in at.button if b.key and b.key.startswith("ref_edit_")]
    assert [b.key for b in edit] == ["ref_edit_0", "ref_edit_1", "ref_edit_2"]
    assert not any(m.value.startswith("**Edit reference") for m in at.markdown)

    at.button(key="ref_edit_1").click().run()
    assert not at.exception
    opened = [m.value for m in at.markdown if m.value.startswith("**Edit reference")]
    assert opened == ["**Edit reference 2**"]
    assert at.text_input(key=f"editor_prompt_{gen_id}_reference_1").value == ""
    generate = at.button(key=f"editor_generate_{gen_id}_reference_1")
    assert generate.disabled  # no mask yet
    assert any("1 of at most 5 kept" in m.value for m in at.markdown)

    at.button(key=f"editor_close_{gen_id}_reference_1").click().run()
    assert not any(m.value.startswith("**Edit reference") for m in at.markdown)
