"""Chat after the ad is finished: the sound and end-card rules, and what they leave to the other rules."""

from __future__ import annotations

import pytest

from studio.models import AssemblySettings, Intent
from studio.pipeline.intent import parse_intent
from studio.service.actions.versions import changed_settings


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("make the music louder please", "music_louder"),
        ("Make the music louder", "music_louder"),
        ("turn up the music", "music_louder"),
        ("more music!", "music_louder"),
        ("music softer", "music_softer"),
        ("lower the music a bit", "music_softer"),
        ("turn the music down", "music_softer"),
        ("no music", "music_off"),
        ("remove the music please", "music_off"),
        ("bring the music back", "music_on"),
        ("remove the voiceover", "voice_off"),
        ("no voice over please", "voice_off"),
        ("put the voice back", "voice_on"),
    ],
)
def test_sound_changes(message, action):
    assert parse_intent(message, "scores") == Intent(action=action)


@pytest.mark.parametrize(
    ("message", "action", "text"),
    [
        ("change the CTA to Shop now", "end_card_cta", "Shop now"),
        ("CTA: Buy today!", "end_card_cta", "Buy today"),
        ("set the call to action to say 'Grab a pair'", "end_card_cta", "Grab a pair"),
        ("end card text: Peak Trail 2", "end_card_title", "Peak Trail 2"),
        ("change the end card to say Run wet rock", "end_card_title", "Run wet rock"),
    ],
)
def test_end_card_words(message, action, text):
    assert parse_intent(message, "scores") == Intent(action=action, text=text)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("edit scene 2: no music", Intent(action="edit_scene", scene_id=2, text="no music")),
        ("make scene 2 louder", Intent(action="regenerate_scene", scene_id=2, text="louder")),
        ("another voice please", None),  # no second voice offline: the text model or refine reads it
        ("make it funnier", None),
        ("a story about a music festival, louder colours, a dog in a park and a new hero", None),
    ],
)
def test_scene_and_story_messages_are_not_taken_for_sound(message, expected):
    assert parse_intent(message, "scores") == expected


def test_louder_and_softer_step_by_six_db_within_limits():
    s, change = changed_settings(AssemblySettings(), Intent(action="music_louder"))
    assert s.music_gain_db == 6.0 and "louder" in change
    s, _ = changed_settings(s, Intent(action="music_louder"))
    s, _ = changed_settings(s, Intent(action="music_louder"))
    assert s.music_gain_db == 12.0  # the ceiling
    s, _ = changed_settings(AssemblySettings(music=False), Intent(action="music_softer"))
    assert (s.music_gain_db, s.music) == (-6.0, True)
    s, change = changed_settings(AssemblySettings(), Intent(action="end_card_cta", text="Shop now"))
    assert s.call_to_action == "Shop now" and "Shop now" in change
