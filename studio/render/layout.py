"""Where things go in a frame, per aspect ratio: headline, hero layer, caption band, logo.

The boxes are disjoint by construction, and every drawn layer stays inside its own box for the whole clip
(the compositor sizes the kinetic headline and the moving hero to their box), so text, logo and product
never overlap. Portrait stacks [headline | logo] over the hero over the caption band; landscape sets a
text column (logo, then headline) beside the hero, captions across the bottom. All of it inside the
platform's safe zone (`safe_zones.py`), except the hero, which is picture, not text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from studio.render.captions import caption_band_height
from studio.render.safe_zones import Box, safe_box


@dataclass(frozen=True)
class SceneLayout:
    safe: Box
    headline: Box
    hero: Box
    caption_top: int
    logo: Box
    headline_align: str
    landscape: bool
    caption: Box

    def regions(self) -> dict[str, Box]:
        """The four boxes by name (for checks and tests)."""
        return {"headline": self.headline, "hero": self.hero, "caption": self.caption, "logo": self.logo}


def scene_layout(width: int, height: int, aspect_ratio: str, rng: np.random.Generator) -> SceneLayout:
    """The boxes of one scene; the seed nudges the hero and the headline's alignment."""
    safe = safe_box(width, height, aspect_ratio)
    short = min(width, height)
    gap = max(2, int(short * 0.03))
    caption_top = safe.bottom - caption_band_height(width, height)
    caption = Box(safe.x, caption_top, safe.w, safe.bottom - caption_top)
    logo_w = int(short * 0.16)
    logo_h = logo_w // 2
    landscape = width > height * 1.2
    jitter = float(rng.uniform(-1, 1))
    if landscape:
        text_w = int(safe.w * 0.46)
        logo = Box(safe.x, safe.y, logo_w, logo_h)
        top = logo.bottom + gap
        headline = Box(safe.x, top, text_w, max(1, min(int(safe.h * 0.55), caption_top - gap - top)))
        hx = safe.x + text_w + gap
        hero = Box(hx, safe.y, safe.right - hx, caption_top - gap - safe.y)
        align = "left"
    else:
        logo = Box(safe.right - logo_w, safe.y, logo_w, logo_h)
        head_h = max(logo_h, int(safe.h * (0.26 if aspect_ratio == "9:16" else 0.28)))
        headline = Box(safe.x, safe.y, logo.x - gap - safe.x, head_h)
        top = headline.bottom + gap
        hero = Box(safe.x, top, safe.w, caption_top - gap - top)
        align = "center" if rng.uniform() < 0.6 else "left"
    # the seed moves the hero a little inside its box (a different seed gives a different variant)
    margin = int(hero.w * 0.05)
    dx = int(jitter * margin)
    hero = Box(hero.x + margin + dx, hero.y, hero.w - 2 * margin, max(1, hero.h))
    return SceneLayout(safe, headline, hero, caption_top, logo, align, landscape, caption)
