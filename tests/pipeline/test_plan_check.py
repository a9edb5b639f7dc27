"""A scene plan against its brief: the problems named in words, the repairs with known answers."""

from __future__ import annotations

from studio.models import Brief, Scene, ScenePlan
from studio.pipeline.plan_check import SCENE_MAX_S, SCENE_MIN_S, plan_problems, repair_plan


def _plan(*durations: float) -> ScenePlan:
    scenes = [
        Scene(
            id=i,
            description=f"Shot {i}.",
            voiceover=f"Line {i}.",
            on_screen_text=f"Caption {i}",
            duration_s=d,
            beat=f"beat {i}",
            continuous_with_previous=i > 1,
            quality_score=7.0,
        )
        for i, d in enumerate(durations, start=1)
    ]
    return ScenePlan(scenes=scenes)


def _brief(scenes: int | None, seconds: float) -> Brief:
    return Brief(prompt="Trail shoes that grip wet rock.", scene_count=scenes, duration_s=seconds)


def test_the_limits_come_from_the_scene_model():
    assert (SCENE_MIN_S, SCENE_MAX_S) == (1.0, 60.0)


def test_a_plan_that_fits_has_no_problems_and_is_returned_unchanged():
    plan, brief = _plan(5, 5, 5), _brief(3, 15)
    assert plan_problems(plan, brief, brief.duration_s) == []
    assert repair_plan(plan, brief, brief.duration_s) is plan


def test_a_total_within_ten_percent_is_fine():
    assert (
        plan_problems(_plan(5, 5, 6.5), _brief(3, 15), _brief(3, 15).duration_s) == []
    )  # 16.5 s: exactly +10%
    assert (
        plan_problems(_plan(5, 5, 3.5), _brief(3, 15), _brief(3, 15).duration_s) == []
    )  # 13.5 s: exactly -10%
    assert plan_problems(_plan(5, 5, 6.6), _brief(3, 15), _brief(3, 15).duration_s) == [
        "durations add up to 16.6 s, the target is 15 s ±10%"
    ]


def test_problems_are_sentences_a_model_can_act_on():
    plan = _plan(10, 8, 9, 7, 7)
    assert plan_problems(plan, _brief(3, 30), _brief(3, 30).duration_s) == [
        "5 scenes, the brief asks for 3",
        "durations add up to 41 s, the target is 30 s ±10%",
    ]
    assert plan_problems(_plan(20), _brief(None, 15), _brief(None, 15).duration_s) == [
        "1 scene, the brief asks for 3",
        "durations add up to 20 s, the target is 15 s ±10%",
    ]


def test_the_count_asked_for_defaults_to_one_scene_per_five_seconds():
    assert plan_problems(_plan(5, 5, 5, 5, 5, 5), _brief(None, 30), _brief(None, 30).duration_s) == []
    assert plan_problems(_plan(10, 10, 10), _brief(None, 30), _brief(None, 30).duration_s) == [
        "3 scenes, the brief asks for 6"
    ]


def test_five_scenes_become_three_by_merging_the_shortest_adjacent_pairs():
    # Pair totals 5, 6, 6.5, 6: scenes 1+2 merge; then 9, 6.5, 6: scenes 4+5 merge. 15 s stays 15 s.
    fixed = repair_plan(_plan(3, 2, 4, 2.5, 3.5), _brief(3, 15), _brief(3, 15).duration_s)
    assert [s.id for s in fixed.scenes] == [1, 2, 3]
    assert [s.duration_s for s in fixed.scenes] == [5.0, 4.0, 6.0]
    assert [s.description for s in fixed.scenes] == ["Shot 1. Shot 2.", "Shot 3.", "Shot 4. Shot 5."]
    assert [s.voiceover for s in fixed.scenes] == ["Line 1. Line 2.", "Line 3.", "Line 4. Line 5."]
    # The hook keeps its caption and opening; the call to action keeps its caption at the end.
    assert [s.on_screen_text for s in fixed.scenes] == ["Caption 1", "Caption 3", "Caption 5"]
    assert fixed.scenes[0].continuous_with_previous is False
    assert all(s.quality_score is None for s in (fixed.scenes[0], fixed.scenes[2]))
    assert plan_problems(fixed, _brief(3, 15), _brief(3, 15).duration_s) == []


def test_too_many_scenes_with_a_short_total_are_merged_then_scaled():
    # 8 scenes of 1 s for a 3-scene, 15 s brief: merging the shortest pair each time gives 4, 2, 2 s;
    # × 15/8 = 7.5, 3.75, 3.75; the odd tenth goes to the earlier of the two equal remainders.
    fixed = repair_plan(_plan(*[1.0] * 8), _brief(3, 15), _brief(3, 15).duration_s)
    assert [s.duration_s for s in fixed.scenes] == [7.5, 3.8, 3.7]
    assert fixed.scenes[0].voiceover == "Line 1. Line 2. Line 3. Line 4."
    assert plan_problems(fixed, _brief(3, 15), _brief(3, 15).duration_s) == []


def test_two_scenes_become_three_by_splitting_the_longest():
    plan = _plan(6, 9)
    plan.scenes[1].voiceover = "Grip on wet rock. Light on the trail. Twenty percent off."
    fixed = repair_plan(plan, _brief(3, 15), _brief(3, 15).duration_s)
    assert [s.id for s in fixed.scenes] == [1, 2, 3]
    assert [s.duration_s for s in fixed.scenes] == [6.0, 4.5, 4.5]
    assert [s.description for s in fixed.scenes] == ["Shot 1.", "Shot 2.", "Shot 2."]
    assert [s.voiceover for s in fixed.scenes] == [
        "Line 1.",
        "Grip on wet rock. Light on the trail.",
        "Twenty percent off.",
    ]
    assert fixed.scenes[2].continuous_with_previous is True and fixed.scenes[2].transition_in == "cut"
    assert plan_problems(fixed, _brief(3, 15), _brief(3, 15).duration_s) == []


def test_a_one_line_voiceover_is_split_between_words():
    plan = _plan(12)
    plan.scenes[0].voiceover = "one two three four"
    fixed = repair_plan(plan, _brief(3, 12), _brief(3, 12).duration_s)
    # 12 → 6 + 6 ("one two" | "three four"), then the earlier of the two 6 s scenes → 3 + 3.
    assert [s.duration_s for s in fixed.scenes] == [3.0, 3.0, 6.0]
    assert [s.voiceover for s in fixed.scenes] == ["one", "two", "three four"]


def test_forty_one_seconds_are_scaled_to_thirty():
    # 10, 8, 9, 7, 7 × 30/41 = 7.32, 5.85, 6.59, 5.12, 5.12: rounded down to tenths (29.8 s), the two
    # missing tenths go to the largest remainders (6.59 and 5.85).
    fixed = repair_plan(_plan(10, 8, 9, 7, 7), _brief(5, 30), _brief(5, 30).duration_s)
    assert [s.duration_s for s in fixed.scenes] == [7.3, 5.9, 6.6, 5.1, 5.1]
    assert sum(round(s.duration_s * 10) for s in fixed.scenes) == 300
    assert [s.description for s in fixed.scenes] == [f"Shot {i}." for i in range(1, 6)]
    assert plan_problems(fixed, _brief(5, 30), _brief(5, 30).duration_s) == []


def test_scaling_respects_the_per_scene_maximum():
    # Proportionally 2, 2, 50 → 120 s would be 4.4, 4.4, 111.1; the third is capped at 60 s and the
    # other two share the remaining 60 s in their proportion.
    fixed = repair_plan(_plan(2, 2, 50), _brief(3, 120), _brief(3, 120).duration_s)
    assert [s.duration_s for s in fixed.scenes] == [30.0, 30.0, 60.0]


def test_scaling_respects_the_per_scene_minimum():
    # Proportionally 1, 1, 20 → 6 s would be 0.27, 0.27, 5.45; the first two stay at the 1 s minimum.
    fixed = repair_plan(_plan(1, 1, 20), _brief(3, 6), _brief(3, 6).duration_s)
    assert [s.duration_s for s in fixed.scenes] == [1.0, 1.0, 4.0]


def test_an_impossible_brief_comes_as_close_as_the_limits_allow_and_still_says_so():
    # 8 scenes of at least 1 s cannot make a 6 s ad.
    brief = _brief(8, 6)
    fixed = repair_plan(_plan(2, 2, 2, 2, 2, 2, 2, 2), brief, brief.duration_s)
    assert [s.duration_s for s in fixed.scenes] == [1.0] * 8
    assert plan_problems(fixed, brief, brief.duration_s) == [
        "durations add up to 8 s, the target is 6 s ±10%"
    ]


def test_the_scenes_leave_room_for_the_end_card_by_default() -> None:
    # A 15 s ad: the scenes share 12.5 s, the end card takes the rest (the assembler adds it).
    brief = _brief(3, 15)
    assert brief.scene_seconds() == 12.5
    assert plan_problems(_plan(5, 5, 5), brief) == ["durations add up to 15 s, the target is 12.5 s ±10%"]
    fixed = repair_plan(_plan(5, 5, 5), brief)
    assert round(sum(s.duration_s for s in fixed.scenes), 1) == 12.5
    assert plan_problems(fixed, brief) == []
