from __future__ import annotations

import math

import numpy as np
import pytest

from studio.render.loudness import integrated_loudness


def _sine(dbfs: float, seconds: float = 5.0, rate: int = 48000, freq: float = 1000.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_1khz_sine_known_answer() -> None:
    # BS.1770: a 0 dBFS 1 kHz sine in one channel reads -3.01 LKFS, so a -20 dBFS one reads -23.01
    assert integrated_loudness(_sine(-20), 48000) == pytest.approx(-23.01, abs=0.05)
    s = _sine(-20)
    assert integrated_loudness(np.stack([s, s], axis=1), 48000) == pytest.approx(-20.0, abs=0.05)


def test_other_sample_rate_reads_the_same() -> None:
    assert integrated_loudness(_sine(-12, rate=44100), 44100) == pytest.approx(-15.01, abs=0.05)


def test_gating_ignores_silence_and_quiet_passages() -> None:
    loud = _sine(-20, 4.0)
    quiet = _sine(-60, 4.0)  # more than 10 LU below: removed by the relative gate
    x = np.concatenate([loud, np.zeros(48000 * 4, np.float32), quiet])
    assert integrated_loudness(x, 48000) == pytest.approx(-23.01, abs=0.3)


def test_silence_and_too_short_are_minus_infinity() -> None:
    assert integrated_loudness(np.zeros(48000 * 2, np.float32), 48000) == -math.inf
    assert integrated_loudness(_sine(-20, 0.2), 48000) == -math.inf
