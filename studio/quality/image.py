"""Imaging quality of one picture from its pixels: sharpness, noise and exposure.

VBench scores imaging quality with the MUSIQ model; without a model we measure the three things MUSIQ
mostly responds to. Every picture is first brought to ANALYSIS_SIDE pixels on its long side (area
scaling), so a frame decoded from a clip and a 720x720 image lab picture are judged on the same scale.

Normalisation (ours, stated so it can be checked):
- sharpness: variance of the Laplacian v; score = clip((log10(1 + v) - 1) / 2, 0, 1), i.e. v ≈ 9 → 0
  (a heavily blurred frame) and v ≈ 999 → 1 (crisp detail at 256 px).
- noise: σ estimated from the 3x3 "Immerkaer" high-pass residual on the flattest half of the pixels
  (so texture is not taken for noise), σ = 1.4826·median|r| / 6; score = clip(1 - (σ - 1) / 9, 0, 1).
- exposure: mean luminance L in [0, 1] and the share c of clipped pixels (≤ 2 or ≥ 253);
  score = (1 - clip((|L - 0.5| - 0.25) / 0.25, 0, 1)) · (1 - clip(c / 0.25, 0, 1)).
- imaging quality = 100 · (0.5 sharpness + 0.25 noise + 0.25 exposure).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from studio.errors import BadInput

ANALYSIS_SIDE = 256
_IMMERKAER = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32)


@dataclass(frozen=True)
class ImageFigures:
    """The pixel figures behind imaging quality, each score in [0, 1]."""

    laplacian_var: float
    noise_sigma: float
    luminance: float
    clipped: float
    sharpness: float
    noise: float
    exposure: float

    @property
    def imaging_quality(self) -> float:
        """0-100: 0.5 sharpness + 0.25 noise + 0.25 exposure."""
        return 100.0 * (0.5 * self.sharpness + 0.25 * self.noise + 0.25 * self.exposure)


def load_rgb(path: Path) -> np.ndarray:
    """An image file as an (H, W, 3) uint8 RGB array."""
    try:
        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"{path} is not an image we can read: {exc}") from None


def to_analysis_size(rgb: np.ndarray, side: int = ANALYSIS_SIDE) -> np.ndarray:
    """Scale so the long side is `side` (area filter when shrinking; never enlarges)."""
    h, w = rgb.shape[:2]
    scale = side / max(h, w)
    if scale >= 1.0:
        return rgb
    return cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)


def _clip01(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def image_figures(rgb: np.ndarray) -> ImageFigures:
    """Sharpness, noise and exposure of an RGB uint8 image (see the module notes)."""
    small = to_analysis_size(rgb)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).astype(np.float32)
    lap_var = float(cv2.Laplacian(gray, cv2.CV_32F, ksize=1).var())

    residual = np.abs(cv2.filter2D(gray, cv2.CV_32F, _IMMERKAER))[1:-1, 1:-1]
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)[1:-1, 1:-1]
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)[1:-1, 1:-1]
    grad = np.abs(gx) + np.abs(gy)
    flat = residual[grad <= np.median(grad)]
    sigma = float(1.4826 * np.median(flat) / 6.0) if flat.size else 0.0

    lum = float(gray.mean() / 255.0)
    clipped = float(np.mean((gray <= 2) | (gray >= 253)))

    sharpness = _clip01((np.log10(1.0 + lap_var) - 1.0) / 2.0)
    noise = _clip01(1.0 - (sigma - 1.0) / 9.0)
    exposure = (1.0 - _clip01((abs(lum - 0.5) - 0.25) / 0.25)) * (1.0 - _clip01(clipped / 0.25))
    return ImageFigures(lap_var, sigma, lum, clipped, sharpness, noise, exposure)


def imaging_quality(rgb: np.ndarray) -> float:
    """0-100 imaging quality of one picture from sharpness, noise and exposure."""
    return image_figures(rgb).imaging_quality
