"""Subject and background consistency from pixels, with the camera's own motion taken out first.

VBench compares DINO (subject) and CLIP (background) features of each frame with the previous and the first
frame. Pixel layouts compared in place punish a camera move: a pan shifts every pixel, so a continuous
shot looked less consistent than a hard cut. Here each compared pair is first registered: the global
motion between the two frames (a similarity transform, from sparse Lucas-Kanade tracks and RANSAC, or a
phase-correlation shift where there are too few corners) is estimated, the earlier frame is warped onto the
later one, and only the overlap is compared. A cut has no consistent motion, so nothing is compensated and
the two unrelated pictures compare as they are. Motion to the first frame is chained through the pairs, so
a long pan is compared with its first frame where they still overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_TRACKS = 12
MIN_INLIER_SHARE = 0.5
MIN_PHASE_RESPONSE = 0.15
MIN_OVERLAP = 0.3
"""Below this share of a region seen in both frames, the pair says nothing about that region."""
_COMPARE_DOWNSCALE = 4


@dataclass
class _Frame:
    """One frame prepared once: gray for tracking, half-size float gray for phase correlation, and the
    4x-smaller colour copy that is compared (area scaling is the low-pass that forgives sub-pixel
    misregistration of fine texture)."""

    gray: np.ndarray
    half: np.ndarray
    small: np.ndarray

    @classmethod
    def of(cls, frame: np.ndarray) -> _Frame:
        gray = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
        h, w = gray.shape
        half = cv2.resize(gray, (max(8, w // 2), max(8, h // 2)), interpolation=cv2.INTER_AREA)
        size = (max(4, w // _COMPARE_DOWNSCALE), max(4, h // _COMPARE_DOWNSCALE))
        return cls(gray, half.astype(np.float32), cv2.resize(frame, size, interpolation=cv2.INTER_AREA))


def _shift(a: _Frame, b: _Frame) -> tuple[np.ndarray, float]:
    """The phase-correlation shift from a to b (found at half size) and the sharpness of its peak."""
    (dx, dy), response = cv2.phaseCorrelate(a.half, b.half)
    k = a.gray.shape[1] / a.half.shape[1]
    return np.array([[1.0, 0.0, dx * k], [0.0, 1.0, dy * k], [0.0, 0.0, 1.0]]), float(response)


def global_motion(a: _Frame, b: _Frame, *, track: bool = True) -> np.ndarray | None:
    """The 3x3 transform taking frame a's pixels to where they are in frame b, or None.

    None means no consistent camera motion was found (a cut, or a scene change too large to track).
    `track=False` trusts the phase-correlation shift alone (cheaper, translation only).
    """
    # The shift first: it finds a large pan that the tracker alone would lose, and seeds the tracker.
    shift, response = _shift(a, b)
    pts = (
        cv2.goodFeaturesToTrack(a.gray, maxCorners=150, qualityLevel=0.01, minDistance=5, blockSize=5)
        if track
        else None
    )
    if pts is not None and len(pts) >= MIN_TRACKS:
        offset = np.array([shift[0, 2], shift[1, 2]], np.float32)
        guess = (pts + offset) if response >= MIN_PHASE_RESPONSE else pts.copy()
        moved, status, _err = cv2.calcOpticalFlowPyrLK(
            a.gray, b.gray, pts, guess, winSize=(21, 21), maxLevel=3, flags=cv2.OPTFLOW_USE_INITIAL_FLOW
        )
        ok = status.ravel() == 1
        if ok.sum() >= MIN_TRACKS:
            m, inliers = cv2.estimateAffinePartial2D(
                pts[ok], moved[ok], method=cv2.RANSAC, ransacReprojThreshold=1.5
            )
            enough = max(MIN_TRACKS, MIN_INLIER_SHARE * ok.sum())
            if m is not None and inliers is not None and inliers.sum() >= enough:
                return np.vstack([m, [0.0, 0.0, 1.0]])
            return None
    # Too few corners (a smooth picture): the pure shift, trusted only when its peak is sharp.
    return shift if response >= MIN_PHASE_RESPONSE else None


def _regions(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of the centre (subject) and the border (background) of an h x w frame."""
    centre = np.zeros((h, w), bool)
    centre[h // 4 : h - h // 4, w // 4 : w - w // 4] = True
    return centre, ~centre


def _correlation(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> float | None:
    """Pearson correlation of the RGB values of a and b where mask holds; None if too little is seen."""
    if mask.sum() < 16:
        return None
    x = a[mask].astype(np.float64).ravel()
    y = b[mask].astype(np.float64).ravel()
    x -= x.mean()
    y -= y.mean()
    nx, ny = float(np.linalg.norm(x)), float(np.linalg.norm(y))
    if nx < 1e-6 and ny < 1e-6:
        return 1.0  # two flat regions of one colour: identical
    if nx < 1e-6 or ny < 1e-6:
        return 0.0
    return float(np.dot(x, y) / (nx * ny))


def registered_similarity(
    a: _Frame, b: _Frame, motion: np.ndarray | None
) -> tuple[float | None, float | None]:
    """Subject and background similarity of frame a warped by `motion` onto frame b (None: not seen)."""
    h, w = b.small.shape[:2]
    m = np.eye(3) if motion is None else motion
    k = w / b.gray.shape[1]
    # the same motion in the small frames' pixels: S · M · S⁻¹ with S = scale by k
    small_m = m[:2].copy()
    small_m[:, 2] *= k
    warped = cv2.warpAffine(a.small, small_m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    seen = cv2.warpAffine(np.full((h, w), 255, np.uint8), small_m, (w, h), flags=cv2.INTER_LINEAR) >= 250
    out: list[float | None] = []
    for region in _regions(h, w):
        both = region & seen
        out.append(_correlation(warped, b.small, both) if both.sum() >= MIN_OVERLAP * region.sum() else None)
    return out[0], out[1]


def compensated_consistency(frames: list[np.ndarray] | np.ndarray) -> tuple[float, float]:
    """VBench's form on registered frames: mean over i ≥ 1 of (sim(prev, cur) + sim(first, cur)) / 2.

    Negatives clip to 0. When the first frame no longer overlaps the current one (a long pan), that term
    is not measurable and the previous-frame term stands for both.
    """
    if len(frames) < 2:
        return 1.0, 1.0
    prepared = [_Frame.of(f) for f in frames]
    chain: np.ndarray | None = np.eye(3)  # first → previous frame, while every pair on the way registered
    subject, background = [], []
    for i in range(1, len(prepared)):
        step = global_motion(prepared[i - 1], prepared[i])
        chain = step @ chain if (step is not None and chain is not None) else None
        # after a break in the chain, the first frame is found again by its shift alone (cheap)
        to_first = chain if chain is not None else global_motion(prepared[0], prepared[i], track=False)
        prev = registered_similarity(prepared[i - 1], prepared[i], step)
        first = registered_similarity(prepared[0], prepared[i], to_first)
        for k, out in enumerate((subject, background)):
            p = max(0.0, prev[k]) if prev[k] is not None else 0.0
            f = max(0.0, first[k]) if first[k] is not None else p
            out.append((p + f) / 2)
    return float(np.mean(subject)), float(np.mean(background))
