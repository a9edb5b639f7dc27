"""Word timings: espeak-ng's word events and the energy estimate, checked against the audio itself."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import numpy as np
import pytest

from studio.models import WordTiming
from studio.offline.speech import Espeak
from studio.render.word_timing import (
    ESTIMATED,
    align_by_energy,
    energy_onsets,
    load_timings,
    save_timings,
    syllables,
)
from tests.loopback.media import speech_pcm, wav_from_pcm

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def _wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def test_energy_alignment_finds_known_word_starts(tmp_path: Path) -> None:
    # known answer: the loopback voice says word i from i * 0.4 s for 0.3 s, then 0.1 s of silence
    text = "Glow brighter every single morning now"
    path = tmp_path / "v.wav"
    path.write_bytes(wav_from_pcm(speech_pcm(text), streamed=False))
    got = align_by_energy(path, text)
    assert [w.word for w in got] == text.split()
    for i, w in enumerate(got):
        assert w.start_s == pytest.approx(i * 0.4, abs=0.1), (w.word, w.start_s)
        assert w.start_s < w.end_s <= w.start_s + 0.4 + 0.05


def test_energy_alignment_splits_one_stretch_by_syllables(tmp_path: Path) -> None:
    # one unbroken 3 s tone for "a wonderful day": 1, 3 and 1 syllables (+0.4 each) share the time
    rate = 16000
    t = np.arange(3 * rate) / rate
    samples = np.concatenate([np.zeros(rate // 2), 0.3 * np.sin(2 * np.pi * 150 * t), np.zeros(rate // 2)])
    got = align_by_energy(_wav(tmp_path / "tone.wav", samples, rate), "a wonderful day")
    weights = np.array([1.4, 3.4, 1.4])
    expected = 0.5 + 3 * np.concatenate([[0], np.cumsum(weights)[:-1]]) / weights.sum()
    assert [w.start_s for w in got] == pytest.approx(list(expected), abs=0.02)
    assert got[-1].end_s == pytest.approx(3.5, abs=0.02)
    assert syllables("wonderful") == 3 and syllables("2024") == 4 and syllables("mañana") == 3


def test_silence_gives_no_timings_and_a_broken_file_none(tmp_path: Path) -> None:
    assert align_by_energy(_wav(tmp_path / "s.wav", np.zeros(8000), 8000), "hello there") == []
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav")
    assert align_by_energy(bad, "hello") == []


def test_timings_file_round_trips_beside_the_voice(tmp_path: Path) -> None:
    voice = tmp_path / "voice_3.wav"
    words = [
        WordTiming(word="Hola,", start_s=0.0, end_s=0.4),
        WordTiming(word="mañana", start_s=0.5, end_s=1.0),
    ]
    path = save_timings(voice, words, ESTIMATED)
    assert path == tmp_path / "voice_3.words.json"
    assert load_timings(voice) == (words, ESTIMATED)
    assert load_timings(tmp_path / "other.wav") == ([], "")


@needs_espeak
def test_espeak_word_starts_are_within_100_ms_of_the_sound(tmp_path: Path) -> None:
    # clearly separated words: each must start where its sound starts (energy onset after a pause)
    text = "One. Two. Three. Four. Five."
    path = tmp_path / "sep.wav"
    Espeak().speak(text, path)
    words, source = load_timings(path)
    assert source.startswith("espeak-ng word events")
    onsets = energy_onsets(path, min_pause_s=0.15)
    assert len(onsets) == 5
    errors = [abs(w.start_s - o) for w, o in zip(words, onsets, strict=True)]
    assert max(errors) <= 0.1, errors
    with wave.open(str(path)) as w:
        length = w.getnframes() / w.getframerate()
    assert all(0 <= w.start_s < w.end_s <= length for w in words)


@needs_espeak
def test_espeak_events_and_energy_estimate_agree_on_connected_speech(tmp_path: Path) -> None:
    text = "Fresh coffee, roasted every morning and delivered to your door. Try it today!"
    path = tmp_path / "c.wav"
    Espeak().speak(text, path)
    exact, _ = load_timings(path)
    estimate = align_by_energy(path, text)
    assert [w.word for w in exact] == [w.word for w in estimate] == text.split()
    starts = [w.start_s for w in exact]
    assert starts == sorted(starts)
    err = np.abs(np.array(starts) - np.array([w.start_s for w in estimate]))
    assert err.mean() < 0.15 and err.max() < 0.4  # measured 0.088 s mean, 0.30 s max


def test_a_library_call_that_never_returns_is_left_behind_and_timings_fall_back(monkeypatch) -> None:
    """A render never waits on espeak-ng's library for ever: after the watchdog, None (estimate) and
    every later call answers at once without touching the library."""
    import threading
    import time

    from studio.offline import speech_events

    release = threading.Event()
    calls: list[str] = []

    def stuck(text: str, voice: str, speed: int, pitch: int):  # type: ignore[no-untyped-def]
        calls.append(text)
        release.wait(30)

    monkeypatch.setattr(speech_events, "_word_events", stuck)
    monkeypatch.setattr(speech_events, "WATCHDOG_S", 0.3)
    monkeypatch.setattr(speech_events, "_state", {})
    started = time.monotonic()
    assert speech_events.word_events("one two", "en-us", 160, 50) is None
    assert 0.25 < time.monotonic() - started < 3
    started = time.monotonic()
    assert speech_events.word_events("three four", "en-us", 160, 50) is None
    assert time.monotonic() - started < 0.1
    assert calls == ["one two"]  # the library is not asked again once it stopped answering
    release.set()
