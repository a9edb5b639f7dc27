"""Type for the frame: fonts, wrapping, and text rendered once into premultiplied BGRA sprites."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from studio.render.layers import Sprite, sprite_from_rgba

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_BOLD = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf")
_REGULAR = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf")


@lru_cache(maxsize=64)
def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A TrueType font of the given pixel size; Pillow's bundled font when no system font is found."""
    for d in _FONT_DIRS:
        for name in _BOLD if bold else _REGULAR:
            p = d / name
            if p.exists():
                return ImageFont.truetype(str(p), size)
    return ImageFont.load_default(size=size)


def text_width(text: str, fnt: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> int:
    """Advance width of a line of text in pixels."""
    return round(fnt.getlength(text))


def wrap(text: str, fnt: ImageFont.FreeTypeFont | ImageFont.ImageFont, max_width: int) -> list[str]:
    """Greedy word wrap to max_width pixels (a word longer than the line stays whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, fnt) > max_width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def fit_font(
    text: str, max_width: int, max_lines: int, start_size: int, min_size: int = 10, bold: bool = True
) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, list[str]]:
    """The largest font (from start_size down) at which text wraps into max_lines within max_width."""
    size = start_size
    while True:
        fnt = font(size, bold)
        lines = wrap(text, fnt, max_width)
        widest = max((text_width(line, fnt) for line in lines), default=0)
        if (len(lines) <= max_lines and widest <= max_width) or size <= min_size:
            return fnt, lines
        size = max(min_size, int(size * 0.9))


def text_sprite(
    lines: list[str],
    fnt: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    fill: tuple[int, int, int] = (255, 255, 255),
    outline: tuple[int, int, int] | None = (0, 0, 0),
    outline_px: int = 0,
    shadow_px: int = 0,
    align: str = "center",
    line_gap: float = 0.18,
) -> Sprite:
    """Lines of text (RGB colours) with an optional outline and drop shadow, as one sprite."""
    size = getattr(fnt, "size", 16)
    gap = int(size * line_gap)
    widths = [text_width(line, fnt) for line in lines] or [0]
    ascent, descent = fnt.getmetrics() if hasattr(fnt, "getmetrics") else (size, size // 4)
    line_h = ascent + descent
    pad = outline_px + shadow_px + 2
    w = max(widths) + 2 * pad
    h = line_h * len(lines) + gap * max(0, len(lines) - 1) + 2 * pad
    img = Image.new("RGBA", (max(w, 2), max(h, 2)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for i, (line, lw) in enumerate(zip(lines, widths, strict=False)):
        x = pad + (0 if align == "left" else (max(widths) - lw) // (2 if align == "center" else 1))
        y = pad + i * (line_h + gap)
        if shadow_px:
            draw.text((x + shadow_px, y + shadow_px), line, font=fnt, fill=(0, 0, 0, 150))
        draw.text(
            (x, y),
            line,
            font=fnt,
            fill=(*fill, 255),
            stroke_width=outline_px,
            stroke_fill=(*(outline or fill), 255),
        )
    return sprite_from_rgba(np.asarray(img))
