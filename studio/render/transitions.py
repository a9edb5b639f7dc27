"""Transitions into a scene, drawn over its first half second from the frame before it."""

from __future__ import annotations

import cv2
import numpy as np

TRANSITION_S = 0.5


def ease(t: float) -> float:
    """Smoothstep on [0, 1]."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)


def transition_in(out: np.ndarray, before: np.ndarray, kind: str, t: float) -> None:
    """Blend frame `out` (at t seconds into its scene) with `before` in place: crossfade, slide or cut."""
    if kind == "cut" or t >= TRANSITION_S:
        return
    e = ease(t / TRANSITION_S)
    w = out.shape[1]
    if kind == "slide":
        x = round(w * (1 - e))
        if x > 0:
            # the new scene slides over the frame before, entering from the right
            out[:, x:] = out[:, : w - x].copy()
            out[:, :x] = before[:, :x]
        return
    cv2.addWeighted(before, 1 - e, out, e, 0.0, dst=out)
