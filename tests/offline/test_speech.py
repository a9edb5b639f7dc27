from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from studio.errors import ProviderError
from studio.offline.speech import voice_settings
from studio.providers.offline import EspeakSpeech
from studio.providers.ports import SpeechModel, SpeechRequest

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@needs_espeak
def test_synthesize_writes_a_wav_and_returns_its_duration(tmp_path: Path) -> None:
    speech = EspeakSpeech()
    assert isinstance(speech, SpeechModel) and speech.available
    out = tmp_path / "v.wav"
    seconds = speech.synthesize(SpeechRequest(text="Fresh juice, delivered cold to your door.", out_path=out))
    with wave.open(str(out)) as w:
        assert w.getnframes() / w.getframerate() == pytest.approx(seconds)
    assert 1.0 < seconds < 5.0


@needs_espeak
def test_tone_sets_the_pace(tmp_path: Path) -> None:
    text = "Order today and get your first box free, delivered to your door."
    calm = EspeakSpeech().synthesize(SpeechRequest(text=text, out_path=tmp_path / "calm.wav", tone="calm"))
    urgent = EspeakSpeech().synthesize(SpeechRequest(text=text, out_path=tmp_path / "u.wav", tone="urgent"))
    assert urgent < calm * 0.9
    assert voice_settings("Energetic, fun")[0] > voice_settings("luxurious")[0]


def test_unavailable_binary_means_captions_only(tmp_path: Path) -> None:
    speech = EspeakSpeech(binary="no-such-espeak-binary")
    assert not speech.available
    with pytest.raises(ProviderError, match="captions only"):
        speech.synthesize(SpeechRequest(text="hello", out_path=tmp_path / "v.wav"))
