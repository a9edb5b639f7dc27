"""The offline voice: espeak-ng when it is installed, else the ad runs with captions only."""

from __future__ import annotations

import logging
import shutil
import subprocess
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studio.errors import ProviderError
from studio.offline import speech_events
from studio.render.word_timing import ESTIMATED, align_by_energy, save_timings, snap_to_voice

log = logging.getLogger(__name__)

# words per minute and pitch (0-99) per tone: calm and luxurious slow down, urgent and energetic speed up
_TONES: dict[str, tuple[int, int]] = {
    "calm": (150, 42),
    "luxurious": (145, 38),
    "warm": (155, 45),
    "confident": (165, 48),
    "dramatic": (150, 35),
    "funny": (175, 62),
    "playful": (175, 60),
    "energetic": (185, 58),
    "urgent": (190, 52),
}


def voice_settings(tone: str) -> tuple[int, int]:
    """Speed (words per minute) and pitch for a tone; unknown tones speak like `confident`."""
    words = tone.lower().replace(",", " ").split()
    for w in words:
        if w in _TONES:
            return _TONES[w]
    return _TONES["confident"]


def wav_duration(path: Path) -> float:
    """Seconds of audio in a PCM WAV file."""
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())




@dataclass(frozen=True)
class EspeakVoice:
    """One voice espeak-ng can speak in: the id passed to `-v` (its language code) and its name."""

    id: str
    name: str
    gender: str


@lru_cache(maxsize=4)
def list_voices(binary: str = "espeak-ng") -> tuple[EspeakVoice, ...]:
    """The voices the installed espeak-ng speaks (`espeak-ng --voices`, read once); () without it.

    MBROLA voices are left out: they need separate voice databases that are rarely installed.
    """
    exe = shutil.which(binary)
    if exe is None:
        return ()
    try:
        proc = subprocess.run([exe, "--voices"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    voices: dict[str, EspeakVoice] = {}
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        parts = line.split()
        if len(parts) < 5 or parts[4].startswith("mb/"):
            continue
        gender = {"M": "male", "F": "female"}.get(parts[2].rsplit("/", 1)[-1], "")
        voices.setdefault(parts[1], EspeakVoice(parts[1], parts[3].replace("_", " "), gender))
    return tuple(sorted(voices.values(), key=lambda v: v.id))


def voice_for_language(language: str, voices: tuple[EspeakVoice, ...]) -> str | None:
    """The espeak-ng voice for a BCP-47 code: the exact one, else the language's first regional one."""
    code = language.lower()
    ids = [v.id for v in voices]
    if code == "en":
        return "en-us" if "en-us" in ids else ("en" if "en" in ids else None)
    if code in ids:
        return code
    base = code.split("-")[0]
    if base in ids:
        return base
    return next((i for i in ids if i.startswith(base + "-")), None)


class Espeak:
    """Speech through the espeak-ng binary (Debian package `espeak-ng`)."""

    name = "espeak-ng"

    def __init__(self, binary: str = "espeak-ng", voice: str = "en-us", timeout_s: float = 60.0) -> None:
        self.binary = binary
        self.voice = voice
        self.last_voice = voice
        """The voice the last `speak` used (the language's voice when one was asked for)."""
        self.timeout_s = timeout_s

    @property
    def available(self) -> bool:
        return shutil.which(self.binary) is not None

    def voice_for(self, voice: str | None, language: str | None) -> str:
        """The `-v` voice: the one asked for when espeak-ng has it, else the language's, else the default."""
        voices = list_voices(self.binary)
        ids = {v.id for v in voices}
        if voice and voice in ids:
            return voice
        found = voice_for_language(language, voices) if language else None
        # English keeps the configured English voice (en-us); another language takes its own
        if found and (not (language or "").lower().startswith("en") or not self.voice.startswith("en")):
            return found
        return self.voice

    def speak(
        self,
        text: str,
        out_path: Path,
        tone: str = "confident",
        voice: str | None = None,
        language: str | None = None,
    ) -> float:
        """Write a WAV voiceover to out_path (its word timings beside it) and return its duration in s."""
        exe = shutil.which(self.binary)
        if exe is None:
            raise ProviderError(
                "espeak-ng is not installed, so the ad has captions only (install it with "
                "`apt-get install espeak-ng` for an offline voice)",
                provider=self.name,
            )
        text = " ".join(text.split())
        if not text:
            raise ProviderError("there is no voiceover text to speak", provider=self.name)
        speed, pitch = voice_settings(tone)
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        # -w writes a correct WAV header (the --stdout header carries a wrong length); text comes on stdin
        # so a line starting with "-" is never read as an option.
        chosen = self.voice_for(voice, language)
        cmd = [exe, "-v", chosen, "-s", str(speed), "-p", str(pitch), "-w", str(out_path), "--stdin"]
        try:
            proc = subprocess.run(
                cmd, input=text.encode("utf-8"), capture_output=True, timeout=self.timeout_s
            )
        except subprocess.TimeoutExpired as exc:
            raise ProviderError(
                f"espeak-ng took longer than {self.timeout_s:.0f} s", provider=self.name
            ) from exc
        if proc.returncode != 0 or not out_path.exists():
            err = proc.stderr.decode("utf-8", "replace").strip()[-400:]
            raise ProviderError(f"espeak-ng failed (exit {proc.returncode}): {err}", provider=self.name)
        self.last_voice = chosen
        events = speech_events.word_events(text, chosen, speed, pitch)
        if events is not None:
            save_timings(out_path, snap_to_voice(events[0], out_path), speech_events.SOURCE)
        else:  # no libespeak-ng to ask: estimate from the audio
            save_timings(out_path, align_by_energy(out_path, text), ESTIMATED)
        return wav_duration(out_path)
