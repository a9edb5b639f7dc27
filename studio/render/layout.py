"""Where things go in a frame, per aspect ratio: headline, hero layer, captions, logo.

Layouts reflow (portrait stacks headline over the hero; landscape sets them side by side) so the same
scene re-exports at another aspect ratio with nothing important cropped off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from studio.render.captions import Box, safe_box


@dataclass(frozen=True)
class SceneLayout:
    safe: Box
    headline: Box
    hero: Box
    caption_top: int
    logo: Box
    headline_align: str
    landscape: bool


def scene_layout(width: int, height: int, aspect_ratio: str, rng: np.random.Generator) -> SceneLayout:
    """The boxes of one scene; the seed nudges the hero and the headline's alignment."""
    safe = safe_box(width, height, aspect_ratio)
    short = min(width, height)
    caption_reserve = int(short * 0.058 * 2.6 + short * 0.04)  # two caption lines on their plate
    caption_top = safe.y + safe.h - caption_reserve
    gap = int(short * 0.03)
    logo_w = int(short * 0.16)
    logo = Box(safe.x + safe.w - logo_w, safe.y, logo_w, int(logo_w * 0.5))
    landscape = width > height * 1.2
    jitter = float(rng.uniform(-1, 1))
    if landscape:
        text_w = int(safe.w * 0.46)
        headline = Box(safe.x, safe.y + int(safe.h * 0.12), text_w, int(safe.h * 0.5))
        hx = safe.x + text_w + gap
        hero = Box(hx, safe.y, safe.x + safe.w - hx, caption_top - gap - safe.y)
        align = "left"
    else:
        head_h = int(safe.h * (0.24 if aspect_ratio == "9:16" else 0.26))
        headline = Box(safe.x, safe.y + int(short * 0.02), safe.w, head_h)
        top = headline.y + head_h + gap
        hero = Box(safe.x, top, safe.w, caption_top - gap - top)
        align = "center" if rng.uniform() < 0.6 else "left"
    # the seed moves the hero a little inside its box (a different seed gives a different variant)
    dx = int(jitter * hero.w * 0.05)
    hero = Box(hero.x + dx, hero.y, hero.w, hero.h)
    return SceneLayout(safe, headline, hero, caption_top, logo, align, landscape)
