"""OpenAI voices: the picked voice is the one the TTS request carries, and the timings are estimated."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import openai
import pytest

from studio.providers.openai_speech import OPENAI_VOICES, OpenAISpeech
from studio.providers.ports import SpeechRequest
from studio.providers.retry import RetryPolicy
from studio.render.word_timing import ESTIMATED, load_timings
from studio.run import MemoryMeter, Run


def _say(text: str, out: Path, **picks: str) -> SpeechRequest:
    return SpeechRequest(text=text, out_path=out, tone="warm", **picks)


def _speech(loopback, sent: list[dict]) -> OpenAISpeech:
    def keep(request: httpx.Request) -> None:
        sent.append(json.loads(request.content))

    client = openai.OpenAI(
        api_key=loopback.openai_key, base_url=loopback.openai_base_url, max_retries=0, timeout=30,
        http_client=httpx.Client(event_hooks={"request": [keep]}),
    )  # fmt: skip
    return OpenAISpeech(client, "gpt-4o-mini-tts", "alloy", base_url=loopback.openai_base_url,
                        policy=RetryPolicy(attempts=1))  # fmt: skip


def test_the_picker_offers_openai_voices_with_a_key(loopback, tmp_path: Path) -> None:
    speech = _speech(loopback, [])
    assert speech.voices == OPENAI_VOICES
    assert {"alloy", "coral", "nova", "shimmer"} <= set(speech.voices)


def test_the_picked_voice_and_language_reach_the_request(loopback, tmp_path: Path) -> None:
    sent: list[dict] = []
    speech = _speech(loopback, sent)
    run = Run("gen-1", meter=MemoryMeter())
    text = "Glow brighter every single morning"
    speech.synthesize(_say(text, tmp_path / "a.wav", voice="coral", language="es"), run)
    speech.synthesize(_say(text, tmp_path / "b.wav"), run)  # no pick: the configured voice
    speech.synthesize(_say(text, tmp_path / "c.wav", voice="es"), run)  # an espeak voice: not OpenAI's
    assert [b["voice"] for b in sent] == ["coral", "alloy", "alloy"]
    assert "'es'" in sent[0]["instructions"] and "'es'" not in sent[1]["instructions"]
    assert [r["path"] for r in loopback.records("/v1/audio/speech")] == ["/v1/audio/speech"] * 3
    # the loopback voice says word i at i * 0.4 s: the estimate finds each within 100 ms
    words, source = load_timings(tmp_path / "a.wav")
    assert source == ESTIMATED
    assert [w.word for w in words] == text.split()
    assert [w.start_s for w in words] == pytest.approx([0.4 * i for i in range(5)], abs=0.1)
