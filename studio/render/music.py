"""A music bed synthesised from the ad's tone: tempo, key, mode and chord progression, seeded variation.

Pads carry the chords, a bass marks the roots, an arpeggio keeps it moving, and tones that want drive
get a soft kick and hats. Deterministic for a tone and seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 48000


@dataclass(frozen=True)
class Style:
    tempo: float
    root: int
    """MIDI note of the key's tonic (around the middle octave)."""
    minor: bool
    progression: tuple[int, ...]
    """Scale degrees (0-based) of the chord roots, one chord per bar."""
    drums: float
    """0 for none, up to 1 for a driving beat."""
    brightness: float


STYLES: dict[str, Style] = {
    "confident": Style(104, 60, False, (0, 4, 5, 3), 0.5, 0.6),
    "energetic": Style(124, 62, False, (5, 3, 0, 4), 0.9, 0.8),
    "calm": Style(78, 65, False, (0, 5, 3, 4), 0.0, 0.35),
    "warm": Style(92, 63, False, (0, 3, 5, 4), 0.2, 0.45),
    "luxurious": Style(84, 57, True, (0, 5, 2, 6), 0.15, 0.4),
    "dramatic": Style(88, 62, True, (0, 5, 2, 6), 0.35, 0.5),
    "funny": Style(118, 67, False, (0, 3, 4, 3), 0.6, 0.9),
    "playful": Style(116, 67, False, (0, 3, 4, 3), 0.6, 0.9),
    "urgent": Style(132, 64, True, (0, 6, 5, 6), 0.9, 0.7),
}
_MAJOR = (0, 2, 4, 5, 7, 9, 11)
_MINOR = (0, 2, 3, 5, 7, 8, 10)


def style_for(tone: str) -> Style:
    """The musical style for a tone word (the first known word wins; `confident` otherwise)."""
    for word in tone.lower().replace(",", " ").split():
        if word in STYLES:
            return STYLES[word]
    return STYLES["confident"]


def _freq(midi: float) -> float:
    return 440.0 * 2 ** ((midi - 69) / 12)


def _chord(style: Style, degree: int) -> list[int]:
    scale = _MINOR if style.minor else _MAJOR
    notes = []
    for step in (0, 2, 4):
        d = degree + step
        notes.append(style.root + scale[d % 7] + 12 * (d // 7))
    return notes


def _add(buf: np.ndarray, start: int, sound: np.ndarray) -> None:
    end = min(len(buf), start + len(sound))
    if end > start >= 0:
        buf[start:end] += sound[: end - start]


def _tone(freq: float, n: int, harmonics: tuple[float, ...] = (1.0,)) -> np.ndarray:
    t = np.arange(n, dtype=np.float32) / RATE
    out = np.zeros(n, np.float32)
    for k, amp in enumerate(harmonics, start=1):
        out += amp * np.sin(2 * np.pi * freq * k * t, dtype=np.float32)
    return out


def music_bed(duration_s: float, tone: str, seed: int | None = None) -> np.ndarray:
    """Mono float32 samples at 48 kHz, peak about 0.5, lasting duration_s with a fade in and out."""
    style = style_for(tone)
    rng = np.random.default_rng([seed or 0, 11])
    n = round(duration_s * RATE)
    buf = np.zeros(n, np.float32)
    beat = 60.0 / style.tempo
    bar = 4 * beat
    beat_n, bar_n = int(beat * RATE), int(bar * RATE)
    arp_pattern = rng.permutation([0, 1, 2, 1, 2, 0, 2, 1])[: 4 + int(rng.integers(0, 5))]
    shift = int(rng.integers(0, len(style.progression)))
    progression = style.progression[shift:] + style.progression[:shift]
    bright = (1.0, 0.25 * style.brightness, 0.12 * style.brightness)
    for b in range(int(np.ceil(duration_s / bar)) + 1):
        start = b * bar_n
        if start >= n:
            break
        notes = _chord(style, progression[b % len(progression)])
        # pad: the chord held for the bar with a slow swell
        env = np.minimum(1.0, np.arange(bar_n, dtype=np.float32) / (0.35 * RATE)) * np.linspace(
            1.0, 0.7, bar_n, dtype=np.float32
        )
        pad = sum(_tone(_freq(m), bar_n, bright) for m in notes) * env * 0.09
        _add(buf, start, pad)
        # bass: the root, two octaves down, on beats 1 and 3
        for k in (0, 2):
            length = int(beat * 1.8 * RATE)
            decay = np.exp(-np.arange(length, dtype=np.float32) / (0.5 * RATE))
            _add(buf, start + k * beat_n, _tone(_freq(notes[0] - 24), length, (1.0, 0.3)) * decay * 0.22)
        # arpeggio on eighth notes, an octave up
        eighth = beat_n // 2
        for j in range(8):
            m = notes[int(arp_pattern[j % len(arp_pattern)])] + 12
            length = int(0.3 * RATE)
            decay = np.exp(-np.arange(length, dtype=np.float32) / (0.08 * RATE))
            _add(
                buf,
                start + j * eighth,
                _tone(_freq(m), length, (1.0, 0.3)) * decay * 0.05 * (0.5 + style.brightness),
            )
        if style.drums > 0:
            _drums(buf, start, beat_n, style.drums, rng)
    fade = min(n // 4, int(0.6 * RATE))
    if fade > 0:
        ramp = np.linspace(0, 1, fade, dtype=np.float32)
        buf[:fade] *= ramp
        buf[-fade:] *= ramp[::-1]
    peak = float(max(buf.max(), -buf.min())) if n else 0.0
    if peak > 0:
        buf *= 0.5 / peak
    return buf


def _drums(buf: np.ndarray, start: int, beat_n: int, amount: float, rng: np.random.Generator) -> None:
    kick_n = int(0.25 * RATE)
    t = np.arange(kick_n, dtype=np.float32) / RATE
    sweep = 2 * np.pi * np.cumsum(50 + 90 * np.exp(-t / 0.03)) / RATE
    kick = np.sin(sweep).astype(np.float32) * np.exp(-t / 0.09) * 0.35 * amount
    hat_n = int(0.05 * RATE)
    noise = rng.standard_normal(hat_n).astype(np.float32)
    hat = np.diff(noise, prepend=0).astype(np.float32) * np.exp(
        -np.arange(hat_n, dtype=np.float32) / (0.012 * RATE)
    )
    hat *= 0.04 * amount
    for k in range(4):
        _add(buf, start + k * beat_n, kick)
        _add(buf, start + k * beat_n + beat_n // 2, hat)
