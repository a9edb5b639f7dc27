"""The voiceover by OpenAI text-to-speech, written as WAV."""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence
from pathlib import Path

import openai

from studio.errors import ProviderError
from studio.providers import costs
from studio.providers.openai_common import PROVIDER, call_openai, server_label
from studio.providers.ports import SpeechRequest
from studio.providers.retry import RetryPolicy
from studio.render.word_timing import ESTIMATED, align_by_energy, save_timings
from studio.run import Run

log = logging.getLogger(__name__)

OPENAI_VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer")
"""The voices OpenAI's speech endpoint offers (its text-to-speech guide)."""


def wav_duration_and_fix(path: Path) -> float:
    """Duration of a PCM WAV; rewrites the sizes a streamed header leaves unset (0xFFFFFFFF)."""
    data = bytearray(path.read_bytes())
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ProviderError("The speech service did not return a WAV file.", provider=PROVIDER)
    pos, byte_rate = 12, 0
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        if chunk == b"fmt ":
            byte_rate = struct.unpack_from("<I", data, pos + 16)[0]
        if chunk == b"data":
            real = len(data) - pos - 8
            if size != real:
                struct.pack_into("<I", data, pos + 4, real)
                struct.pack_into("<I", data, 4, len(data) - 8)
                path.write_bytes(bytes(data))
            if not byte_rate:
                break
            return real / byte_rate
        pos += 8 + size + (size & 1)
    raise ProviderError("The WAV file from the speech service has no audio data.", provider=PROVIDER)


class OpenAISpeech:
    """SpeechModel on OpenAI TTS. Which model, and its shutdown, come from config/speech_models.yaml and
    the live catalogue (studio/providers/model_choice.py), not from here."""

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        voice: str,
        *,
        base_url: str | None = None,
        policy: RetryPolicy | None = None,
        secrets: Sequence[str] = (),
    ) -> None:
        self.client = client
        self.model = model
        self.voice = voice
        self.policy = policy or RetryPolicy()
        self.secrets = tuple(secrets)
        self.name = f"{server_label(model, base_url)} ({voice})"

    @property
    def available(self) -> bool:
        return True

    @property
    def voices(self) -> tuple[str, ...]:
        """The voices a person can pick for an ad."""
        return OPENAI_VOICES

    def synthesize(self, request: SpeechRequest, run: Run) -> float:
        """Write the voiceover WAV to out_path (estimated word timings beside it); return its seconds.

        `voice` picks one of `OPENAI_VOICES` for this ad (else the configured one); the words are
        spoken as written, so a script in the ad's language is read in it.
        """
        text, tone, language = request.text, request.tone, request.language
        extra = {}
        if not self.model.startswith("tts-1"):
            # The gpt-4o TTS models take speaking instructions; tts-1 rejects them.
            lang = f" The script is in the language with code '{language}'." if language else ""
            extra["instructions"] = f"Voice-over for a short video ad. Speak in a {tone}, natural tone.{lang}"
        voice = request.voice if request.voice in OPENAI_VOICES else self.voice
        with run.metered("openai", self.model, "voiceover") as call:
            response = call_openai(
                lambda: self.client.audio.speech.create(
                    model=self.model, voice=voice, input=text, response_format="wav", **extra
                ),
                self.policy,
                "The voiceover",
                self.secrets,
            )
            out_path = request.out_path
            out_path.parent.mkdir(parents=True, exist_ok=True)
            out_path.write_bytes(response.content)
            duration = wav_duration_and_fix(out_path)
            cost = costs.estimate(self.model, characters=len(text), audio_minutes=duration / 60)
            call.cost_usd = cost or 0.0
        # OpenAI returns no word timings: estimate them from the audio
        save_timings(out_path, align_by_energy(out_path, text), ESTIMATED)
        return duration
