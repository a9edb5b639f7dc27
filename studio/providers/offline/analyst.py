"""The offline vision model: a reference image described from what its pixels measure, nothing invented.

Palette (k-means), brightness and contrast (lighting words), illustration-or-photo from texture, edge and
colour statistics, indoor/outdoor only where a sky-like top band says so. The figures go in `measured`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from studio.errors import BadInput
from studio.models import ReferenceAnalysis, RefKind
from studio.providers.offline.palette import colour_name, opaque_pixels, pixel_palette

log = logging.getLogger(__name__)

_STATS_SIDE = 256


def _load(image_path: Path) -> Image.Image:
    try:
        with Image.open(image_path) as im:
            im.load()
            return im.convert("RGBA")
    except (OSError, UnidentifiedImageError) as exc:
        raise BadInput(f"The reference image {Path(image_path).name} could not be read: {exc}") from exc


def _small(im: Image.Image) -> Image.Image:
    scale = _STATS_SIDE / max(im.size)
    if scale >= 1:
        return im
    return im.resize(
        (max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.Resampling.BOX
    )


def measure(im: Image.Image) -> dict[str, float]:
    """Pixel figures of an RGBA image: brightness, contrast, texture, edges, colour spread, sky, coverage."""
    small = _small(im)
    arr = np.asarray(small)
    rgb, alpha = arr[..., :3], arr[..., 3]
    opaque = alpha >= 128
    coverage = float(opaque.mean())
    grey = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY).astype(np.float32)
    vals = grey[opaque] if opaque.any() else grey.ravel()
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
    sat = hsv[..., 1][opaque].astype(np.float32) / 255 if opaque.any() else np.zeros(1, np.float32)

    # Texture: photographs carry grain and fine detail almost everywhere; flat or gradient artwork is
    # smooth except at its shape edges. Measured inside the subject only (eroded, so its outline is out).
    inner = cv2.erode(opaque.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    lap = np.abs(cv2.Laplacian(grey, cv2.CV_32F, ksize=1))
    texture = float((lap[inner] > 6).mean()) if inner.any() else 0.0
    edges = cv2.Canny(grey.astype(np.uint8), 60, 150) > 0
    edge_density = float(edges[inner].mean()) if inner.any() else 0.0

    # Colour spread on the full-resolution pixels (NEAREST sampling keeps exact colours).
    px = opaque_pixels(im, max_side=_STATS_SIDE)
    if len(px):
        quant = (px >> 2).astype(np.int32)  # 6 bits a channel: JPEG noise on flat art stays in one bin
        keys = quant[:, 0] << 12 | quant[:, 1] << 6 | quant[:, 2]
        _, counts = np.unique(keys, return_counts=True)
        distinct = float(len(counts))
        top8 = float(np.sort(counts)[::-1][:8].sum() / counts.sum())
    else:
        distinct, top8 = 0.0, 0.0

    # Sky: a bright, saturated blue across the top fifth of an opaque image.
    top = hsv[: max(1, hsv.shape[0] // 5)]
    top_opaque = opaque[: top.shape[0]]
    sky = 0.0
    if top_opaque.mean() > 0.95:
        hue = top[..., 0].astype(np.float32) * 2  # OpenCV hue is 0-179
        bluish = (hue >= 185) & (hue <= 235) & (top[..., 1] > 50) & (top[..., 2] > 110)
        sky = float(bluish.mean())

    r, b = rgb[..., 0][opaque].astype(np.float32), rgb[..., 2][opaque].astype(np.float32)
    warmth = float((r.mean() - b.mean()) / 255) if len(r) else 0.0
    return {
        "brightness": float(vals.mean() / 255),
        "contrast": float(vals.std() / 255),
        "saturation_mean": float(sat.mean()),
        "saturation_std": float(sat.std()),
        "texture_fraction": texture,
        "edge_density": edge_density,
        "distinct_colours": distinct,
        "top8_colour_share": top8,
        "sky_fraction_top": sky,
        "warmth": warmth,
        "subject_coverage": coverage,
    }


def is_illustration(m: dict[str, float]) -> bool:
    """Artwork, not a photograph: smooth fills (little texture) or a handful of colours covering most."""
    return m["texture_fraction"] < 0.2 or m["top8_colour_share"] > 0.6


def lighting_words(m: dict[str, float]) -> str:
    """Brightness, contrast and colour temperature in words."""
    b, c, warm = m["brightness"], m["contrast"], m["warmth"]
    key = (
        "dark, low-key"
        if b < 0.25
        else "dim, moody"
        if b < 0.42
        else "balanced, even"
        if b < 0.68
        else "bright, high-key"
    )
    spread = "soft, low contrast" if c < 0.1 else "moderate contrast" if c < 0.22 else "punchy, high contrast"
    temp = "warm" if warm > 0.08 else "cool" if warm < -0.08 else "neutral"
    return f"{key} lighting, {spread}, {temp} colour temperature"


def _setting(m: dict[str, float], kind: RefKind) -> str:
    if m["subject_coverage"] < 0.95:
        return "no setting: subject on a transparent background"
    if m["sky_fraction_top"] > 0.5:
        return f"outdoor: sky-like blue across {m['sky_fraction_top']:.0%} of the top band"
    return "indoor or outdoor: undetermined from the pixels"


def _shape_words(im: Image.Image) -> str:
    alpha = np.asarray(im.getchannel("A"))
    ys, xs = np.nonzero(alpha >= 128)
    if len(xs) == 0:
        return ""
    w, h = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    ratio = w / h
    form = "tall, upright" if ratio < 0.7 else "wide, low" if ratio > 1.4 else "compact, roughly square"
    return f"{form} silhouette ({ratio:.2f} wide per tall)"


class PixelAnalyst:
    """VisionModel port: describes a reference from measured palette, light, style and setting."""

    name = "pixel analyst"

    def analyze(self, image_path: Path, kind: RefKind, hint: str = "") -> ReferenceAnalysis:
        """Measure the image and write the analysis from the figures (and the hint) alone."""
        im = _load(image_path)
        m = measure(im)
        palette = pixel_palette(opaque_pixels(im), k=5)
        colours = [c for c, _ in palette]
        if palette:
            m["dominant_share"] = palette[0][1]
        names = [colour_name(c) for c in colours[:3]]
        colour_words = ", ".join(f"{n} ({c})" for n, c in zip(names, colours[:3], strict=True))
        illustration = is_illustration(m)
        style = (
            f"flat illustration / motion-graphics look: smooth fills, {int(m['distinct_colours'])} colour "
            f"shades, texture on {m['texture_fraction']:.0%} of the surface"
            if illustration
            else f"photographic: natural texture on {m['texture_fraction']:.0%} of the surface, "
            f"{int(m['distinct_colours'])} colour shades"
        )
        sat = (
            "saturated"
            if m["saturation_mean"] > 0.45
            else "muted"
            if m["saturation_mean"] < 0.2
            else "moderate"
        )
        style += f"; {sat} colour"
        lighting = lighting_words(m)
        lead = f"{hint.strip()}: " if hint.strip() else ""
        shape = _shape_words(im) if m["subject_coverage"] < 0.95 else ""
        subject = f"{lead}mainly {colour_words}" + (f"; {shape}" if shape else "")

        analysis = ReferenceAnalysis(colors=colours, style=style, lighting=lighting, measured=m)
        if kind == "product":
            analysis.product_features = subject
        elif kind == "character":
            analysis.character_description = subject
        elif kind == "logo":
            analysis.product_features = f"{lead}logo in {colour_words}"
        if kind == "environment" or m["subject_coverage"] >= 0.95:
            analysis.environment = f"{_setting(m, kind)}; {lighting}; dominant {colour_words}"
        elif kind != "environment":
            analysis.environment = _setting(m, kind)
        log.debug("Analysed %s as %s: %s", image_path, kind, m)
        return analysis
