"""The vision adapter's yes/no check: P("yes") from recorded log-probabilities, None when there are none."""

from __future__ import annotations

import logging
import math
from pathlib import Path

import pytest
from PIL import Image

from studio.errors import ProviderAuthError
from studio.imagelab.lab import _Judge
from studio.providers.offline import PixelAnalyst
from studio.providers.openai_vision import OpenAIVision, yes_from_logprobs
from studio.providers.retry import RetryPolicy
from studio.quality.image_scores import VQA_QUESTION, YesNoJudge, vqa_alignment
from studio.run import MemoryMeter, Run
from tests.providers.openai_fake import FAKE_KEY, FakeOpenAI, completion_with_logprobs, recorded_error

FAST = RetryPolicy(attempts=3, initial_wait_s=0.01, max_wait_s=0.05, sleep=lambda s: None)
PROMPT = "A red running shoe on a mountain trail at dawn"
QUESTION = VQA_QUESTION.format(prompt=PROMPT)


def _vision(fake: FakeOpenAI, media: object = None) -> tuple[OpenAIVision, MemoryMeter, Run]:
    meter = MemoryMeter()
    vision = OpenAIVision(fake.client(), "gpt-4.1-mini", PixelAnalyst(), media=media, policy=FAST,
                          secrets=(FAKE_KEY,))
    return vision, meter, Run("gen-1", meter=meter)


def _png(tmp_path: Path) -> Path:
    path = tmp_path / "shoe.png"
    Image.new("RGB", (16, 16), (200, 40, 40)).save(path)
    return path


def test_yes_normalised_by_yes_plus_no_mass_from_known_logprobs(tmp_path: Path) -> None:
    fake = FakeOpenAI([(200, completion_with_logprobs([("Yes", -0.105), ("No", -2.303)]), {})])
    vision, meter, run = _vision(fake)
    p = vision.yes_probability(_png(tmp_path), QUESTION, run)
    # exp(-0.105) = 0.9003, exp(-2.303) = 0.0999: 0.9003 / (0.9003 + 0.0999)
    assert p == pytest.approx(math.exp(-0.105) / (math.exp(-0.105) + math.exp(-2.303)))
    assert p == pytest.approx(0.9, abs=1e-3)
    [body] = fake.requests
    assert fake.paths == ["/v1/chat/completions"]
    assert body["max_tokens"] == 1 and body["temperature"] == 0
    assert body["logprobs"] is True and body["top_logprobs"] == 5
    assert body["model"] == "gpt-4.1-mini" and "response_format" not in body
    [message] = body["messages"]
    text, image = message["content"]
    assert text == {"type": "text", "text": f"Does this image show: {PROMPT}? Answer yes or no."}
    assert image["type"] == "image_url" and image["image_url"]["url"].startswith("data:image/png;base64,")
    [call] = meter.calls
    assert (call.provider, call.model, call.purpose) == ("openai", "gpt-4.1-mini", "vision yes/no")
    assert call.status == "ok" and call.generation_id == "gen-1"
    # 872 prompt tokens at $0.40/M + 1 completion token at $1.60/M (the recorded usage)
    assert call.cost_usd == pytest.approx(872 * 0.0004 / 1000 + 1 * 0.0016 / 1000)


def test_recorded_answer_sums_every_spelling_of_yes(tmp_path: Path) -> None:
    fake = FakeOpenAI([(200, completion_with_logprobs(), {})])
    vision, _, run = _vision(fake)
    yes = math.exp(-0.105) + math.exp(-7.3) + math.exp(-8.9)  # "Yes", "yes", "YES"; "The" is neither
    p = vision.yes_probability(_png(tmp_path), QUESTION, run)
    assert p == pytest.approx(yes / (yes + math.exp(-2.303)))


def test_token_rules() -> None:
    assert yes_from_logprobs([(" yes.", math.log(0.6)), ("No", math.log(0.2)), ("Maybe", math.log(0.2))]) \
        == pytest.approx(0.75)
    assert yes_from_logprobs([("Yes", math.log(0.97))]) == pytest.approx(0.97)  # no "no" among the top
    assert yes_from_logprobs([("No", -0.01), ("The", -5.0)]) == 0.0
    assert yes_from_logprobs([("The", -0.1), ("It", -3.0)]) is None  # answered neither: no figure
    assert yes_from_logprobs([("Yesterday", -0.1)]) is None


def test_server_without_logprobs_gives_none_and_is_not_asked_again(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeOpenAI([(200, completion_with_logprobs(logprobs=False), {})])
    vision, meter, run = _vision(fake)
    with caplog.at_level(logging.WARNING):
        assert vision.yes_probability(_png(tmp_path), QUESTION, run) is None
        assert vision.yes_probability(_png(tmp_path), QUESTION, run) is None
    assert len(fake.requests) == 1 and len(meter.calls) == 1
    assert "returned no log-probabilities" in caplog.text
    # The image lab asks through a judge that carries the run (calls are charged to it).
    assert vqa_alignment(_Judge(vision, run), _png(tmp_path), PROMPT).note == (
        "unavailable: the server returned no log-probabilities")


def test_model_refusing_the_logprobs_parameter_gives_none(tmp_path: Path) -> None:
    fake = FakeOpenAI([(400, recorded_error("logprobs_unsupported"), {})])
    vision, meter, run = _vision(fake)
    assert vision.yes_probability(_png(tmp_path), QUESTION, run) is None
    assert len(fake.requests) == 1 and meter.calls[0].status == "error"


def test_5xx_is_retried_like_the_other_calls(tmp_path: Path) -> None:
    fake = FakeOpenAI([(500, {"error": {"message": "The server had an error"}}, {}),
                       (200, completion_with_logprobs([("No", -0.02), ("Yes", -4.0)]), {})])
    vision, _, run = _vision(fake)
    p = vision.yes_probability(_png(tmp_path), QUESTION, run)
    assert p == pytest.approx(math.exp(-4.0) / (math.exp(-4.0) + math.exp(-0.02)))
    assert len(fake.requests) == 2


def test_401_names_the_variable_without_the_key(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeOpenAI([(401, recorded_error("401"), {})])
    vision, meter, run = _vision(fake)
    with pytest.raises(ProviderAuthError) as info:
        vision.yes_probability(_png(tmp_path), QUESTION, run)
    assert str(info.value) == "The OpenAI key was refused: check OPENAI_API_KEY"
    assert len(fake.requests) == 1 and meter.calls[0].status == "error"
    for text in (str(info.value), caplog.text, meter.calls[0].error or ""):
        assert FAKE_KEY not in text
    # The image lab turns it into one unavailable figure, not a failed ranking.
    fake.replies.append((401, recorded_error("401"), {}))
    assert vqa_alignment(_Judge(vision, run), _png(tmp_path), PROMPT).value is None
    assert len(fake.requests) == 2 and meter.calls[1].status == "error"  # it did ask, and was refused


class RemoteStore:
    """A media store whose files live remotely: the adapter must send its presigned link, not the bytes."""

    def location_of(self, path: Path) -> str:
        return f"s3://ads/refs/{Path(path).name}"

    def url(self, location: str) -> str:
        return "https://ads.s3.example.com/refs/" + location.rsplit("/", 1)[-1] + "?X-Amz-Expires=86400"


def test_s3_media_sends_the_presigned_link(tmp_path: Path) -> None:
    fake = FakeOpenAI([(200, completion_with_logprobs(), {})])
    vision, _, run = _vision(fake, media=RemoteStore())
    assert isinstance(vision, YesNoJudge)
    vision.yes_probability(_png(tmp_path), QUESTION, run)
    url = fake.requests[0]["messages"][0]["content"][1]["image_url"]["url"]
    assert url == "https://ads.s3.example.com/refs/shoe.png?X-Amz-Expires=86400"
