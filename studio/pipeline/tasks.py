"""The functions that run on workers: render a chain of clips, score a clip, score the ad.

Each takes plain values (settings, ids), so the same call runs on the thread pool or a Dask worker.
This is the only place that looks a context up (`context_for`, built once per process and keyed on the
settings' fingerprint); everything below receives the context and the generation's Run as arguments.
"""

from __future__ import annotations

from studio.bootstrap import context_for
from studio.config import Settings
from studio.logs import logging_for
from studio.models import QualityReport
from studio.pipeline import clips, scoring


def render_chain(settings: Settings, gen_id: str, scene_ids: list[int]) -> list[int]:
    """Render a chain of continuous scenes in order; returns the ids whose clip failed."""
    ctx = context_for(settings)
    with logging_for(gen_id):
        return clips.render_chain(ctx, gen_id, scene_ids, ctx.run_for(gen_id))


def score_clip(settings: Settings, gen_id: str, scene_id: int) -> float | None:
    """Score one finished clip and store its report (NULL on failure)."""
    with logging_for(gen_id):
        return scoring.score_clip(context_for(settings), gen_id, scene_id)


def prepare_scoring(settings: Settings) -> None:
    """Load the learned metrics in this worker's process ahead of `score_ad` (see scoring.prepare)."""
    context_for(settings)
    scoring.prepare()


def score_ad(settings: Settings, gen_id: str, location: str | None = None) -> QualityReport | None:
    """Score the version of the ad at `location` (the current one when None) and store its report."""
    with logging_for(gen_id):
        return scoring.score_ad(context_for(settings), gen_id, location)


__all__ = ["prepare_scoring", "render_chain", "score_ad", "score_clip"]
