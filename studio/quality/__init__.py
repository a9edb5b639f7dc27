"""Quality scores for clips, ads and images: VBench pixel dimensions and, with weights, learned ones."""

from __future__ import annotations

from studio.quality.crossclip import cross_clip_consistency, cross_clip_consistency_in
from studio.quality.frames import read_frames
from studio.quality.learned import LearnedMetrics, load_learned_metrics
from studio.quality.report import (
    VBENCH_DIMENSIONS,
    aggregate,
    normalise,
    score_decoded,
    with_dimension,
    with_dimensions,
)
from studio.quality.stream import score_video
from studio.quality.weights import Availability, learned_availability

__all__ = [
    "VBENCH_DIMENSIONS",
    "Availability",
    "LearnedMetrics",
    "aggregate",
    "cross_clip_consistency",
    "cross_clip_consistency_in",
    "learned_availability",
    "load_learned_metrics",
    "normalise",
    "read_frames",
    "score_decoded",
    "score_video",
    "with_dimension",
    "with_dimensions",
]
