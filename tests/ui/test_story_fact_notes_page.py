"""The story stop shows how the brief was read: where the model and the rules disagreed, what was left out."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.models import Brief
from studio.service import Studio
from studio.ui.text import plain
from tests.pages import APP, TIMEOUT

NOTES = [
    "Brand: the rules read 'Finca Azul', the model read 'Huila Reserve'; kept 'Finca Azul', the rules' "
    "reading, found by its evidence in the brief.",
    'The model\'s offer "50% off *everything*" does not occur in the brief: left out.',
]


def _at_the_story_stop(notes: list[str]) -> str:
    ctx = open_context(load_settings())
    studio = Studio(ctx)
    try:
        brief = Brief(prompt="Brand: Finca Azul\nOffer: 20% off your first bag", resolution="360p",
                      duration_s=8, scene_count=3, seed=5, mode="interactive")  # fmt: skip
        gen = studio.run(studio.create(brief).id)
        assert (gen.status, gen.stage) == ("awaiting_approval", "story"), gen.error
        assert gen.story is not None and gen.story.fact_notes == []  # offline: read by the rules alone

        def with_notes(g):  # type: ignore[no-untyped-def]
            g.story = g.story.model_copy(update={"fact_notes": notes})

        studio.store.update(gen.id, with_notes)
        return gen.id
    finally:
        ctx.runner.shutdown()


def test_the_story_stop_shows_the_notes_as_plain_text(data_dir: Path) -> None:
    gen_id = _at_the_story_stop(NOTES)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["g"] = gen_id
    at.run()
    assert not at.exception
    expanders = [e for e in at.expander if e.label == "How the brief was read (2 notes)"]
    assert len(expanders) == 1
    shown = [c.value for c in expanders[0].caption]
    assert shown[0] == NOTES[0]
    assert shown[1] == plain(NOTES[1]) and "\\*everything\\*" in shown[1]  # text, never markdown
    assert any(b.key == "story_approve" for b in at.button)


def test_a_story_read_by_the_rules_alone_shows_no_notes(data_dir: Path) -> None:
    gen_id = _at_the_story_stop([])
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["g"] = gen_id
    at.run()
    assert not at.exception
    assert not [e for e in at.expander if e.label.startswith("How the brief was read")]
