"""Layers: images loaded once, shaped once (graded, cut out in `hero.py`), then blended per frame cheaply.

Frames are BGRA (the 4th channel is ignored): OpenCV's 4-channel warps are more than twice as fast as its
3-channel ones here. A `Sprite` is premultiplied BGRA plus its alpha on 4 channels, so a frame blend is
two OpenCV calls on the sprite's region: frame = premult + frame * (255 - alpha) / 255.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from studio.errors import RenderError


@dataclass(frozen=True)
class Sprite:
    """A premultiplied BGRA image (its 4th channel is the alpha) with its alpha repeated on 4 channels."""

    premult: np.ndarray
    alpha: np.ndarray

    @property
    def size(self) -> tuple[int, int]:
        return self.premult.shape[1], self.premult.shape[0]


def hex_to_bgr(value: str) -> tuple[int, int, int]:
    """'#rrggbb' to a BGR tuple."""
    v = value.lstrip("#")
    r, g, b = int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)
    return b, g, r


def sprite_from_rgba(rgba: np.ndarray) -> Sprite:
    """A sprite from an RGBA uint8 array (straight alpha, RGB order)."""
    a = rgba[..., 3:4].astype(np.uint16)
    bgra = rgba[..., [2, 1, 0, 3]].astype(np.uint16)
    bgra[..., 3:4] = 255
    premult = ((bgra * a + 127) // 255).astype(np.uint8)
    alpha4 = np.repeat(rgba[..., 3:4], 4, axis=2)
    return Sprite(np.ascontiguousarray(premult), np.ascontiguousarray(alpha4))


def sprite_from_bgra_float(bgr: np.ndarray, alpha: np.ndarray) -> Sprite:
    """A sprite from float BGR (0-255, straight) and float alpha (0-1)."""
    a = np.clip(alpha, 0, 1)[..., None]
    a8 = np.clip(a * 255 + 0.5, 0, 255).astype(np.uint8)
    premult = np.concatenate([np.clip(bgr * a + 0.5, 0, 255).astype(np.uint8), a8], axis=2)
    return Sprite(np.ascontiguousarray(premult), np.repeat(a8, 4, axis=2))


def blend(frame: np.ndarray, sprite: Sprite, x: int, y: int, opacity: float = 1.0) -> None:
    """Draw sprite onto a BGRA frame in place with its top-left at (x, y), clipped to the frame."""
    if opacity <= 0.003:
        return
    fh, fw = frame.shape[:2]
    sw, sh = sprite.size
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + sw, fw), min(y + sh, fh)
    if x1 <= x0 or y1 <= y0:
        return
    sx, sy = x0 - x, y0 - y
    region = frame[y0:y1, x0:x1]
    p = sprite.premult[sy : sy + (y1 - y0), sx : sx + (x1 - x0)]
    a = sprite.alpha[sy : sy + (y1 - y0), sx : sx + (x1 - x0)]
    if opacity >= 0.997:
        inv = cv2.bitwise_not(a)
    else:
        inv = cv2.addWeighted(a, -opacity, a, 0.0, 255.0)
        p = cv2.multiply(p, (opacity, opacity, opacity, opacity), dtype=cv2.CV_8U)
    _over_region(region, p, inv)


def _over_region(region: np.ndarray, premult: np.ndarray, inv_alpha: np.ndarray) -> None:
    """region = premult + region * inv_alpha / 255, in place (no frame-sized temporaries)."""
    cv2.multiply(region, inv_alpha, dst=region, scale=1.0 / 255.0)
    cv2.add(premult, region, dst=region)


def blend_warped(frame: np.ndarray, sprite: Sprite, cx: float, cy: float, scale: float) -> None:
    """Draw sprite scaled about its centre and centred at (cx, cy) with subpixel precision."""
    sw, sh = sprite.size
    fh, fw = frame.shape[:2]
    half_w, half_h = sw * scale / 2, sh * scale / 2
    x0, y0 = max(int(np.floor(cx - half_w)), 0), max(int(np.floor(cy - half_h)), 0)
    x1, y1 = min(int(np.ceil(cx + half_w)) + 1, fw), min(int(np.ceil(cy + half_h)) + 1, fh)
    if x1 <= x0 or y1 <= y0:
        return
    # sprite pixel (u, v) lands at region pixel (scale*(u - sw/2) + cx - x0, ...)
    m = np.array(
        [[scale, 0.0, cx - x0 - scale * sw / 2], [0.0, scale, cy - y0 - scale * sh / 2]], dtype=np.float64
    )
    size = (x1 - x0, y1 - y0)
    p = cv2.warpAffine(sprite.premult, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    # the premultiplied image carries the alpha in its 4th channel, so one warp gives both
    over(frame[y0:y1, x0:x1], p)


def over(region: np.ndarray, premult: np.ndarray) -> None:
    """Draw a premultiplied BGRA layer of region's size over it in place, its alpha read from its 4th
    channel (so a warped or resized layer needs one warp or resize, not a second one for the alpha)."""
    if premult.size == 0:
        return
    inv = cv2.bitwise_not(cv2.extractChannel(premult, 3))
    _over_region(region, premult, cv2.merge((inv, inv, inv, inv)))


# ── Loading and shaping, once per scene ──────────────────────────────────────────────────────────


def load_rgba(path: Path, max_side: int = 2048) -> np.ndarray:
    """Any image file Pillow reads (PNG with alpha, JPEG, WebP ...) as RGBA uint8, EXIF-rotated."""
    return load_image(path, max_side, "RGBA")


def load_image(path: Path, max_side: int = 2048, mode: str = "RGBA") -> np.ndarray:
    """An image file in Pillow mode `mode` ('RGBA' or 'RGB') as uint8, EXIF-rotated, at most max_side."""
    try:
        with Image.open(path) as im:
            # rotated in place and converted only when needed: each Pillow copy of a 720p photo costs
            # milliseconds, and scenes load their images at every render
            ImageOps.exif_transpose(im, in_place=True)
            if im.mode != mode:
                im = im.convert(mode)
            if max(im.size) > max_side:
                im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            return np.array(im)
    except (OSError, ValueError) as exc:
        raise RenderError(f"the image {Path(path).name} could not be read: {exc}") from exc


def has_transparency(rgba: np.ndarray) -> bool:
    """True when a meaningful part of the image is transparent (a cut-out product)."""
    return bool((rgba[..., 3] < 250).mean() > 0.02)


def trim_alpha(rgba: np.ndarray) -> np.ndarray:
    """Crop transparent margins."""
    _, mask = cv2.threshold(np.ascontiguousarray(rgba[..., 3]), 8, 255, cv2.THRESH_BINARY)
    x, y, w, h = cv2.boundingRect(mask)
    if w == 0 or h == 0:
        return rgba
    return rgba[y : y + h, x : x + w]


def rounded_card(rgba: np.ndarray, radius_frac: float = 0.06) -> np.ndarray:
    """An opaque photo as a card with rounded corners (the look the hero avoids; kept for comparison)."""
    h, w = rgba.shape[:2]
    r = max(2, int(min(h, w) * radius_frac))
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (r, 0), (w - r - 1, h - 1), 255, -1)
    cv2.rectangle(mask, (0, r), (w - 1, h - r - 1), 255, -1)
    for cx, cy in ((r, r), (w - r - 1, r), (r, h - r - 1), (w - r - 1, h - r - 1)):
        cv2.circle(mask, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
    out = rgba.copy()
    out[..., 3] = np.minimum(out[..., 3], mask)
    return out


def grade(bgr: np.ndarray, palette: list[str], strength: float = 0.14) -> np.ndarray:
    """A light grade toward the palette's first colour (float BGR in, float BGR out)."""
    if not palette:
        return bgr
    tint = np.array(hex_to_bgr(palette[0]), np.float32)
    tint = tint / max(float(tint.mean()), 1.0)
    tint = np.clip(tint, 0.6, 1.6)
    graded = bgr * (1 - strength) + bgr * tint * strength
    # gentle S-curve for a little contrast
    x = np.clip(graded / 255.0, 0, 1)
    x = x + 0.08 * (x - 0.5) * (1 - np.abs(2 * x - 1))
    return np.clip(x * 255.0, 0, 255)


def grade_lut(bgra: np.ndarray, palette: list[str], strength: float = 0.14) -> np.ndarray:
    """`grade` as a per-channel lookup table on a uint8 BGRA image (no float copy of the frame)."""
    ramp = np.repeat(np.arange(256, dtype=np.float32)[:, None], 3, axis=1)[None]  # 1 x 256 x 3
    lut3 = np.clip(grade(ramp, palette, strength) + 0.5, 0, 255).astype(np.uint8)
    lut = np.concatenate([lut3, np.arange(256, dtype=np.uint8)[None, :, None]], axis=2)
    return cv2.LUT(bgra, lut)


def cover(bgr: np.ndarray, width: int, height: int) -> np.ndarray:
    """Scale and centre-crop an image to exactly width x height (no stretch)."""
    h, w = bgr.shape[:2]
    s = max(width / w, height / h)
    nw, nh = max(width, int(np.ceil(w * s))), max(height, int(np.ceil(h * s)))
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR
    big = cv2.resize(bgr, (nw, nh), interpolation=interp)
    x, y = (nw - width) // 2, (nh - height) // 2
    return np.ascontiguousarray(big[y : y + height, x : x + width])


def palette_gradient(
    width: int, height: int, palette: list[str], angle: float = 0.35, rows: tuple[int, int] | None = None
) -> np.ndarray:
    """A diagonal two-colour gradient from the palette (float BGR); `rows=(y0, y1)`: only those rows."""
    cols = [np.array(hex_to_bgr(c), np.float32) for c in (palette or ["#1f2a44", "#3a6ea5"])]
    c0 = cols[0]
    c1 = cols[1] if len(cols) > 1 else np.clip(c0 * 0.45 + 20, 0, 255)
    # the ramp is a column term plus a row term, so it is built from one row and one column (no full-size
    # coordinate grids), and its extremes lie at the corners: the same values as over a whole grid
    ax = (np.arange(width, dtype=np.float32) / max(width, 1)) * np.sin(angle)
    by = (np.arange(height, dtype=np.float32) / max(height, 1)) * np.cos(angle)
    lo, hi = ax.min() + by.min(), ax.max() + by.max()
    y0, y1 = rows or (0, height)
    t = ax[None, :] + by[y0:y1, None]
    t = (t - lo) / max(float(hi - lo), 1e-6)
    return c0[None, None, :] * (1 - t[..., None]) + c1[None, None, :] * t[..., None]


def vignette(bgr: np.ndarray, strength: float = 0.28) -> np.ndarray:
    """Darken the corners a little so the subject reads (float BGR)."""
    h, w = bgr.shape[:2]
    return bgr * _vignette_gain(w, h, strength, (0, h))[..., None]


def _vignette_gain(width: int, height: int, strength: float, rows: tuple[int, int]) -> np.ndarray:
    """The vignette's gain over rows y0..y1 of a width x height picture (float, 1 at the centre)."""
    dx = ((np.arange(width, dtype=np.float32) - width / 2) / (width / 2)) ** 2
    dy = ((np.arange(*rows, dtype=np.float32) - height / 2) / (height / 2)) ** 2
    d = np.sqrt(dx[None, :] + dy[:, None]) / np.sqrt(2)
    return 1 - strength * d**2


def shaded_gradient(width: int, height: int, palette: list[str], angle: float, strength: float) -> np.ndarray:
    """`vignette(palette_gradient(...), strength)` as an opaque uint8 BGRA image, the same pixels.

    Made a band of rows at a time: the whole-frame float64 copies it replaces took ~50 MB each at
    1080x1920, beside the sound mix.
    """
    out = np.empty((height, width, 4), np.uint8)
    out[..., 3] = 255
    band = 64
    for y0 in range(0, height, band):
        rows = (y0, min(height, y0 + band))
        shaded = (
            palette_gradient(width, height, palette, angle, rows)
            * _vignette_gain(width, height, strength, rows)[..., None]
        )
        out[rows[0] : rows[1], :, :3] = np.clip(shaded, 0, 255).astype(np.uint8)
    return out
