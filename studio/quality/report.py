"""Score a video's frames: VBench's dimensions normalised to 0-100, grouped into the figures the page
shows. A file is scored by streaming its frames into these (`stream.score_video`); this module knows no
file.

Normalisation: value = 100 · clip((raw − min) / (max − min), 0, 1) with VBench's published min/max
(VBench `scripts/constant.py`, the "normalised" leaderboard):
    subject_consistency     0.1462 – 1.0      background_consistency  0.2615 – 1.0
    temporal_flickering     0.6293 – 1.0      motion_smoothness       0.706  – 0.9975
    dynamic_degree          0 – 1             imaging_quality         0 – 1 (MUSIQ/100; ours 0-100 already)
    aesthetic_quality       0 – 1 (LAION/10)
Ours: clip_score is 0-100 by construction; cross_clip_consistency is 0-100 (see crossclip.py).

Groups (each the mean of the dimensions in it that are available; None, with a note, when none is). Every
dimension belongs to one group only, so no two groups can report the same figure by construction:
    composition    clip_score (frames match the words), text_fidelity (OCR), brand_presence (product seen)
    coherence      subject_consistency, background_consistency, cross_clip_consistency
    motion         motion_smoothness, temporal_flickering, dynamic_degree
    visual_appeal  aesthetic_quality, imaging_quality
    overall        the mean of the available groups; `overall_covers` names them
"""

from __future__ import annotations

import time

import numpy as np

from studio.models import MetricValue, QualityReport
from studio.quality import video as vm
from studio.quality.frames import VideoFrames
from studio.quality.image import image_figures
from studio.quality.learned import LearnedMetrics
from studio.quality.weights import PULL_COMMAND

VBENCH_RANGES: dict[str, tuple[float, float]] = {
    "subject_consistency": (0.1462, 1.0),
    "background_consistency": (0.2615, 1.0),
    "temporal_flickering": (0.6293, 1.0),
    "motion_smoothness": (0.706, 0.9975),
    "dynamic_degree": (0.0, 1.0),
    "imaging_quality": (0.0, 1.0),
    "aesthetic_quality": (0.0, 1.0),
}
VBENCH_DIMENSIONS = tuple(VBENCH_RANGES)
GROUPS: dict[str, tuple[str, ...]] = {
    "composition": ("clip_score", "text_fidelity", "brand_presence"),
    "coherence": ("subject_consistency", "background_consistency", "cross_clip_consistency"),
    "motion": ("motion_smoothness", "temporal_flickering", "dynamic_degree"),
    "visual_appeal": ("aesthetic_quality", "imaging_quality"),
}
IMAGING_FRAMES = 6
LEARNED_FRAMES = 4
LEARNED_CONSISTENCY_FRAMES = 8
PIXEL_NOTE = "pixel estimate"


def normalise(dimension: str, raw: float) -> float:
    """VBench's min/max normalisation to 0-100 (see the module notes)."""
    lo, hi = VBENCH_RANGES[dimension]
    return round(100.0 * float(np.clip((raw - lo) / (hi - lo), 0.0, 1.0)), 2)


def vbench_metric(dimension: str, raw: float, *, model_based: bool = False, note: str = "") -> MetricValue:
    return MetricValue(value=normalise(dimension, raw), raw=raw, model_based=model_based, note=note)


def unavailable(reason: str) -> MetricValue:
    return MetricValue(value=None, note=f"unavailable: {reason}")


def aggregate(report: QualityReport) -> QualityReport:
    """Fill composition, coherence, motion, visual appeal and overall from the available dimensions.

    A group with no measured dimension is None with a note saying which figures it lacks; the overall
    is the mean of the groups that have one, and `overall_covers` names them.
    """
    groups: dict[str, float | None] = {}
    notes: dict[str, str] = {}
    for group, names in GROUPS.items():
        values = [report.dimensions[n].value for n in names if n in report.dimensions]
        present = [v for v in values if v is not None]
        groups[group] = round(float(np.mean(present)), 2) if present else None
        if not present:
            notes[group] = f"unavailable: none of {', '.join(names)} was measured"
    covers = [g for g, v in groups.items() if v is not None]
    overall = round(float(np.mean([groups[g] for g in covers])), 2) if covers else None
    return report.model_copy(
        update={**groups, "overall": overall, "group_notes": notes, "overall_covers": covers}
    )


def with_dimension(report: QualityReport, name: str, metric: MetricValue) -> QualityReport:
    """The report with one more dimension (e.g. cross_clip_consistency for an ad), groups recomputed."""
    return with_dimensions(report, {name: metric})


def with_dimensions(report: QualityReport, extra: dict[str, MetricValue]) -> QualityReport:
    """The report with more dimensions, groups recomputed."""
    return aggregate(report.model_copy(update={"dimensions": {**report.dimensions, **extra}}))


def frames_needed(n: int, fps: float, *, learned: bool = False) -> set[int]:
    """Every frame index `score_frames` reads in a video of n frames (beside flicker's pairs)."""
    needed = vm.frames_needed(n, fps)
    needed.update(int(i) for i in vm.evenly(n, IMAGING_FRAMES))
    if learned:
        needed.update(int(i) for i in vm.evenly(n, LEARNED_FRAMES))
        needed.update(vm.consistency_indices(n, fps, max_frames=LEARNED_CONSISTENCY_FRAMES))
    return needed


def _learned_dimensions(
    frames: vm.Frames, fps: float, prompt: str | None, learned: LearnedMetrics | None
) -> dict[str, MetricValue]:
    if learned is None:
        reason = f"no learned-metric weights on this machine: get them with `{PULL_COMMAND}`"
        return {"aesthetic_quality": unavailable(reason), "clip_score": unavailable(reason)}
    sample = [frames[i] for i in vm.evenly(len(frames), LEARNED_FRAMES)]
    out: dict[str, MetricValue] = {}
    aesthetic = learned.aesthetic_scores(sample)
    if aesthetic is None:
        out["aesthetic_quality"] = unavailable(
            f"LAION aesthetic predictor weights not found: get them with `{PULL_COMMAND} aesthetic`"
        )
    else:
        raw = float(np.mean(aesthetic)) / 10.0  # VBench: LAION score / 10
        out["aesthetic_quality"] = vbench_metric(
            "aesthetic_quality", raw, model_based=True, note="LAION aesthetic v2"
        )
    if prompt:
        score = float(np.mean(learned.clip_scores(sample, prompt)))
        out["clip_score"] = MetricValue(
            value=round(score, 2), raw=score / 100, model_based=True, note=learned.clip.name
        )
    else:
        out["clip_score"] = unavailable("no scene text to compare the frames with")
    centres = vm.consistency_frames(frames, fps, max_frames=LEARNED_CONSISTENCY_FRAMES)
    h, w = frames.shape[1:3]
    feats = list(learned.image_features([f[h // 4 : h - h // 4, w // 4 : w - w // 4] for f in centres]))
    out["subject_consistency"] = vbench_metric(
        "subject_consistency",
        vm.consistency(feats),
        model_based=True,
        note=f"CLIP features ({learned.clip.name})",
    )
    return out


def score_frames(
    frames: vm.Frames, fps: float, prompt: str | None = None, *, learned: LearnedMetrics | None = None
) -> dict[str, MetricValue]:
    """Every dimension for decoded frames (N, H, W, 3), or the ones a streamed decode kept."""
    dims: dict[str, MetricValue] = {}
    dims["temporal_flickering"] = vbench_metric("temporal_flickering", vm.temporal_flickering(frames))
    dims["motion_smoothness"] = vbench_metric(
        "motion_smoothness", vm.motion_smoothness(frames), note=f"{PIXEL_NOTE}: DIS-flow interpolation"
    )
    dyn = vm.dynamic_degree(frames, fps)
    dims["dynamic_degree"] = MetricValue(
        value=round(100.0 * dyn.share, 2),
        raw=dyn.share,
        note=f"{PIXEL_NOTE}: {dyn.moving_pairs}/{dyn.pairs} frame pairs move (DIS flow); "
        f"VBench verdict {'dynamic' if dyn.vbench_dynamic else 'static'}",
    )
    subject, background = vm.subject_background_consistency(frames, fps)
    dims["subject_consistency"] = vbench_metric(
        "subject_consistency", subject, note=f"{PIXEL_NOTE}: centre, camera motion compensated"
    )
    dims["background_consistency"] = vbench_metric(
        "background_consistency", background, note=f"{PIXEL_NOTE}: border, camera motion compensated"
    )
    imaging = [image_figures(frames[i]).imaging_quality for i in vm.evenly(len(frames), IMAGING_FRAMES)]
    dims["imaging_quality"] = vbench_metric(
        "imaging_quality", float(np.mean(imaging)) / 100.0, note=f"{PIXEL_NOTE}: sharpness, noise, exposure"
    )
    dims.update(_learned_dimensions(frames, fps, prompt, learned))
    return dims


def score_sampled(
    frames: vm.Frames,
    fps: float,
    prompt: str | None = None,
    *,
    clip_index: int | None = None,
    learned: LearnedMetrics | None = None,
) -> QualityReport:
    """Score frames (decoded, or sampled by a streamed decode) into a grouped report."""
    start = time.perf_counter()
    dims = score_frames(frames, fps, prompt, learned=learned)
    report = aggregate(QualityReport(clip_index=clip_index, dimensions=dims))
    report.scoring_seconds = round(time.perf_counter() - start, 3)
    return report


def score_decoded(
    video: VideoFrames,
    prompt: str | None = None,
    *,
    clip_index: int | None = None,
    learned: LearnedMetrics | None = None,
) -> QualityReport:
    """Score frames already decoded by `read_frames` (a caller that needs them too decodes once)."""
    return score_sampled(video.frames, video.fps, prompt, clip_index=clip_index, learned=learned)
