"""The offline voice: espeak-ng when it is installed, else the ad runs with captions only."""

from __future__ import annotations

import logging
import shutil
import subprocess
import wave
from pathlib import Path

from studio.errors import ProviderError

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


class Espeak:
    """Speech through the espeak-ng binary (Debian package `espeak-ng`)."""

    name = "espeak-ng"

    def __init__(self, binary: str = "espeak-ng", voice: str = "en-us", timeout_s: float = 60.0) -> None:
        self.binary = binary
        self.voice = voice
        self.timeout_s = timeout_s

    @property
    def available(self) -> bool:
        return shutil.which(self.binary) is not None

    def speak(self, text: str, out_path: Path, tone: str = "confident") -> float:
        """Write a WAV voiceover to out_path and return its duration in seconds."""
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
        cmd = [exe, "-v", self.voice, "-s", str(speed), "-p", str(pitch), "-w", str(out_path), "--stdin"]
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
        return wav_duration(out_path)
