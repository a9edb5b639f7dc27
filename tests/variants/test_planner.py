"""The variants planner's known answers: N variants differ on the chosen axes and only there."""

from __future__ import annotations

import pytest

from studio.errors import BadInput
from studio.models import AssemblySettings, Brief, Story
from studio.offline.writer import AdWriter
from studio.pipeline.story import brief_fact_sheet
from studio.variants.planner import (
    cta_options,
    parse_axes,
    plan_variants,
    variant_assembly,
    variant_brief,
    variant_story,
)

PROMPT = (
    "Trail running shoes from Peak that grip wet rock. For weekend runners. "
    "20% off this week at peak.example.com."
)


def _brief(**kw) -> Brief:
    base = {"prompt": PROMPT, "resolution": "360p", "duration_s": 8, "scene_count": 3, "seed": 7}
    return Brief(**(base | kw))


def _story(brief: Brief) -> Story:
    asked = {"brief": brief, "seed": 7, "previous": None, "critique": None}
    story = AdWriter().write("story_director", asked)
    return story.model_copy(update={"facts": brief_fact_sheet(brief)})


def test_the_facts_are_read_as_the_brief_states_them() -> None:
    facts = _story(_brief()).facts
    assert facts.offers == ["20% off this week"]
    assert facts.address == "peak.example.com"


def test_three_hook_variants_differ_in_the_first_line_only() -> None:
    brief = _brief()
    story = _story(brief)
    specs = plan_variants(brief, story, ["hook"], 3)
    stories = [variant_story(story, s) for s in specs]
    hooks = [s.beats[0].text for s in stories]
    # an 8 s ad's first scene says about 3 words: the hooks are that short
    assert hooks == ["Weekend runners?", "This is Peak.", "Hello, weekend runners."]
    assert [s.voiceover[0] for s in stories] == hooks
    for s in stories:  # everything after the hook is variant 1's, word for word
        assert s.beats[1:] == stories[0].beats[1:]
        assert s.voiceover[1:] == stories[0].voiceover[1:]
        assert (s.call_to_action, s.framework, s.title, s.facts) == (
            story.call_to_action, story.framework, story.title, story.facts,
        )  # fmt: skip
    assert [variant_brief(brief, s) for s in specs] == [brief] * 3  # automated already; nothing else moves
    assert all(s.differs == {"hook": f"“{h}”"} for s, h in zip(specs, hooks, strict=True))


def test_a_longer_ad_gets_longer_hooks() -> None:
    brief = _brief(duration_s=15)
    story = _story(brief)
    hooks = [s.hook for s in plan_variants(brief, story, ["hook"], 4)]
    assert hooks == [
        "Calling all weekend runners!", "Made for weekend runners.", "This is Peak.",
        "Hello, weekend runners.",
    ]  # fmt: skip


def test_every_cta_variant_keeps_the_offer_and_the_address_verbatim() -> None:
    brief = _brief()
    story = _story(brief)
    specs = plan_variants(brief, story, ["cta"], 6)
    ctas = [s.cta for s in specs]
    assert len(set(ctas)) == 6
    assert ctas[:3] == [
        "20% off this week. Shop at peak.example.com.",
        "Shop at peak.example.com: 20% off this week.",
        "Don't miss 20% off this week at peak.example.com.",
    ]
    for spec in specs:
        told = variant_story(story, spec)
        assert "20% off this week" in told.call_to_action and "peak.example.com" in told.call_to_action
        assert told.call_to_action in told.voiceover[-1]  # said at the end, shown on the end card
        assert len(told.call_to_action) <= 80
        assert told.beats[:-1] == story.beats[:-1] and told.voiceover[:-1] == story.voiceover[:-1]
        assert "%" not in told.call_to_action.replace("20%", "")  # no other offer invented


def test_a_brief_without_an_offer_gets_no_offer_in_its_ctas() -> None:
    brief = _brief(prompt="Trail running shoes from Peak that grip wet rock. Find them in stores.")
    ctas = cta_options(_story(brief))
    assert ctas and all("%" not in c and "off" not in c.lower() for c in ctas)


def test_voice_and_music_change_only_the_sound_settings() -> None:
    brief = _brief()
    story = _story(brief)
    specs = plan_variants(brief, story, ["voice", "music"], 4)
    sound = [variant_assembly(AssemblySettings(), s) for s in specs]
    assert [(a.voice, a.music, a.music_gain_db) for a in sound] == [
        (True, True, 0.0), (False, True, -6.0), (True, False, 0.0), (False, True, 4.0),
    ]  # fmt: skip
    assert all(variant_story(story, s) == story for s in specs)
    with pytest.raises(BadInput, match="at most 4 different variants"):
        plan_variants(brief, story, ["voice", "music"], 5)


def test_aspect_and_framework_options_start_from_the_brief() -> None:
    brief = _brief(aspect_ratio="1:1")
    story = _story(brief)
    specs = plan_variants(brief, story, ["aspect", "framework"], 3)
    assert [variant_brief(brief, s).aspect_ratio for s in specs] == ["1:1", "9:16", "4:5"]
    assert specs[0].framework == story.framework
    assert len({s.framework for s in specs}) == 3
    assert all(variant_brief(brief, s).mode == "automated" for s in specs)


def test_bad_requests_are_refused_with_what_to_do() -> None:
    with pytest.raises(BadInput, match="'tone' is not an axis"):
        parse_axes("hook,tone")
    assert parse_axes("cta, hook,cta") == ["cta", "hook"]
    with pytest.raises(BadInput, match="2 to 6 variants"):
        plan_variants(_brief(), _story(_brief()), ["hook"], 7)
