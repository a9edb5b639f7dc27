"""The offline vision model: a reference image described from what its pixels measure, nothing invented.

Palette (k-means), brightness and contrast (lighting words), illustration-or-photo from texture, edge and
colour statistics, a place only where the pixels say so (a sky-blue top band; a straight floor line or
sea horizon; a broken skyline). The figures go in `measured`; the words a person reads carry colour names,
never hex codes, ratios or percentages.
"""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from studio.errors import BadInput
from studio.imaging.palette import colour_name, opaque_pixels, pixel_palette
from studio.models import ReferenceAnalysis, RefKind

log = logging.getLogger(__name__)

_STATS_SIDE = 256


def _load(image_path: Path) -> Image.Image:
    try:
        with Image.open(image_path) as im:
            im.load()
            return im.convert("RGBA")
    except (OSError, UnidentifiedImageError) as exc:
        raise BadInput(f"The reference image {Path(image_path).name} could not be read: {exc}") from exc


def _small(im: Image.Image) -> Image.Image:
    scale = _STATS_SIDE / max(im.size)
    if scale >= 1:
        return im
    return im.resize(
        (max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.Resampling.BOX
    )


def measure(im: Image.Image) -> dict[str, float]:
    """Pixel figures of an RGBA image: brightness, contrast, texture, edges, colour spread, sky, coverage."""
    small = _small(im)
    arr = np.asarray(small)
    rgb, alpha = arr[..., :3], arr[..., 3]
    opaque = alpha >= 128
    coverage = float(opaque.mean())
    grey = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY).astype(np.float32)
    vals = grey[opaque] if opaque.any() else grey.ravel()
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
    sat = hsv[..., 1][opaque].astype(np.float32) / 255 if opaque.any() else np.zeros(1, np.float32)

    # Texture: photographs carry grain and fine detail almost everywhere; flat or gradient artwork is
    # smooth except at its shape edges. Measured inside the subject only (eroded, so its outline is out).
    inner = cv2.erode(opaque.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    lap = np.abs(cv2.Laplacian(grey, cv2.CV_32F, ksize=1))
    texture = float((lap[inner] > 6).mean()) if inner.any() else 0.0
    edges = cv2.Canny(grey.astype(np.uint8), 60, 150) > 0
    edge_density = float(edges[inner].mean()) if inner.any() else 0.0

    # Colour spread on the full-resolution pixels (NEAREST sampling keeps exact colours).
    px = opaque_pixels(im, max_side=_STATS_SIDE)
    if len(px):
        quant = (px >> 2).astype(np.int32)  # 6 bits a channel: JPEG noise on flat art stays in one bin
        keys = quant[:, 0] << 12 | quant[:, 1] << 6 | quant[:, 2]
        _, counts = np.unique(keys, return_counts=True)
        distinct = float(len(counts))
        top8 = float(np.sort(counts)[::-1][:8].sum() / counts.sum())
    else:
        distinct, top8 = 0.0, 0.0

    # Sky: a bright, saturated blue across the top fifth of an opaque image.
    top = hsv[: max(1, hsv.shape[0] // 5)]
    top_opaque = opaque[: top.shape[0]]
    sky = 0.0
    if top_opaque.mean() > 0.95:
        hue = top[..., 0].astype(np.float32) * 2  # OpenCV hue is 0-179
        bluish = (hue >= 185) & (hue <= 235) & (top[..., 1] > 50) & (top[..., 2] > 110)
        sky = float(bluish.mean())

    r, b = rgb[..., 0][opaque].astype(np.float32), rgb[..., 2][opaque].astype(np.float32)
    warmth = float((r.mean() - b.mean()) / 255) if len(r) else 0.0
    return {
        "brightness": float(vals.mean() / 255),
        "contrast": float(vals.std() / 255),
        "saturation_mean": float(sat.mean()),
        "saturation_std": float(sat.std()),
        "texture_fraction": texture,
        "edge_density": edge_density,
        "distinct_colours": distinct,
        "top8_colour_share": top8,
        "sky_fraction_top": sky,
        "warmth": warmth,
        "subject_coverage": coverage,
    }


def is_illustration(m: dict[str, float]) -> bool:
    """Artwork, not a photograph: smooth fills (little texture) or a handful of colours covering most."""
    return m["texture_fraction"] < 0.2 or m["top8_colour_share"] > 0.6


def lighting_words(m: dict[str, float]) -> str:
    """Brightness, contrast and colour temperature in words."""
    b, c, warm = m["brightness"], m["contrast"], m["warmth"]
    key = (
        "dark, low-key"
        if b < 0.25
        else "dim, moody"
        if b < 0.42
        else "balanced, even"
        if b < 0.68
        else "bright, high-key"
    )
    spread = "soft, low contrast" if c < 0.1 else "moderate contrast" if c < 0.22 else "punchy, high contrast"
    temp = "warm" if warm > 0.08 else "cool" if warm < -0.08 else "neutral"
    return f"{key} lighting, {spread}, {temp} colour temperature"


def _edge_groups(rows: np.ndarray) -> list[int]:
    """First row of each run of neighbouring rows (a painted line is two or three rows thick)."""
    starts: list[int] = []
    last = -10
    for r in rows.tolist():
        if r - last > 2:
            starts.append(r)
        last = r
    return starts


def measure_horizon(im: Image.Image) -> dict[str, float]:
    """Where a horizon or floor line crosses the frame, how straight it is, and the lines below it."""
    small = _small(im.convert("RGB"))
    grey = cv2.cvtColor(np.asarray(small), cv2.COLOR_RGB2GRAY).astype(np.float32)
    grey = cv2.GaussianBlur(grey, (3, 3), 0)
    h = grey.shape[0]
    dy = np.abs(np.diff(grey, axis=0))
    if h < 16:
        return {
            "horizon_row": -1.0,
            "horizon_spread": -1.0,
            "lines_below_horizon": 0.0,
            "straight_lines": 0.0,
        }
    # A straight horizon (a floor meeting a wall, a sea line) is a brightness step across the whole width.
    straight = _edge_groups(np.nonzero((dy > 6).mean(axis=1) > 0.7)[0])
    straight = [r for r in straight if 0.3 * h <= r <= 0.9 * h]
    # A broken one (skyline, hills) is a strong step in every column, at rows that wander.
    lo, hi = int(h * 0.3), int(h * 0.9)
    band = dy[lo:hi]
    rows = band.argmax(axis=0) + lo
    strong = band.max(axis=0) > 8
    spread = float(np.std(rows[strong]) / h) if strong.mean() > 0.9 else -1.0
    below = 0.0
    if straight:
        start = straight[0] + max(2, int(h * 0.03))
        below = float(len(_edge_groups(np.nonzero((dy[start:] > 4).mean(axis=1) > 0.3)[0])))
    row = straight[0] / h if straight else float(np.median(rows) / h) if spread >= 0 else -1.0
    return {
        "horizon_row": float(row),
        "horizon_spread": spread,
        "lines_below_horizon": below,
        "straight_lines": float(len(straight)),
    }


def place_words(m: dict[str, float]) -> str:
    """Where a full-frame picture is set, in words, or 'setting not determined' when the pixels cannot say."""
    if m["sky_fraction_top"] > 0.5:
        return "outdoors under an open blue sky"
    straight, below = m.get("straight_lines", 0), m.get("lines_below_horizon", 0)
    # Several full-width straight lines: a sea horizon and the wave bands under it.
    if straight >= 2:
        return "outdoors by open water stretching to a straight horizon"
    # One straight line with shapes standing on the floor beneath it: a backdrop meeting a studio floor.
    if straight == 1 and below >= 1:
        return "an indoor studio set with a plain backdrop meeting the floor"
    # A horizon that wanders up and down across the frame: rooftops or hilltops.
    if m.get("horizon_spread", -1) > 0.015:
        return "outdoors with a skyline or hills along the horizon"
    return "setting not determined"


def _form(im: Image.Image) -> tuple[str, float] | None:
    """The subject's outline: 'tall', 'wide' or 'compact', and its width over its height."""
    alpha = np.asarray(im.getchannel("A"))
    ys, xs = np.nonzero(alpha >= 128)
    if len(xs) == 0:
        return None
    ratio = float((xs.max() - xs.min() + 1) / (ys.max() - ys.min() + 1))
    return ("tall" if ratio < 0.7 else "wide" if ratio > 1.4 else "compact"), ratio


def colour_phrase(colours: list[str], limit: int = 3) -> str:
    """Colour names for a person: 'purple and light orange', 'purple tones'; never hex codes."""
    names = list(dict.fromkeys(colour_name(c) for c in colours[:limit]))
    if not names:
        return ""
    if len(names) > 1 and len({n.split()[-1] for n in names}) == 1:
        return f"{names[0].split()[-1]} tones"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _accented(colours: list[str]) -> str:
    """'purple with light orange accents': the leading colour, then the others that differ from it."""
    names = list(dict.fromkeys(colour_name(c) for c in colours[:3]))
    if not names:
        return ""
    accents = [n for n in names[1:] if n.split()[-1] != names[0].split()[-1]][:2]
    return names[0] + (f" with {' and '.join(accents)} accents" if accents else "")


def style_words(m: dict[str, float]) -> str:
    """The illustration-or-photo verdict and the colour strength, in words (the figures stay in measured)."""
    sat = (
        "saturated" if m["saturation_mean"] > 0.45 else "muted" if m["saturation_mean"] < 0.2 else "moderate"
    )
    if is_illustration(m):
        return f"flat illustration / motion-graphics look with smooth fills and {sat} colour"
    return f"photographic look with natural texture and {sat} colour"


def _in(colours: str) -> str:
    return f" in {colours}" if colours else ""


_PRODUCT_FORMS = {
    "tall": "a tall bottle-like product",
    "wide": "a wide, low product",
    "compact": "a compact product",
}
_FIGURE_FORMS = {"tall": "tall and upright", "wide": "wide and low", "compact": "compact"}


def describe(image_path: Path, kind: RefKind, hint: str = "") -> ReferenceAnalysis:
    """A reference's analysis from its measured palette, light, style and setting (and the hint)."""
    im = _load(image_path)
    m = measure(im)
    full_frame = m["subject_coverage"] >= 0.95
    if full_frame:
        m.update(measure_horizon(im))
    palette = pixel_palette(opaque_pixels(im), k=5)
    colours = [c for c, _ in palette]
    if palette:
        m["dominant_share"] = palette[0][1]
    form = None if full_frame else _form(im)
    if form:
        m["width_per_height"] = form[1]
    lighting = lighting_words(m)
    analysis = ReferenceAnalysis(colors=colours, style=style_words(m), lighting=lighting, measured=m)
    lead = f"{hint.strip()}: " if hint.strip() else ""
    if kind == "product":
        thing = _PRODUCT_FORMS[form[0]] if form else "the product"
        analysis.product_features = f"{lead}{thing}{_in(_accented(colours))}"
    elif kind == "character":
        # The hint names the product, never the person: the figure is described, not named.
        figure = "a stylised figure" if is_illustration(m) else "a figure"
        shape = f", {_FIGURE_FORMS[form[0]]}" if form else ""
        analysis.character_description = f"{figure}{_in(colour_phrase(colours))}{shape}"
    elif kind == "logo":
        analysis.product_features = f"{lead}logo{_in(colour_phrase(colours))}"
    if full_frame:
        mostly = colour_phrase(colours)
        analysis.environment = f"{place_words(m)}; {lighting}" + (f"; mostly {mostly}" if mostly else "")
    else:
        analysis.environment = "no setting: subject on a transparent background"
    log.debug("Analysed %s as %s: %s", image_path, kind, m)
    return analysis
