"""The ad's sound: voices at their scenes' offsets, a music bed ducked under them, normalised to -14 LUFS."""

from __future__ import annotations

import logging
import math
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soxr

from studio.errors import RenderError
from studio.render.loudness import integrated_loudness
from studio.render.music import RATE, music_bed

log = logging.getLogger(__name__)

TARGET_LUFS = -14.0
PEAK_CEILING = 0.89  # about -1 dBFS, headroom for the AAC encoder
DUCK_GAIN = 0.28  # about -11 dB of music while someone speaks
VOICE_OVER_MUSIC_LU = 9.0


@dataclass(frozen=True)
class Placed:
    """A sound file placed on the timeline."""

    path: Path
    offset_s: float
    gain: float = 1.0


@dataclass(frozen=True)
class MixResult:
    path: Path
    duration_s: float
    has_voice: bool
    has_music: bool
    loudness_lufs: float | None


def read_wav(path: Path, mono: bool = True) -> tuple[np.ndarray, int]:
    """Float32 samples (mono, or (n, channels) with mono=False) and the rate of a PCM WAV."""
    try:
        with wave.open(str(path), "rb") as w:
            rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
            raw = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise RenderError(f"the sound file {Path(path).name} could not be read: {exc}") from exc
    if width == 2:
        x = np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
    elif width == 4:
        x = np.frombuffer(raw, "<i4").astype(np.float32) / 2147483648.0
    elif width == 1:
        x = (np.frombuffer(raw, np.uint8).astype(np.float32) - 128) / 128.0
    else:
        raise RenderError(f"{Path(path).name} uses {8 * width}-bit samples, which the mixer does not read")
    if channels > 1:
        x = x.reshape(-1, channels)
        if mono:
            x = x.mean(axis=1)
    return x, rate


def to_rate(x: np.ndarray, rate: int) -> np.ndarray:
    """Resample mono samples to the mix rate (48 kHz): float32, len(x) × 48000 / rate samples, rounded.

    libsoxr at high quality: an 11 kHz tone from 24 kHz keeps its level within 0.001 dB, images above the
    old Nyquist stay about 60 dB down, and a 30 s voice takes a few milliseconds.
    """
    if rate == RATE:
        return x
    return soxr.resample(np.asarray(x, np.float32), rate, RATE, quality="HQ")


def write_wav(path: Path, mono: np.ndarray) -> None:
    """Write float mono samples in [-1, 1] as 16-bit 48 kHz PCM on both channels, a second at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        for k in range(0, len(mono), RATE):
            pcm = np.clip(np.round(mono[k : k + RATE] * 32767.0), -32768, 32767).astype("<i2")
            w.writeframes(np.repeat(pcm[:, None], 2, axis=1).tobytes())


STEREO_LU = 10 * math.log10(2)
"""The mix is mono on both channels: BS.1770 sums the channels, so the file reads 3 dB above the mono."""


def _stereo_lufs(mono: np.ndarray) -> float:
    return integrated_loudness(mono, RATE) + STEREO_LU


def _gain_to(x: np.ndarray, target_lufs: float) -> float:
    level = _stereo_lufs(x)
    return 1.0 if not math.isfinite(level) else 10 ** ((target_lufs - level) / 20)


def duck_envelope(voice: np.ndarray, depth: float = DUCK_GAIN) -> np.ndarray:
    """Music gain per sample: `depth` while the voice speaks, 1 otherwise, with smooth attack and release."""
    hop = RATE // 100
    frames = len(voice) // hop + 1
    padded = np.zeros(frames * hop, np.float32)
    np.abs(voice, out=padded[: len(voice)])
    level = padded.reshape(frames, hop).max(axis=1)
    del padded
    speaking = level > 0.02
    # hold through the gaps between words, so the music does not pump
    speaking = np.convolve(speaking.astype(np.float32), np.ones(25, np.float32), mode="same") > 0
    target = np.where(speaking, depth, 1.0).astype(np.float32)
    gain = np.empty_like(target)
    g = 1.0
    attack, release = 1 - math.exp(-1 / 6), 1 - math.exp(-1 / 40)  # ~60 ms down, ~400 ms back up
    for i, tgt in enumerate(target):
        g += (tgt - g) * (attack if tgt < g else release)
        gain[i] = g
    # spread over the samples a second at a time: whole-ad float64 ramps took ~110 MB for a 120 s ad
    out = np.empty(len(voice), np.float32)
    steps = np.arange(frames)
    for start in range(0, len(voice), RATE):
        end = min(start + RATE, len(voice))
        out[start:end] = np.interp(np.arange(start, end) / hop, steps, gain)
    return out


def _peak(x: np.ndarray) -> float:
    """The largest absolute sample (no whole-length copy of the samples)."""
    return float(max(x.max(), -x.min())) if len(x) else 0.0


def _soft_limit(x: np.ndarray, ceiling: float = PEAK_CEILING) -> None:
    knee = ceiling * 0.8
    over = (x > knee) | (x < -knee)
    if over.any():
        v = x[over]
        x[over] = np.sign(v) * (knee + (ceiling - knee) * np.tanh((np.abs(v) - knee) / (ceiling - knee)))


def build_mix(
    out_path: Path,
    duration_s: float,
    voices: list[Placed],
    music: bool,
    tone: str,
    seed: int | None,
    beds: list[Placed] | None = None,
    music_gain_db: float = 0.0,
) -> MixResult:
    """Mix voices, the clips' own sound (beds) and a music bed; normalise to -14 LUFS; write a WAV.

    `music_gain_db` moves the bed under the voice from its house level (9 LU below the voice): +6 makes
    the music louder against the voice. With no voice the bed alone is the mix and is normalised.
    """
    n = round(duration_s * RATE)
    voice = np.zeros(n, np.float32)
    for v in voices:
        x, rate = read_wav(v.path)
        x = to_rate(x, rate) * v.gain
        start = round(v.offset_s * RATE)
        end = min(n, start + len(x))
        if end > start:
            voice[start:end] += x[: end - start]
    has_voice = _peak(voice) > 1e-4
    under = np.zeros(n, np.float32)
    for b in beds or []:
        x, rate = read_wav(b.path)
        x = to_rate(x, rate) * b.gain
        start = round(b.offset_s * RATE)
        end = min(n, start + len(x))
        if end > start:
            under[start:end] += x[: end - start]
    if music:
        under += music_bed(duration_s, tone, seed)[:n]
    has_under = _peak(under) > 1e-4
    if has_voice:
        voice *= _gain_to(voice, TARGET_LUFS)
        if has_under:
            bed_lufs = TARGET_LUFS - VOICE_OVER_MUSIC_LU + music_gain_db
            envelope = duck_envelope(voice)
            envelope *= _gain_to(under, bed_lufs)
            under *= envelope
            del envelope
    elif has_under:
        under *= _gain_to(under, TARGET_LUFS)
    # summed in place: the mix holds as many whole-ad arrays as it must, each ~23 MB for 120 s
    voice += under
    mix = voice
    del voice, under
    level: float | None = None
    if has_voice or has_under:
        # normalise, tame the peaks, then correct the small loss the limiter caused
        for _ in range(3):
            mix *= _gain_to(mix, TARGET_LUFS)
            _soft_limit(mix)
        level = _stereo_lufs(mix)
    write_wav(Path(out_path), mix)
    log.info("audio mix: %.1f s, voice=%s, music=%s, %.2f LUFS", duration_s, has_voice, music, level or 0)
    return MixResult(Path(out_path), duration_s, has_voice, music and has_under, level)
