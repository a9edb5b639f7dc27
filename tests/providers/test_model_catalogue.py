"""The model catalogues (config/*_models.yaml), the live catalogue and the choice of model per port.

Known answers: the deprecations OpenAI announced (read 2026-12-06) put every speech-endpoint model out on
2027-01-06 and gpt-4o / gpt-4.1 (mini) out on 2027-01-14. The live reads go to the loopback server, which
answers GET /v1/models as OpenAI does (with `shutdown_date`) and refuses a shut-down model.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest
from pydantic import SecretStr

from studio.config import Settings
from studio.providers.catalogue import speech_catalogue, text_catalogue, text_profile
from studio.providers.live_catalogue import (
    OpenAIModels,
    ReplicateModels,
    ReplicateSchema,
    openai_models,
    parse_shutdown,
    replicate_models,
)
from studio.providers.model_choice import choose_models, sent_video_inputs
from tests.loopback.server import OPENAI_CATALOGUE, LoopbackServer

DECEMBER = date(2026, 12, 20)  # within 30 days of both shutdowns
EARLY = date(2026, 11, 1)  # more than 30 days before
JANUARY = date(2027, 1, 20)  # after both
KEY = "sk-proj-CATALOGUE0123456789abcdef"
TOKEN = "r8_CATALOGUE0123456789abcdef"


def _live(**models: date | None) -> OpenAIModels:
    return OpenAIModels("https://api.openai.com/v1/models", datetime.now(UTC), dict(models))


def _openai_live_on(day: date) -> OpenAIModels:
    """The loopback server's catalogue as OpenAI would list it on `day` (shut-down models gone)."""
    return _live(**{m: parse_shutdown(d) for m, d in OPENAI_CATALOGUE.items()
                    if d is None or date.fromisoformat(d) > day})


def _settings(**values: object) -> Settings:
    return Settings(openai_api_key=SecretStr(KEY), **values)  # type: ignore[arg-type]


# ── the files ────────────────────────────────────────────────────────────────────────────────────


def test_every_entry_says_where_and_when_it_was_read() -> None:
    for catalogue in (text_catalogue(), speech_catalogue()):
        assert catalogue.read >= date(2026, 12, 6)
        for name, entry in catalogue.models.items():
            assert entry.schema_source.startswith("https://"), name
            assert entry.schema_checked <= date.today(), name
            if entry.shutdown is not None:
                assert entry.shutdown_source and entry.successor, name


def test_the_announced_shutdowns_are_in_the_files() -> None:
    texts, voices = text_catalogue().models, speech_catalogue().models
    for model in ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini"):
        assert texts[model].shutdown == date(2027, 1, 14)
    for model in ("tts-1", "tts-1-hd", "gpt-4o-mini-tts"):
        assert voices[model].shutdown == date(2027, 1, 6)
    # The defaults announce no shutdown: a new studio starts on models that last.
    assert all(texts[m].shutdown is None for m in text_catalogue().defaults)
    assert speech_catalogue().models[speech_catalogue().defaults[0]].shutdown is None


@pytest.mark.parametrize(("model", "reasons"), [
    ("gpt-5-mini", True), ("gpt-5.2-mini-2026-10-01", True), ("o4-mini", True),
    ("gpt-4.1-mini", False), ("llama3.1", False),
])  # fmt: skip
def test_profiles_follow_the_model_family(model: str, reasons: bool) -> None:
    profile = text_profile(model)
    assert profile.temperature is not reasons and profile.logprobs is not reasons
    assert profile.max_tokens_param == ("max_completion_tokens" if reasons else "max_tokens")


# ── choosing ─────────────────────────────────────────────────────────────────────────────────────


def test_an_unset_text_model_takes_the_first_lasting_default() -> None:
    choice = choose_models(_settings(), _openai_live_on(DECEMBER), today=DECEMBER)
    assert choice.settings.openai_text_model == "gpt-5-mini"
    assert choice.settings.openai_vision_model == "gpt-5-mini"
    assert choice.settings.models_resolved
    assert [s.state for s in choice.statuses if s.port in ("text", "vision")] == ["live", "live"]


def test_a_retired_model_gives_way_to_its_successor_with_the_variable_named() -> None:
    choice = choose_models(_settings(openai_text_model="gpt-4.1-mini"), _openai_live_on(JANUARY),
                           today=JANUARY)
    assert choice.settings.openai_text_model == "gpt-5-mini"
    text = next(s for s in choice.statuses if s.port == "text")
    assert (text.model, text.replaces, text.state) == ("gpt-5-mini", "gpt-4.1-mini", "live")
    notice = next(n for n in choice.notices if "OPENAI_TEXT_MODEL" in n)
    assert "gpt-4.1-mini" in notice and "gpt-5-mini" in notice and "Set OPENAI_TEXT_MODEL" in notice
    assert not choice.problems


def test_without_a_live_read_the_files_dates_decide() -> None:
    choice = choose_models(_settings(openai_text_model="gpt-4o"), None, today=JANUARY)
    assert choice.settings.openai_text_model == "gpt-5"  # gpt-4o's successor in the file


def test_a_shutdown_within_30_days_is_announced_and_kept() -> None:
    choice = choose_models(_settings(openai_text_model="gpt-4.1-mini"), _openai_live_on(DECEMBER),
                           today=DECEMBER)
    assert choice.settings.openai_text_model == "gpt-4.1-mini"
    text = next(s for s in choice.statuses if s.port == "text")
    assert text.describe() == "gpt-4.1-mini: shutting down on 2027-01-14 (successor: gpt-5-mini)"
    assert any("OPENAI_TEXT_MODEL=gpt-4.1-mini shuts down on 2027-01-14 (in 25 days)" in n
               for n in choice.notices)


def test_a_shutdown_further_off_is_listed_but_not_announced() -> None:
    choice = choose_models(_settings(openai_text_model="gpt-4.1-mini"), _openai_live_on(EARLY), today=EARLY)
    assert choice.settings.openai_text_model == "gpt-4.1-mini"
    assert next(s for s in choice.statuses if s.port == "text").state == "retiring"
    assert not [n for n in choice.notices if "OPENAI_TEXT_MODEL" in n]


def test_a_model_the_server_does_not_list_is_replaced() -> None:
    choice = choose_models(_settings(openai_text_model="gpt-4.1-mini-typo"), _openai_live_on(DECEMBER),
                           today=DECEMBER)
    assert choice.settings.openai_text_model == "gpt-5-mini"
    assert any("is not in the provider's model list" in n for n in choice.notices)


def test_a_compatible_servers_models_go_by_its_own_list() -> None:
    """Ollama's "gpt-4o" is its own model: OpenAI's dates do not apply, and its models are usable."""
    settings = _settings(openai_base_url="http://127.0.0.1:11434/v1", openai_text_model="gpt-4o")
    live = _live(**{"gpt-4o": None, "llama3.1": None})
    choice = choose_models(settings, live, today=JANUARY)
    assert choice.settings.openai_text_model == "gpt-4o"
    assert choice.settings.openai_vision_model == "gpt-4o"  # unset: the first model the server lists
    assert not [n for n in choice.notices if "OPENAI_TEXT_MODEL" in n]


def test_the_voice_prefers_a_model_that_is_not_retiring() -> None:
    both = Settings(openai_api_key=SecretStr(KEY), replicate_api_token=SecretStr(TOKEN))
    choice = choose_models(both, _openai_live_on(DECEMBER), today=DECEMBER)
    assert choice.speech == ("replicate", speech_catalogue().defaults[0])
    assert choice.settings.replicate_speech_model == speech_catalogue().defaults[0]


def test_with_only_an_openai_key_the_voice_lasts_until_its_shutdown_then_goes_offline() -> None:
    december = choose_models(_settings(), _openai_live_on(DECEMBER), today=DECEMBER)
    assert december.speech == ("openai", "gpt-4o-mini-tts")
    assert any("OPENAI_TTS_MODEL=gpt-4o-mini-tts shuts down on 2027-01-06" in n
               and "REPLICATE_SPEECH_MODEL=" in n for n in december.notices)
    january = choose_models(_settings(openai_tts_model="gpt-4o-mini-tts"), _openai_live_on(JANUARY),
                            today=JANUARY)
    assert january.speech is None
    assert any("offline voice" in n and "gpt-4o-mini-tts" in n for n in january.notices)


def test_a_replicate_schema_without_an_input_we_send_is_a_problem_naming_both() -> None:
    settings = Settings(replicate_api_token=SecretStr(TOKEN))
    sent = sent_video_inputs(settings.replicate_video_model)
    assert "seed" in sent and "duration" in sent
    inputs = frozenset(sent) - {"seed"}
    live = ReplicateModels("https://api.replicate.com/v1/models", datetime.now(UTC), {
        settings.replicate_video_model: ReplicateSchema("v1", inputs),
        settings.replicate_image_model: None,
    })
    choice = choose_models(settings, None, live, today=DECEMBER)
    video = next(p for p in choice.problems if "REPLICATE_VIDEO_MODEL" in p)
    assert settings.replicate_video_model in video and "seed (seed)" in video
    image = next(p for p in choice.problems if "REPLICATE_IMAGE_MODEL" in p)
    assert "not on Replicate any more" in image


# ── the live read, against the loopback server ───────────────────────────────────────────────────


def test_the_live_catalogue_is_read_once_a_day_and_cached(tmp_path) -> None:
    with LoopbackServer(openai_key=KEY, replicate_token=TOKEN, today="2027-01-20") as server:
        settings = Settings(data_dir=tmp_path, openai_api_key=SecretStr(KEY),
                            openai_base_url=server.openai_base_url,
                            replicate_api_token=SecretStr(TOKEN), replicate_base_url=server.url)
        first = openai_models(settings)
        again = openai_models(settings)
        assert first is not None and again is not None
        assert "gpt-4.1-mini" not in first.models and first.models["gpt-5-mini"] is None
        assert again.models == first.models
        assert len(server.records("/v1/models", "GET")) == 1  # the second came from the cache
        openai_models(settings, refresh=True)
        assert len(server.records("/v1/models", "GET")) == 2

        live = replicate_models(settings, ["google/veo-3-fast", "nobody/nothing"])
        assert live is not None and live.models["nobody/nothing"] is None
        assert set(sent_video_inputs("google/veo-3-fast")) <= live.models["google/veo-3-fast"].inputs
        for path in (tmp_path / "catalogue").iterdir():
            text = path.read_text()
            assert KEY not in text and TOKEN not in text


def test_a_refused_key_leaves_the_files_to_decide_and_never_logs_the_key(tmp_path, caplog) -> None:
    with LoopbackServer(openai_key=KEY) as server:
        wrong = "sk-proj-WRONGKEY0123456789"
        settings = Settings(data_dir=tmp_path, openai_api_key=SecretStr(wrong),
                            openai_base_url=server.openai_base_url)
        with caplog.at_level(logging.WARNING):
            assert openai_models(settings) is None
        assert "refused the key: check OPENAI_API_KEY" in caplog.text
        assert wrong not in caplog.text and wrong[-6:] not in caplog.text
        assert not (tmp_path / "catalogue").exists()
