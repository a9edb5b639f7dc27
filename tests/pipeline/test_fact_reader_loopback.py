"""The brief read by a language model over OpenAI's wire format (loopback): the model receives the brief and
the fact sheet's strict schema, a value it invents is left out with the reason, and the disagreement
between its reading and the rules' waits on the story at the story stop. A failed reading never fails the
story, and the key never reaches the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import SecretStr

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief, BriefFactSheet, Generation
from studio.pipeline.story import brief_fact_sheet
from studio.providers.openai_text import OpenAIText
from studio.service import Studio

PROMPT = """Brand: Finca Azul
Product: Huila Reserve whole-bean coffee
Offer: 20% off your first bag
CTA: Shop at fincaazul.example
Launch on 12 March in Leeds."""
INVENTED = "50% off everything"
READING = {"brand": "Huila Reserve", "offers": ["20% off your first bag", INVENTED]}
"""The model's reading: the rules' own, with another brand from the brief and one invented offer."""


def _story_stop(tmp_path: Path, loopback) -> tuple[Studio, Generation]:
    settings = Settings(
        data_dir=tmp_path / "data",
        max_concurrent=2,
        openai_api_key=SecretStr(loopback.openai_key),
        openai_base_url=loopback.openai_base_url,
    )
    studio = Studio(open_context(settings))
    assert isinstance(studio.ctx.providers.text, OpenAIText)
    brief = Brief(
        prompt=PROMPT, resolution="360p", duration_s=15, scene_count=3, seed=4242, mode="interactive"
    )
    gen = studio.run(studio.create(brief).id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "story"), gen.error
    return studio, studio.store.get(gen.id)


def test_the_model_reads_the_brief_and_what_it_invents_is_left_out(tmp_path: Path, loopback) -> None:
    loopback.control(answer_overrides={"fact_reader": READING})
    studio, gen = _story_stop(tmp_path, loopback)
    try:
        chats = loopback.records("/v1/chat/completions", "POST")
        sources = [r.get("answer_source") for r in chats]
        assert sources[0] == "writer:fact_reader" and sources.count("writer:fact_reader") == 1, sources
        # (a) what the model received: the brief word for word, and the sheet's strict schema
        sent = chats[0]["json"]
        user = next(m["content"] for m in sent["messages"] if m["role"] == "user")
        assert PROMPT in user
        spec = sent["response_format"]["json_schema"]
        assert sent["response_format"]["type"] == "json_schema" and spec["strict"] is True
        assert spec["name"] == "BriefFactSheet"
        assert set(spec["schema"]["properties"]) == set(BriefFactSheet.model_fields)
        assert set(spec["schema"]["required"]) == set(BriefFactSheet.model_fields)
        # every later request (the director, the critic) came after the reading
        assert all(s != "writer:fact_reader" for s in sources[1:])

        story = gen.story
        assert story is not None
        # (b) the invented offer was rejected with its reason and is nowhere in the story's facts
        assert f'The model\'s offer "{INVENTED}" does not occur in the brief: left out.' in story.fact_notes
        assert INVENTED not in story.facts.model_dump_json()
        # (c) the disagreement is on the story; the rules' brand (from its label) was kept
        rules = brief_fact_sheet(gen.brief)
        assert rules.brand == "Finca Azul"
        assert (
            "Brand: the rules read 'Finca Azul', the model read 'Huila Reserve'; kept 'Finca Azul', the "
            "rules' reading, found by its evidence in the brief." in story.fact_notes
        )
        assert story.facts.brand == "Finca Azul" and story.facts.offers == ["20% off your first bag"]
        # the director was held to the reconciled facts, not to the model's invention
        director = chats[1]["json"]["messages"]
        assert INVENTED not in str(director) and "Finca Azul" in str(director)
    finally:
        studio.ctx.runner.shutdown()


def test_a_refused_reading_leaves_the_rules_facts_and_the_story_goes_on(
    tmp_path: Path, loopback, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    loopback.control(faults=[{"prefix": "/v1/chat/completions", "status": 400, "count": 1}])
    studio, gen = _story_stop(tmp_path, loopback)
    try:
        chats = loopback.records("/v1/chat/completions", "POST")
        assert chats[0]["status"] == 400 and all(r["status"] == 200 for r in chats[1:])
        story = gen.story
        assert story is not None
        assert story.facts == brief_fact_sheet(gen.brief)
        name = studio.ctx.providers.text.name
        assert story.fact_notes == [
            f"{name} could not read the brief, so its facts are the rules' reading alone."
        ]
        assert "could not read the brief's facts" in caplog.text
        assert loopback.openai_key not in caplog.text
    finally:
        studio.ctx.runner.shutdown()
