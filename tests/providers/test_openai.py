"""OpenAI adapters against a fake API (httpx2 MockTransport) answering with recorded response shapes."""

from __future__ import annotations

import logging
import wave
from pathlib import Path

import pytest
from PIL import Image

from studio.config import Settings
from studio.errors import ProviderAuthError, ProviderError
from studio.models import Beat, Brief, ImagePrompt, Intent, ReferenceAnalysis, Story, StoryCritique
from studio.providers.openai_adapters import (
    OpenAISpeech,
    OpenAIText,
    OpenAIVision,
    build_openai_providers,
    build_openai_speech,
)
from studio.providers.ports import (
    IntentRequest,
    PromptEngineerRequest,
    SpeechRequest,
    StoryCriticRequest,
    VisionRequest,
)
from studio.providers.retry import RetryPolicy
from studio.run import MemoryMeter, Run
from tests.providers.openai_fake import FAKE_KEY, FakeOpenAI, completion, recorded_error, wav_bytes

FAST = RetryPolicy(attempts=3, initial_wait_s=0.01, max_wait_s=0.05, sleep=lambda s: None)
CRITIQUE = {"score": 7.5, "critique": "Strong hook; the CTA is vague.",
            "issues": ["Name the offer in the CTA"]}
BRIEF = Brief(prompt="An ad for Glow serum, 20% off this week", duration_s=15)
STORY = Story(title="Glow", product_name="Glow", text="Skin that glows.", framework="AIDA",
              beats=[Beat(name="Attention", text="Dull skin?")], voiceover=["Dull skin? Glow."],
              call_to_action="20% off this week")
CRITIC = StoryCriticRequest(brief=BRIEF, story=STORY, facts=['Say this offer exactly: "20% off this week".'])


def _run() -> tuple[Run, MemoryMeter]:
    meter = MemoryMeter()
    return Run("gen-1", meter=meter), meter


def _text(fake: FakeOpenAI, base_url: str | None = None) -> tuple[OpenAIText, MemoryMeter, Run]:
    run, meter = _run()
    return OpenAIText(fake.client(base_url), "gpt-4.1-mini", base_url=base_url, policy=FAST,
                      secrets=(FAKE_KEY,)), meter, run


def test_structured_output_parsed_prompt_rendered_and_costed() -> None:
    fake = FakeOpenAI([(200, completion(CRITIQUE), {})])
    text, meter, run = _text(fake)
    result = text.generate(CRITIC, StoryCritique, run)

    assert result == StoryCritique(**CRITIQUE)
    [body] = fake.requests
    assert body["model"] == "gpt-4.1-mini" and body["temperature"] == 0.2
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "StoryCritique"
    user = body["messages"][1]["content"]
    assert '"prompt": "An ad for Glow serum, 20% off this week"' in user
    assert 'FACTS CHECKLIST:\n[\n  "Say this offer exactly: \\"20% off this week\\"."\n]' in user
    assert 'STORY (JSON):\n{\n  "title": "Glow",' in user
    [call] = meter.calls
    # 1180 prompt tokens at $0.40/M + 412 completion tokens at $1.60/M (the recorded usage)
    assert call.cost_usd == pytest.approx(1180 * 0.0004 / 1000 + 412 * 0.0016 / 1000)
    assert (call.provider, call.purpose, call.status) == ("openai", "story_critic", "ok")
    assert call.generation_id == "gen-1"  # charged to the run's generation
    assert text.name == "OpenAI gpt-4.1-mini"


def test_compatible_server_without_json_schema_falls_back_to_json_mode_once(
        caplog: pytest.LogCaptureFixture) -> None:
    intent = {"action": "edit_scene", "scene_id": 2, "text": "make it sunnier"}
    fake = FakeOpenAI([
        (400, recorded_error("json_schema_unsupported"), {}),
        (200, completion(intent), {}),
        (200, completion({"prompt": "a sunny kitchen"}), {}),
    ])
    text, _, run = _text(fake, base_url="http://127.0.0.1:11434/v1")
    assert text.name == "OpenAI-compatible gpt-4.1-mini at 127.0.0.1"
    with caplog.at_level(logging.WARNING):
        got = text.generate(IntentRequest(message="scene 2 sunnier", stage="scenes"), Intent, run)
        enhanced = text.generate(PromptEngineerRequest(prompt="kitchen"), ImagePrompt, run)
    assert enhanced.prompt == "a sunny kitchen"
    assert got == Intent(**intent)
    assert [b["response_format"]["type"] for b in fake.requests] == ["json_schema", "json_object",
                                                                     "json_object"]
    assert "JSON schema" in fake.requests[1]["messages"][0]["content"]
    assert caplog.text.count("does not accept JSON-schema output") == 1


def test_json_mode_answer_that_does_not_validate_is_asked_again_then_fails() -> None:
    fake = FakeOpenAI([(400, recorded_error("json_schema_unsupported"), {})]
                      + [(200, completion({"action": "dance"}), {})] * 2)
    text, _, run = _text(fake)
    with pytest.raises(ProviderError, match="did not have the expected shape"):
        text.generate(IntentRequest(message="x", stage="story"), Intent, run)
    assert len(fake.requests) == 3


def test_429_retried_with_retry_after_then_401_names_the_variable(caplog: pytest.LogCaptureFixture) -> None:
    waits: list[float] = []
    fake = FakeOpenAI([(429, recorded_error("429"), {"retry-after": "0.02"}),
                       (200, completion(CRITIQUE), {})])
    text, _, run = _text(fake)
    text.policy = RetryPolicy(attempts=3, initial_wait_s=0.01, max_wait_s=1, sleep=waits.append)
    assert text.generate(CRITIC, StoryCritique, run).score == 7.5
    assert waits == [0.02]

    caplog.set_level(logging.DEBUG)
    fake = FakeOpenAI([(401, recorded_error("401"), {})])
    text, meter, run = _text(fake)
    with pytest.raises(ProviderAuthError) as info:
        text.generate(CRITIC, StoryCritique, run)
    assert str(info.value) == "The OpenAI key was refused: check OPENAI_API_KEY"
    assert len(fake.requests) == 1
    for message in (str(info.value), caplog.text, meter.calls[0].error or "", text.name):
        assert FAKE_KEY not in message


def test_500_three_times_is_a_retryable_provider_error() -> None:
    fake = FakeOpenAI([(500, {"error": {"message": "The server had an error"}}, {})] * 3)
    text, meter, run = _text(fake)
    with pytest.raises(ProviderError, match="after 3 attempts") as info:
        text.generate(PromptEngineerRequest(prompt="p"), ImagePrompt, run)
    assert info.value.retryable and len(fake.requests) == 3 and meter.calls[0].status == "error"


class PixelStandIn:
    """Stands in for the pixel analyst: returns measured figures, says it was called."""

    name = "pixels"

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, request: VisionRequest, run: Run | None = None) -> ReferenceAnalysis:
        self.calls += 1
        return ReferenceAnalysis(colors=["#c82828"], measured={"brightness": 0.41})


ANSWER = {"character_description": "", "product_features": "Amber glass dropper bottle, gold cap",
          "colors": ["#C8A15A", "f4efe6", "warm brown"], "style": "clean studio product photo",
          "environment": "plain cream backdrop", "lighting": "soft key from the left, warm"}


def _png(tmp_path: Path) -> Path:
    path = tmp_path / "ref.png"
    Image.new("RGB", (16, 16), (200, 40, 40)).save(path)
    return path


def test_vision_sends_the_image_as_a_data_url_and_parses_the_analysis(tmp_path: Path) -> None:
    fake = FakeOpenAI([(200, completion(ANSWER), {})])
    fallback = PixelStandIn()
    vision = OpenAIVision(fake.client(), "gpt-4.1-mini", fallback, policy=FAST)
    run, meter = _run()
    got = vision.analyze(VisionRequest(image_path=_png(tmp_path), kind="product", hint="our serum"), run)
    assert got.product_features == "Amber glass dropper bottle, gold cap"
    assert got.colors == ["#c8a15a", "#f4efe6"]  # "warm brown" is not a colour code: dropped, not guessed
    content = fake.requests[0]["messages"][1]["content"]
    assert content[1]["image_url"]["url"].startswith("data:image/png;base64,")
    assert "product reference" in content[0]["text"] and fake.requests[0]["temperature"] == 0.1
    assert fallback.calls == 0
    assert [(c.purpose, c.generation_id) for c in meter.calls] == [("vision product", "gen-1")]


def test_vision_unparseable_twice_degrades_to_the_pixel_analyst(tmp_path: Path) -> None:
    fake = FakeOpenAI([(200, completion("I think it is a nice bottle."), {})] * 2)
    fallback = PixelStandIn()
    vision = OpenAIVision(fake.client(), "gpt-4.1-mini", fallback, policy=FAST)
    got = vision.analyze(VisionRequest(image_path=_png(tmp_path), kind="product"), _run()[0])
    assert len(fake.requests) == 2 and fallback.calls == 1
    assert got.measured == {"brightness": 0.41} and got.product_features == ""


def test_speech_writes_wav_and_returns_its_duration(tmp_path: Path) -> None:
    fake = FakeOpenAI([(200, wav_bytes(0.5), {})])
    run, meter = _run()
    speech = OpenAISpeech(fake.client(), "gpt-4o-mini-tts", "alloy", policy=FAST)
    out = tmp_path / "vo.wav"
    assert speech.available
    request = SpeechRequest(text="Glow. Twenty percent off.", out_path=out, tone="warm")
    assert speech.synthesize(request, run) == pytest.approx(0.5)
    with wave.open(str(out)) as w:
        assert w.getnframes() == 12000
    body = fake.requests[0]
    assert fake.paths == ["/v1/audio/speech"]
    assert body["response_format"] == "wav" and body["voice"] == "alloy" and "warm" in body["instructions"]
    assert meter.calls[0].cost_usd == pytest.approx(0.015 * 0.5 / 60)
    assert meter.calls[0].generation_id == "gen-1"


def test_build_from_settings_names_without_the_key() -> None:
    settings = Settings(openai_api_key=FAKE_KEY, openai_base_url="https://llm.example.com/v1",
                        openai_text_model="llama3.1", openai_vision_model="llava")
    text, vision = build_openai_providers(settings, fallback_vision=PixelStandIn())
    speech = build_openai_speech(settings, "tts-1")
    assert text.name == "OpenAI-compatible llama3.1 at llm.example.com"
    assert all(FAKE_KEY not in p.name for p in (text, vision, speech))
    assert isinstance(text, OpenAIText) and isinstance(vision, OpenAIVision)
    assert isinstance(speech, OpenAISpeech)
