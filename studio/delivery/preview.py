"""A preview per placement: a frame of the rendition with the platform's interface drawn over it.

Simple labelled shapes stand for the interface (top bar, the column of buttons, the caption and
description area, the ad controls), drawn where each platform puts them, with the safe zone outlined,
so a person sees at a glance that the ad's text stays clear of them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from studio.delivery.placements import Placement
from studio.render.safe_zones import Box
from studio.render.text import font

UI_FILL = (0, 0, 0, 120)
UI_LINE = (255, 255, 255, 230)
ZONE_LINE = (60, 230, 90, 255)


def _label(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str, size: int) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=UI_FILL, outline=UI_LINE, width=1)
    fnt = font(size, bold=False)
    tw = fnt.getlength(text)
    if tw <= x1 - x0 - 4:
        draw.text(((x0 + x1 - tw) / 2, (y0 + y1 - size) / 2), text, font=fnt, fill=UI_LINE)


def _vertical_app(
    draw: ImageDraw.ImageDraw, w: int, h: int, zone: Box, p: Placement, size: int, brand: str
) -> None:
    """TikTok, Reels, Shorts: tabs on top, a column of buttons on the right, caption and CTA at the bottom."""
    top = {"tiktok": "Following | For You", "reels": "Reels", "shorts": "Shorts"}.get(p.name, p.platform)
    _label(draw, (0, 0, w - 1, max(size + 6, zone.y - 4)), top, size)
    col_x = zone.right + 2
    step = max(size * 2, (zone.bottom - zone.y) // 6)
    for k, name in enumerate(("profile", "like", "comment", "share")):
        cy = zone.y + zone.h // 3 + k * step
        r = max(6, (w - col_x) // 2 - 2)
        cx = col_x + (w - col_x) // 2
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=UI_FILL, outline=UI_LINE, width=1)
        fnt = font(max(8, size * 2 // 3), bold=False)
        draw.text((cx - fnt.getlength(name) / 2, cy + r + 1), name, font=fnt, fill=UI_LINE)
    y = zone.bottom + 4
    _label(draw, (0, y, w - 1, y + (h - y) // 3), f"@{brand} · Sponsored", size)
    _label(draw, (0, y + (h - y) // 3, w - 1, y + 2 * (h - y) // 3), "description · ♪ sound", size)
    _label(draw, (0, y + 2 * (h - y) // 3, w - 1, h - 1), "CTA button · nav bar", size)


def _feed(draw: ImageDraw.ImageDraw, w: int, h: int, zone: Box, size: int, brand: str) -> None:
    """Instagram / Facebook feed: the account header on top, the CTA strip and actions at the bottom."""
    _label(draw, (0, 0, w - 1, max(size + 6, zone.y - 2)), f"{brand} · Sponsored", size)
    y = zone.bottom + 2
    _label(draw, (0, y, w * 2 // 3, h - 1), "Learn more  >", size)
    _label(draw, (w * 2 // 3, y, w - 1, h - 1), "like  share", size)


def _player(draw: ImageDraw.ImageDraw, w: int, h: int, zone: Box, size: int, duration_s: float) -> None:
    """YouTube in-stream: the ad badge at the top, the site link, Skip and the progress bar at the bottom."""
    _label(
        draw,
        (0, 0, w // 3, max(size + 6, zone.y - 2)),
        f"Ad · {int(duration_s) // 60}:{int(duration_s) % 60:02d}",
        size,
    )
    y = zone.bottom + 2
    _label(draw, (0, y, w // 3, h - 6), "Visit site", size)
    _label(draw, (w - w // 4, y, w - 1, h - 6), "Skip ad  >|", size)
    draw.rectangle((0, h - 5, w - 1, h - 1), fill=(255, 0, 0, 220))


def draw_interface(
    frame_bgr: np.ndarray, placement: Placement, brand: str = "brand", duration_s: float = 15.0
) -> Image.Image:
    """The frame with the placement's interface and its safe zone drawn over it, as an RGB image."""
    h, w = frame_bgr.shape[:2]
    zone = placement.safe_box(w, h)
    base = Image.fromarray(np.ascontiguousarray(frame_bgr[..., ::-1])).convert("RGBA")
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    size = max(9, min(w, h) // 28)
    if placement.aspect_ratio == "9:16":
        _vertical_app(draw, w, h, zone, placement, size, brand)
    elif placement.aspect_ratio == "16:9":
        _player(draw, w, h, zone, size, duration_s)
    else:
        _feed(draw, w, h, zone, size, brand)
    for k in range(0, 2 * (zone.w + zone.h), 12):  # a dashed outline of the safe zone
        x, y = _perimeter_point(zone, k)
        x2, y2 = _perimeter_point(zone, k + 6)
        draw.line((x, y, x2, y2), fill=ZONE_LINE, width=2)
    draw.text((zone.x + 4, zone.y + 4), "safe zone", font=font(size, bold=False), fill=ZONE_LINE)
    return Image.alpha_composite(base, layer).convert("RGB")


def _perimeter_point(z: Box, d: int) -> tuple[int, int]:
    d %= 2 * (z.w + z.h)
    if d < z.w:
        return z.x + d, z.y
    if d < z.w + z.h:
        return z.right, z.y + d - z.w
    if d < 2 * z.w + z.h:
        return z.right - (d - z.w - z.h), z.bottom
    return z.x, z.bottom - (d - 2 * z.w - z.h)


def write_preview(
    frame_bgr: np.ndarray,
    placement: Placement,
    out_path: Path,
    brand: str = "brand",
    duration_s: float = 15.0,
) -> Path:
    """Draw the interface over the frame and save it as a PNG."""
    draw_interface(frame_bgr, placement, brand, duration_s).save(out_path, format="PNG")
    return Path(out_path)
