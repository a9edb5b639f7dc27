"""The chat's intent rules, and the fall-backs to a text model and to refine."""

from __future__ import annotations

import pytest

from studio.errors import ProviderError
from studio.models import Intent
from studio.pipeline.intent import parse_intent, resolve_intent
from studio.providers.offline import OfflineWriter
from studio.run import Run

RUN = Run("gen-1")


@pytest.mark.parametrize(
    "message",
    [
        "yes",
        "Yes!",
        "ok",
        "OK.",
        "okay",
        "looks good",
        "Looks good!!",
        "looks great, thanks",
        "approve",
        "Approved",
        "continue",
        "Continue please",
        "yes, continue",
        "ok looks good",
        "LGTM",
        "👍",
        "sure thing"[:4],
    ],
)
def test_approve(message):
    assert parse_intent(message, "story") == Intent(action="approve")


@pytest.mark.parametrize(
    "message", ["regenerate", "Try again", "redo", "try again please", "Redo it.", "start over"]
)
def test_regenerate(message):
    assert parse_intent(message, "story") == Intent(action="regenerate")


@pytest.mark.parametrize(
    ("message", "scene", "text"),
    [
        ("edit scene 2: show the lamp on a walnut desk", 2, "show the lamp on a walnut desk"),
        ("Edit scene 3 - voiceover says hello", 3, "voiceover says hello"),
        ("edit scene two: sunrise", 2, "sunrise"),
    ],
)
def test_edit_scene(message, scene, text):
    assert parse_intent(message, "scenes") == Intent(action="edit_scene", scene_id=scene, text=text)


@pytest.mark.parametrize(
    ("message", "scene", "text"),
    [
        ("regenerate scene 3", 3, ""),
        ("Redo scene 1 with more energy", 1, "more energy"),
        ("redo scene 4: warmer light", 4, "warmer light"),
        ("make scene 2 more dramatic", 2, "more dramatic"),
        ("Please make scene 5 funnier.", 5, "funnier"),
        ("scene 2 more dramatic", 2, "more dramatic"),
    ],
)
def test_regenerate_scene(message, scene, text):
    assert parse_intent(message, "scenes") == Intent(action="regenerate_scene", scene_id=scene, text=text)


@pytest.mark.parametrize(
    "message",
    [
        "make it funnier",
        "yes but shorter",
        "not ok",
        "okay but mention free shipping",
        "no",
        "",
        "   ",
        "what about a dog in it?",
        "edit scene 2",
    ],
)
def test_the_rules_leave_the_rest_alone(message):
    assert parse_intent(message, "story") is None


class _Model:
    name = "fake model"

    def __init__(self, answer: Intent | Exception) -> None:
        self.answer = answer
        self.calls: list[dict] = []

    def generate(self, request, output_type, run):
        assert run is RUN  # the model is asked on behalf of the generation's run
        self.calls.append({"task": request.task, **request.variables()})
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_resolve_prefers_the_rules_and_never_asks_the_model_for_them():
    model = _Model(Intent(action="regenerate"))
    assert resolve_intent("looks good", "story", model, RUN) == Intent(action="approve")
    assert model.calls == []


def test_resolve_asks_the_text_model_for_what_the_rules_cannot_place():
    model = _Model(Intent(action="regenerate_scene", scene_id=3, text="moodier"))
    assert resolve_intent("the third one feels flat, moodier", "scenes", model, RUN).scene_id == 3
    assert model.calls == [
        {"task": "intent", "message": "the third one feels flat, moodier", "stage": "scenes"}
    ]


def test_resolve_refines_when_the_model_fails_or_answers_nonsense():
    failing = _Model(ProviderError("down", provider="openai"))
    assert resolve_intent("warmer colours", "story", failing, RUN) == Intent(
        action="refine", text="warmer colours"
    )
    vague = _Model(Intent(action="edit_scene"))
    assert resolve_intent("fix that one", "scenes", vague, RUN) == Intent(
        action="refine", text="fix that one"
    )
    assert resolve_intent("warmer colours", "story", None, RUN) == Intent(
        action="refine", text="warmer colours"
    )


def test_resolve_with_the_offline_writer_refines_with_the_message():
    assert resolve_intent("more about the lamp", "story", OfflineWriter(), RUN) == Intent(
        action="refine", text="more about the lamp"
    )
