"""Quality scores for clips, ads and images: VBench pixel dimensions and, with weights, learned ones."""

from __future__ import annotations

from studio.quality.crossclip import cross_clip_consistency
from studio.quality.learned import LearnedMetrics, load_learned_metrics
from studio.quality.report import VBENCH_DIMENSIONS, aggregate, normalise, score_video, with_dimension

__all__ = [
    "VBENCH_DIMENSIONS",
    "LearnedMetrics",
    "aggregate",
    "cross_clip_consistency",
    "load_learned_metrics",
    "normalise",
    "score_video",
    "with_dimension",
]
