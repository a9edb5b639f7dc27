"""The offline image model: reference pictures painted procedurally in one motion-graphics art direction.

Product and character references come out as RGBA PNGs on a transparent background (the motion renderer
floats them with a shadow); environments as full-frame RGB backdrops with depth. Gradients, soft light,
flat shapes and type; no attempt to fake a photograph. The same request gives the same bytes.
"""

from __future__ import annotations

import io
import logging
import random
import re

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from studio.imaging.palette import luminance, palette_from_brief, shade, stable_seed
from studio.offline.brushes import (
    draw_text_centred,
    fill,
    fit_font,
    radial_light,
    shape_mask,
    vertical_gradient,
)
from studio.offline.shapes import draw_character, draw_product, product_aspect, product_shape_for

log = logging.getLogger(__name__)

_SETTING_WORDS: dict[str, tuple[str, ...]] = {
    "skyline": ("city", "urban", "street", "downtown", "office", "night", "nightlife", "metro", "commute"),
    "sea": ("beach", "sea", "ocean", "summer", "surf", "island", "pool", "coast", "tropical", "vacation"),
    "hills": (
        "mountain",
        "mountains",
        "forest",
        "outdoor",
        "outdoors",
        "hike",
        "hiking",
        "nature",
        "park",
        "garden",
        "camp",
        "camping",
        "travel",
        "trail",
        "run",
        "running",
        "adventure",
    ),
}


def setting_for(prompt: str) -> str:
    """The backdrop the brief's words suggest: skyline, sea, hills, or a studio set by default."""
    words = set(re.findall(r"[a-z]+", prompt.lower()))
    for setting, vocab in _SETTING_WORDS.items():
        if words.intersection(vocab):
            return setting
    return "studio"


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    # Level 3 keeps a 720x1280 reference well under the time budget at a modest size cost.
    image.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()


def paint(
    role: str | None,
    size: tuple[int, int],
    prompt: str,
    palette: list[str],
    title: str = "",
    seed: int | None = None,
) -> bytes:
    """A product, character, environment (or hero) picture as PNG, deterministic from its seed."""
    seed = seed if seed is not None else stable_seed(prompt, role)
    rng = random.Random(seed)
    palette = [c.lower() for c in palette] or palette_from_brief(prompt, seed=seed)
    palette = (palette * 5)[:5] if len(palette) < 5 else palette
    if role == "product":
        image = paint_product(size, prompt, palette, title, rng)
    elif role == "character":
        image = paint_character(size, palette, rng)
    elif role == "environment":
        image = paint_environment(size, prompt, palette, rng)
    else:
        image = paint_hero(size, prompt, palette, title, rng)
    return _png(image)


def _subject_box(
    size: tuple[int, int], aspect: float, height_frac: float, width_frac: float, rng: random.Random
) -> tuple[float, float, float, float]:
    w, h = size
    bh = h * height_frac
    bw = bh * aspect
    if bw > w * width_frac:
        bw = w * width_frac
        bh = bw / aspect
    cx = w / 2 + rng.uniform(-0.04, 0.04) * w
    cy = h / 2 + rng.uniform(-0.03, 0.03) * h
    return (cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2)


def paint_product(
    size: tuple[int, int],
    prompt: str,
    palette: list[str],
    title: str,
    rng: random.Random,
    height_frac: float = 0.62,
) -> Image.Image:
    """A stylised product on a transparent background (RGBA), about height_frac of the frame tall."""
    shape = product_shape_for(prompt, rng)
    canvas = Image.new("RGBA", size, (0, 0, 0, 0))
    box = _subject_box(size, product_aspect(shape) * rng.uniform(0.92, 1.08), height_frac, 0.78, rng)
    draw_product(canvas, box, shape, palette, title, rng)
    tilt = rng.uniform(-7, 7)
    # A small tilt gives the object life; BICUBIC keeps its edges smooth.
    return canvas.rotate(
        tilt, resample=Image.Resampling.BICUBIC, center=((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    )


def paint_character(size: tuple[int, int], palette: list[str], rng: random.Random) -> Image.Image:
    """A flat mascot figure on a transparent background (RGBA)."""
    canvas = Image.new("RGBA", size, (0, 0, 0, 0))
    box = _subject_box(size, 0.55, 0.78, 0.8, rng)
    draw_character(canvas, box, palette, rng)
    return canvas


def paint_environment(
    size: tuple[int, int], prompt: str, palette: list[str], rng: random.Random
) -> Image.Image:
    """A full-frame backdrop (RGB) with depth: sky or wall, light, a horizon and layered shapes."""
    w, h = size
    main = palette[0]
    accent = next((c for c in palette[1:] if abs(luminance(c) - luminance(main)) > 0.08), palette[1])
    setting = setting_for(prompt)
    horizon = h * rng.uniform(0.58, 0.7)
    canvas = vertical_gradient(size, shade(main, 1.3), shade(main, 0.82), curve=0.9)

    light_c = (w * rng.uniform(0.2, 0.8), horizon - h * rng.uniform(0.12, 0.3))
    fill(canvas, radial_light(size, light_c, max(w, h) * 0.55, 0.8), shade(main, 1.75))

    # Floating shapes in the accent colour, low opacity: the motion-graphics signature.
    for _ in range(rng.randint(3, 5)):
        r = min(w, h) * rng.uniform(0.06, 0.2)
        x, y = w * rng.uniform(0, 1), horizon * rng.uniform(0.05, 0.85)
        if rng.random() < 0.5:
            mask = shape_mask(
                size, lambda d, x=x, y=y, r=r: d.ellipse((x - r, y - r, x + r, y + r), fill=255)
            )
        else:
            mask = shape_mask(
                size,
                lambda d, x=x, y=y, r=r: d.ellipse(
                    (x - r, y - r, x + r, y + r), outline=255, width=max(2, int(r * 0.12))
                ),
            )
        fill(canvas, mask, accent, opacity=rng.uniform(0.12, 0.25))

    if setting == "skyline":
        _skyline(canvas, horizon, palette, rng)
    elif setting == "sea":
        _sea(canvas, horizon, palette, rng)
    elif setting == "hills":
        _hills(canvas, horizon, palette, rng)
    else:
        _studio(canvas, horizon, palette, rng)

    # Bokeh dots catch the light and give a sense of lens depth.
    dots = Image.new("L", size, 0)
    d = ImageDraw.Draw(dots)
    for _ in range(rng.randint(10, 18)):
        r = min(w, h) * rng.uniform(0.006, 0.02)
        x, y = w * rng.random(), h * rng.uniform(0.05, 0.9)
        d.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(60, 140))
    fill(canvas, dots.filter(ImageFilter.GaussianBlur(2)), "#ffffff")
    canvas.info["horizon"] = horizon  # where the hero stands its product
    return canvas


def _studio(canvas: Image.Image, horizon: float, palette: list[str], rng: random.Random) -> None:
    w, h = canvas.size
    floor = vertical_gradient(canvas.size, shade(palette[0], 0.7), shade(palette[0], 0.5))
    rng.random()  # the draw the podium's width used to take: the rest of the picture stays as it was
    fill(canvas, shape_mask(canvas.size, lambda d: d.rectangle((0, horizon, w, h), fill=255), 0), floor)
    # No podium: the product is set on its own surface by the motion renderer (or on this floor in a
    # hero picture), never floated over a pedestal. A soft line of light marks the floor's back edge.
    edge = shape_mask(
        canvas.size, lambda d: d.rectangle((0, horizon - 1, w, horizon + h * 0.006), fill=255), 2
    )
    fill(canvas, edge, shade(palette[0], 1.3), opacity=0.6)
    # a pool of light on the floor where the product stands: lit ground, not a pedestal
    pool = (w * 0.15, horizon + h * 0.07, w * 0.85, horizon + h * 0.15)
    fill(canvas, shape_mask(canvas.size, lambda d: d.ellipse(pool, fill=255), 1.5), shade(palette[0], 1.0))
    fill(canvas, radial_light(canvas.size, (w / 2, horizon - h * 0.1), h * 0.45, 0.5), "#ffffff")


def _skyline(canvas: Image.Image, horizon: float, palette: list[str], rng: random.Random) -> None:
    w, h = canvas.size
    for layer, (tone, top_frac) in enumerate(((0.72, 0.5), (0.55, 0.32))):
        mask = Image.new("L", canvas.size, 0)
        d = ImageDraw.Draw(mask)
        x = -rng.uniform(0, w * 0.05)
        while x < w:
            bw = w * rng.uniform(0.07, 0.16)
            bh = horizon * rng.uniform(0.1, top_frac)
            d.rectangle((x, horizon - bh, x + bw, h), fill=255)
            x += bw * rng.uniform(0.9, 1.15)
        fill(canvas, mask, shade(palette[0], tone))
        if layer == 1:  # windows on the near layer
            win = Image.new("L", canvas.size, 0)
            dw = ImageDraw.Draw(win)
            step = max(6, int(w * 0.03))
            for yy in range(int(horizon * 0.5), int(h), step):
                for xx in range(0, w, step):
                    if rng.random() < 0.18:
                        dw.rectangle((xx, yy, xx + step * 0.4, yy + step * 0.5), fill=255)
            win = ImageChops.darker(win, mask)  # windows only where there is a building
            fill(canvas, win, shade(palette[0], 1.5), opacity=0.7)
    fill(
        canvas,
        shape_mask(canvas.size, lambda d: d.rectangle((0, h * 0.9, w, h), fill=255), 0),
        shade(palette[0], 0.45),
    )


def _sea(canvas: Image.Image, horizon: float, palette: list[str], rng: random.Random) -> None:
    w, h = canvas.size
    water = vertical_gradient(canvas.size, shade(palette[0], 0.85), shade(palette[0], 0.6))
    fill(canvas, shape_mask(canvas.size, lambda d: d.rectangle((0, horizon, w, h), fill=255), 0), water)
    for i in range(6):
        y = horizon + (h - horizon) * (i + 1) / 8
        amp = h * 0.006 * (i + 1)
        pts = [
            (x, y + amp * (1 if (x // max(1, w // 12)) % 2 else -1)) for x in range(0, w + 1, max(1, w // 12))
        ]
        fill(
            canvas,
            shape_mask(canvas.size, lambda d, p=pts, t=i: d.line(p, fill=255, width=2 + t)),
            "#ffffff",
            opacity=0.25,
        )
    sand_top = h * rng.uniform(0.86, 0.92)
    fill(
        canvas,
        shape_mask(canvas.size, lambda d: d.ellipse((-w * 0.3, sand_top, w * 1.3, h * 1.4), fill=255)),
        "#e9d8b4",
    )


def _hills(canvas: Image.Image, horizon: float, palette: list[str], rng: random.Random) -> None:
    w, h = canvas.size
    for i, tone in enumerate((0.78, 0.62, 0.48)):
        base = horizon + (h - horizon) * i * 0.3
        peaks = [(0, h)]
        x = 0.0
        while x <= w:
            peaks.append((x, base - h * rng.uniform(0.02, 0.14) * (1.4 - i * 0.3)))
            x += w * rng.uniform(0.18, 0.35)
        peaks += [(w, base - h * 0.05), (w, h)]
        fill(
            canvas,
            shape_mask(canvas.size, lambda d, p=peaks: d.polygon(p, fill=255), 1.2),
            shade(palette[0], tone),
        )


def paint_hero(
    size: tuple[int, int], prompt: str, palette: list[str], title: str, rng: random.Random
) -> Image.Image:
    """A generic hero image (RGB): the backdrop, the product standing in it with a shadow, the title."""
    w, h = size
    canvas = paint_environment(size, prompt, palette, rng)
    # Smaller than a product reference: the hero leaves room for the title above it.
    product = paint_product(size, prompt, palette, title, rng, height_frac=0.46)
    # Stand the product on the floor (the studio's podium) rather than floating mid-frame.
    bbox = product.getbbox()
    if bbox is not None:
        floor = float(canvas.info.get("horizon", h * 0.64)) + h * 0.08
        dy = int(min(floor, h * 0.95) - bbox[3])
        moved = Image.new("RGBA", size, (0, 0, 0, 0))
        moved.paste(product, (0, dy))
        product = moved
    alpha = product.getchannel("A")
    shadow = alpha.filter(ImageFilter.GaussianBlur(max(2, min(w, h) * 0.02))).point(lambda v: int(v * 0.45))
    offset = (int(w * 0.02), int(h * 0.02))
    shifted = Image.new("L", size, 0)
    shifted.paste(shadow, offset)
    fill(canvas, shifted, shade(palette[0], 0.2))
    canvas.paste(product.convert("RGB"), (0, 0), alpha)
    if title:
        draw = ImageDraw.Draw(canvas)
        f = fit_font(title.upper(), w * 0.86, int(h * 0.08))
        draw_text_centred(
            draw,
            (w / 2, h * 0.1),
            title.upper(),
            f,
            "#ffffff" if luminance(shade(palette[0], 1.3)) < 0.5 else shade(palette[0], 0.2),
        )
    return canvas
