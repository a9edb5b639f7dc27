"""Captions from the voiceover: split into short cues, timed to the voice, set on a plate in the safe zone.

The plate is dark and mostly opaque and the text white, so the contrast stays above 4.5:1 whatever is
behind (checked against a white background, the worst case, in `worst_case_contrast`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

from studio.render.layers import Sprite, hex_to_bgr, sprite_from_bgra_float
from studio.render.safe_zones import SAFE_ZONES as SAFE_ZONES  # re-exported: one place for the zones
from studio.render.safe_zones import Box, safe_box
from studio.render.text import fit_font, font, text_sprite

VOICE_LEAD_S = 0.25
"""Where a scene's voice starts inside its clip; captions and the audio mix both use it."""

PLATE_OPACITY = 0.8
CAPTION_FADE_S = 0.12
MAX_WORDS = 7


@dataclass(frozen=True)
class Cue:
    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class CaptionLayout:
    """A caption rendered once: where it goes, the sprite, and the colours used."""

    box: Box
    sprite: Sprite
    lines: list[str]
    text_bgr: tuple[int, int, int]
    plate_bgr: tuple[int, int, int]


def split_cues(text: str, max_words: int = MAX_WORDS) -> list[str]:
    """Split a voiceover into short caption phrases, breaking at punctuation where it can."""
    raw = [p.strip() for p in re.split(r"(?<=[.!?;:,])\s+", text.strip()) if p.strip()]
    phrases: list[str] = []
    for p in raw:
        # a phrase of one or two words reads better joined to the next one
        if (
            phrases
            and len(phrases[-1].split()) < 3
            and len(phrases[-1].split()) + len(p.split()) <= max_words
        ):
            phrases[-1] = f"{phrases[-1]} {p}"
        else:
            phrases.append(p)
    cues: list[str] = []
    for phrase in phrases:
        words = phrase.split()
        n = max(1, -(-len(words) // max_words))
        size = -(-len(words) // n)
        cues += [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    return cues


def time_cues(text: str, span_s: float, start_s: float = VOICE_LEAD_S) -> list[Cue]:
    """Cues spread over span_s from start_s, each lasting in proportion to its length (speech pace)."""
    parts = split_cues(text)
    if not parts or span_s <= 0:
        return []
    weights = np.array([len(p) + 4 for p in parts], np.float64)
    bounds = start_s + np.concatenate([[0.0], np.cumsum(weights)]) / weights.sum() * span_s
    return [Cue(p, float(bounds[i]), float(bounds[i + 1])) for i, p in enumerate(parts)]


def relative_luminance(bgr: tuple[float, float, float] | np.ndarray) -> float:
    """WCAG relative luminance of an sRGB colour given as BGR 0-255."""
    c = np.asarray(bgr, np.float64)[::-1] / 255.0
    lin = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2])


def contrast_ratio(
    a_bgr: tuple[float, float, float] | np.ndarray, b_bgr: tuple[float, float, float] | np.ndarray
) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = relative_luminance(a_bgr), relative_luminance(b_bgr)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def plate_colour(palette: list[str]) -> tuple[int, int, int]:
    """The darkest palette colour pushed toward black, so white text always reads on it."""
    cols = [hex_to_bgr(c) for c in palette] or [(20, 20, 20)]
    darkest = min(cols, key=relative_luminance)
    return tuple(int(v * 0.22) for v in darkest)  # type: ignore[return-value]


def worst_case_contrast(layout: CaptionLayout) -> float:
    """Contrast of the caption text against its plate laid over pure white (the brightest background)."""
    behind = np.array(layout.plate_bgr, np.float64) * PLATE_OPACITY + 255.0 * (1 - PLATE_OPACITY)
    return contrast_ratio(layout.text_bgr, behind)


def _caption_pads(short: int) -> tuple[int, int]:
    return int(short * 0.035), int(short * 0.02)


def _caption_size(short: int) -> int:
    return max(12, int(short * 0.058))


def caption_band_height(width: int, height: int) -> int:
    """The tallest caption plate (two lines at the starting size): the band a layout keeps for captions."""
    short = min(width, height)
    fnt = font(_caption_size(short))
    size = getattr(fnt, "size", 16)
    ascent, descent = fnt.getmetrics() if hasattr(fnt, "getmetrics") else (size, size // 4)
    text_h = 2 * (ascent + descent) + int(size * 0.18) + 2 * 2  # text_sprite: two lines, gap, pad
    return text_h + 2 * _caption_pads(short)[1]


def layout_caption(
    text: str, width: int, height: int, aspect_ratio: str, palette: list[str]
) -> CaptionLayout:
    """Render one caption on its plate and place it at the bottom of the safe zone, centred."""
    safe = safe_box(width, height, aspect_ratio)
    short = min(width, height)
    pad_x, pad_y = _caption_pads(short)
    fnt, lines = fit_font(text, safe.w - 2 * pad_x, 2, start_size=_caption_size(short), min_size=10)
    txt = text_sprite(lines, fnt, fill=(255, 255, 255), outline=None, outline_px=0)
    tw, th = txt.size
    w, h = min(safe.w, tw + 2 * pad_x), th + 2 * pad_y
    plate = plate_colour(palette)
    radius = max(2, int(h * 0.22))
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (radius, 0), (w - radius - 1, h - 1), 255, -1)
    cv2.rectangle(mask, (0, radius), (w - 1, h - radius - 1), 255, -1)
    for cx, cy in (
        (radius, radius),
        (w - radius - 1, radius),
        (radius, h - radius - 1),
        (w - radius - 1, h - radius - 1),
    ):
        cv2.circle(mask, (cx, cy), radius, 255, -1, lineType=cv2.LINE_AA)
    plate_a = mask.astype(np.float32) / 255.0 * PLATE_OPACITY
    colour = np.empty((h, w, 3), np.float32)
    colour[:] = plate
    # text over plate: premultiplied "over" in float
    ox, oy = (w - tw) // 2, pad_y
    ta = np.zeros((h, w), np.float32)
    tp = np.zeros((h, w, 3), np.float32)
    sub_w, sub_h = min(tw, w - ox), min(th, h - oy)
    ta[oy : oy + sub_h, ox : ox + sub_w] = txt.alpha[:sub_h, :sub_w, 0] / 255.0
    tp[oy : oy + sub_h, ox : ox + sub_w] = txt.premult[:sub_h, :sub_w, :3]
    out_a = ta + plate_a * (1 - ta)
    premult = tp + colour * plate_a[..., None] * (1 - ta[..., None])
    straight = np.divide(premult, out_a[..., None], out=np.zeros_like(premult), where=out_a[..., None] > 1e-4)
    sprite = sprite_from_bgra_float(straight, out_a)
    x = safe.x + (safe.w - w) // 2
    y = safe.y + safe.h - h
    return CaptionLayout(Box(x, y, w, h), sprite, lines, (255, 255, 255), plate)
