"""Story stage: the director writes on a framework, the critic scores, the director revises."""

from __future__ import annotations

import logging
import time
from typing import Any

from studio.config import PipelineConfig
from studio.errors import StageError
from studio.models import Brief, Story, StoryCritique
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
    base: dict[str, Any] = {"brief": brief, "seed": seed, "feedback": feedback, "previous": previous}

    # 1. Draft
    run.progress(0.05, "Writing the story")
    story = text.generate("story_director", {**base, "critique": None}, Story, run)
    if not config.stages.story_critic:
        return story

    # 2. Critique, revise while below the bar
    best: Story | None = None
    for round_no in range(1, rounds + 1):
        run.progress(round_no / (rounds + 1), f"Critic reading draft {round_no}")
        critique = text.generate("story_critic", {"brief": brief, "story": story}, StoryCritique, run)
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
        story = text.generate("story_director", {**base, "previous": story, "critique": critique}, Story, run)
    if best is None:
        raise StageError("story", "the director returned no story")
    run.progress(1.0, "Story ready")
    return best
