"""How alike the clips of one ad look: palette (colour histogram) and structure (edge layout).

The reference stage exists to raise this figure. Per clip we average, over up to SAMPLES frames:
- a palette histogram in HSV (12 hue x 4 saturation x 4 value bins, normalised to sum 1);
- a structure descriptor: gradient magnitude per cell of a 6x6 grid and 8 orientations (288 values).
For each pair of clips: palette similarity = histogram intersection (Σ min, in [0, 1]); structure
similarity = Pearson correlation of the descriptors, negatives clipped to 0. The figure is
100 · (0.5 palette + 0.5 structure), averaged over every pair of clips.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import cv2
import numpy as np

from studio.models import MetricValue
from studio.quality.frames import read_frames, scaled_size
from studio.quality.video import Frames, evenly

SAMPLES = 8
DESCRIPTOR_SIDE = 160
"""Long side the descriptors are computed at, whatever size the frames were decoded at."""
_GRID = 6
_ORIENTATIONS = 8


def palette_histogram(frames: np.ndarray) -> np.ndarray:
    """Mean normalised HSV histogram (12x4x4) of the frames."""
    total = np.zeros(12 * 4 * 4, dtype=np.float64)
    for frame in frames:
        hsv = cv2.cvtColor(frame, cv2.COLOR_RGB2HSV)
        hist = cv2.calcHist([hsv], [0, 1, 2], None, [12, 4, 4], [0, 180, 0, 256, 0, 256]).ravel()
        total += hist / max(1.0, hist.sum())
    return total / max(1, len(frames))


def structure_descriptor(frames: np.ndarray) -> np.ndarray:
    """Mean gradient-orientation energy per grid cell (6x6 cells x 8 orientations) of the frames."""
    total = np.zeros(_GRID * _GRID * _ORIENTATIONS, dtype=np.float64)
    for frame in frames:
        gray = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY).astype(np.float32)
        gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
        gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
        mag, ang = cv2.cartToPolar(gx, gy)
        bins = (np.mod(ang, np.pi) / np.pi * _ORIENTATIONS).astype(int) % _ORIENTATIONS
        h, w = gray.shape
        rows = np.minimum(np.arange(h) * _GRID // h, _GRID - 1)[:, None]
        cols = np.minimum(np.arange(w) * _GRID // w, _GRID - 1)[None, :]
        index = (rows * _GRID + cols) * _ORIENTATIONS + bins
        desc = np.bincount(index.ravel(), weights=mag.ravel(), minlength=total.size)
        total += desc / max(1e-6, desc.sum())
    return total / max(1, len(frames))


def pair_similarity(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
) -> tuple[float, float]:
    """Palette intersection and structure correlation of two clips' descriptors."""
    palette = float(np.minimum(a[0], b[0]).sum())
    sa, sb = a[1] - a[1].mean(), b[1] - b[1].mean()
    denom = float(np.linalg.norm(sa) * np.linalg.norm(sb))
    structure = max(0.0, float(np.dot(sa, sb)) / denom) if denom > 1e-12 else 1.0
    return palette, structure


def frames_needed(n: int) -> set[int]:
    """The frame indices the descriptors of a clip of n frames read."""
    return {int(i) for i in evenly(n, SAMPLES)}


def descriptors(frames: Frames) -> tuple[np.ndarray, np.ndarray]:
    """Palette and structure descriptors from up to SAMPLES of the frames, at the descriptor size."""
    picked = np.stack([frames[i] for i in evenly(len(frames), SAMPLES)])
    h, w = picked.shape[1:3]
    size = scaled_size(w, h, DESCRIPTOR_SIDE)
    if size != (w, h):
        picked = np.stack([cv2.resize(f, size, interpolation=cv2.INTER_AREA) for f in picked])
    return palette_histogram(picked), structure_descriptor(picked)


def clip_descriptors(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Palette and structure descriptors of one clip from up to SAMPLES frames."""
    return descriptors(read_frames(path, max_side=DESCRIPTOR_SIDE).frames)


def cross_clip_consistency(paths: list[Path]) -> MetricValue:
    """Palette and structure similarity between the clips of one ad (0-100), each clip decoded."""
    if len(paths) < 2:
        return MetricValue(note="unavailable: needs two or more clips")
    return cross_clip_consistency_of([clip_descriptors(Path(p)) for p in paths])


def cross_clip_consistency_in(frames: np.ndarray, spans: list[tuple[int, int]]) -> MetricValue:
    """The same figure from frames already decoded (an ad's), each clip being frames[start:end].

    Scoring an ad decodes it once; its clips are slices of those frames, not decoded again."""
    clips = [frames[a:b] for a, b in spans if b > a]
    if len(clips) < 2:
        return MetricValue(note="unavailable: needs two or more clips")
    return cross_clip_consistency_of([descriptors(c) for c in clips])


def cross_clip_consistency_of(clips: list[tuple[np.ndarray, np.ndarray]]) -> MetricValue:
    """The figure from each clip's `descriptors` (a streamed ad's clips, described as they were decoded)."""
    if len(clips) < 2:
        return MetricValue(note="unavailable: needs two or more clips")
    pairs = [pair_similarity(a, b) for a, b in itertools.combinations(clips, 2)]
    palette = float(np.mean([p for p, _ in pairs]))
    structure = float(np.mean([s for _, s in pairs]))
    raw = 0.5 * palette + 0.5 * structure
    return MetricValue(
        value=round(100.0 * raw, 2),
        raw=raw,
        model_based=False,
        note=f"palette {palette:.3f}, structure {structure:.3f} over {len(pairs)} clip pairs",
    )
