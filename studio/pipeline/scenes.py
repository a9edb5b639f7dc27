"""Scenes stage: the writer turns the story into scenes, the critic checks, the cohesor aligns them."""

from __future__ import annotations

import logging
import time

from studio.config import PipelineConfig
from studio.errors import BadInput, StageError
from studio.models import (
    Brief,
    ConsistencyContext,
    Scene,
    SceneCritique,
    SceneEdit,
    ScenePlan,
    Story,
)
from studio.pipeline.plan_check import plan_problems, repair_plan
from studio.providers.ports import (
    SceneCohesorRequest,
    SceneCriticRequest,
    SceneWriterRequest,
    TextModel,
)
from studio.run import Run

log = logging.getLogger(__name__)


def _renumber(scenes: list[Scene]) -> list[Scene]:
    out = [s.model_copy(update={"id": i}) for i, s in enumerate(scenes, start=1)]
    if out:
        out[0] = out[0].model_copy(update={"continuous_with_previous": False})
    return out


def write_scenes(
    brief: Brief,
    story: Story,
    context: ConsistencyContext | None,
    text: TextModel,
    config: PipelineConfig,
    seed: int,
    *,
    feedback: str | None = None,
    previous: list[Scene] | None = None,
    run: Run,
) -> list[Scene]:
    """Write the scene plan, revise it while the critic scores below the bar, then make it cohere."""
    deadline = time.monotonic() + config.timeouts_s.scenes
    target_s = brief.scene_seconds(config.stages.end_card)
    base = SceneWriterRequest(
        brief=brief,
        story=story,
        context=context,
        scene_count=brief.planned_scene_count(),
        seed=seed,
        feedback=feedback,
        previous=ScenePlan(scenes=previous) if previous else None,
    )

    # 1. Write
    run.progress(0.1, "Writing the scenes")
    plan = text.generate(base, ScenePlan, run)

    # 2. Critique and rewrite while below the bar
    if config.stages.scene_critic:
        for round_no in range(1, config.iterations.scenes + 1):
            critique = text.generate(
                SceneCriticRequest(brief=brief, story=story, plan=plan), SceneCritique, run
            )
            # A plan off the brief's scene count or length is asked again, whatever the critic says.
            problems = plan_problems(plan, brief, target_s)
            if (critique.score >= config.quality.scene_bar and not problems) or (
                round_no == config.iterations.scenes
            ):
                break
            critique = critique.model_copy(update={"issues": [*problems, *critique.issues]})
            if time.monotonic() > deadline:
                log.warning("scenes stage hit its timeout; keeping the current plan")
                break
            run.progress(
                0.1 + 0.5 * round_no / config.iterations.scenes, f"Rewriting ({critique.score:.1f}/10)"
            )
            again = base.model_copy(update={"previous": plan, "feedback": _revision_note(feedback, critique)})
            plan = text.generate(again, ScenePlan, run)

    # 3. Cohere: one product, one character, one palette; continuity marked
    if config.stages.scene_cohesor and context is not None:
        run.progress(0.8, "Making the scenes cohere")
        plan = text.generate(
            SceneCohesorRequest(brief=brief, story=story, plan=plan, context=context), ScenePlan, run
        )
    if not plan.scenes:
        raise StageError("scenes", "the writer returned no scenes")
    # 4. Hold the plan to the brief: its scene count and total length (±10%), whatever the models said.
    plan = repair_plan(plan, brief, target_s)
    run.progress(1.0, "Scenes ready")
    return _renumber(plan.scenes)


def _revision_note(feedback: str | None, critique: SceneCritique) -> str:
    fixes = "; ".join(critique.issues) or critique.critique
    return f"{feedback}. Also fix: {fixes}" if feedback else f"Fix: {fixes}"


def rewrite_scene(
    brief: Brief,
    story: Story,
    context: ConsistencyContext | None,
    scenes: list[Scene],
    scene_id: int,
    text: TextModel,
    seed: int,
    run: Run,
    feedback: str | None = None,
) -> list[Scene]:
    """Rewrite one scene (with the person's feedback), keeping every other scene as it is."""
    if not any(s.id == scene_id for s in scenes):
        raise BadInput(f"There is no scene {scene_id}; the scenes are numbered 1 to {len(scenes)}.")
    request = SceneWriterRequest(
        brief=brief,
        story=story,
        context=context,
        scene_count=len(scenes),
        seed=seed,
        feedback=feedback,
        previous=ScenePlan(scenes=scenes),
        scene_id=scene_id,
    )
    plan = text.generate(request, ScenePlan, run)
    new = {s.id: s for s in plan.scenes}
    if scene_id not in new:
        raise StageError("scenes", f"the writer did not return scene {scene_id}")
    return [new[scene_id] if s.id == scene_id else s for s in scenes]


def edit_scene(scenes: list[Scene], scene_id: int, edit: SceneEdit) -> list[Scene]:
    """Apply a person's edit to one scene."""
    if not any(s.id == scene_id for s in scenes):
        raise BadInput(f"There is no scene {scene_id}; the scenes are numbered 1 to {len(scenes)}.")
    changes = edit.model_dump(exclude_none=True)
    return [s.model_copy(update=changes) if s.id == scene_id else s for s in scenes]
