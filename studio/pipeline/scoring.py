"""Scores stage: every clip and the whole ad, scored in the background; a failure stores NULL.

studio/tasks.py sends these to a thread pool or a Dask worker. Scoring calls no provider: it charges
nothing, so it needs the context but no Run.
"""

from __future__ import annotations

import logging

from studio.bootstrap import StudioContext
from studio.models import QualityReport

log = logging.getLogger(__name__)


def _learned():  # type: ignore[no-untyped-def]
    """Learned metrics when their weights are on the machine, else None (load_learned_metrics caches)."""
    from studio.quality import load_learned_metrics

    try:
        return load_learned_metrics()
    except Exception as exc:  # a broken model install must not stop the pixel metrics
        log.warning("learned metrics unavailable: %s", exc)
        return None


def score_clip(ctx: StudioContext, gen_id: str, scene_id: int) -> float | None:
    """Score one clip against its scene's text and store the report (NULL on failure)."""
    from studio.quality import score_video

    try:
        gen = ctx.store.get(gen_id)
        clip = ctx.store.clip(gen_id, scene_id)
        scene = next(s for s in gen.scenes if s.id == scene_id)
        path = ctx.providers.media.local_path(clip.location or "")
        report = score_video(path, scene.description, clip_index=scene_id, learned=_learned())
    except Exception as exc:
        log.warning("scoring clip %s of %s failed: %s", scene_id, gen_id, exc)
        ctx.store.save_quality(gen_id, None, scene_id, error=f"{type(exc).__name__}: {exc}")
        return None
    ctx.store.save_quality(gen_id, report, scene_id)
    _set_scene_score(ctx, gen_id, scene_id, report.overall)
    return report.overall


def _set_scene_score(ctx, gen_id: str, scene_id: int, overall: float | None) -> None:  # type: ignore[no-untyped-def]
    """Copy the clip's overall onto its scene (Scene.quality_score)."""

    def change(gen) -> None:  # type: ignore[no-untyped-def]
        gen.scenes = [
            s.model_copy(update={"quality_score": overall}) if s.id == scene_id else s for s in gen.scenes
        ]

    ctx.store.update(gen_id, change)


def score_ad(ctx: StudioContext, gen_id: str) -> QualityReport | None:
    """Score the finished ad, with the cross-clip consistency the references exist for."""
    from studio.quality import cross_clip_consistency, score_video, with_dimension

    try:
        gen = ctx.store.get(gen_id)
        if gen.ad is None:
            raise ValueError("the ad has not been assembled")
        media = ctx.providers.media
        prompt = gen.story.text if gen.story else gen.brief.prompt
        report = score_video(
            media.local_path(gen.ad.location), prompt, clip_index=None, learned=_learned()
        )
        clip_paths = [media.local_path(c.location) for c in gen.clips if c.location]
        if len(clip_paths) >= 2:
            report = with_dimension(report, "cross_clip_consistency", cross_clip_consistency(clip_paths))
    except Exception as exc:
        log.warning("scoring the ad %s failed: %s", gen_id, exc)
        ctx.store.save_quality(gen_id, None, None, error=f"{type(exc).__name__}: {exc}")
        return None
    ctx.store.save_quality(gen_id, report, None)
    return report
