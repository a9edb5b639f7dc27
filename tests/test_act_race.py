"""A person's action on the job runner (`service/actions/job.act`) when two clicks race: the one that
loses is refused and leaves the generation as the winner's job left it, never marked as working with
nothing at work (which would hold the page on "Working on it…" until a restart)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.errors import Busy
from studio.models import Brief
from studio.service import Studio


@pytest.fixture
def studio(settings: Settings) -> Iterator[Studio]:
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def _at_story_stop(studio: Studio) -> str:
    brief = Brief(prompt="Peak trail shoes that grip wet rock.", mode="interactive")
    gen = studio.run(studio.create(brief).id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "story")
    return gen.id


def test_a_click_that_loses_the_race_leaves_the_status_as_it_was(
    studio: Studio, monkeypatch: pytest.MonkeyPatch
) -> None:
    gen_id = _at_story_stop(studio)
    # Another tab took the runner's slot between this click's check and its start.
    monkeypatch.setattr(studio.ctx.runner, "try_drive", lambda _gen_id, _fn: None)
    before = len(studio.store.messages(gen_id))
    with pytest.raises(Busy):
        studio.refine(gen_id, "make it warmer")
    gen = studio.store.get(gen_id)
    assert (gen.status, gen.stage, gen.progress) == ("awaiting_approval", "story", None)
    assert len(studio.store.messages(gen_id)) == before


def test_the_job_starts_only_once_the_store_shows_it_working(
    studio: Studio, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work never runs ahead of the status the page reads: a fast job that finished before the store
    said "working" would be left showing a job that no longer runs."""
    gen_id = _at_story_stop(studio)
    seen: list[str] = []
    started = threading.Event()
    real_update = studio.store.update

    def slow_update(gen_id_: str, change, attempts: int = 8):  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            started.wait(0.5)  # the job gets every chance to run ahead of the caller's write
        return real_update(gen_id_, change, attempts)

    monkeypatch.setattr(studio.store, "update", slow_update)
    from studio.service.actions import story

    def watching_rewrite(cx, gen_id_, feedback, run):  # type: ignore[no-untyped-def]
        started.set()
        seen.append(cx.store.get(gen_id_).status)

    monkeypatch.setattr(story, "rewrite", watching_rewrite)
    studio.refine(gen_id, "make it warmer").result(timeout=30)
    assert seen == ["story"]  # WORKING_ON["story"]: the store said "working" before the work ran
    gen = studio.store.get(gen_id)
    assert (gen.status, gen.stage, gen.progress) == ("awaiting_approval", "story", None)
