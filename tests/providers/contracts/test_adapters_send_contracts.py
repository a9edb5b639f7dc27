"""The OpenAI adapters send the strict schemas and validate answers with the real models.

These call adapter methods, so they follow the adapters' signatures (one request, then `run`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PIL import Image

from studio.models import Beat, Brief, ReferenceAnalysis, ScenePlan, Story
from studio.providers.openai_common import strict_schema
from studio.providers.openai_text import OpenAIText
from studio.providers.openai_vision import OpenAIVision, VisionAnswer
from studio.providers.ports import SceneWriterRequest, VisionRequest
from studio.providers.retry import RetryPolicy
from studio.run import Run
from tests.providers.contracts.strict_mode import strict_mode_problems
from tests.providers.openai_fake import FakeOpenAI, completion

FAST = RetryPolicy(attempts=2, initial_wait_s=0.01, max_wait_s=0.01, sleep=lambda s: None)
SCENE = {"id": 1, "description": "Bottle on marble", "on_screen_text": None, "voiceover": "Meet Glow.",
         "duration_s": 4, "camera_move": None, "transition_in": None, "continuous_with_previous": None,
         "beat": None, "focus": None, "quality_score": None}
ONE_SCENE = SceneWriterRequest(
    brief=Brief(prompt="Glow serum, 20% off this week", duration_s=6),
    story=Story(title="Glow", text="Meet Glow.", framework="AIDA", voiceover=["Meet Glow."],
                beats=[Beat(name="Action", text="Meet Glow.")], call_to_action="20% off this week"),
    scene_count=1,
)


def test_the_text_adapter_sends_the_strict_schema_and_trims_what_it_could_not_say(
        caplog: pytest.LogCaptureFixture) -> None:
    long_text = "Twenty percent off Glow serum this week only, in every pharmacy and online, while it lasts"
    fake = FakeOpenAI([(200, completion({"scenes": [{**SCENE, "on_screen_text": long_text}]}), {})])
    text = OpenAIText(fake.client(), "gpt-4.1-mini", policy=FAST)
    with caplog.at_level(logging.WARNING, logger="studio.providers.openai_text"):
        plan = text.generate(ONE_SCENE, ScenePlan, Run.detached())
    fmt = fake.requests[0]["response_format"]
    assert fmt["json_schema"]["strict"] is True and fmt["json_schema"]["schema"] == strict_schema(ScenePlan)
    assert strict_mode_problems(fmt["json_schema"]["schema"]) == []
    trimmed = "Twenty percent off Glow serum this week only, in every pharmacy and online"
    assert plan.scenes[0].on_screen_text == trimmed
    assert plan.scenes[0].camera_move == "push_in"  # null read as the default
    assert "trimmed at a word boundary" in caplog.text and not text.json_mode


def test_an_answer_that_breaks_the_model_is_asked_again_not_accepted() -> None:
    fake = FakeOpenAI([(200, completion({"scenes": [{**SCENE, "duration_s": 0}]}), {}),
                       (200, completion({"scenes": [SCENE]}), {})])
    text = OpenAIText(fake.client(), "gpt-4.1-mini", policy=FAST)
    plan = text.generate(ONE_SCENE, ScenePlan, Run.detached())
    assert len(fake.requests) == 2 and plan.scenes[0].duration_s == 4


class _Pixels:
    name = "pixels"

    def analyze(self, request: VisionRequest, run: Run) -> ReferenceAnalysis:
        raise AssertionError("the vision answer was valid: no fallback expected")


def test_the_vision_adapter_sends_the_strict_schema(tmp_path: Path) -> None:
    image = tmp_path / "ref.png"
    Image.new("RGB", (16, 16), (200, 40, 40)).save(image)
    answer = {"character_description": "", "product_features": "Amber dropper bottle", "colors": ["#c8a15a"],
              "style": "studio", "environment": "cream backdrop", "lighting": "soft"}
    fake = FakeOpenAI([(200, completion(answer), {})])
    vision = OpenAIVision(fake.client(), "gpt-4.1-mini", _Pixels(), policy=FAST)
    got = vision.analyze(VisionRequest(image_path=image, kind="product"), Run.detached())
    assert fake.requests[0]["response_format"]["json_schema"]["schema"] == strict_schema(VisionAnswer)
    assert got.product_features == "Amber dropper bottle" and got.colors == ["#c8a15a"]
