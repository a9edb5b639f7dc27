from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from studio.render.audio import Placed, build_mix, duck_envelope, read_wav, to_rate
from studio.render.loudness import integrated_loudness
from studio.render.music import RATE, music_bed, style_for


def _voice_wav(path: Path, seconds: float = 2.0, rate: int = 22050) -> Path:
    """A voice-like signal: a buzzy 140 Hz tone switched on and off like syllables."""
    t = np.arange(int(seconds * rate)) / rate
    x = np.sign(np.sin(2 * np.pi * 140 * t)) * 0.3 * (np.sin(2 * np.pi * 3 * t) > -0.2)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((x * 32767).astype("<i2").tobytes())
    return path


def test_mix_with_voice_and_music_reads_minus_14_lufs(tmp_path: Path) -> None:
    voice = _voice_wav(tmp_path / "v.wav")
    mix = build_mix(
        tmp_path / "mix.wav", 6.0, [Placed(voice, 0.25), Placed(voice, 3.25)], True, "energetic", 1
    )
    x, rate = read_wav(mix.path, mono=False)
    assert rate == RATE and x.shape == (6 * RATE, 2)
    assert integrated_loudness(x, rate) == pytest.approx(-14.0, abs=1.0)
    assert np.abs(x).max() <= 0.9
    assert mix.has_voice and mix.has_music


def test_music_only_mix_reads_minus_14_lufs(tmp_path: Path) -> None:
    mix = build_mix(tmp_path / "mix.wav", 5.0, [], True, "calm", 3)
    x, rate = read_wav(mix.path, mono=False)
    assert integrated_loudness(x, rate) == pytest.approx(-14.0, abs=1.0)
    assert not mix.has_voice


def test_music_ducks_under_the_voice() -> None:
    voice = np.zeros(RATE * 3, np.float32)
    voice[RATE : 2 * RATE] = 0.3 * np.sin(np.arange(RATE) * 0.05)
    gain = duck_envelope(voice)
    assert gain[int(0.5 * RATE)] == pytest.approx(1.0, abs=0.01)
    assert gain[int(1.5 * RATE)] < 0.35
    assert gain[-1] > 0.9


def test_music_follows_tone_and_seed() -> None:
    assert style_for("calm").tempo < style_for("urgent").tempo
    assert style_for("luxurious").minor and not style_for("funny").minor
    a, b, c = music_bed(3, "energetic", 1), music_bed(3, "energetic", 1), music_bed(3, "energetic", 2)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    assert len(a) == 3 * RATE


@pytest.mark.parametrize(
    ("rate", "freq"), [(22050, 440.0), (22050, 3000.0), (44100, 1000.0), (16000, 6000.0)]
)
def test_resampling_to_the_mix_rate_keeps_a_tone_exact(rate: int, freq: float) -> None:
    # A sine sampled at the voice's rate, resampled to 48 kHz, is the same sine sampled at 48 kHz.
    seconds = 2
    x = np.sin(2 * np.pi * freq * np.arange(rate * seconds) / rate).astype(np.float32)
    y = to_rate(x, rate)
    assert len(y) == seconds * RATE
    exact = np.sin(2 * np.pi * freq * np.arange(len(y)) / RATE)
    edge = 200  # the filter's half-width at either end sees the zero padding
    assert np.abs(y[edge:-edge] - exact[edge:-edge]).max() < 1e-3
