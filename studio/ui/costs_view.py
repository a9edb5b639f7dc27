"""What the ad has cost so far, per stage, beside the estimate made before it ran."""

from __future__ import annotations

import streamlit as st

from studio.models import Generation
from studio.providers.costs import estimate_generation_cost
from studio.service import Studio

ORDER = ("story", "references", "scenes", "clips", "chat", "other")


def cost_line(actual: float, per_stage: dict[str, float], estimate: float) -> str:
    """One line: the actual total, its stages, and the estimate (list prices: an estimate, not a bill)."""
    # "\\$": a bare dollar sign starts LaTeX in Streamlit's markdown.
    parts = [f"{stage} \\${per_stage[stage]:.2f}" for stage in ORDER if per_stage.get(stage)]
    detail = f" ({', '.join(parts)})" if parts else ""
    return f"Cost so far: \\${actual:.2f}{detail} · estimated \\${estimate:.2f} at list prices"


def render_costs(studio: Studio, gen: Generation) -> None:
    """The actual cost (per stage and total) next to the estimate, as the store has it."""
    scenes = len(gen.scenes) or gen.brief.planned_scene_count()
    estimate = estimate_generation_cost(studio.ctx.settings, scenes, gen.brief.duration_s)
    st.caption(cost_line(gen.cost_usd, studio.store.cost_by_stage(gen.id), estimate))
