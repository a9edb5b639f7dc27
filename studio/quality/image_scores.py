"""Score image-lab candidates: PickScore 50%, CLIP 25%, VQA-style alignment 15%, aesthetic 10%.

Weights are renormalised over the figures available. Scales (all 0-100 before weighting):
- pick_score: exp(logit_scale)·cos, which is 100·cos for PickScore's CLIP-H (logit scale 100), clipped 0-100;
- clip_score: max(100·cos, 0);
- vqa_alignment: 100 · P("yes") when the vision model is asked whether the image shows the prompt and
  returns log-probabilities;
- aesthetic: LAION aesthetic v2 / 10 · 100 (VBench's normalisation).
When none of the four can be computed (offline, no weights), the imaging-quality figure (sharpness,
noise, exposure) stands in for the total, and the result says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from studio.models import MetricValue
from studio.quality.image import image_figures
from studio.quality.learned import LearnedMetrics
from studio.quality.weights import PULL_COMMAND

log = logging.getLogger(__name__)

WEIGHTS: dict[str, float] = {"pick_score": 0.50, "clip_score": 0.25, "vqa_alignment": 0.15, "aesthetic": 0.10}
STAND_IN = "stand-in: imaging quality (sharpness, noise, exposure); no learned metrics or VQA available"
VQA_QUESTION = "Does this image show: {prompt}? Answer yes or no."


@runtime_checkable
class YesNoJudge(Protocol):
    """A vision model that can answer a yes/no question about an image with the probability of "yes"."""

    def yes_probability(self, image_path: Path, question: str) -> float | None: ...


@dataclass(frozen=True)
class ImageScore:
    """One candidate's figures and its weighted total (0-100)."""

    metrics: dict[str, MetricValue]
    total: float
    basis: str
    """"weighted: pick_score 0.67, clip_score 0.33" or the stand-in label."""
    weights: dict[str, float]


def _unavailable(reason: str) -> MetricValue:
    return MetricValue(value=None, note=f"unavailable: {reason}")


def _learned_figures(
    images: list[np.ndarray], prompt: str, learned: LearnedMetrics | None
) -> list[dict[str, MetricValue]]:
    n = len(images)
    if learned is None:
        reason = f"no learned-metric weights on this machine: get them with `{PULL_COMMAND}`"
        return [
            {k: _unavailable(reason) for k in ("pick_score", "clip_score", "aesthetic")} for _ in range(n)
        ]
    clip = learned.clip_scores(images, prompt)
    pick = learned.pick_scores(images, prompt)
    aest = learned.aesthetic_scores(images)
    out = []
    for i in range(n):
        figs = {"clip_score": MetricValue(value=round(clip[i], 2), raw=clip[i], model_based=True)}
        figs["pick_score"] = (
            MetricValue(value=round(float(np.clip(pick[i], 0, 100)), 2), raw=pick[i], model_based=True)
            if pick is not None
            else _unavailable("PickScore weights not found")
        )
        figs["aesthetic"] = (
            MetricValue(value=round(float(np.clip(aest[i] * 10, 0, 100)), 2), raw=aest[i], model_based=True)
            if aest is not None
            else _unavailable("LAION aesthetic weights not found")
        )
        out.append(figs)
    return out


def vqa_alignment(judge: object, path: Path, prompt: str) -> MetricValue:
    """100 · P("yes") from a vision model that exposes log-probabilities; else unavailable."""
    if not isinstance(judge, YesNoJudge):
        return _unavailable("the vision model does not return log-probabilities")
    try:
        p = judge.yes_probability(path, VQA_QUESTION.format(prompt=prompt))
    except Exception as exc:  # a judge failure costs this one figure, not the ranking
        log.warning("VQA alignment failed for %s: %s", path, exc)
        return _unavailable(f"the vision model failed ({type(exc).__name__})")
    if p is None:
        return _unavailable("the server returned no log-probabilities")
    return MetricValue(value=round(100.0 * float(np.clip(p, 0, 1)), 2), raw=p, model_based=True)


def combine(metrics: dict[str, MetricValue]) -> tuple[float, str, dict[str, float]]:
    """The weighted total over available figures (weights renormalised), or the imaging stand-in."""
    present = {k: w for k, w in WEIGHTS.items() if metrics.get(k) and metrics[k].value is not None}
    if not present:
        return float(metrics["imaging_quality"].value or 0.0), STAND_IN, {"imaging_quality": 1.0}
    total_w = sum(present.values())
    weights = {k: w / total_w for k, w in present.items()}
    total = sum(float(metrics[k].value or 0.0) * w for k, w in weights.items())
    basis = "weighted: " + ", ".join(f"{k} {w:.2f}" for k, w in weights.items())
    return round(total, 2), basis, weights


def score_images(
    paths: list[Path], prompt: str, *, learned: LearnedMetrics | None = None, judge: object = None
) -> list[ImageScore]:
    """Every figure for each image file and its weighted total."""
    from studio.quality.image import load_rgb

    images = [load_rgb(p) for p in paths]
    learned_figs = _learned_figures(images, prompt, learned)
    scores = []
    for path, rgb, figs in zip(paths, images, learned_figs, strict=True):
        f = image_figures(rgb)
        metrics = dict(figs)
        metrics["vqa_alignment"] = vqa_alignment(judge, path, prompt)
        metrics["imaging_quality"] = MetricValue(
            value=round(f.imaging_quality, 2),
            raw=f.imaging_quality / 100,
            note="pixel estimate: 0.5 sharpness + 0.25 noise + 0.25 exposure",
        )
        # The parts, so "why it won" can say which of them made the difference.
        metrics["sharpness"] = MetricValue(value=round(100 * f.sharpness, 2), raw=f.laplacian_var)
        metrics["low_noise"] = MetricValue(value=round(100 * f.noise, 2), raw=f.noise_sigma)
        metrics["exposure"] = MetricValue(value=round(100 * f.exposure, 2), raw=f.luminance)
        total, basis, weights = combine(metrics)
        scores.append(ImageScore(metrics, total, basis, weights))
    return scores
