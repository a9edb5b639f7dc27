"""The variants service up to the start: framework stories written anew, sound settings, the allowance."""

from __future__ import annotations

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.errors import RateLimited
from studio.models import AssemblySettings, Brief
from studio.service import Studio
from studio.variants import get_set, start_variants

PROMPT = (
    "Trail running shoes from Peak that grip wet rock. For weekend runners. "
    "20% off this week at peak.example.com."
)


@pytest.fixture
def studio(tmp_path):
    ctx = open_context(Settings(data_dir=tmp_path / "data", max_concurrent=2, rate_limit_per_hour=6))
    studio = Studio(ctx)
    studio.started = []
    studio.start = studio.started.append  # record the starts; nothing renders in these tests
    yield studio
    ctx.runner.shutdown()


def _brief() -> Brief:
    return Brief(prompt=PROMPT, resolution="360p", duration_s=15, scene_count=3, seed=11)


def test_framework_variants_get_a_story_on_their_framework_and_share_the_rest(studio) -> None:
    vs, planning = start_variants(studio, _brief(), "framework,cta", 3)
    planning.result(timeout=120)
    vs = get_set(studio.store, vs.id)
    assert vs.status == "rendering" and studio.started == vs.generation_ids  # all started, after planning
    gens = [studio.store.get(g) for g in vs.generation_ids]
    assert len({g.story.framework for g in gens}) == 3
    assert [g.story.framework for g in gens] == [m.differs["framework"] for m in vs.members]
    assert [g.brief.framework for g in gens][1:] == [g.story.framework for g in gens][1:]
    for g, m in zip(gens, vs.members, strict=True):
        assert f"“{g.story.call_to_action}”" == m.differs["cta"]
        assert "20% off this week" in g.story.call_to_action and "peak.example.com" in g.story.call_to_action
        assert g.references == gens[0].references and g.references_approved and g.story_approved
        assert g.seed == 11 and g.stage == "scenes" and g.status == "pending"
        assert g.assembly == AssemblySettings()


def test_voice_and_music_variants_keep_one_story(studio) -> None:
    vs, planning = start_variants(studio, _brief(), ["voice", "music"], 2)
    planning.result(timeout=120)
    gens = [studio.store.get(g) for g in get_set(studio.store, vs.id).generation_ids]
    assert gens[0].story == gens[1].story
    assert [(g.assembly.voice, g.assembly.music, g.assembly.music_gain_db) for g in gens] == [
        (True, True, 0.0), (False, True, -6.0),
    ]  # fmt: skip


def test_more_variants_than_the_hourly_allowance_are_refused_before_anything_is_made(studio) -> None:
    # A person signed in to a shared studio (offline: with no key the command line is never limited).
    start_variants(studio, _brief(), "hook", 3, "ana", signed_in=True)[1].result(timeout=120)
    made = len(studio.store.list_generations(owner=None))
    with pytest.raises(RateLimited, match="4 variants are 4 ads, and you have 3 of your 6 ads an hour left"):
        start_variants(studio, _brief(), "hook", 4, "ana", signed_in=True)
    assert len(studio.store.list_generations(owner=None)) == made == 3
