"""SRT and WebVTT caption files timed to the voice that was actually spoken.

Each scene's voice starts `VOICE_LEAD_S` into its clip. Where the voice file is on disk, its first and
last spoken moments are read from the audio energy, and the scene's caption cues are spread between them
in proportion to their length (as the burned-in captions are); without a voice the cues follow the
burned-in timing.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from studio.render.captions import VOICE_LEAD_S, Cue, time_cues

log = logging.getLogger(__name__)

FRAME_S = 0.01
SILENCE_DB = -35.0
"""Frames quieter than this, relative to the loudest frame of the voice, count as silence."""


@dataclass(frozen=True)
class SceneVoice:
    """One scene of the ad as the captions need it."""

    scene_id: int
    text: str
    start_s: float
    """When the scene's clip starts in the ad."""
    duration_s: float
    voice_path: Path | None = None


def read_wav_mono(path: Path) -> tuple[np.ndarray, int]:
    """The samples of a PCM WAV (8/16/32-bit) as float mono in [-1, 1], and the sample rate."""
    with wave.open(str(path), "rb") as w:
        rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
        raw = w.readframes(w.getnframes())
    if width == 1:
        x = (np.frombuffer(raw, np.uint8).astype(np.float32) - 128) / 128
    else:
        dtype = {2: np.int16, 4: np.int32}[width]
        x = np.frombuffer(raw, dtype).astype(np.float32) / float(np.iinfo(dtype).max)
    return x.reshape(-1, channels).mean(axis=1), rate


def speech_span(samples: np.ndarray, rate: int, silence_db: float = SILENCE_DB) -> tuple[float, float] | None:
    """First and last moments (s) where the sound rises above silence; None when it never does."""
    hop = max(1, int(rate * FRAME_S))
    n = len(samples) // hop
    if n == 0:
        return None
    rms = np.sqrt(np.mean(samples[: n * hop].reshape(n, hop).astype(np.float64) ** 2, axis=1))
    peak = float(rms.max())
    if peak < 1e-5:
        return None
    loud = np.flatnonzero(rms >= peak * 10 ** (silence_db / 20))
    return float(loud[0] * FRAME_S), float((loud[-1] + 1) * FRAME_S)


def scene_cues(scene: SceneVoice) -> tuple[list[Cue], bool]:
    """The scene's cues on the ad's clock, and whether they were timed from the voice itself."""
    if not scene.text.strip():
        return [], False
    span = None
    if scene.voice_path is not None:
        try:
            span = speech_span(*read_wav_mono(scene.voice_path))
        except (OSError, EOFError, KeyError, wave.Error) as exc:  # unreadable: the burned-in timing
            log.warning("voice of scene %s unreadable for captions: %s", scene.scene_id, exc)
    if span is not None:
        on, off = span
        return time_cues(scene.text, off - on, scene.start_s + VOICE_LEAD_S + on), True
    # no voice: the burned-in captions' timing (compositor._build_captions)
    length = max(0.5, scene.duration_s - VOICE_LEAD_S - 0.3)
    return time_cues(scene.text, length, scene.start_s + VOICE_LEAD_S), False


def ad_cues(scenes: list[SceneVoice]) -> tuple[list[Cue], bool]:
    """Every cue of the ad in order (overlaps trimmed), and whether all were timed from a voice."""
    cues: list[Cue] = []
    voiced = True
    for sc in scenes:
        mine, from_voice = scene_cues(sc)
        voiced = voiced and (from_voice or not mine)
        cues += mine
    cues.sort(key=lambda c: c.start_s)
    out: list[Cue] = []
    for i, c in enumerate(cues):
        end = min(c.end_s, cues[i + 1].start_s) if i + 1 < len(cues) else c.end_s
        if end - c.start_s >= 0.05:
            out.append(Cue(c.text, round(c.start_s, 3), round(end, 3)))
    return out, voiced


def _stamp(t: float, sep: str) -> str:
    ms = max(0, round(t * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _text(text: str) -> str:
    """A cue's text on one line, without the arrow that would read as a timing line."""
    return " ".join(text.replace("-->", "->").split())


def _vtt_text(text: str) -> str:
    """WebVTT cue text reads & and < as markup: escape them."""
    return _text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_srt(cues: list[Cue]) -> str:
    """SubRip text: numbered cues, HH:MM:SS,mmm times, a blank line after each."""
    return "".join(
        f"{i}\n{_stamp(c.start_s, ',')} --> {_stamp(c.end_s, ',')}\n{_text(c.text)}\n\n"
        for i, c in enumerate(cues, 1)
    )


def to_vtt(cues: list[Cue]) -> str:
    """WebVTT text: the header, then HH:MM:SS.mmm cues."""
    body = "".join(
        f"{_stamp(c.start_s, '.')} --> {_stamp(c.end_s, '.')}\n{_vtt_text(c.text)}\n\n" for c in cues
    )
    return "WEBVTT\n\n" + body
