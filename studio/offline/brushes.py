"""Drawing primitives for the procedural painter: gradients, soft light, smooth masks and type."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from studio.imaging.palette import hex_to_rgb

Box = tuple[float, float, float, float]
_FONT_FILES = (
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
)


@lru_cache(maxsize=64)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A bold sans face at `size` px: DejaVu when installed, else Pillow's bundled face (no download)."""
    size = max(6, int(size))
    for name in _FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def fit_font(text: str, max_width: float, max_size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The largest face (≤ max_size) in which `text` fits within max_width pixels."""
    size = max(6, int(max_size))
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    while size > 6:
        f = font(size)
        left, _, right, _ = probe.textbbox((0, 0), text, font=f)
        if right - left <= max_width:
            return f
        size = int(size * 0.9)
    return font(6)


def draw_text_centred(
    draw: ImageDraw.ImageDraw,
    centre: tuple[float, float],
    text: str,
    fnt: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    fill: str,
) -> None:
    """Set a line of type centred on a point."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=fnt)
    x = centre[0] - (right - left) / 2 - left
    y = centre[1] - (bottom - top) / 2 - top
    draw.text((x, y), text, font=fnt, fill=fill)


def vertical_gradient(size: tuple[int, int], top: str, bottom: str, curve: float = 1.0) -> Image.Image:
    """An RGB image fading from `top` to `bottom` (curve > 1 holds the top colour longer)."""
    w, h = size
    t = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None] ** curve
    a, b = np.array(hex_to_rgb(top), np.float32), np.array(hex_to_rgb(bottom), np.float32)
    col = a[None, None, :] * (1 - t[..., None]) + b[None, None, :] * t[..., None]
    return Image.fromarray(np.broadcast_to(col, (h, w, 3)).round().astype(np.uint8))


def radial_light(
    size: tuple[int, int], centre: tuple[float, float], radius: float, strength: float = 1.0
) -> Image.Image:
    """An 'L' mask of soft light: 255·strength at the centre falling smoothly to 0 at `radius`."""
    w, h = size
    # Computed at quarter resolution and upscaled: the falloff is smooth, so nothing is lost.
    sw, sh = max(1, w // 4), max(1, h // 4)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    d = np.hypot(xx - centre[0] / 4, yy - centre[1] / 4) / max(radius / 4, 1e-3)
    v = np.clip(1 - d, 0, 1) ** 2 * 255 * strength
    return Image.fromarray(v.astype(np.uint8)).resize((w, h), Image.Resampling.BILINEAR)


def horizontal_shading(width: int, low: float = 0.78, high: float = 1.12) -> np.ndarray:
    """Per-column brightness factors that make a flat fill read as a rounded (cylindrical) surface."""
    x = np.linspace(0, np.pi, max(width, 1), dtype=np.float32)
    return low + (high - low) * np.clip(np.sin(x), 0, 1) ** 0.8


def fill(canvas: Image.Image, mask: Image.Image, colour: str | Image.Image, opacity: float = 1.0) -> None:
    """Paint `colour` (a hex or an image of canvas size) through `mask` onto the canvas, in place."""
    bbox = mask.getbbox()
    if bbox is None:
        return
    # Work only where the mask is: most shapes cover a small part of the frame.
    m = mask.crop(bbox)
    if opacity < 1:
        m = m.point(lambda v: int(v * opacity))
    size = (bbox[2] - bbox[0], bbox[3] - bbox[1])
    if isinstance(colour, str):
        rgb = hex_to_rgb(colour)
        layer = Image.new(canvas.mode, size, rgb + ((255,) if canvas.mode == "RGBA" else ()))
    else:
        layer = colour.crop(bbox).convert(canvas.mode)
    if canvas.mode == "RGBA":
        # Composite over (not paste), so painting on a transparent canvas builds up alpha correctly.
        layer.putalpha(m)
        canvas.alpha_composite(layer, dest=bbox[:2])
    else:
        canvas.paste(layer, bbox[:2], m)


def shape_mask(size: tuple[int, int], draw_fn, soften: float = 0.7) -> Image.Image:
    """An 'L' mask drawn by draw_fn(ImageDraw) and softened slightly so edges are not jagged."""
    m = Image.new("L", size, 0)
    draw_fn(ImageDraw.Draw(m))
    bbox = m.getbbox()
    if soften <= 0 or bbox is None:
        return m
    pad = int(soften * 3) + 2
    box = (
        max(0, bbox[0] - pad),
        max(0, bbox[1] - pad),
        min(size[0], bbox[2] + pad),
        min(size[1], bbox[3] + pad),
    )
    m.paste(m.crop(box).filter(ImageFilter.GaussianBlur(soften)), box[:2])
    return m


def shaded(colour: str, size: tuple[int, int], box: Box, low: float = 0.8, high: float = 1.12) -> Image.Image:
    """A canvas-sized fill of `colour`, shaded across the width of `box` like a rounded surface."""
    w, h = size
    x0, x1 = int(max(0, box[0])), int(min(w, box[2]))
    factors = np.ones(w, np.float32)
    if x1 > x0:
        factors[x0:x1] = horizontal_shading(x1 - x0, low, high)
    base = np.array(hex_to_rgb(colour), np.float32)
    row = np.clip(base[None, :] * factors[:, None], 0, 255).round().astype(np.uint8)
    return Image.fromarray(np.ascontiguousarray(np.broadcast_to(row[None], (h, w, 3))))


def lerp_box(box: Box, u0: float, v0: float, u1: float, v1: float) -> Box:
    """A sub-box given in 0-1 coordinates of `box`."""
    x0, y0, x1, y1 = box
    return (x0 + (x1 - x0) * u0, y0 + (y1 - y0) * v0, x0 + (x1 - x0) * u1, y0 + (y1 - y0) * v1)
