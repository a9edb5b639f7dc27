"""The painter's subjects: stylised products (bottle, can, box, device, sneaker, jar), a neutral plaque and a
mascot figure.

Each draws into a box on an RGBA canvas in flat motion-graphics style: shaded fills, a highlight, a label
with the product's name set in type where there is room for it.
"""

from __future__ import annotations

import random
import re

from PIL import Image, ImageDraw

from studio.imaging.palette import luminance, shade
from studio.offline.brushes import (
    Box,
    draw_text_centred,
    fill,
    fit_font,
    lerp_box,
    shaded,
    shape_mask,
)

PRODUCT_SHAPES = ("bottle", "can", "box", "device", "sneaker", "jar", "plaque")
"""'plaque' is the neutral form: a standing tablet with the product's name, when no silhouette fits."""
_SHAPE_WORDS: dict[str, tuple[str, ...]] = {
    "sneaker": (
        *("sneaker", "sneakers", "shoe", "shoes", "trainer", "trainers", "boot", "boots", "footwear"),
        *("zapatillas", "zapatos", "botas", "chaussures", "baskets", "schuhe", "laufschuhe", "stiefel"),
        *("scarpe", "scarpone", "sapatos", "ténis", "tênis", "sapatilhas"),
    ),
    "can": ("can", "cans", "soda", "cola", "seltzer", "energy"),
    "bottle": (
        "bottle",
        "perfume",
        "fragrance",
        "serum",
        "drink",
        "juice",
        "water",
        "wine",
        "beer",
        "shampoo",
        "lotion",
        "oil",
        "sauce",
        "spray",
        "kombucha",
        "gin",
        "vodka",
        "whisky",
    ),
    "jar": ("jar", "cream", "candle", "honey", "jam", "balm", "moisturizer", "moisturiser", "skincare"),
    "device": (
        "phone",
        "app",
        "smartphone",
        "tablet",
        "device",
        "gadget",
        "software",
        "saas",
        "platform",
        "watch",
        "smartwatch",
        "game",
        "website",
        "online",
    ),
    "box": (
        "box",
        "cereal",
        "tea",
        "pack",
        "kit",
        "subscription",
        "gift",
        "package",
        "delivery",
        "snack",
        "chocolate",
        "cookies",
        "meal",
    ),
}


def product_shape_for(prompt: str, rng: random.Random) -> str:
    """The silhouette the brief's words suggest (the first product word wins); else the neutral plaque."""
    words = re.findall(r"[a-z]+", prompt.lower())
    for word in words:
        for shape, vocab in _SHAPE_WORDS.items():
            if word in vocab:
                return shape
    return "plaque"  # no silhouette fits: the name on a neutral form, never another product


def _ink_for(background: str, palette: list[str]) -> str:
    """A palette colour readable on `background` (dark type on light, light type on dark)."""
    light_bg = luminance(background) > 0.35
    options = sorted(palette, key=luminance)
    return options[0] if light_bg else options[-1]


def _label(canvas: Image.Image, box: Box, colour: str, title: str, palette: list[str], radius: float) -> None:
    size = canvas.size
    fill(canvas, shape_mask(size, lambda d: d.rounded_rectangle(box, radius=radius, fill=255)), colour)
    x0, y0, x1, y1 = box
    draw = ImageDraw.Draw(canvas)
    ink = _ink_for(colour, palette)
    if title:
        f = fit_font(title.upper(), (x1 - x0) * 0.82, int((y1 - y0) * 0.42))
        draw_text_centred(draw, ((x0 + x1) / 2, y0 + (y1 - y0) * 0.42), title.upper(), f, ink)
    # Two rules under the name read as a tagline without inventing words.
    for i, frac in enumerate((0.72, 0.84)):
        half = (x1 - x0) * (0.3 if i == 0 else 0.18)
        cx, cy = (x0 + x1) / 2, y0 + (y1 - y0) * frac
        draw.rounded_rectangle((cx - half, cy - 3, cx + half, cy + 3), radius=3, fill=ink)


def _highlight(canvas: Image.Image, box: Box, rng: random.Random) -> None:
    x0, _, x1, _ = box
    u = rng.uniform(0.16, 0.26)
    hl = lerp_box(box, u, 0.06, u + 0.06, 0.94)
    fill(
        canvas,
        shape_mask(
            canvas.size, lambda d: d.rounded_rectangle(hl, radius=(x1 - x0) * 0.03, fill=255), soften=2.5
        ),
        "#ffffff",
        opacity=0.35,
    )


def _rounded(canvas: Image.Image, box: Box, radius: float, colour: str) -> None:
    """A shaded rounded rectangle filling `box`."""
    fill(
        canvas,
        shape_mask(canvas.size, lambda d: d.rounded_rectangle(box, radius=radius, fill=255)),
        shaded(colour, canvas.size, box),
    )


def draw_product(
    canvas: Image.Image, box: Box, shape: str, palette: list[str], title: str, rng: random.Random
) -> None:
    """Draw one stylised product of `shape` filling `box` (x0, y0, x1, y1) on an RGBA canvas."""
    main, second, dark, light = palette[0], palette[1 % len(palette)], shade(palette[0], 0.45), "#f7f5f0"
    label_colour = rng.choice(
        [c for c in palette[1:] if abs(luminance(c) - luminance(main)) > 0.12] or [light]
    )
    size = canvas.size
    x0, y0, x1, y1 = box
    w = x1 - x0

    if shape == "bottle":
        body = lerp_box(box, 0.08, 0.30, 0.92, 1.0)
        neck = lerp_box(box, 0.36, 0.08, 0.64, 0.34)
        shoulder = lerp_box(box, 0.08, 0.20, 0.92, 0.44)
        fill(canvas, shape_mask(size, lambda d: d.rectangle(neck, fill=255)), shaded(main, size, neck))
        fill(
            canvas,
            shape_mask(
                size,
                lambda d: (
                    d.ellipse(shoulder, fill=255),
                    d.rounded_rectangle(body, radius=w * 0.12, fill=255),
                ),
            ),
            shaded(main, size, body),
        )
        cap = lerp_box(box, 0.33, 0.0, 0.67, 0.11)
        fill(
            canvas,
            shape_mask(size, lambda d: d.rounded_rectangle(cap, radius=w * 0.04, fill=255)),
            shaded(dark, size, cap),
        )
        _highlight(canvas, lerp_box(box, 0.08, 0.34, 0.92, 0.96), rng)
        _label(canvas, lerp_box(box, 0.14, 0.52, 0.86, 0.80), label_colour, title, palette, w * 0.03)
    elif shape == "can":
        body = lerp_box(box, 0.0, 0.03, 1.0, 0.97)
        fill(
            canvas,
            shape_mask(size, lambda d: d.rounded_rectangle(body, radius=w * 0.10, fill=255)),
            shaded(main, size, body),
        )
        for v0, v1 in ((0.0, 0.07), (0.93, 1.0)):
            rim = lerp_box(box, 0.04, v0, 0.96, v1)
            fill(
                canvas,
                shape_mask(size, lambda d, r=rim: d.rounded_rectangle(r, radius=w * 0.08, fill=255)),
                shaded("#c0c4c8", size, rim),
            )
        _highlight(canvas, body, rng)
        _label(canvas, lerp_box(box, 0.0, 0.36, 1.0, 0.66), label_colour, title, palette, 0)
    elif shape == "box":
        depth = w * 0.16
        front = (x0, y0 + depth, x1 - depth, y1)
        top = [(x0, y0 + depth), (x0 + depth, y0), (x1, y0), (x1 - depth, y0 + depth)]
        side = [(x1 - depth, y0 + depth), (x1, y0), (x1, y1 - depth), (x1 - depth, y1)]
        fill(canvas, shape_mask(size, lambda d: d.rectangle(front, fill=255)), main)
        fill(canvas, shape_mask(size, lambda d: d.polygon(top, fill=255)), shade(main, 1.25))
        fill(canvas, shape_mask(size, lambda d: d.polygon(side, fill=255)), shade(main, 0.72))
        fw = front[2] - front[0]
        _label(
            canvas,
            (
                front[0] + fw * 0.1,
                front[1] + (front[3] - front[1]) * 0.3,
                front[2] - fw * 0.1,
                front[1] + (front[3] - front[1]) * 0.62,
            ),
            label_colour,
            title,
            palette,
            fw * 0.04,
        )
    elif shape == "device":
        frame = box
        fill(
            canvas,
            shape_mask(size, lambda d: d.rounded_rectangle(frame, radius=w * 0.14, fill=255)),
            shaded(shade(main, 0.3), size, frame, 0.9, 1.1),
        )
        screen = lerp_box(box, 0.06, 0.04, 0.94, 0.96)
        fill(
            canvas,
            shape_mask(size, lambda d: d.rounded_rectangle(screen, radius=w * 0.1, fill=255)),
            shaded(main, size, screen, 0.92, 1.08),
        )
        sx0, sy0, sx1, sy1 = screen
        for i, v in enumerate((0.55, 0.70, 0.85)):
            card = lerp_box(screen, 0.1, v, 0.9, v + 0.11)
            fill(
                canvas,
                shape_mask(size, lambda d, c=card: d.rounded_rectangle(c, radius=w * 0.04, fill=255)),
                light if i == 0 else label_colour,
                opacity=0.9,
            )
        f = fit_font((title or " ").upper(), (sx1 - sx0) * 0.8, int((sy1 - sy0) * 0.08))
        if title:
            draw_text_centred(
                ImageDraw.Draw(canvas),
                ((sx0 + sx1) / 2, sy0 + (sy1 - sy0) * 0.3),
                title.upper(),
                f,
                _ink_for(main, palette),
            )
    elif shape == "sneaker":

        def sole(d: ImageDraw.ImageDraw) -> None:
            d.rounded_rectangle(lerp_box(box, 0.0, 0.72, 1.0, 0.92), radius=(y1 - y0) * 0.08, fill=255)

        def upper(d: ImageDraw.ImageDraw) -> None:
            pts = [
                (0.02, 0.76),
                (0.04, 0.42),
                (0.14, 0.30),
                (0.30, 0.33),
                (0.48, 0.20),
                (0.60, 0.26),
                (0.70, 0.48),
                (0.88, 0.56),
                (0.99, 0.66),
                (0.98, 0.76),
            ]
            d.polygon([(x0 + u * w, y0 + v * (y1 - y0)) for u, v in pts], fill=255)

        fill(canvas, shape_mask(size, upper), shaded(main, size, box, 0.88, 1.08))
        fill(canvas, shape_mask(size, sole), "#f4f2ee")
        fill(
            canvas,
            shape_mask(size, lambda d: d.rectangle(lerp_box(box, 0.0, 0.86, 1.0, 0.92), fill=255)),
            shade(main, 0.5),
        )
        stripe = [
            (x0 + u * w, y0 + v * (y1 - y0))
            for u, v in ((0.22, 0.66), (0.74, 0.50), (0.80, 0.56), (0.30, 0.70))
        ]
        fill(canvas, shape_mask(size, lambda d: d.polygon(stripe, fill=255)), label_colour)
        draw = ImageDraw.Draw(canvas)
        for i in range(4):
            u = 0.38 + i * 0.07
            draw.line(
                [
                    (x0 + u * w, y0 + (0.30 + i * 0.03) * (y1 - y0)),
                    (x0 + (u + 0.06) * w, y0 + (0.36 + i * 0.03) * (y1 - y0)),
                ],
                fill=light,
                width=max(2, int(w * 0.012)),
            )
    elif shape == "plaque":
        # a standing tablet on a low base: a form that is no product, carrying the product's name
        base = lerp_box(box, 0.1, 0.9, 0.9, 1.0)
        face = lerp_box(box, 0.0, 0.0, 1.0, 0.92)
        _rounded(canvas, face, w * 0.08, main)
        _rounded(canvas, base, w * 0.03, dark)
        _label(canvas, lerp_box(box, 0.08, 0.3, 0.92, 0.62), label_colour, title, palette, w * 0.04)
    else:  # jar
        body = lerp_box(box, 0.0, 0.22, 1.0, 1.0)
        lid = lerp_box(box, 0.04, 0.0, 0.96, 0.24)
        _rounded(canvas, body, w * 0.14, main)
        _rounded(canvas, lid, w * 0.06, second if abs(luminance(second) - luminance(main)) > 0.1 else dark)
        _highlight(canvas, body, rng)
        _label(canvas, lerp_box(box, 0.1, 0.42, 0.9, 0.82), label_colour, title, palette, w * 0.04)


def product_aspect(shape: str) -> float:
    """Width over height of each silhouette, so the painter can size its box."""
    aspects = {"bottle": 0.42, "can": 0.5, "box": 0.78, "device": 0.5, "sneaker": 1.9, "jar": 0.95}
    return aspects.get(shape, 0.8)  # the plaque


_SKIN = ("#f1c7a5", "#e0ac83", "#c68a5e", "#8d5a3b", "#5c3a24")


def draw_character(canvas: Image.Image, box: Box, palette: list[str], rng: random.Random) -> None:
    """Draw a friendly, flat mascot figure standing in `box` on an RGBA canvas."""
    size = canvas.size
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    main = palette[0]
    accent = next((c for c in palette[1:] if abs(luminance(c) - luminance(main)) > 0.1), "#f7f5f0")
    skin = rng.choice(_SKIN)
    hair = rng.choice(["#2b1d14", "#1a1a1a", "#6b4226", accent])
    cx = x0 + w / 2
    head_r = w * 0.17
    head_c = (cx, y0 + head_r * 1.1)
    torso = (cx - w * 0.3, y0 + h * 0.26, cx + w * 0.3, y0 + h * 0.64)

    # Arms first, so the torso covers their shoulders; the pose is the seed's choice. Hands are given
    # as (offset from the centre in widths, height from the top in heights).
    hands_at = {
        "wave": ((-0.40, 0.58), (0.44, 0.06)),
        "hips": ((-0.40, 0.50), (0.40, 0.50)),
        "cheer": ((-0.44, 0.04), (0.44, 0.04)),
        "relaxed": ((-0.36, 0.62), (0.36, 0.62)),
    }
    pose = rng.choice(sorted(hands_at))
    arm_w = int(w * 0.12)
    draw = ImageDraw.Draw(canvas)
    hands = []
    for side, (du, v) in zip((-1, 1), hands_at[pose], strict=True):
        shoulder = (cx + side * w * 0.24, torso[1] + h * 0.05)
        hand = (cx + du * w, y0 + v * h)
        mask = shape_mask(
            size,
            lambda d, s=shoulder, e=hand: (
                d.line([s, e], fill=255, width=arm_w),
                d.ellipse((s[0] - arm_w / 2, s[1] - arm_w / 2, s[0] + arm_w / 2, s[1] + arm_w / 2), fill=255),
            ),
        )
        fill(canvas, mask, shade(main, 0.85))
        hands.append(hand)
    r = arm_w * 0.62
    for hx, hy in hands:
        fill(
            canvas,
            shape_mask(size, lambda d, x=hx, y=hy, r=r: d.ellipse((x - r, y - r, x + r, y + r), fill=255)),
            skin,
        )

    legs = [
        (cx - w * 0.17, torso[3] - h * 0.02, cx - w * 0.05, y1 - h * 0.06),
        (cx + w * 0.05, torso[3] - h * 0.02, cx + w * 0.17, y1 - h * 0.06),
    ]
    for leg in legs:
        fill(
            canvas,
            shape_mask(size, lambda d, b=leg: d.rounded_rectangle(b, radius=w * 0.05, fill=255)),
            shade(main, 0.6),
        )
        shoe = (leg[0] - w * 0.03, y1 - h * 0.08, leg[2] + w * 0.04, y1)
        fill(
            canvas,
            shape_mask(size, lambda d, b=shoe: d.rounded_rectangle(b, radius=h * 0.03, fill=255)),
            accent,
        )
    fill(
        canvas,
        shape_mask(size, lambda d: d.rounded_rectangle(torso, radius=w * 0.14, fill=255)),
        shaded(main, size, torso, 0.85, 1.1),
    )
    neck = (cx - w * 0.06, head_c[1] + head_r * 0.7, cx + w * 0.06, torso[1] + h * 0.02)
    fill(canvas, shape_mask(size, lambda d: d.rectangle(neck, fill=255)), shade(skin, 0.85))
    hb = (head_c[0] - head_r, head_c[1] - head_r, head_c[0] + head_r, head_c[1] + head_r)
    fill(canvas, shape_mask(size, lambda d: d.ellipse(hb, fill=255)), skin)
    hair_box = (hb[0] - head_r * 0.08, hb[1] - head_r * 0.1, hb[2] + head_r * 0.08, hb[3] - head_r * 0.2)
    fill(canvas, shape_mask(size, lambda d: d.chord(hair_box, 180, 360, fill=255)), hair)
    # Face: two eyes and a smile, kept simple as in a brand mascot.
    er = head_r * 0.1
    for side in (-1, 1):
        ex, ey = head_c[0] + side * head_r * 0.38, head_c[1] + head_r * 0.1
        draw.ellipse((ex - er, ey - er, ex + er, ey + er), fill="#1a1a1a")
    draw.arc(
        (
            head_c[0] - head_r * 0.4,
            head_c[1] + head_r * 0.05,
            head_c[0] + head_r * 0.4,
            head_c[1] + head_r * 0.6,
        ),
        20,
        160,
        fill="#1a1a1a",
        width=max(2, int(head_r * 0.08)),
    )
    # A chest badge in the accent colour ties the figure to the brand.
    br = w * 0.07
    bc = (cx + w * 0.12, torso[1] + h * 0.1)
    fill(
        canvas,
        shape_mask(size, lambda d: d.ellipse((bc[0] - br, bc[1] - br, bc[0] + br, bc[1] + br), fill=255)),
        accent,
    )
