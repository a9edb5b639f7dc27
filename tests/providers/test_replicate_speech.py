"""The Replicate voice (minimax/speech-02-turbo) against the loopback server: a WAV with its word timings,
the inputs the model received, a refused token, a failed prediction, and the schema the entry follows."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from pydantic import SecretStr

from studio.config import Settings
from studio.errors import ProviderAuthError, ProviderError
from studio.providers.catalogue import speech_catalogue
from studio.providers.ports import SpeechRequest
from studio.providers.replicate_common import make_replicate_client
from studio.providers.replicate_speech import (
    AUTOMATIC_LANGUAGE,
    MINIMAX_LANGUAGES,
    ReplicateSpeech,
    build_replicate_speech,
    language_boost,
    to_pcm_wav,
)
from studio.render.word_timing import ESTIMATED, load_timings
from studio.run import MemoryMeter, Run
from tests.loopback.replicate_models import MODELS

MODEL = "minimax/speech-02-turbo"
TEXT = "Glow brighter every morning"  # the loopback voice says word i at i * 0.4 s


def _say(out: Path, **picks: str) -> SpeechRequest:
    return SpeechRequest(text=TEXT, out_path=out, tone="warm", **picks)


def _speech(loopback, token: str | None = None, **kwargs) -> ReplicateSpeech:
    settings = Settings(
        replicate_api_token=SecretStr(token or loopback.replicate_token), replicate_base_url=loopback.url
    )
    speech = build_replicate_speech(settings, media=None, model=MODEL)  # type: ignore[arg-type]
    speech.runner.poll_interval_s = 0.05
    for name, value in kwargs.items():
        setattr(speech, name, value)
    return speech


def _wav(path: Path) -> tuple[int, int, float]:
    with wave.open(str(path), "rb") as w:
        return w.getnchannels(), w.getsampwidth(), w.getnframes() / w.getframerate()


def test_the_voice_is_a_pcm_wav_of_the_spoken_length_with_word_timings(loopback, tmp_path: Path) -> None:
    ids: list[str] = []
    run = Run("gen-1", meter=MemoryMeter()).with_prediction_sink(ids.append)
    out = tmp_path / "voice" / "voice.wav"
    seconds = _speech(loopback).synthesize(_say(out), run)

    channels, width, length = _wav(out)
    assert (channels, width) == (1, 2)
    assert seconds == pytest.approx(length) == pytest.approx(0.4 * 4, abs=0.06)  # mp3 decoded, gapless
    words, source = load_timings(out)
    assert source == ESTIMATED
    assert [w.word for w in words] == TEXT.split()
    assert [w.start_s for w in words] == pytest.approx([0.4 * i for i in range(4)], abs=0.1)
    # the call is charged to the run at the catalogue's per-character price, its prediction id kept
    [call] = run.meter.calls
    assert (call.provider, call.model, call.purpose, call.status) == ("replicate", MODEL, "voiceover", "ok")
    assert call.cost_usd == pytest.approx(len(TEXT) * 0.00006)
    assert ids == [p["id"] for p in loopback.predictions_received("audio")]


def test_the_model_receives_the_text_the_picked_voice_and_the_language(loopback, tmp_path: Path) -> None:
    speech = _speech(loopback)
    run = Run("gen-1")
    speech.synthesize(_say(tmp_path / "a.wav", voice="Calm_Woman", language="es-MX"), run)
    speech.synthesize(_say(tmp_path / "b.wav", voice="alloy"), run)  # OpenAI's: not this model's
    speech.synthesize(_say(tmp_path / "c.wav", language="zh-HK"), run)

    assert [p["input"] for p in loopback.predictions_received("audio")] == [
        {"text": TEXT, "voice_id": "Calm_Woman", "language_boost": "Spanish"},
        {"text": TEXT, "voice_id": "Wise_Woman"},
        {"text": TEXT, "voice_id": "Wise_Woman", "language_boost": "Chinese,Yue"},
    ]
    paths = [r["path"] for r in loopback.creates("audio")]
    assert paths == [f"/v1/models/{MODEL}/predictions"] * 3
    assert loopback.auth_values("replicate") == {f"Bearer {loopback.replicate_token}"}


def test_a_set_speed_and_a_wav_answer_give_the_shorter_voice(loopback, tmp_path: Path) -> None:
    entry = speech_catalogue().models[MODEL].model_copy(update={"extra": {"audio_format": "wav"}})
    speech = _speech(loopback, entry=entry, speed=1.25)
    seconds = speech.synthesize(_say(tmp_path / "v.wav"), Run("gen-1"))

    [received] = loopback.predictions_received("audio")
    assert received["input"] == {"text": TEXT, "voice_id": "Wise_Woman", "speed": 1.25, "audio_format": "wav"}
    assert seconds == pytest.approx(0.4 * 4 / 1.25, abs=0.01)


def test_a_refused_token_names_the_variable_and_keeps_the_token_secret(loopback, tmp_path: Path) -> None:
    wrong = "r8_WRONGtoken0123456789SECRET"
    run = Run("gen-1", meter=MemoryMeter())
    out = tmp_path / "voice.wav"
    with pytest.raises(ProviderAuthError) as caught:
        _speech(loopback, token=wrong).synthesize(_say(out), run)

    message = str(caught.value)
    assert "REPLICATE_API_TOKEN" in message
    assert wrong not in message and "SECRET" not in message
    assert not out.exists()
    assert [c.status for c in run.meter.calls] == ["error"]
    assert loopback.predictions_received() == []


def test_a_failed_prediction_raises_a_provider_error_and_writes_nothing(loopback, tmp_path: Path) -> None:
    loopback.control(fail_next_predictions=1, fail_model="minimax/")
    out = tmp_path / "voice.wav"
    with pytest.raises(ProviderError) as caught:
        _speech(loopback).synthesize(_say(out), Run("gen-1"))

    assert not isinstance(caught.value, ProviderAuthError)
    assert "failed" in str(caught.value) and caught.value.provider == "Replicate"
    assert not out.exists()


def test_an_input_the_model_lacks_is_refused_before_any_audio(loopback, tmp_path: Path) -> None:
    entry = speech_catalogue().models[MODEL].model_copy(update={"extra": {"format": "wav"}})
    with pytest.raises(ProviderError, match=r"rejected the request as invalid.*format"):
        _speech(loopback, entry=entry).synthesize(_say(tmp_path / "v.wav"), Run("gen-1"))
    assert loopback.predictions_received() == []


def test_the_entry_names_only_inputs_the_models_live_schema_lists(loopback) -> None:
    entry = speech_catalogue().models[MODEL]
    client = make_replicate_client(loopback.replicate_token, base_url=loopback.url)
    schema = client.models.get(MODEL).latest_version.openapi_schema["components"]["schemas"]
    listed = schema["Input"]["properties"]
    assert schema["Input"]["required"] == ["text"]
    assert {name for name in entry.inputs.values() if name} <= set(listed)
    assert schema["Output"] == {"type": "string", "format": "uri", "title": "Output"}
    # MiniMax's language names: every one the adapter may send is one the schema allows
    allowed = set(schema[listed["language_boost"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]["enum"])
    assert {*MINIMAX_LANGUAGES.values(), AUTOMATIC_LANGUAGE} <= allowed
    assert allowed == set(MODELS[MODEL].inputs["language_boost"].enum)


def test_a_bcp47_code_becomes_minimax_language_name() -> None:
    assert language_boost("en") == "English"
    assert language_boost("pt-BR") == "Portuguese"
    assert language_boost("zh-Hant-HK") == "Chinese,Yue"
    assert language_boost("zh-CN") == "Chinese"
    assert language_boost("xx") == AUTOMATIC_LANGUAGE  # a language the model does not list: it detects
    assert language_boost(None) is None and language_boost(" ") is None


def test_an_answer_that_is_not_audio_is_a_provider_error(tmp_path: Path) -> None:
    page = tmp_path / "voice.audio"
    page.write_bytes(b"<html>an error page, not a voice</html>")
    with pytest.raises(ProviderError, match="not audio the studio can read"):
        to_pcm_wav(page, tmp_path / "voice.wav")
