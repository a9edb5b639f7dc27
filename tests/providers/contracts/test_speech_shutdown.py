"""The voice model OpenAI shuts down on 2027-01-06 is named at start-up, with the date and its source."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from studio.config import Settings
from studio.providers.openai_speech import SPEECH_SHUTDOWN, shutdown_date, warn_if_retiring

BEFORE, AFTER = date(2026, 11, 25), date(2027, 1, 6)


@pytest.mark.parametrize("model", ["tts-1", "tts-1-hd", "gpt-4o-mini-tts", "gpt-4o-mini-tts-2025-12-15",
                                   "tts-1-1106"])
def test_the_three_models_and_their_snapshots_shut_down_on_the_published_day(model: str) -> None:
    assert shutdown_date(model) == SPEECH_SHUTDOWN == date(2027, 1, 6)


@pytest.mark.parametrize(("model", "base_url"), [
    ("gpt-realtime-2.1-mini", None),
    ("some-future-tts", None),
    ("tts-1", "http://127.0.0.1:8000/v1"),  # a compatible server's tts-1 is its own
])
def test_other_models_and_other_servers_have_no_shutdown(model: str, base_url: str | None) -> None:
    assert shutdown_date(model, base_url) is None


def test_the_default_model_is_warned_about_before_the_day(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="studio.providers.openai_speech"):
        assert warn_if_retiring(Settings().openai_tts_model, None, BEFORE) == SPEECH_SHUTDOWN
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert "OPENAI_TTS_MODEL=gpt-4o-mini-tts shuts down on 2027-01-06" in message
    assert "developers.openai.com/api/docs/guides/text-to-speech" in message and "2026-11-25" in message


def test_on_and_after_the_day_it_is_an_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="studio.providers.openai_speech"):
        warn_if_retiring("tts-1-hd", None, AFTER)
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "OPENAI_TTS_MODEL=tts-1-hd was shut down by OpenAI on 2027-01-06" in record.getMessage()


def test_nothing_is_said_about_a_model_that_stays(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="studio.providers.openai_speech"):
        assert warn_if_retiring("tts-1", "http://127.0.0.1:8000/v1", AFTER) is None
    assert caplog.records == []
