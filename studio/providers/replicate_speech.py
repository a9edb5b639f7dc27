"""The voiceover by a Replicate speech model (config/speech_models.yaml), written as PCM WAV.

OpenAI's speech endpoint retires every model it serves on 2027-01-06; a Replicate model keeps the ad's
voice. The model answers with an audio file (MiniMax: mp3 unless asked otherwise): ffmpeg turns it into
16-bit mono WAV, the form the mixer and the word aligner read, and the words are timed from its energy
as for OpenAI's voice (neither service returns word timings).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import wave
from pathlib import Path
from typing import Any

from studio.config import Settings
from studio.errors import ConfigError, ProviderError, RenderError
from studio.providers import costs
from studio.providers.catalogue import SPEECH_MODELS_PATH, SpeechModelEntry, speech_catalogue
from studio.providers.ports import MediaStore, SpeechRequest
from studio.providers.replicate_common import PROVIDER, ReplicateRunner
from studio.render.ffmpeg import run_ffmpeg
from studio.render.word_timing import ESTIMATED, align_by_energy, save_timings
from studio.run import Run

log = logging.getLogger(__name__)

DEFAULT_MODEL = "minimax/speech-02-turbo"
TYPICAL_SPEECH_S = 8.0
"""How long a short voiceover usually takes (progress is shown against it when the model logs none)."""

# MiniMax's `language_boost` takes a language's English name (its schema's list), not a BCP-47 code.
MINIMAX_LANGUAGES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish",
    "fil": "Filipino", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "ms": "Malay", "nb": "Norwegian",
    "nl": "Dutch", "nn": "Nynorsk", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish", "ta": "Tamil", "th": "Thai",
    "tl": "Filipino", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "yue": "Chinese,Yue",
    "zh": "Chinese",
}  # fmt: skip
AUTOMATIC_LANGUAGE = "Automatic"
"""Sent for a language the list does not name: the model detects it from the words."""


def language_boost(code: str | None) -> str | None:
    """MiniMax's name for a BCP-47 code (zh-HK is Cantonese); None when no language is given."""
    if not code or not code.strip():
        return None
    parts = code.strip().replace("_", "-").lower().split("-")
    if parts[0] == "zh" and ("hk" in parts[1:] or "mo" in parts[1:]):
        return MINIMAX_LANGUAGES["yue"]
    return MINIMAX_LANGUAGES.get(parts[0], AUTOMATIC_LANGUAGE)


def to_pcm_wav(audio: Path, out_path: Path) -> float:
    """Decode any audio file ffmpeg reads into 16-bit mono PCM WAV at out_path; return its seconds."""
    try:
        run_ffmpeg(["-i", str(audio), "-vn", "-ac", "1", "-c:a", "pcm_s16le", "-f", "wav", str(out_path)],
                   what="Decoding the voiceover")  # fmt: skip
        with wave.open(str(out_path), "rb") as w:
            frames, rate = w.getnframes(), w.getframerate()
    except (RenderError, OSError, EOFError, wave.Error) as exc:
        raise ProviderError(
            f"The voice from {PROVIDER} is not audio the studio can read ({exc}).", provider=PROVIDER
        ) from None
    if frames <= 0 or rate <= 0:
        raise ProviderError(f"The voice from {PROVIDER} has no sound in it.", provider=PROVIDER)
    return frames / rate


class ReplicateSpeech:
    """SpeechModel on a Replicate speech model, its inputs named by its catalogue entry."""

    def __init__(
        self,
        runner: ReplicateRunner,
        model: str = DEFAULT_MODEL,
        *,
        entry: SpeechModelEntry | None = None,
        media: MediaStore | None = None,
        voice: str | None = None,
        speed: float | None = None,
    ) -> None:
        entry = entry or speech_catalogue().models.get(model)
        if entry is None or entry.provider != "replicate":
            raise ConfigError(f"{model} is not a Replicate speech model in {SPEECH_MODELS_PATH.name}")
        if not entry.inputs.get("text"):
            raise ConfigError(f"{SPEECH_MODELS_PATH.name}, model {model}: inputs.text names no input")
        self.runner = runner
        self.model = model
        self.entry = entry
        self.media = media
        self.voice = voice or (entry.voices[0] if entry.voices else None)
        self.speed = speed
        self.name = f"Replicate {model}" + (f" ({self.voice})" if self.voice else "")

    @property
    def available(self) -> bool:
        return True

    @property
    def voices(self) -> tuple[str, ...]:
        """The voices a person can pick for an ad (the model's system voices)."""
        return tuple(self.entry.voices)

    def inputs(self, text: str, voice: str | None, language: str | None) -> dict[str, Any]:
        """The prediction's input: the entry's fixed inputs, then the text, voice, speed and language."""
        names = self.entry.inputs
        chosen: dict[str, Any] = {
            "text": text,
            # a voice that is not this model's (an espeak or OpenAI name) gives way to the configured one
            "voice": voice if voice in self.entry.voices else self.voice,
            "speed": self.speed,
            "language": language_boost(language),
        }
        inputs: dict[str, Any] = dict(self.entry.extra)
        for studio_name, value in chosen.items():
            field = names.get(studio_name)
            if field and value is not None:
                inputs[field] = value
        return inputs

    def synthesize(self, request: SpeechRequest, run: Run) -> float:
        """Write the voiceover WAV to out_path (estimated word timings beside it); return its seconds.

        `tone` is not sent: MiniMax's emotion defaults to "auto", which reads the mood from the words.
        """
        text, out_path = request.text, request.out_path
        out_path.parent.mkdir(parents=True, exist_ok=True)
        inputs = self.inputs(text, request.voice, request.language)
        with run.metered("replicate", self.model, "voiceover") as call:
            with self.runner.limiter.slot(run.cancelled):
                prediction = self.runner.create(self.model, inputs)
                run.report_prediction(prediction.id)
                done = self.runner.wait(prediction, TYPICAL_SPEECH_S, run)
            with tempfile.TemporaryDirectory(prefix="studio-voice-") as tmp:
                audio = self.runner.download(done.output, Path(tmp) / "voice.audio")
                # decoded beside the download, then moved: a failed decode leaves no half WAV behind
                duration = to_pcm_wav(audio, Path(tmp) / "voice.wav")
                shutil.move(Path(tmp) / "voice.wav", out_path)
            cost = costs.estimate(self.model, characters=len(text), audio_minutes=duration / 60)
            call.cost_usd = cost or 0.0
        # the model returns no word timings: estimate them from the audio
        save_timings(out_path, align_by_energy(out_path, text), ESTIMATED)
        return duration


def build_replicate_speech(settings: Settings, media: MediaStore, model: str) -> ReplicateSpeech:
    """The Replicate voice for `model` (an entry of config/speech_models.yaml), on its own client."""
    if settings.replicate_api_token is None:
        raise ConfigError(f"The voice {model} runs on Replicate: set REPLICATE_API_TOKEN")
    from studio.providers.replicate_adapters import make_runner

    runner = make_runner(settings)
    return ReplicateSpeech(runner, model, media=media)
