"""Synthetic pictures and clips whose scores are known in advance."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

W, H = 160, 284


def textured_world(seed: int, width: int, height: int, *, warm: bool = True) -> np.ndarray:
    """A detailed RGB scene: smooth colour noise plus hard-edged shapes, reproducible from the seed."""
    rng = np.random.default_rng(seed)
    coarse = rng.random((height // 16 + 2, width // 16 + 2, 3)).astype(np.float32)
    base = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    tint = np.array([1.0, 0.6, 0.3] if warm else [0.3, 0.6, 1.0], dtype=np.float32)
    img = np.clip(base * tint * 200 + 20, 0, 255).astype(np.uint8)
    for _ in range(40):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        colour = tuple(int(c) for c in (rng.integers(0, 256, 3) * tint).astype(int))
        if rng.random() < 0.5:
            cv2.circle(img, (x, y), int(rng.integers(4, 20)), colour, -1)
        else:
            cv2.rectangle(
                img, (x, y), (x + int(rng.integers(5, 30)), y + int(rng.integers(5, 30))), colour, -1
            )
    return img


def pan(world: np.ndarray, x0: int, x1: int, frames: int) -> np.ndarray:
    """Frames of a W x H window sliding horizontally from x0 to x1 across the world image."""
    xs = np.linspace(x0, x1, frames).round().astype(int)
    return np.stack([world[:H, x : x + W] for x in xs])


@pytest.fixture
def world() -> np.ndarray:
    return textured_world(7, W * 4, H)
