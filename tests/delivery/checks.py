"""Independent readers for the pack's files: a strict SRT/WebVTT parser, ffprobe, the sound's voiced spans,
and the caption pixels of every frame."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np

FFPROBE = "/usr/bin/ffprobe"


@dataclass(frozen=True)
class ParsedCue:
    start_s: float
    end_s: float
    text: str


def _seconds(stamp: str, sep: str) -> float:
    m = re.fullmatch(rf"(\d\d):([0-5]\d):([0-5]\d){re.escape(sep)}(\d{{3}})", stamp)
    if m is None:
        raise ValueError(f"bad timestamp {stamp!r}")
    h, mi, s, ms = (int(g) for g in m.groups())
    return h * 3600 + mi * 60 + s + ms / 1000


def _blocks(text: str) -> list[list[str]]:
    if "\r" in text:
        raise ValueError("carriage returns")
    if not text.endswith("\n\n"):
        raise ValueError("the last cue must end with a blank line")
    return [b.split("\n") for b in text.strip("\n").split("\n\n")]


def parse_srt(text: str) -> list[ParsedCue]:
    """SubRip, strictly: numbered from 1, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, text, a blank line."""
    cues = []
    for n, block in enumerate(_blocks(text), 1):
        if len(block) < 3 or block[0] != str(n):
            raise ValueError(f"cue {n}: {block}")
        a, arrow, b = block[1].split(" ")
        if arrow != "-->":
            raise ValueError(block[1])
        cues.append(ParsedCue(_seconds(a, ","), _seconds(b, ","), "\n".join(block[2:])))
    return _checked(cues)


def parse_vtt(text: str) -> list[ParsedCue]:
    """WebVTT, strictly: the WEBVTT header and blank line, then `HH:MM:SS.mmm --> HH:MM:SS.mmm` cues."""
    if not text.startswith("WEBVTT\n\n"):
        raise ValueError("no WEBVTT header")
    cues = []
    for block in _blocks(text[len("WEBVTT\n\n") :]):
        a, arrow, b = block[0].split(" ")
        if arrow != "-->" or len(block) < 2:
            raise ValueError(block)
        cues.append(ParsedCue(_seconds(a, "."), _seconds(b, "."), "\n".join(block[1:])))
    return _checked(cues)


def _checked(cues: list[ParsedCue]) -> list[ParsedCue]:
    for i, c in enumerate(cues):
        if not c.end_s > c.start_s or not c.text.strip() or "-->" in c.text:
            raise ValueError(f"bad cue {c}")
        if i and c.start_s < cues[i - 1].end_s:
            raise ValueError(f"cue {c} overlaps the one before")
    return cues


def ffprobe(path: Path) -> dict[str, float]:
    """Width, height and duration of a file's video stream (and the container's duration), from ffprobe."""
    out = subprocess.run(
        [FFPROBE, "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=width,height,duration:format=duration", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    data = json.loads(out.stdout)
    s = data["streams"][0]
    return {"width": s["width"], "height": s["height"], "duration": float(data["format"]["duration"])}


def voiced_frames(path: Path, rate: int = 16000, hop_s: float = 0.01, db: float = -40.0) -> np.ndarray:
    """A boolean per 10 ms of the file's sound: louder than `db` below the loudest 10 ms."""
    raw = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-vn", "-ac", "1", "-ar", str(rate),
         "-f", "s16le", "pipe:1"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    x = np.frombuffer(raw, np.int16).astype(np.float64) / 32768
    hop = int(rate * hop_s)
    n = len(x) // hop
    rms = np.sqrt((x[: n * hop].reshape(n, hop) ** 2).mean(axis=1))
    return rms >= rms.max() * 10 ** (db / 20)


def magenta_box(frame_bgr: np.ndarray) -> tuple[int, int, int, int] | None:
    """The bounding box (x0, y0, x1, y1 exclusive) of the magenta caption pixels in a frame, if any."""
    b, g, r = (frame_bgr[..., k].astype(np.int16) for k in range(3))
    mask = (r > 170) & (b > 170) & (g < 90)
    if int(mask.sum()) < 12:
        return None
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1
