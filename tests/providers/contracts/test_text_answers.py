"""Answers are validated by the real models after parsing: trimmed loudly, or refused, never let through."""

from __future__ import annotations

import json
import logging
from collections import Counter

import httpx2
import openai
import pytest
from pydantic import ValidationError

from studio.models import Intent, ScenePlan, StoryCritique
from studio.providers import openai_text
from studio.providers.openai_text import note_json_mode_fallback, parse_answer, trim_to_words

LONG_TEXT = "Glow serum twenty percent off this week only at every pharmacy near you so hurry in now today"


def _scene(**fields: object) -> dict[str, object]:
    scene: dict[str, object] = {
        "id": 1, "description": "Bottle on marble", "on_screen_text": "Glow", "voiceover": "Meet Glow.",
        "duration_s": 4, "camera_move": "push_in", "transition_in": "cut", "continuous_with_previous": False,
        "beat": "Attention", "focus": "product", "quality_score": None,
    }
    return {**scene, **fields}


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Glow serum, twenty percent off", 40, "Glow serum, twenty percent off"),
    ("Glow serum, twenty percent off", 14, "Glow serum"),  # cut inside "twenty": word and comma go
    ("Glow serum twenty", 10, "Glow serum"),               # cut on a space: both words kept
    ("Supercalifragilistic", 5, "Super"),                  # one long word: cut mid-word
])
def test_trim_to_words(text: str, limit: int, expected: str) -> None:
    assert trim_to_words(text, limit) == expected
    assert len(trim_to_words(text, limit)) <= limit


def test_an_over_long_on_screen_text_is_trimmed_at_a_word_and_said(caplog: pytest.LogCaptureFixture) -> None:
    assert len(LONG_TEXT) > 80
    with caplog.at_level(logging.WARNING, logger="studio.providers.openai_text"):
        plan = parse_answer(json.dumps({"scenes": [_scene(on_screen_text=LONG_TEXT)]}), ScenePlan)
    trimmed = "Glow serum twenty percent off this week only at every pharmacy near you so hurry"
    assert plan.scenes[0].on_screen_text == trimmed
    assert f"scenes.0.on_screen_text had {len(LONG_TEXT)} characters where 80 are allowed" in caplog.text


def test_nulls_read_as_defaults() -> None:
    plan = parse_answer(json.dumps({"scenes": [_scene(on_screen_text=None, camera_move=None)]}), ScenePlan)
    assert plan.scenes[0].on_screen_text == "" and plan.scenes[0].camera_move == "push_in"


@pytest.mark.parametrize("answer", [
    {"scenes": [_scene(camera_move="dolly_zoom")]},                            # not one of the enum
    {"scenes": [_scene(on_screen_text=LONG_TEXT, duration_s=0)]},              # trimmable, plus a real fault
    {"scenes": []},                                                            # below minItems
    {"scenes": [_scene(id=None)]},                                             # a required field left null
], ids=["enum", "long-and-out-of-range", "no-scenes", "required-null"])
def test_an_answer_that_does_not_fit_is_refused_not_accepted(answer: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        parse_answer(json.dumps(answer), ScenePlan)


def test_text_that_is_not_json_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="Invalid JSON"):
        parse_answer("Sure! Here is the critique: 7/10", StoryCritique)
    with pytest.raises(ValidationError):
        parse_answer("", Intent)


def test_a_fallback_to_json_mode_is_logged_as_an_error_with_its_reason_and_counted(
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    counter: Counter[str] = Counter()
    monkeypatch.setattr(openai_text, "json_mode_fallbacks", counter)  # this one is on purpose
    request = httpx2.Request("POST", "https://api.openai.com/v1/chat/completions")
    body = {"message": "Invalid schema for response_format 'ScenePlan': 'maxLength' is not permitted.",
            "type": "invalid_request_error", "param": "response_format"}
    refusal = openai.BadRequestError("Error code: 400", response=httpx2.Response(400, request=request),
                                     body=body)
    with caplog.at_level(logging.WARNING, logger="studio.providers.openai_text"):
        note_json_mode_fallback("OpenAI gpt-4.1-mini", "ScenePlan", refusal)
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "refused the ScenePlan schema: Invalid schema for response_format 'ScenePlan': 'maxLength' is " \
           "not permitted." in record.getMessage()
    assert counter == {"OpenAI gpt-4.1-mini": 1}
