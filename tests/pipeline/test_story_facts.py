"""The story stage reads the brief twice with a language model (rules and model, reconciled), once offline."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from studio.config import PipelineConfig
from studio.errors import Cancelled, ProviderError
from studio.models import Brief, BriefFactSheet, Story
from studio.pipeline.story import brief_fact_sheet, fact_checklist, read_brief_facts, write_story
from studio.providers.offline import OfflineWriter
from studio.providers.ports import TextRequest
from studio.run import Run

PROMPT = """Brand: Finca Azul
Product: Huila Reserve whole-bean coffee
Offer: 20% off your first bag
CTA: Shop at fincaazul.example
Launch on 12 March in Leeds. #CafeHuila"""
INVENTED = "50% off everything"


class ReadingModel:
    """A language model (`reads_briefs`) whose fact sheet is scripted; the offline writer does the rest."""

    name = "scripted model"
    reads_briefs = True

    def __init__(self, sheet: BriefFactSheet | Exception) -> None:
        self.sheet = sheet
        self.writer = OfflineWriter()
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def generate(self, request: TextRequest, output_type: type, run: Run) -> Any:
        self.calls.append((request.task, request.variables()))
        if request.task == "fact_reader":
            if isinstance(self.sheet, Exception):
                raise self.sheet
            return self.sheet
        return self.writer.generate(request, output_type, run)


class CountingWriter(OfflineWriter):
    def __init__(self) -> None:
        super().__init__()
        self.tasks: list[str] = []

    def generate(self, request: TextRequest, output_type: type, run: Run | None = None) -> Any:
        self.tasks.append(request.task)
        return super().generate(request, output_type, run)


def _brief() -> Brief:
    return Brief(prompt=PROMPT, duration_s=15)


def test_the_offline_writer_reads_nothing_more_and_the_story_has_no_notes():
    writer = CountingWriter()
    story = write_story(_brief(), writer, PipelineConfig(), 7, run=Run(None))
    assert "fact_reader" not in writer.tasks
    assert story.facts == brief_fact_sheet(_brief()) and story.fact_notes == []


def test_a_model_reads_the_brief_once_its_invented_value_is_left_out_and_the_disagreement_noted():
    rules = brief_fact_sheet(_brief())
    assert rules.brand == "Finca Azul" and rules.offers == ["20% off your first bag"]  # the labels say so
    model = ReadingModel(
        BriefFactSheet(
            brand="Huila Reserve",
            offers=["20% off your first bag", INVENTED],
            tags=["#cafehuila"],
            language="en",
        )
    )
    story = write_story(_brief(), model, PipelineConfig(), 7, run=Run(None))

    tasks = [t for t, _ in model.calls]
    assert tasks[0] == "fact_reader" and tasks.count("fact_reader") == 1
    assert model.calls[0][1] == {"brief_text": PROMPT}
    assert INVENTED not in story.facts.offers and story.facts.brand == "Finca Azul"
    assert story.facts.tags == ["#CafeHuila"]  # in the brief's spelling
    assert (
        "Brand: the rules read 'Finca Azul', the model read 'Huila Reserve'; kept 'Finca Azul', the rules' "
        "reading, found by its evidence in the brief." in story.fact_notes
    )
    assert f'The model\'s offer "{INVENTED}" does not occur in the brief: left out.' in story.fact_notes
    # the director and the critic were held to the reconciled sheet
    director = dict(model.calls)["story_director"]
    assert director["facts"] == fact_checklist(story.facts)
    assert not any(INVENTED in line for line in director["facts"])


def test_a_failed_reading_leaves_the_rules_sheet_and_says_so(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    refused = ProviderError("OpenAI refused the request (400): bad schema", provider="OpenAI")
    model = ReadingModel(refused)
    sheet, notes = read_brief_facts(_brief(), model, Run(None))
    assert sheet == brief_fact_sheet(_brief())
    assert notes == ["scripted model could not read the brief, so its facts are the rules' reading alone."]
    assert "could not read the brief's facts (ProviderError: OpenAI refused the request" in caplog.text

    story = write_story(_brief(), model, PipelineConfig(), 7, run=Run(None))
    assert story.fact_notes == notes and story.facts == sheet


def test_a_stop_during_the_reading_stops_the_story():
    with pytest.raises(Cancelled):
        read_brief_facts(_brief(), ReadingModel(Cancelled("stopped")), Run(None))


def test_the_checklist_names_places_dates_names_codes_and_tags():
    sheet = BriefFactSheet(
        places=["Leeds"], dates=["12 March"], names=["Harvest Moon"], codes=["HUILA20"], tags=["#CafeHuila"]
    )
    assert fact_checklist(sheet) == [
        'Name the place as written: "Leeds" (a place, never the brand).',
        'Give the date or time as written: "12 March".',
        'Keep this name or title as written: "Harvest Moon".',
        'Keep this code exactly: "HUILA20".',
        'Show this hashtag or handle as written: "#CafeHuila".',
    ]


def test_a_story_keeps_its_notes_through_the_store_json():
    story = Story.model_validate_json(
        Story(
            title="t",
            text="t",
            framework="AIDA",
            beats=[],
            voiceover=[],
            call_to_action="c",
            fact_notes=["n"],
        ).model_dump_json()
    )
    assert story.fact_notes == ["n"]
    old = Story.model_validate({"title": "t", "text": "t", "framework": "AIDA", "beats": [], "voiceover": [],
                                "call_to_action": "c"})  # fmt: skip
    assert old.fact_notes == []
