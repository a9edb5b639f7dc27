"""The story stage holds any text model to the brief's facts: a checklist in, one checker on the answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio.brief import FACT_CAP, check_facts
from studio.config import PipelineConfig
from studio.models import Beat, Brief, Story, StoryCritique
from studio.pipeline.story import brief_fact_sheet, fact_checklist, hold_to_facts, write_story
from studio.providers.offline import OfflineWriter
from studio.providers.ports import TextRequest
from studio.run import Run

BREWCO = (
    "Morning Ritual cold brew by Brewco: smooth, low-acid coffee steeped 18 hours, for busy parents who need "
    "calm mornings. 15% off your first box. Order at brewco.example"
)


def _story(lines: list[str], cta: str) -> Story:
    names = ["Attention", "Interest", "Desire", "Action"]
    return Story(
        title="Morning Ritual",
        product_name="Brewco",
        text=" ".join(lines),
        framework="AIDA",
        beats=[Beat(name=n, text=t) for n, t in zip(names, lines, strict=True)],
        voiceover=lines,
        call_to_action=cta,
    )


# what a language model answered in the issue: 'Ritual', no Brewco, a changed offer, no address
DRIFTED = _story(
    ["Busy parents?", "Meet Ritual cold brew.", "Steeped 18 hours.", "Enjoy 15% off today."],
    "Enjoy 15% off today.",
)
FAITHFUL = _story(
    [
        "Busy parents?",
        "Morning Ritual cold brew by Brewco.",
        "Smooth, low-acid, steeped 18 hours.",
        "15% off your first box. Order at brewco.example.",
    ],
    "Order at brewco.example.",
)


class ScriptedModel:
    """A TextModel that answers from a script and keeps every request's variables."""

    name = "scripted"

    def __init__(self, stories: list[Story], score: float) -> None:
        self.stories = list(stories)
        self.score = score
        self.calls: list[tuple[str, Mapping[str, Any]]] = []

    def generate(self, request: TextRequest, output_type: type, run: Run) -> Any:
        self.calls.append((request.task, request.variables()))
        if request.task == "story_director":
            return self.stories.pop(0)
        return StoryCritique(score=self.score, critique="Ready to go.", issues=[])


def test_the_brief_facts_reach_the_model_as_a_checklist_and_its_drift_is_revised():
    model = ScriptedModel([DRIFTED, FAITHFUL], score=9.5)
    story = write_story(Brief(prompt=BREWCO, duration_s=15), model, PipelineConfig(), 7, run=Run(None))
    checklist = model.calls[0][1]["facts"]
    assert 'Say this offer exactly, terms and limits included: "15% off your first box".' in checklist
    assert 'call_to_action must contain exactly: "Order at brewco.example".' in checklist
    assert any("Brewco" in line for line in checklist)
    tasks = [t for t, _ in model.calls]
    assert tasks == ["story_director", "story_critic", "story_director", "story_critic"]
    # the model's own 9.5 for the drifted draft was failed with the reasons, and the revision asked for
    revise = model.calls[2][1]["critique"]
    assert revise.score == FACT_CAP
    assert any("(offer)" in i and "15% off your first box" in i for i in revise.issues)
    assert any("(brand)" in i and "Brewco" in i for i in revise.issues)
    assert any("(address)" in i for i in revise.issues)
    assert story.call_to_action == "Order at brewco.example." and story.critic_score == 9.5
    assert story.facts.offers == ["15% off your first box"]
    assert check_facts(story.facts, story).passed


def test_the_offline_stage_turns_the_issue_brief_into_an_ad_that_keeps_every_fact():
    story = write_story(
        Brief(prompt=BREWCO, duration_s=15), OfflineWriter(), PipelineConfig(), 7, run=Run(None)
    )
    spoken = " ".join(story.voiceover)
    assert "Brewco" in spoken and story.product_name == "Brewco"
    assert "Morning Ritual cold brew" in spoken and "18 hours" in spoken
    assert "15% off your first box" in spoken and "today" not in spoken.lower()
    assert story.call_to_action.rstrip(".!") == "Order at brewco.example"
    assert not any(a.startswith("No call to action given") for a in story.assumptions)
    assert (story.critic_score or 0) >= 7.5 and "Brief fact missed" not in story.critique


def test_a_brief_without_a_cta_states_the_one_the_ad_ends_on():
    prompt = "Crunchbite granola bars with 12g of protein, 20% off this week at crunchbite.example"
    story = write_story(
        Brief(prompt=prompt, duration_s=15), OfflineWriter(), PipelineConfig(), 3, run=Run(None)
    )
    assert story.call_to_action.rstrip(".!") == "Visit crunchbite.example"
    said = [a for a in story.assumptions if a.startswith("No call to action given")]
    assert said and "Visit crunchbite.example" in said[0] and "address" in said[0]


def test_hold_to_facts_leaves_a_faithful_verdict_alone_and_fails_a_drifted_one():
    brief = Brief(prompt=BREWCO, duration_s=15)
    sheet = brief_fact_sheet(brief)
    good = StoryCritique(score=9.0, critique="Fine.", issues=[])
    assert hold_to_facts(good, brief, FAITHFUL.model_copy(update={"facts": sheet})) == good
    failed = hold_to_facts(good, brief, DRIFTED.model_copy(update={"facts": sheet}))
    assert failed.score == FACT_CAP and "15% off your first box" in failed.critique
    assert fact_checklist(sheet)[0] == 'Say the brand "Brewco" in the voiceover and use it as product_name.'


def test_the_end_card_gets_the_brand_and_the_address_and_the_page_shows_the_cta_assumption(tmp_path):
    from studio.models import Scene
    from studio.render.assembly import AdAssembly, AssemblyClip, end_card_inputs
    from studio.ui.story_view import cta_assumption

    clip = AssemblyClip(
        path=tmp_path / "a.mp4", scene=Scene(id=1, description="x", duration_s=3), duration_s=3
    )
    request = AdAssembly(
        clips=[clip],
        width=720,
        height=1280,
        aspect_ratio="9:16",
        product_name="Brewco",
        call_to_action="Order now",
        brand="Brewco",
        address="brewco.example",
    )
    card = end_card_inputs(request, None)
    assert (card.brand, card.address, card.call_to_action) == ("Brewco", "brewco.example", "Order now")
    prompt = "Crunchbite granola bars with 12g of protein, 20% off this week at crunchbite.example"
    story = write_story(
        Brief(prompt=prompt, duration_s=15), OfflineWriter(), PipelineConfig(), 3, run=Run(None)
    )
    assert "Visit crunchbite.example" in cta_assumption(story)
    assert cta_assumption(FAITHFUL) == ""
