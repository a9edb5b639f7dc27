"""Story stage: the director writes on a framework, the critic scores, the director revises.

The brief's facts (offers with their terms, the CTA and its address, the brand, numbers) go to the
director and the critic as a checklist, and every draft is checked against them by `studio/brief/checker.py`:
a draft that drops or changes one fails with the reason, whichever model wrote or judged it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from studio.brief import FACT_CAP, HARD_KINDS, TIGHT_FACT_KINDS, check_facts, is_tight, read_fact_sheet
from studio.config import PipelineConfig
from studio.errors import StageError
from studio.models import Brief, BriefFactSheet, Story, StoryCritique
from studio.providers.ports import TextModel
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
    # 1. The brief's facts, as the checklist every draft is held to
    sheet = brief_fact_sheet(brief)
    checklist = fact_checklist(sheet)
    base: dict[str, Any] = {
        "brief": brief,
        "seed": seed,
        "feedback": feedback,
        "previous": previous,
        "facts": checklist,
    }

    # 2. Draft
    run.progress(0.05, "Writing the story")
    story = _with_facts(text.generate("story_director", {**base, "critique": None}, Story, run), sheet)
    if not config.stages.story_critic:
        return story

    # 3. Critique (the fact check included), revise while below the bar
    best: Story | None = None
    for round_no in range(1, rounds + 1):
        run.progress(round_no / (rounds + 1), f"Critic reading draft {round_no}")
        critique = text.generate(
            "story_critic", {"brief": brief, "story": story, "facts": checklist}, StoryCritique, run
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
        again = {**base, "previous": story, "critique": critique}
        story = _with_facts(text.generate("story_director", again, Story, run), sheet)
    if best is None:
        raise StageError("story", "the director returned no story")
    run.progress(1.0, "Story ready")
    return best


def brief_fact_sheet(brief: Brief) -> BriefFactSheet:
    """The facts the brief states, in its words (read by rules, the same for every text model)."""
    return read_fact_sheet(brief.prompt)


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


def _with_facts(story: Story, sheet: BriefFactSheet) -> Story:
    """The story carrying the brief's facts (a model's own copy of them is replaced by the brief's)."""
    return story if story.facts == sheet else story.model_copy(update={"facts": sheet})
