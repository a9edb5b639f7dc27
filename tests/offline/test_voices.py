"""The voice picker offline (espeak-ng's voices) and the ad's language reaching the voice and the copy."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from studio.models import Brief, Story
from studio.offline.speech import EspeakVoice, list_voices, voice_for_language
from studio.providers.offline import EspeakSpeech, OfflineWriter
from studio.providers.ports import SpeechRequest, StoryDirectorRequest
from studio.render.word_timing import load_timings

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
VOICES = (EspeakVoice("en", "English", "male"), EspeakVoice("en-us", "English (America)", "male"),
          EspeakVoice("es", "Spanish (Spain)", "male"), EspeakVoice("es-419", "Spanish (Americas)", "male"),
          EspeakVoice("pt-br", "Portuguese (Brazil)", "male"))  # fmt: skip


def test_language_codes_find_their_voice() -> None:
    assert voice_for_language("es", VOICES) == "es"
    assert voice_for_language("es-419", VOICES) == "es-419"
    assert voice_for_language("es-mx", VOICES) == "es"  # the language's own voice when the region has none
    assert voice_for_language("pt", VOICES) == "pt-br"
    assert voice_for_language("en", VOICES) == "en-us"
    assert voice_for_language("xx", VOICES) is None


@needs_espeak
def test_the_picker_lists_espeak_voices_offline() -> None:
    voices = EspeakSpeech().voices
    assert {"en-us", "es", "fr-fr", "de"} <= set(voices)
    assert next(v for v in list_voices() if v.id == "es").name == "Spanish (Spain)"
    assert list_voices() is list_voices()  # read once
    assert EspeakSpeech(binary="no-such-espeak-binary").voices == ()


def _recording_espeak(tmp_path: Path) -> tuple[Path, Path]:
    """A wrapper that logs its arguments and runs the real espeak-ng."""
    log = tmp_path / "args.log"
    exe = tmp_path / "espeak-rec"
    exe.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec {shutil.which("espeak-ng")} "$@"\n')
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe, log


@needs_espeak
def test_spanish_ad_speaks_with_the_spanish_voice(tmp_path: Path) -> None:
    exe, log = _recording_espeak(tmp_path)
    speech = EspeakSpeech(binary=str(exe))
    text = "Café Sol, tostado cada mañana."
    english = "Fresh every morning."
    speech.synthesize(SpeechRequest(text=text, out_path=tmp_path / "es.wav", tone="warm", language="es"))
    speech.synthesize(SpeechRequest(text=english, out_path=tmp_path / "en.wav", tone="warm", language="en"))
    speech.synthesize(
        SpeechRequest(text=english, out_path=tmp_path / "pick.wav", tone="warm", voice="en-gb", language="en")
    )
    calls = [line.split() for line in log.read_text().splitlines() if "-w" in line]
    assert [c[c.index("-v") + 1] for c in calls] == ["es", "en-us", "en-gb"]
    words, _ = load_timings(tmp_path / "es.wav")
    assert [w.word for w in words] == text.split()  # the captions' words are the script's, accents and all


def test_offline_story_is_written_in_the_brief_spanish_and_says_so_only_for_a_language_it_cannot_write() -> (
    None
):
    prompt = (
        "Anuncio para Café Sol, café tostado cada mañana en Madrid. 20% de descuento con el código SOL20."
    )
    variables = {"seed": 7, "feedback": None, "previous": None, "critique": None}
    # no language asked for: the brief's own (Spanish), written in Spanish with its facts verbatim
    story = OfflineWriter().generate(StoryDirectorRequest(brief=Brief(prompt=prompt), **variables), Story)
    spoken = " ".join(story.voiceover)
    assert "Café Sol" in spoken and "20% de descuento con el código SOL20" in spoken and "Madrid" in spoken
    assert "Descubre Café Sol." in spoken and "Meet" not in spoken
    assert not any("language is" in a for a in story.assumptions)
    # Dutch asked for: the offline writer cannot write it, keeps the facts verbatim and says so once
    dutch = OfflineWriter().generate(
        StoryDirectorRequest(brief=Brief(prompt=prompt, language="nl"), **variables), Story
    )
    assert "20% de descuento con el código SOL20" in " ".join(dutch.voiceover)
    assert sum("language is 'nl'" in a for a in dutch.assumptions) == 1
    english = OfflineWriter().generate(
        StoryDirectorRequest(brief=Brief(prompt=prompt, language="en"), **variables), Story
    )
    assert not any("language is" in a for a in english.assumptions)


def test_brief_language_and_style_defaults_and_checks() -> None:
    brief = Brief(prompt="x")
    assert (brief.caption_style, brief.voice, brief.language) == ("plain", None, "")  # the brief's own
    assert Brief(prompt="x", language="pt-BR").language == "pt-BR"
    with pytest.raises(ValueError):
        Brief(prompt="x", language="Spanish")
    with pytest.raises(ValueError):
        Brief(prompt="x", caption_style="karaoke")  # type: ignore[arg-type]
