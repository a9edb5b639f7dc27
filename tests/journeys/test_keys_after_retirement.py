"""January 2027 with keys: the models the studio used to default to are shut down, and it still makes ads.

Real `python -m studio` processes against the loopback OpenAI + Replicate, whose catalogue carries the
retirements OpenAI announced (read 2026-12-06): on the server's day, 2027-01-20, gpt-4.1-mini and every
speech-endpoint model are gone from GET /v1/models and refused when called. The tests read what the server
received.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from tests.journeys.helpers import PROMPT, SMALL, keyed_env, last_json, new_keys
from tests.loopback.server import OPENAI_CATALOGUE, LoopbackServer
from tests.trust.helpers import run_cli

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
RETIRED = {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"}


@pytest.fixture(scope="module")
def january() -> Iterator[LoopbackServer]:
    key, token = new_keys()
    with LoopbackServer(openai_key=key, replicate_token=token, today="2027-01-20", strict_models=True) as s:
        yield s


def _models_called(records: list[dict[str, Any]]) -> list[str]:
    return [r["json"]["model"] for r in records
            if r["api"] == "openai" and r["method"] == "POST" and isinstance(r.get("json"), dict)]


def test_default_settings_make_a_whole_ad_on_live_models(january: LoopbackServer, tmp_path) -> None:
    january.clear_records()
    env = keyed_env(tmp_path / "data", january)
    done = run_cli(["generate", "--prompt", PROMPT, "--auto", *SMALL, "--seed", "7", "--format", "json"],
                   env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    summary = last_json(done.stdout)
    assert summary["status"] == "completed", summary["error"]
    records = january.records()

    # The live catalogue was read first, once; no call went to a retired model and none was refused.
    assert records[0]["path"] == "/v1/models"
    assert len([r for r in records if r["path"] == "/v1/models"]) == 1
    called = _models_called(records)
    assert called and not RETIRED & set(called)
    assert not [r for r in records if r.get("refused_model") or r["status"] >= 400]

    # The story came from a reasoning model, sent no parameter it refuses, and said how hard to think.
    chats = [r["json"] for r in records if r["path"] == "/v1/chat/completions"]
    assert {c["model"] for c in chats} == {"gpt-5-mini"}
    assert not [c for c in chats if {"temperature", "top_p", "max_tokens", "logprobs"} & set(c)]
    assert {c.get("reasoning_effort") for c in chats} == {"low"}

    # The voice came from a live speech model (a Replicate prediction), not OpenAI's retired endpoint.
    assert not january.records("/v1/audio/")
    voices = [p for p in january.predictions_received() if p["model"] == "minimax/speech-02-turbo"]
    assert voices and all(v["input"]["text"] for v in voices)
    assert summary["providers"]["speech"].startswith("Replicate minimax/speech-02-turbo")


def test_a_retired_model_in_the_settings_is_replaced_with_a_warning(
    january: LoopbackServer, tmp_path
) -> None:
    january.clear_records()
    env = keyed_env(tmp_path / "data", january, OPENAI_TEXT_MODEL="gpt-4.1-mini",
                    OPENAI_TTS_MODEL="gpt-4o-mini-tts")
    done = run_cli(["generate", "--prompt", PROMPT, "--auto", *SMALL, "--format", "json"], env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert last_json(done.stdout)["status"] == "completed"
    assert "warning: OPENAI_TEXT_MODEL=gpt-4.1-mini is not in the provider's model list: using gpt-5-mini" \
        in done.stderr
    assert "OPENAI_TTS_MODEL=gpt-4o-mini-tts" in done.stderr
    assert not RETIRED & set(_models_called(january.records()))


def test_doctor_checks_each_key_and_names_every_models_state(tmp_path) -> None:
    key, token = new_keys()
    soon = (date.today() + timedelta(days=20)).isoformat()  # the server announces a shutdown 20 days off
    catalogue = {**OPENAI_CATALOGUE, "gpt-4.1-mini": soon}
    with LoopbackServer(openai_key=key, replicate_token=token, openai_models=catalogue) as december:
        env = keyed_env(tmp_path / "data", december, OPENAI_TEXT_MODEL="gpt-4.1-mini")
        done = run_cli(["doctor"], env, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        out = done.stdout
        assert "OPENAI_API_KEY       accepted" in out and "REPLICATE_API_TOKEN  accepted" in out
        assert f"OPENAI_TEXT_MODEL       gpt-4.1-mini: shutting down on {soon} (successor: gpt-5-mini)" in out
        assert "OPENAI_VISION_MODEL     gpt-5-mini: live" in out
        assert "REPLICATE_SPEECH_MODEL  minimax/speech-02-turbo: live" in out
        assert "REPLICATE_VIDEO_MODEL   google/veo-3-fast: live" in out
        assert f"warning: OPENAI_TEXT_MODEL=gpt-4.1-mini shuts down on {soon} (in 20 days)" in out
        assert key not in out + done.stderr and token not in out + done.stderr
        # Each key was checked with one cheap call, read now (not from a cache).
        assert december.records("/v1/account") and december.records("/v1/models")

        wrong = {**keyed_env(tmp_path / "data2", december), "OPENAI_API_KEY": "sk-proj-WRONG0000000000000000"}
        refused = run_cli(["doctor"], wrong, timeout=120)
        assert refused.returncode == 1
        assert "OPENAI_API_KEY       OpenAI refused the key: check OPENAI_API_KEY" in refused.stdout


def test_a_replicate_model_whose_schema_lost_an_input_is_refused_before_any_spend(tmp_path) -> None:
    key, token = new_keys()
    with LoopbackServer(openai_key=key, replicate_token=token,
                        schema_drop={"google/veo-3-fast": ["seed"]}) as server:
        env = keyed_env(tmp_path / "data", server)
        done = run_cli(["generate", "--prompt", PROMPT, "--auto", *SMALL, "--format", "json"], env,
                       timeout=120)
        assert done.returncode == 2, done.stdout[-2000:] + done.stderr[-2000:]
        assert "REPLICATE_VIDEO_MODEL=google/veo-3-fast" in done.stderr and "seed (seed)" in done.stderr
        assert not server.records("/v1/chat/") and not server.creates()


def test_a_failed_voice_keeps_the_ad_and_says_why(tmp_path) -> None:
    key, token = new_keys()
    with LoopbackServer(openai_key=key, replicate_token=token) as server:
        server.control(fail_model="minimax/speech-02-turbo", fail_next_predictions=99)
        env = keyed_env(tmp_path / "data", server)
        done = run_cli(["generate", "--prompt", PROMPT, "--auto", *SMALL, "--format", "json"], env,
                       timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        summary = last_json(done.stdout)
        assert summary["status"] == "completed", summary["error"]
        assert [p for p in server.predictions_received() if p["model"] == "minimax/speech-02-turbo"]
        notes = [c["voice_note"] for c in summary["clips"]]
        assert notes and all(n and n.startswith("the voice failed (") for n in notes), notes
        assert key not in done.stdout + done.stderr and token not in done.stdout + done.stderr
