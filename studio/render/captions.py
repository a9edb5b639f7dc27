"""Captions from the voiceover: split into short cues, timed to the voice, set on a plate in the safe zone.

The plate is dark and mostly opaque and the text white, so the contrast stays above 4.5:1 whatever is
behind (checked against a white background, the worst case, in `worst_case_contrast`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from studio.models import WordTiming
from studio.render.layers import Sprite, blend, hex_to_bgr, sprite_from_bgra_float, sprite_from_rgba
from studio.render.safe_zones import SAFE_ZONES as SAFE_ZONES  # re-exported: one place for the zones
from studio.render.safe_zones import Box, safe_box
from studio.render.text import fit_font, font, text_sprite, text_width

VOICE_LEAD_S = 0.25
"""Where a scene's voice starts inside its clip; captions and the audio mix both use it."""

PLATE_OPACITY = 0.8
CAPTION_FADE_S = 0.12
MAX_WORDS = 7
_VOWEL_GROUPS = re.compile(r"[aeiouyàáâãäåèéêëìíîïòóôõöùúûüý]+", re.IGNORECASE)
HIGHLIGHT_FALLBACK = (63, 210, 255)
"""BGR of the lit word when no palette colour reads on the plate: a warm yellow."""


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


def _word_boxes(lines: list[str], fnt: object, ox: int, oy: int) -> list[Box]:
    """Each word's box inside a caption plate laid out by `layout_caption` (text_sprite's geometry)."""
    size = getattr(fnt, "size", 16)
    gap = int(size * 0.18)
    ascent, descent = fnt.getmetrics() if hasattr(fnt, "getmetrics") else (size, size // 4)  # type: ignore[attr-defined]
    line_h = ascent + descent
    widths = [text_width(line, fnt) for line in lines]  # type: ignore[arg-type]
    boxes = []
    for i, line in enumerate(lines):
        x0 = ox + 2 + (max(widths) - widths[i]) // 2
        y0 = oy + 2 + i * (line_h + gap)
        before = ""
        for word in line.split():
            left = text_width(before, fnt) if before else 0  # type: ignore[arg-type]
            boxes.append(Box(x0 + left, y0, text_width(word, fnt), line_h))  # type: ignore[arg-type]
            before = f"{before}{word} "
    return boxes


def caption_variants(
    text: str, width: int, height: int, aspect_ratio: str, palette: list[str], style: str
) -> tuple[CaptionLayout, list[Sprite], list[Box]]:
    """The plain caption, one sprite per spoken word for the style (highlight: that word lit; pop-in:
    the words so far), and each word's box in frame coordinates. The plate and lines stay the plain
    caption's, so nothing moves as the words change."""
    plain = layout_caption(text, width, height, aspect_ratio, palette)
    short = min(width, height)
    pad_x, pad_y = _caption_pads(short)
    safe = safe_box(width, height, aspect_ratio)
    fnt, _ = fit_font(text, safe.w - 2 * pad_x, 2, start_size=_caption_size(short), min_size=10)
    tw = max(text_width(line, fnt) for line in plain.lines) + 4
    ox, oy = (plain.box.w - tw) // 2, pad_y
    boxes = _word_boxes(plain.lines, fnt, ox, oy)
    plate = _plate_only(plain)
    light = highlight_colour(palette, plain.plate_bgr)
    words = " ".join(plain.lines).split()

    def drawn(fill: tuple[int, int, int]) -> Sprite:
        img = Image.new("RGBA", (plain.box.w, plain.box.h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(img)
        for b, word in zip(boxes, words, strict=True):
            draw.text((b.x, b.y), word, font=fnt, fill=(fill[2], fill[1], fill[0], 255))
        return _over(sprite_from_rgba(np.asarray(img)), plate)

    # two renders (every word white, every word lit); each word's variant copies boxes between them
    white = drawn((255, 255, 255))
    base, source = (white, drawn(light)) if style == "highlight" else (plate, white)
    variants = []
    for k in range(len(boxes)):
        premult, alpha = base.premult.copy(), base.alpha.copy()
        for b in boxes[k : k + 1] if style == "highlight" else boxes[: k + 1]:
            region = np.s_[b.y : b.y + b.h, max(0, b.x - 1) : b.x + b.w + 1]
            premult[region], alpha[region] = source.premult[region], source.alpha[region]
        variants.append(Sprite(premult, alpha))
    frame_boxes = [Box(plain.box.x + b.x, plain.box.y + b.y, b.w, b.h) for b in boxes]
    return plain, variants, frame_boxes


def highlight_colour(palette: list[str], plate_bgr: tuple[int, int, int]) -> tuple[int, int, int]:
    """The lit word's colour (BGR): the palette's brightest colour that reads at 4.5:1 on the plate over
    white, else a warm yellow."""
    behind = np.array(plate_bgr, np.float64) * PLATE_OPACITY + 255.0 * (1 - PLATE_OPACITY)
    cols = sorted((hex_to_bgr(c) for c in palette), key=relative_luminance, reverse=True)
    for c in cols:
        if contrast_ratio(c, behind) >= 4.5 and max(c) - min(c) > 60:  # a colour, not a grey
            return c
    return HIGHLIGHT_FALLBACK


def _plate_only(plain: CaptionLayout) -> Sprite:
    """The caption's plate without its words (the plain sprite where no text was drawn)."""
    h, w = plain.box.h, plain.box.w
    radius = max(2, int(h * 0.22))
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (radius, 0), (w - radius - 1, h - 1), 255, -1)
    cv2.rectangle(mask, (0, radius), (w - 1, h - radius - 1), 255, -1)
    for cx, cy in ((radius, radius), (w - radius - 1, radius), (radius, h - radius - 1),
                   (w - radius - 1, h - radius - 1)):  # fmt: skip
        cv2.circle(mask, (cx, cy), radius, 255, -1, lineType=cv2.LINE_AA)
    a = mask.astype(np.float32) / 255.0 * PLATE_OPACITY
    colour = np.empty((h, w, 3), np.float32)
    colour[:] = plain.plate_bgr
    return sprite_from_bgra_float(colour, a)


def _over(top: Sprite, below: Sprite) -> Sprite:
    """Premultiplied 'over' of two sprites of one size (uint8, as `blend` draws)."""
    out = below.premult.copy()
    blend(out, top, 0, 0)
    return Sprite(out, np.ascontiguousarray(np.repeat(out[..., 3:4], 4, axis=2)))


def word_cues(text: str, words: list[WordTiming], lead_s: float = VOICE_LEAD_S) -> list[Cue] | None:
    """Cues timed from the voice's word timings (None when the timings do not match the text's words):
    each phrase shows from its first word until the next phrase starts, the last one a little longer."""
    parts = split_cues(text)
    if len(words) != sum(len(p.split()) for p in parts) or not parts:
        return None
    cues, k = [], 0
    for i, p in enumerate(parts):
        n = len(p.split())
        start = lead_s + words[k].start_s
        end = lead_s + (words[k + n].start_s if i + 1 < len(parts) else words[-1].end_s + 0.4)
        cues.append(Cue(p, start, max(end, start + 0.2)))
        k += n
    return cues


def _spread(cue: Cue) -> list[float]:
    """Word starts with no timings: the words share the phrase's time by their syllables."""
    wts = np.array([len(_VOWEL_GROUPS.findall(w)) + 1.4 for w in cue.text.split()], np.float64)
    cum = np.concatenate([[0.0], np.cumsum(wts)])[:-1] / wts.sum()
    return [float(v) for v in cue.start_s + cum * (cue.end_s - cue.start_s)]


class CaptionTrack:
    """A scene's captions in one style, built once; `draw(out, t)` blends the one showing at t.

    plain: each phrase as a whole, spread over the voice as before (unchanged output). highlight and
    pop-in: phrases timed from the word timings, with the spoken word lit, or only the words said so far.
    Without word timings the words of each phrase share its time in proportion to their syllables.
    """

    def __init__(
        self,
        text: str,
        width: int,
        height: int,
        aspect_ratio: str,
        palette: list[str],
        span_s: float,
        style: str = "plain",
        words: list[WordTiming] | None = None,
        lead_s: float = VOICE_LEAD_S,
    ) -> None:
        self.style = style if style in ("highlight", "pop-in") else "plain"
        timed = word_cues(text, words or [], lead_s) if self.style != "plain" else None
        self.cues = timed or time_cues(text, span_s, lead_s)
        self.layouts: list[CaptionLayout] = []
        self.variants: list[list[Sprite]] = []
        self.word_boxes: list[list[Box]] = []
        self.word_starts: list[list[float]] = []
        k = 0
        for cue in self.cues:
            if self.style == "plain":
                self.layouts.append(layout_caption(cue.text, width, height, aspect_ratio, palette))
                continue
            plain, variants, boxes = caption_variants(
                cue.text, width, height, aspect_ratio, palette, self.style
            )
            n = len(cue.text.split())
            starts = [lead_s + w.start_s for w in (words or [])[k : k + n]] if timed else _spread(cue)
            k += n
            self.layouts.append(plain)
            self.variants.append(variants)
            self.word_boxes.append(boxes)
            self.word_starts.append([max(s, cue.start_s) for s in starts])

    def _at(self, t: float) -> tuple[int, int] | None:
        """(cue, word) showing at t; word -1 for a plain caption."""
        for c, cue in enumerate(self.cues):
            if cue.start_s <= t < cue.end_s:
                if self.style == "plain":
                    return c, -1
                starts = self.word_starts[c]
                return c, max(0, int(np.searchsorted(starts, t, side="right")) - 1)
        return None

    def box_at(self, t: float) -> Box | None:
        """The caption plate's box at t (None when no caption shows)."""
        at = self._at(t)
        return self.layouts[at[0]].box if at is not None else None

    def spoken_word_box(self, t: float) -> Box | None:
        """The box of the word lit (highlight) or last shown (pop-in) at t."""
        at = self._at(t)
        if at is None or at[1] < 0:
            return None
        return self.word_boxes[at[0]][at[1]]

    def draw(self, out: np.ndarray, t: float) -> None:
        """Blend the caption showing at t into out (BGRA), fading in at the start of each phrase."""
        at = self._at(t)
        if at is None:
            return
        c, w = at
        cue, lay = self.cues[c], self.layouts[c]
        sprite = lay.sprite if w < 0 else self.variants[c][w]
        k = min(1.0, (t - cue.start_s) / CAPTION_FADE_S)
        blend(out, sprite, lay.box.x, lay.box.y, opacity=k)


def readable_cues(
    text: str, span_s: float, style: str, words: list[WordTiming] | None, lead_s: float = VOICE_LEAD_S
) -> list[Cue]:
    """When each phrase shows in full, as `CaptionTrack` draws it (for reading captions back): the
    phrase's time, or for pop-in from its last word on."""
    if not text.strip():
        return []
    track_cues = (word_cues(text, words or [], lead_s) if style in ("highlight", "pop-in") else None) or (
        time_cues(text, span_s, lead_s)
    )
    if style != "pop-in":
        return track_cues
    out, k = [], 0
    wts = words or []
    for cue in track_cues:
        n = len(cue.text.split())
        if len(wts) == sum(len(c.text.split()) for c in track_cues):
            last = lead_s + wts[k + n - 1].start_s
        else:
            last = _spread(cue)[-1]
        out.append(Cue(cue.text, min(max(last, cue.start_s), cue.end_s - 0.05), cue.end_s))
        k += n
    return out
