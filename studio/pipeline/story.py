"""Story stage: the director writes on a framework, the critic scores, the director revises.

The brief's facts (offers with their terms, the CTA and its address, the brand, numbers) go to the
director and the critic as a checklist, and every draft is checked against them by `studio/brief/checker.py`:
a draft that drops or changes one fails with the reason, whichever model wrote or judged it.

With a language model the brief is read twice: by the rules and by the model (`fact_reader`). Each value
the model returns must occur in the brief, and the two readings are reconciled (`studio/brief/reconcile.py`);
what was left out and where they disagreed travels with the story (`Story.fact_notes`) to the story stop.
"""

from __future__ import annotations

import logging
import time

from studio.brief import (
    FACT_CAP,
    HARD_KINDS,
    TIGHT_FACT_KINDS,
    check_facts,
    is_tight,
    read_fact_sheet,
    reconcile,
    verify,
)
from studio.config import PipelineConfig
from studio.errors import Cancelled, StageError, StudioError
from studio.models import Brief, BriefFactSheet, Story, StoryCritique
from studio.providers.ports import FactReaderRequest, StoryCriticRequest, StoryDirectorRequest, TextModel
from studio.run import Run

log = logging.getLogger(__name__)


def write_story(
    brief: Brief,
    text: TextModel,
    config: PipelineConfig,
    seed: int,
    *,
    feedback: str | None = None,
    previous: Story | None = None,
    run: Run,
) -> Story:
    """Direct a story and revise it while the critic scores it below the bar, keeping the best draft."""
    deadline = time.monotonic() + config.timeouts_s.story
    rounds = config.iterations.story
    # 1. The brief's facts (read by the model too, where there is one), as the checklist every draft keeps
    sheet, notes = read_brief_facts(brief, text, run)
    checklist = fact_checklist(sheet)
    base = StoryDirectorRequest(brief=brief, seed=seed, feedback=feedback, previous=previous, facts=checklist)

    # 2. Draft
    run.progress(0.05, "Writing the story")
    story = _with_facts(text.generate(base, Story, run), sheet, notes)
    if not config.stages.story_critic:
        return story

    # 3. Critique (the fact check included), revise while below the bar
    best: Story | None = None
    for round_no in range(1, rounds + 1):
        run.progress(round_no / (rounds + 1), f"Critic reading draft {round_no}")
        critique = text.generate(
            StoryCriticRequest(brief=brief, story=story, facts=checklist), StoryCritique, run
        )
        critique = hold_to_facts(critique, brief, story)
        story = story.model_copy(
            update={"critic_score": critique.score, "critique": critique.critique, "revision": round_no - 1}
        )
        if best is None or (story.critic_score or 0) > (best.critic_score or 0):
            best = story
        if critique.score >= config.quality.story_bar or round_no == rounds:
            break
        if time.monotonic() > deadline:
            log.warning("story stage hit its %ss timeout; keeping the best draft", config.timeouts_s.story)
            break
        run.progress(round_no / (rounds + 1), f"Revising (critic gave {critique.score:.1f}/10)")
        again = base.model_copy(update={"previous": story, "critique": critique})
        story = _with_facts(text.generate(again, Story, run), sheet, notes)
    if best is None:
        raise StageError("story", "the director returned no story")
    run.progress(1.0, "Story ready")
    return best


def brief_fact_sheet(brief: Brief) -> BriefFactSheet:
    """The facts the brief states, in its words, as the rules read them (the same for every text model)."""
    return read_fact_sheet(brief.prompt)


def reads_briefs(text: TextModel) -> bool:
    """True for a language model, which reads the brief's facts too (the offline writer does not)."""
    return getattr(text, "reads_briefs", False) is True


def read_brief_facts(brief: Brief, text: TextModel, run: Run) -> tuple[BriefFactSheet, list[str]]:
    """The brief's fact sheet and the notes on how it was read.

    By the rules alone with the offline writer (no call). With a language model, also by the model in one
    structured call: each value it returns must occur in the brief (else it is left out, with the reason),
    and the two readings are reconciled, each disagreement a note. A failed call leaves the rules' reading.
    """
    rules = brief_fact_sheet(brief)
    if not reads_briefs(text):
        return rules, []
    try:
        answer = text.generate(FactReaderRequest(brief_text=brief.prompt), BriefFactSheet, run)
    except Cancelled:
        raise
    except StudioError as exc:
        # the studio's own message: the adapters scrub keys from it; the story goes on without the model
        log.warning(
            "The text model could not read the brief's facts (%s: %s); using the rules' reading.",
            type(exc).__name__,
            exc,
        )
        return rules, [f"{text.name} could not read the brief, so its facts are the rules' reading alone."]
    accepted, rejections = verify(answer, brief.prompt)
    sheet, disagreements = reconcile(rules, accepted)
    if rejections:
        log.info("Values of the model's reading that the brief does not hold: %s", "; ".join(rejections))
    return sheet, [*disagreements, *(f"The model's {r}: left out." for r in rejections)]


def fact_checklist(sheet: BriefFactSheet) -> list[str]:
    """The sheet as lines a language model ticks off ('Say this offer exactly: "15% off your first box"')."""
    lines = []
    if sheet.brand:
        lines.append(f'Say the brand "{sheet.brand}" in the voiceover and use it as product_name.')
    if sheet.product:
        lines.append(f'Name the product as the brief does: "{sheet.product}".')
    lines += [f'Say this offer exactly, terms and limits included: "{o}".' for o in sheet.offers]
    if sheet.call_to_action:
        lines.append(f'call_to_action must contain exactly: "{sheet.call_to_action}".')
    if sheet.address:
        lines.append(f'Give the address exactly, in the call to action: "{sheet.address}".')
    lines += [f'Keep this number as written: "{p}".' for p in sheet.proof_points]
    if sheet.audience:
        lines.append(f"Speak to the audience: {sheet.audience}.")
    lines += [f'Must say: "{m}".' for m in sheet.must_say]
    lines += [f'Never say: "{m}".' for m in sheet.must_not_say]
    lines += [f'Name the place as written: "{p}" (a place, never the brand).' for p in sheet.places]
    lines += [f'Give the date or time as written: "{d}".' for d in sheet.dates]
    lines += [f'Keep this name or title as written: "{n}".' for n in sheet.names]
    lines += [f'Keep this code exactly: "{c}".' for c in sheet.codes]
    lines += [f'Show this hashtag or handle as written: "{t}".' for t in sheet.tags]
    return lines


def hold_to_facts(critique: StoryCritique, brief: Brief, story: Story) -> StoryCritique:
    """The critic's verdict, failed (score capped, reasons added) when the story drops a stated fact."""
    tight = is_tight(brief.duration_s)
    kinds = TIGHT_FACT_KINDS if tight else HARD_KINDS
    report = check_facts(story.facts, story)
    issues = [f"Brief fact missed ({c.kind}): {c.reason}" for c in report.missed if c.kind in kinds]
    new = [i for i in issues if i not in critique.issues]
    if not issues:
        return critique
    return StoryCritique(
        score=min(critique.score, FACT_CAP),
        critique=" ".join([critique.critique, *new]).strip(),
        issues=[*critique.issues, *new],
    )


def _with_facts(story: Story, sheet: BriefFactSheet, notes: list[str]) -> Story:
    """The story carrying the brief's facts and how they were read (a model's own copy is replaced)."""
    if story.facts == sheet and story.fact_notes == notes:
        return story
    return story.model_copy(update={"facts": sheet, "fact_notes": list(notes)})
