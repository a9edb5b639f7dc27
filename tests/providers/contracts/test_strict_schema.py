"""The schemas we send OpenAI are ones strict structured outputs accept, for every answer we ask for."""

from __future__ import annotations

import json

import pytest
from openai.lib._pydantic import to_strict_json_schema
from pydantic import BaseModel

from studio.models import (
    ImagePrompt,
    Intent,
    ReferenceAnalysis,
    SceneCritique,
    ScenePlan,
    Story,
    StoryCritique,
)
from studio.providers.openai_common import (
    StrictSchemaError,
    drop_null_defaults,
    json_schema_format,
    strict_schema,
)
from studio.providers.openai_vision import VisionAnswer
from tests.providers.contracts.strict_mode import REFUSED, keywords, strict_mode_problems

# What the studio asks the text model for (TextModel's docstring in ports.py), and the vision model.
ANSWER_TYPES = [Story, StoryCritique, ScenePlan, SceneCritique, Intent, ImagePrompt, VisionAnswer]


@pytest.mark.parametrize("answer_type", ANSWER_TYPES, ids=lambda t: t.__name__)
def test_every_answer_schema_passes_strict_mode(answer_type: type[BaseModel]) -> None:
    schema = strict_schema(answer_type)
    assert strict_mode_problems(schema) == []
    assert not keywords(schema) & (REFUSED | {"title", "minLength", "maxLength"})
    assert "default" not in json.dumps(schema)  # not even inside a description


@pytest.mark.parametrize("answer_type", ANSWER_TYPES, ids=lambda t: t.__name__)
def test_the_response_format_names_the_type_and_asks_for_strict(answer_type: type[BaseModel]) -> None:
    fmt = json_schema_format(answer_type)
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"] == {"name": answer_type.__name__, "schema": strict_schema(answer_type),
                                  "strict": True}


def test_the_checker_catches_what_the_sdk_sends_on_its_own() -> None:
    # The openai SDK strips only `None` defaults: Scene's "" defaults and the 80-character limit stay.
    problems = strict_mode_problems(to_strict_json_schema(ScenePlan))
    assert "anywhere: default is refused" in problems
    assert "anywhere: maxLength is refused" in problems


def test_fields_with_defaults_become_required_and_nullable_refs_stay() -> None:
    schema = strict_schema(ScenePlan)
    assert schema["properties"]["scenes"] == {"type": "array", "items": {"$ref": "#/$defs/Scene"},
                                              "minItems": 1, "maxItems": 8}
    scene = schema["$defs"]["Scene"]
    assert scene["required"] == list(scene["properties"])
    assert scene["properties"]["id"] == {"type": "integer", "minimum": 1}  # required: not nullable
    assert scene["properties"]["on_screen_text"] == {
        "anyOf": [{"type": "string", "description": "(at most 80 characters)"}, {"type": "null"}]}
    assert scene["properties"]["camera_move"]["anyOf"][1] == {"type": "null"}
    # Already nullable: no second null.
    assert scene["properties"]["quality_score"] == {"anyOf": [{"type": "number"}, {"type": "null"}]}
    story = strict_schema(Story)["properties"]
    assert story["critic_score"] == {"anyOf": [{"type": "number", "minimum": 0, "maximum": 10},
                                               {"type": "null"}]}


def test_a_null_for_a_defaulted_field_reads_as_its_default() -> None:
    answer = {"scenes": [{
        "id": 1, "description": "Bottle on marble", "on_screen_text": None, "voiceover": None,
        "duration_s": 4, "camera_move": None, "transition_in": "crossfade", "continuous_with_previous": None,
        "beat": None, "focus": None, "quality_score": None,
    }]}
    plan = ScenePlan.model_validate(drop_null_defaults(answer, ScenePlan.model_json_schema()))
    [scene] = plan.scenes
    assert (scene.on_screen_text, scene.camera_move, scene.transition_in, scene.focus) == (
        "", "push_in", "crossfade", "product")
    assert scene.quality_score is None and scene.continuous_with_previous is False
    intent = Intent.model_validate(drop_null_defaults({"action": "approve", "scene_id": None, "text": None},
                                                      Intent.model_json_schema()))
    assert intent == Intent(action="approve")


def test_a_null_for_a_required_field_is_left_for_validation_to_refuse() -> None:
    data = drop_null_defaults({"score": None, "critique": "ok", "issues": None},
                              StoryCritique.model_json_schema())
    assert data == {"score": None, "critique": "ok"}


def test_a_type_strict_mode_cannot_express_is_refused_by_name() -> None:
    # Why the vision adapter asks for VisionAnswer: ReferenceAnalysis carries an open mapping.
    with pytest.raises(StrictSchemaError, match=r"ReferenceAnalysis\.measured is an open mapping"):
        strict_schema(ReferenceAnalysis)
