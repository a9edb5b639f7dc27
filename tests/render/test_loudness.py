"""Integrated loudness (BS.1770-4) on known answers, for the studio's meter and pyloudnorm's as a reference.

pyloudnorm runs with its "DeMan" filters, the exact BS.1770 coefficients; its default "K-weighting" ones
come from the audio-EQ cookbook and read a 1 kHz sine about 0.04 dB low. docs/ARCHITECTURE.md says why the
studio keeps its own meter.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from studio.render.loudness import (
    IR_S,
    SegmentPower,
    _response,
    gated_loudness,
    integrated_loudness,
    k_weighting_sos,
    segment_power,
)
from studio.render.music import music_bed

Meter = Callable[[np.ndarray, int], float]


def _pyloudnorm(samples: np.ndarray, rate: int) -> float:
    pyloudnorm = pytest.importorskip("pyloudnorm")
    return float(pyloudnorm.Meter(rate, filter_class="DeMan").integrated_loudness(samples))


@pytest.fixture(params=["studio", "pyloudnorm"])
def meter(request: pytest.FixtureRequest) -> Meter:
    return integrated_loudness if request.param == "studio" else _pyloudnorm


def _sine(dbfs: float, seconds: float = 5.0, rate: int = 48000, freq: float = 1000.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_1khz_sine_known_answer(meter: Meter) -> None:
    # BS.1770: a 0 dBFS 1 kHz sine in one channel reads -3.01 LKFS, so a -20 dBFS one reads -23.01
    assert meter(_sine(-20), 48000) == pytest.approx(-23.01, abs=0.02)
    s = _sine(-20)
    assert meter(np.stack([s, s], axis=1), 48000) == pytest.approx(-20.0, abs=0.02)


def test_other_sample_rate_reads_the_same(meter: Meter) -> None:
    assert meter(_sine(-12, rate=44100), 44100) == pytest.approx(-15.01, abs=0.02)


def test_gating_ignores_silence_and_quiet_passages(meter: Meter) -> None:
    loud = _sine(-20, 4.0)
    quiet = _sine(-60, 4.0)  # more than 10 LU below: removed by the relative gate
    x = np.concatenate([loud, np.zeros(48000 * 4, np.float32), quiet])
    assert meter(x, 48000) == pytest.approx(-23.01, abs=0.3)


def test_silence_is_minus_infinity(meter: Meter) -> None:
    assert meter(np.zeros(48000 * 2, np.float32), 48000) == -math.inf


def test_too_short_is_minus_infinity() -> None:
    assert integrated_loudness(_sine(-20, 0.2), 48000) == -math.inf


@pytest.mark.parametrize("signal", ["noise", "music", "low tone"])
def test_the_studio_meter_agrees_with_pyloudnorm(signal: str) -> None:
    rng = np.random.default_rng(7)
    x = {
        "noise": (0.1 * rng.standard_normal(48000 * 10)).astype(np.float32),
        "music": music_bed(10.0, "energetic", 3),
        "low tone": _sine(-18, 10.0, freq=60.0),  # where the high pass bites
    }[signal]
    assert integrated_loudness(x, 48000) == pytest.approx(_pyloudnorm(x, 48000), abs=0.01)


def test_segment_power_fed_in_pieces_is_the_whole_call() -> None:
    rng = np.random.default_rng(3)
    x = (0.1 * rng.standard_normal(48000 * 11 + 123)).astype(np.float32)
    sos = k_weighting_sos(48000)
    whole = segment_power(x, sos, 48000, 4800)
    fed = SegmentPower(sos, 48000, 4800)
    at = 0
    step = fed.step
    for size in [1, 7, 4799, step - 4807, 3, step, 48000 * 5]:  # across the filter's block edges
        fed.feed(x[at : at + size])
        at += size
    fed.feed(x[at:])
    pieces = fed.finish()
    assert len(pieces) == len(x) // 4800
    assert np.array_equal(pieces, whole)  # the same blocks: the same figures, bit for bit
    assert gated_loudness(whole, 4800) == integrated_loudness(x, 48000)


@pytest.mark.parametrize("rate", [16000, 22050, 44100, 48000])
def test_the_response_left_out_is_below_rounding(rate: int) -> None:
    # the K-weighting cascade's impulse response, taken long, after the IR_S the meter keeps
    size = 1 << 20
    impulse = np.fft.irfft(_response(tuple(map(tuple, k_weighting_sos(rate))), size), size)
    kept = round(IR_S * rate)
    assert np.abs(impulse[kept:rate]).max() < 1e-12 * np.abs(impulse[:kept]).max()
    assert np.abs(impulse[: kept // 4]).max() > 1e-3  # and what it keeps is the response, not zeros


@pytest.mark.parametrize("signal", ["noise", "music", "low tone", "clicks"])
def test_a_shorter_response_reads_what_one_second_of_it_reads(
    signal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(11)
    clicks = np.zeros(48000 * 12, np.float32)
    clicks[rng.integers(0, len(clicks), 40)] = 0.9  # impulses: where a cut response would show most
    x = {
        "noise": (0.1 * rng.standard_normal((48000 * 12, 2))).astype(np.float32),
        "music": music_bed(12.0, "calm", 5),
        "low tone": _sine(-18, 12.0, freq=40.0),
        "clicks": clicks,
    }[signal]
    short = integrated_loudness(x, 48000)
    monkeypatch.setattr("studio.render.loudness.IR_S", 1.0)
    long = integrated_loudness(x, 48000)
    assert math.isfinite(short)
    assert short == pytest.approx(long, abs=1e-9)
