"""Resampling a voice to the mix rate (48 kHz) on known answers: a tone keeps its frequency and level, and
nothing appears above the source's Nyquist frequency."""

from __future__ import annotations

import numpy as np
import pytest

from studio.render.audio import to_rate
from studio.render.music import RATE

EDGE = 2000
"""Samples left out at either end, where the filter sees the signal start and stop."""


def _tone(freq: float, rate: int, seconds: float = 3.0, amplitude: float = 0.5) -> np.ndarray:
    return (amplitude * np.sin(2 * np.pi * freq * np.arange(int(rate * seconds)) / rate)).astype(np.float32)


def _amplitude_and_phase(y: np.ndarray, freq: float) -> tuple[float, float]:
    """The tone at `freq` in 48 kHz samples `y` (ends left out), by least squares on sin and cos."""
    t = np.arange(len(y))[EDGE:-EDGE] / RATE
    basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
    (s, c), *_ = np.linalg.lstsq(basis, y[EDGE:-EDGE].astype(np.float64), rcond=None)
    return float(np.hypot(s, c)), float(np.arctan2(c, s))


@pytest.mark.parametrize(
    ("rate", "freq"), [(24000, 1000.0), (24000, 6000.0), (24000, 11000.0), (22050, 10000.0), (16000, 6000.0)]
)
def test_a_tone_keeps_its_frequency_level_and_timing(rate: int, freq: float) -> None:
    y = to_rate(_tone(freq, rate), rate)
    assert y.dtype == np.float32 and len(y) == 3 * RATE
    amplitude, phase = _amplitude_and_phase(y, freq)
    assert 20 * np.log10(amplitude / 0.5) == pytest.approx(0.0, abs=0.01)  # level within 0.01 dB
    assert phase == pytest.approx(0.0, abs=1e-3)  # no delay: the tone starts where it started
    exact = 0.5 * np.sin(2 * np.pi * freq * np.arange(len(y)) / RATE)
    assert np.abs(y[EDGE:-EDGE] - exact[EDGE:-EDGE]).max() < 2e-3 * 0.5  # the same sine, sample by sample
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
    assert np.fft.rfftfreq(len(y), 1 / RATE)[np.argmax(spectrum)] == pytest.approx(freq, abs=1.0)


def test_nothing_appears_above_the_source_nyquist() -> None:
    # White noise at 24 kHz fills 0-12 kHz; doubling the rate must not mirror it into 12-24 kHz.
    x = (0.3 * np.random.default_rng(5).standard_normal(24000 * 10)).astype(np.float32)
    y = to_rate(x, 24000)
    power = np.abs(np.fft.rfft(y)) ** 2
    freqs = np.fft.rfftfreq(len(y), 1 / RATE)
    passband = power[(freqs > 100) & (freqs < 10000)].mean()
    images = power[freqs > 13000].mean()
    assert 10 * np.log10(images / passband) < -55


def test_odd_lengths_round_and_the_mix_rate_passes_through() -> None:
    assert len(to_rate(np.zeros(1001, np.float32), 44100)) == round(1001 * RATE / 44100)
    assert len(to_rate(np.zeros(0, np.float32), 22050)) == 0
    x = _tone(440.0, RATE, 0.5)
    assert to_rate(x, RATE) is x
