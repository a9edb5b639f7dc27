"""Colour: palettes read from a brief's words or measured from pixels, and the arithmetic behind them.

Used by the painter (which colours to paint), the analyst (which colours it sees) and the consistency
context (one palette merged across references).
"""

from __future__ import annotations

import colorsys
import hashlib
import logging
import re
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

RGB = tuple[int, int, int]

# Colour words a marketer writes in a brief, with the colour a designer would reach for.
COLOUR_WORDS: dict[str, str] = {
    "red": "#e0262f",
    "crimson": "#b3122e",
    "scarlet": "#e8252b",
    "cherry": "#c8102e",
    "ruby": "#9b111e",
    "burgundy": "#7a1f35",
    "maroon": "#6d1a2b",
    "wine": "#722f37",
    "orange": "#f47b20",
    "tangerine": "#f28500",
    "amber": "#ffb000",
    "coral": "#ff6f61",
    "peach": "#ffb38a",
    "yellow": "#ffd21f",
    "lemon": "#fff44f",
    "mustard": "#d8a31a",
    "gold": "#d4a93c",
    "golden": "#d4a93c",
    "lime": "#9bd22e",
    "green": "#2e9e4f",
    "emerald": "#119a62",
    "mint": "#7fdcb0",
    "olive": "#708238",
    "sage": "#9caf88",
    "forest": "#1f5f3a",
    "teal": "#13877f",
    "turquoise": "#2ec4b6",
    "cyan": "#1ecbe1",
    "aqua": "#28c7d9",
    "blue": "#1f63e0",
    "navy": "#15295b",
    "cobalt": "#0047ab",
    "azure": "#2f8fff",
    "sky": "#6cb8f0",
    "indigo": "#3f3fa0",
    "purple": "#7b3fc4",
    "violet": "#8a4fe0",
    "lavender": "#b69ce8",
    "lilac": "#c8a2c8",
    "magenta": "#e0218a",
    "fuchsia": "#d62d9a",
    "pink": "#f57fb0",
    "rose": "#e8577e",
    "blush": "#f2b5c4",
    "brown": "#7b4a2a",
    "chocolate": "#5a3220",
    "coffee": "#6f4e37",
    "caramel": "#b5763c",
    "tan": "#c8a27a",
    "beige": "#e3d3b5",
    "cream": "#f4ecd6",
    "ivory": "#f7f2e4",
    "sand": "#d9c29c",
    "white": "#f5f5f2",
    "black": "#141414",
    "charcoal": "#2f3133",
    "grey": "#8a8d91",
    "gray": "#8a8d91",
    "silver": "#c0c4c8",
    "bronze": "#a86b32",
    "copper": "#b8733d",
}
_ALIASES = {
    "reds": "red",
    "greens": "green",
    "blues": "blue",
    "pinks": "pink",
    "purples": "purple",
    "rouge": "red",
    "rojo": "red",
    "rot": "red",
    "bleu": "blue",
    "azul": "blue",
    "vert": "green",
    "verde": "green",
    "noir": "black",
    "negro": "black",
    "blanc": "white",
    "blanco": "white",
}

# Tasteful starting points when the brief names no colour: picked by its tone words, then the seed.
_MOOD_PALETTES: dict[str, list[list[str]]] = {
    "luxury": [
        ["#1b1b22", "#d4a93c", "#f4ecd6", "#3a2f4a", "#8c6d2f"],
        ["#0f2a2a", "#c9a45c", "#efe6d2", "#24413f", "#7c5e2a"],
    ],
    "calm": [
        ["#6f9fc8", "#e8eef3", "#2d4a63", "#b7d3c4", "#f2d7b6"],
        ["#8fb8a8", "#f1efe8", "#355c57", "#d8c3a5", "#6b8fb3"],
    ],
    "energetic": [
        ["#ff4d2e", "#ffd21f", "#1a1a2e", "#2ec4b6", "#ffffff"],
        ["#7b3fc4", "#ff2e88", "#12122a", "#ffd21f", "#2ec4ff"],
    ],
    "playful": [
        ["#ff7eb6", "#ffd166", "#6ad1c7", "#5b5fe0", "#fff6e9"],
        ["#ffb38a", "#7fdcb0", "#6c7cf0", "#fff3c4", "#e84a7f"],
    ],
    "natural": [
        ["#2e7d4f", "#e9dfc7", "#a3c586", "#6b4f36", "#f2b84b"],
        ["#5b7f3a", "#f1ead8", "#c28f4f", "#2f4a34", "#9cc6b5"],
    ],
    "tech": [
        ["#1f63e0", "#0d1226", "#1ecbe1", "#e8eefc", "#7b3fc4"],
        ["#5b4cf0", "#0b0f1e", "#2ee6c8", "#f0f2fa", "#ff4d8d"],
    ],
    "default": [
        ["#3a5ccc", "#ff8a3d", "#f5f3ee", "#1c2340", "#2ec4b6"],
        ["#e0262f", "#1a1a1a", "#f5f0e6", "#ffb000", "#3d5a80"],
        ["#13877f", "#f4ecd6", "#183a37", "#ef8354", "#fcd581"],
        ["#7b3fc4", "#f7f2e4", "#231942", "#ffb38a", "#2ec4b6"],
    ],
}
_MOOD_WORDS: dict[str, tuple[str, ...]] = {
    "luxury": ("luxury", "luxurious", "premium", "elegant", "exclusive", "refined", "classy", "jewel"),
    "calm": ("calm", "serene", "relax", "relaxing", "sleep", "spa", "soft", "gentle", "wellness", "peaceful"),
    "energetic": (
        "energetic",
        "energy",
        "bold",
        "sport",
        "sports",
        "fitness",
        "gym",
        "power",
        "urgent",
        "dramatic",
        "fast",
        "sale",
    ),
    "playful": ("playful", "fun", "funny", "kids", "candy", "party", "cute", "happy", "joy"),
    "natural": ("natural", "organic", "eco", "green", "plant", "vegan", "earth", "sustainable", "fresh"),
    "tech": ("tech", "app", "software", "ai", "digital", "smart", "cloud", "saas", "device", "gadget"),
}


# ── Conversions ──────────────────────────────────────────────────────────────────────────────────


def hex_to_rgb(value: str) -> RGB:
    """'#1a2b3c' → (26, 43, 60)."""
    v = value.lstrip("#")
    return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)


def rgb_to_hex(rgb: tuple[float, float, float] | np.ndarray) -> str:
    """(26, 43, 60) → '#1a2b3c' (values rounded and clipped to 0-255)."""
    r, g, b = (int(np.clip(round(float(c)), 0, 255)) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _to_lab(rgbs: np.ndarray) -> np.ndarray:
    """N×3 RGB (0-255) → N×3 CIE Lab (L 0-100)."""
    arr = (np.asarray(rgbs, dtype=np.float32).reshape(-1, 1, 3) / 255.0).astype(np.float32)
    return cv2.cvtColor(arr, cv2.COLOR_RGB2Lab).reshape(-1, 3)


def colour_distance(a: str, b: str) -> float:
    """Perceptual distance (CIE76 ΔE) between two hex colours; about 2.3 is just noticeable."""
    lab = _to_lab(np.array([hex_to_rgb(a), hex_to_rgb(b)]))
    return float(np.linalg.norm(lab[0] - lab[1]))


def shade(value: str, factor: float) -> str:
    """Darken (factor < 1) or lighten toward white (factor > 1) a hex colour."""
    r, g, b = hex_to_rgb(value)
    if factor <= 1:
        return rgb_to_hex((r * factor, g * factor, b * factor))
    t = min(1.0, factor - 1)
    return rgb_to_hex((r + (255 - r) * t, g + (255 - g) * t, b + (255 - b) * t))


def _hls(value: str) -> tuple[float, float, float]:
    r, g, b = hex_to_rgb(value)
    return colorsys.rgb_to_hls(r / 255, g / 255, b / 255)


def _from_hls(h: float, lum: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, min(max(lum, 0.0), 1.0), min(max(s, 0.0), 1.0))
    return rgb_to_hex((r * 255, g * 255, b * 255))


def luminance(value: str) -> float:
    """WCAG relative luminance of a hex colour (0 black … 1 white)."""

    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = hex_to_rgb(value)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


_HUE_NAMES = (
    (12, "red"),
    (40, "orange"),
    (52, "amber"),
    (68, "yellow"),
    (85, "lime"),
    (160, "green"),
    (188, "teal"),
    (200, "cyan"),
    (250, "blue"),
    (290, "purple"),
    (330, "magenta"),
    (348, "pink"),
    (360, "red"),
)


def colour_name(value: str) -> str:
    """A plain colour word (with light/dark) for a hex colour, for descriptions a person reads."""
    h, lum, _ = _hls(value)
    r, g, b = hex_to_rgb(value)
    chroma = (max(r, g, b) - min(r, g, b)) / max(max(r, g, b), 1)  # HSV saturation: near-whites stay neutral
    if chroma < 0.12 or lum < 0.06:
        if lum < 0.12:
            return "black"
        if lum > 0.9:
            return "white"
        return "dark grey" if lum < 0.35 else "light grey" if lum > 0.7 else "grey"
    deg = h * 360
    name = next(n for limit, n in _HUE_NAMES if deg < limit)
    if name in ("orange", "amber") and lum < 0.35:
        return "brown"
    if name == "blue" and lum < 0.25:
        return "navy"
    if name in ("red", "magenta") and lum > 0.75:
        return "pink"
    if lum < 0.25:
        return f"dark {name}"
    if lum > 0.75:
        return f"light {name}"
    return name


# ── From the brief ───────────────────────────────────────────────────────────────────────────────


def _modify(value: str, modifier: str | None) -> str:
    if modifier is None:
        return value
    h, lum, s = _hls(value)
    if modifier in ("pastel", "soft", "light", "pale"):
        return _from_hls(h, max(lum, 0.78), min(s, 0.65))
    if modifier in ("neon", "electric", "vivid", "bright"):
        return _from_hls(h, min(max(lum, 0.5), 0.6), 1.0)
    if modifier in ("dark", "deep"):
        return _from_hls(h, min(lum, 0.28), s)
    if modifier in ("muted", "dusty"):
        return _from_hls(h, lum, s * 0.45)
    return value


_MODIFIERS = (
    "pastel",
    "soft",
    "light",
    "pale",
    "neon",
    "electric",
    "vivid",
    "bright",
    "dark",
    "deep",
    "muted",
    "dusty",
)


def colours_in_text(prompt: str) -> list[str]:
    """Colours named in the text, in order of appearance, with modifiers (pastel, neon, dark …) applied."""
    words = re.findall(r"[a-zà-ÿ]+", prompt.lower())
    found: list[str] = []
    global_mod = next((w for w in words if w in ("pastel", "neon")), None)
    for i, word in enumerate(words):
        name = _ALIASES.get(word, word)
        if name not in COLOUR_WORDS:
            continue
        # "sky blue", "forest green": the first word is a qualifier, not a colour of its own.
        if name in ("sky", "forest") and i + 1 < len(words) and words[i + 1] in ("blue", "green"):
            continue
        if name == "green" and i > 0 and words[i - 1] == "forest":
            name = "forest"
        if name == "blue" and i > 0 and words[i - 1] == "sky":
            name = "sky"
        mod = words[i - 1] if i > 0 and words[i - 1] in _MODIFIERS else global_mod
        colour = _modify(COLOUR_WORDS[name], mod)
        if all(colour_distance(colour, c) > 8 for c in found):
            found.append(colour)
    return found


def mood_of(prompt: str) -> str:
    """The mood family of a brief (luxury, calm, energetic, playful, natural, tech or default)."""
    words = set(re.findall(r"[a-z]+", prompt.lower()))
    best, hits = "default", 0
    for mood, vocab in _MOOD_WORDS.items():
        n = len(words.intersection(vocab))
        if n > hits:
            best, hits = mood, n
    return best


def stable_seed(*parts: object) -> int:
    """A seed derived from text, identical across processes (unlike hash())."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def _complete(base: list[str], target: int = 5) -> list[str]:
    """Fill a palette to `target` colours with a dark, a light and an analogous accent of the first."""
    out = list(base)
    h, lum, s = _hls(out[0])
    candidates = [
        _from_hls(h, 0.13, min(s, 0.55)),  # deep shade for text and shadows
        _from_hls(h, 0.93, min(s, 0.35)),  # light tint for backgrounds and type
        _from_hls(h + 0.5, 0.55, max(s, 0.55)),  # complementary accent
        _from_hls(h + 0.08, min(lum + 0.15, 0.8), s),  # analogous highlight
        _from_hls(h - 0.08, max(lum - 0.15, 0.2), s),
    ]
    for c in candidates:
        if len(out) >= target:
            break
        if all(colour_distance(c, o) > 10 for o in out):
            out.append(c)
    return out[:target]


def palette_from_brief(prompt: str, logo_path: Path | None = None, seed: int | None = None) -> list[str]:
    """Five hex colours, dominant first: colours the brief names, then the logo's, else a palette by mood."""
    named = colours_in_text(prompt)
    logo: list[str] = []
    if logo_path is not None:
        try:
            with Image.open(logo_path) as im:
                logo = [c for c, _ in image_palette(im, k=4) if _is_brand_colour(c)]
        except OSError as exc:  # an unreadable logo must not stop the ad: paint from the words instead
            log.warning("Could not read the logo %s for its palette: %s", logo_path, exc)
    merged: list[str] = []
    for c in named + logo:
        if all(colour_distance(c, m) > 12 for m in merged):
            merged.append(c)
    if merged:
        return _complete(merged)
    options = _MOOD_PALETTES[mood_of(prompt)]
    pick = stable_seed(prompt) if seed is None else seed
    return list(options[pick % len(options)])


def _is_brand_colour(value: str) -> bool:
    """Near-white and near-black in a logo are usually its background or outline, not its colour."""
    _, lum, s = _hls(value)
    return 0.08 < lum < 0.94 or s > 0.35


# ── From pixels ──────────────────────────────────────────────────────────────────────────────────


def opaque_pixels(image: Image.Image, max_side: int = 160) -> np.ndarray:
    """RGB pixels (N×3 uint8) of a downscaled copy, leaving out transparent ones."""
    im = image.convert("RGBA")
    scale = max_side / max(im.size)
    if scale < 1:
        # NEAREST keeps the image's own colours; blending at edges would invent in-between shades.
        im = im.resize(
            (max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.Resampling.NEAREST
        )
    arr = np.asarray(im).reshape(-1, 4)
    return arr[arr[:, 3] >= 128][:, :3]


def pixel_palette(pixels: np.ndarray, k: int = 5) -> list[tuple[str, float]]:
    """k-means colours of N×3 RGB pixels with their share, largest first (deterministic)."""
    if len(pixels) == 0:
        return []
    uniq, counts = np.unique(pixels, axis=0, return_counts=True)
    if len(uniq) <= k:
        order = np.argsort(-counts, kind="stable")
        return [(rgb_to_hex(uniq[i]), float(counts[i] / counts.sum())) for i in order]
    data = pixels.astype(np.float32)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.5)
    # OpenCV's RNG is per thread: seeding it here makes the clusters the same on every run.
    cv2.setRNGSeed(12345)
    _, labels, centers = cv2.kmeans(data, k, None, criteria, 3, cv2.KMEANS_PP_CENTERS)
    counts = np.bincount(labels.ravel(), minlength=k)
    order = np.argsort(-counts, kind="stable")
    return [(rgb_to_hex(centers[i]), float(counts[i] / counts.sum())) for i in order if counts[i] > 0]


def image_palette(image: Image.Image, k: int = 5) -> list[tuple[str, float]]:
    """k-means palette of an image's opaque pixels: (hex, share), dominant first."""
    return pixel_palette(opaque_pixels(image), k)


def merge_palettes(palettes: list[list[str]], limit: int = 6, min_distance: float = 12.0) -> list[str]:
    """One palette from several: each list's leading colour first, near-duplicates dropped, capped."""
    merged: list[str] = []
    depth = max((len(p) for p in palettes), default=0)
    for i in range(depth):
        for p in palettes:
            if i < len(p) and len(merged) < limit:
                c = p[i].lower()
                if all(colour_distance(c, m) >= min_distance for m in merged):
                    merged.append(c)
    return merged
