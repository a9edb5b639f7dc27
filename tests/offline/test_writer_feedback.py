"""Feedback does what it says, and the critic's loop raises the score."""

from __future__ import annotations

import pytest

from studio.models import Beat, Brief, Story, StoryCritique
from studio.offline.words.text import word_count
from studio.offline.words.tones import TONES
from studio.providers.offline import OfflineWriter
from studio.providers.ports import StoryCriticRequest, StoryDirectorRequest

LUMEN = "Ad for Lumen, a smart desk lamp that adjusts to your circadian rhythm, for remote workers. Only $49."


@pytest.fixture(scope="module")
def writer() -> OfflineWriter:
    return OfflineWriter()


def direct(writer, brief, seed=3, feedback=None, previous=None, critique=None) -> Story:
    variables = {
        "brief": brief,
        "seed": seed,
        "feedback": feedback,
        "previous": previous,
        "critique": critique,
    }
    return writer.generate(StoryDirectorRequest(**variables), Story)


def words_of(s: Story) -> int:
    return sum(word_count(v) for v in s.voiceover)


def tone_words(name: str) -> set[str]:
    t = TONES[name]
    return {
        w.lower().strip(".!?,:") for line in (*t.flourishes, *t.openers, *t.adjectives) for w in line.split()
    }


def test_make_it_funnier_changes_the_tone_and_the_words(writer):
    brief = Brief(prompt=LUMEN, duration_s=20)
    first = direct(writer, brief)
    funny = direct(writer, brief, feedback="make it funnier", previous=first)
    assert first.tone == "confident" and funny.tone == "funny"
    said = " ".join(funny.voiceover)
    assert any(line in said for line in TONES["funny"].flourishes)
    assert said != " ".join(first.voiceover)
    assert funny.product_name == "Lumen" and "Lumen" in said


@pytest.mark.parametrize("tone", ["dramatic", "calm", "luxurious", "energetic", "urgent"])
def test_each_tone_word_takes_effect(writer, tone):
    brief = Brief(prompt=LUMEN, duration_s=20)
    first = direct(writer, brief)
    changed = direct(writer, brief, feedback=f"make it more {tone}", previous=first)
    assert changed.tone == tone
    spoken = {w.lower().strip(".!?,:") for w in " ".join(changed.voiceover).split()}
    assert spoken & tone_words(tone)


def test_mention_free_shipping_puts_it_in_the_voiceover_and_keeps_it(writer):
    brief = Brief(prompt=LUMEN, duration_s=20)
    first = direct(writer, brief)
    assert "free shipping" not in " ".join(first.voiceover).lower()
    shipped = direct(writer, brief, feedback="mention free shipping", previous=first)
    assert "free shipping" in " ".join(shipped.voiceover).lower()
    calmer = direct(writer, brief, feedback="calmer please", previous=shipped)
    assert "free shipping" in " ".join(calmer.voiceover).lower()


def test_focus_on_the_price_uses_the_brief_price(writer):
    brief = Brief(prompt=LUMEN, duration_s=20)
    priced = direct(writer, brief, feedback="focus on the price", previous=direct(writer, brief))
    assert "$49" in " ".join(priced.voiceover)


def test_shorter_makes_it_shorter_and_longer_longer(writer):
    brief = Brief(prompt=LUMEN, duration_s=30)
    first = direct(writer, brief)
    short = direct(writer, brief, feedback="shorter", previous=first)
    assert words_of(short) < words_of(first)
    brief_long = Brief(prompt=LUMEN, duration_s=60)
    base = direct(writer, brief_long, feedback="shorter", previous=direct(writer, brief_long))
    longer = direct(writer, brief_long, feedback="make it longer", previous=base)
    assert words_of(longer) > words_of(base)


def test_an_audience_change_is_written_in(writer):
    brief = Brief(prompt=LUMEN, duration_s=20, framework="AIDA")
    students = direct(writer, brief, feedback="make it for students", previous=direct(writer, brief))
    assert "students" in " ".join(students.voiceover).lower()
    assert any("students" in a for a in students.assumptions)


def test_the_critic_names_missing_beats_and_scores_a_thin_story_lower(writer):
    brief = Brief(prompt=LUMEN, duration_s=15, framework="AIDA")
    full = direct(writer, brief)
    thin = Story(
        title="Lamp",
        product_name="Lumen",
        text="A lamp exists. It is a lamp.",
        framework="AIDA",
        beats=[
            Beat(name="Attention", text="There is a lamp that exists and sits on desks in many homes today."),
            Beat(name="Interest", text="It is a lamp."),
        ],
        voiceover=["There is a lamp that exists and sits on desks in many homes today.", "It is a lamp."],
        call_to_action="",
    )
    judge = {"brief": brief}
    full_c = writer.generate(StoryCriticRequest(**judge, story=full), StoryCritique)
    thin_c = writer.generate(StoryCriticRequest(**judge, story=thin), StoryCritique)
    assert thin_c.score < full_c.score
    assert any("Desire" in i for i in thin_c.issues) and any("Action" in i for i in thin_c.issues)
    assert any("hook" in i.lower() for i in thin_c.issues)
    assert any("call to action" in i.lower() for i in thin_c.issues)

    revised = direct(writer, brief, previous=thin, critique=thin_c)
    assert [b.name for b in revised.beats] == ["Attention", "Interest", "Desire", "Action"]
    again = writer.generate(StoryCriticRequest(**judge, story=revised), StoryCritique)
    assert again.score > thin_c.score and again.score >= 7.5
    assert revised.revision == thin.revision + 1 and revised.product_name == "Lumen"


def test_a_story_too_long_for_the_ad_is_flagged_and_trimmed(writer):
    brief = Brief(prompt=LUMEN, duration_s=8, framework="PAS")
    padded = direct(writer, Brief(prompt=LUMEN, duration_s=60, framework="PAS"))
    critique = writer.generate(StoryCriticRequest(brief=brief, story=padded), StoryCritique)
    assert any("Too long" in i for i in critique.issues)
    trimmed = direct(writer, brief, previous=padded, critique=critique)
    assert words_of(trimmed) < words_of(padded)
    assert trimmed.voiceover[-1].endswith(trimmed.call_to_action)


def test_the_story_stage_loop_with_feedback_and_critique_keeps_the_feedback(writer):
    # the story stage calls the director with feedback, previous and critique together on revision rounds
    brief = Brief(prompt=LUMEN, duration_s=20)
    first = direct(writer, brief)
    funny = direct(writer, brief, feedback="make it funnier and mention free shipping", previous=first)
    critique = StoryCritique(
        score=6, critique="Missing beat", issues=["No benefit stated: say what it does."]
    )
    revised = direct(
        writer, brief, feedback="make it funnier and mention free shipping", previous=funny, critique=critique
    )
    assert revised.tone == "funny" and "free shipping" in " ".join(revised.voiceover).lower()
    assert revised.revision == funny.revision + 1
    assert not any(a.startswith("No tone asked") for a in funny.assumptions)
