"""The end card: logo (kept crisp), brand, product name, the call to action on a button and its address.

Everything sits on a solid panel inside the platform's safe zone (`safe_zones.py`). Each line's ink is
black or white, whichever contrasts more with what is behind it, so every line reads at 4.5:1 or more
(WCAG) whatever the palette; lines are shrunk and wrapped (a long address breaks after '/', '.', '-')
until the stack fits, never cut.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from studio.render import layers as L
from studio.render.captions import contrast_ratio
from studio.render.ffmpeg import FrameWriter
from studio.render.safe_zones import Box, safe_box
from studio.render.text import font, text_sprite, text_width

FADE_S = 0.4
MIN_TEXT_PX = 10


@dataclass
class EndCardInputs:
    width: int
    height: int
    aspect_ratio: str
    product_name: str
    call_to_action: str
    palette: list[str] = field(default_factory=list)
    logo: Path | None = None
    duration_s: float = 2.5
    fps: int = 30
    seed: int | None = None
    start_frame: np.ndarray | None = None
    """The previous clip's last frame (BGR or BGRA), to fade from."""
    brand: str = ""
    address: str = ""
    """Where to act: a URL, handle, phone or 'in stores'; shown under the button unless the CTA says it."""


@dataclass(frozen=True)
class CardItem:
    """One thing on the card: its sprite, where it rests, when it fades in, and (for text) its colours."""

    kind: str
    sprite: L.Sprite
    x: int
    y: int
    delay_s: float
    ink_bgr: tuple[int, int, int] | None = None
    backing_bgr: tuple[int, int, int] | None = None
    lines: tuple[str, ...] = ()

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, *self.sprite.size)


def _ease(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return 1 - (1 - t) ** 3


def ink_for(backing_bgr: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever has the higher WCAG contrast with the backing (always ≥ 4.58:1)."""
    white, black = (255, 255, 255), (0, 0, 0)
    return white if contrast_ratio(white, backing_bgr) >= contrast_ratio(black, backing_bgr) else black


def _pieces(word: str) -> list[str]:
    """A long word (a URL) split after '/', '.', '-', '_', '?', '&', '@' where a line may break."""
    return [p for p in re.split(r"(?<=[/.\-_?&@])", word) if p]


def wrap_text(text: str, fnt: object, max_w: int) -> list[str]:
    """Greedy wrap at spaces, breaking a word wider than the line at URL punctuation or, last, letters."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        parts = _pieces(word) if text_width(word, fnt) > max_w else [word]  # type: ignore[arg-type]
        for j, part in enumerate(parts):
            joiner = "" if j > 0 else " "
            trial = f"{cur}{joiner}{part}" if cur else part
            if cur and text_width(trial, fnt) > max_w:  # type: ignore[arg-type]
                lines.append(cur)
                cur = part
            else:
                cur = trial
            while text_width(cur, fnt) > max_w and len(cur) > 1:  # type: ignore[arg-type]
                cut = len(cur) - 1
                while cut > 1 and text_width(cur[:cut], fnt) > max_w:  # type: ignore[arg-type]
                    cut -= 1
                lines.append(cur[:cut])
                cur = cur[cut:]
    if cur:
        lines.append(cur)
    return lines


def fit_lines(text: str, max_w: int, max_lines: int, start: int) -> tuple[object, list[str]]:
    """The largest font from start down at which text wraps into max_lines of max_w (more lines at the
    smallest size rather than cutting a word)."""
    size = max(MIN_TEXT_PX, start)
    while True:
        fnt = font(size)
        lines = wrap_text(text, fnt, max_w)
        if len(lines) <= max_lines or size <= MIN_TEXT_PX:
            return fnt, lines
        size = max(MIN_TEXT_PX, int(size * 0.9))


def names_brand(name: str, brand: str) -> bool:
    """True when the name already shows the brand as a whole word or run ('Brewco Cold Brew' shows 'Brewco';
    'Oakley Frames' does not show 'Oak'), case and accents as written folded the same way."""
    b = _folded(brand).strip()
    return bool(b) and re.search(rf"(?<!\w){re.escape(b)}(?!\w)", _folded(name)) is not None


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


class EndCard:
    """Layers built once; `compose(i, out)` draws frame i (BGRA)."""

    def __init__(self, inputs: EndCardInputs) -> None:
        self.inputs = i = inputs
        self.w, self.h = i.width, i.height
        self.n_frames = max(1, round(i.duration_s * i.fps))
        rng = np.random.default_rng([i.seed or 0, 99])
        self.pal = pal = i.palette or ["#1f2a44", "#3a6ea5", "#ffcc33"]
        angle = float(rng.uniform(-0.5, 0.5))
        self.background = L.shaded_gradient(self.w, self.h, [pal[0], _darker(pal[0])], angle, 0.35)
        self.safe = safe_box(self.w, self.h, i.aspect_ratio)
        self.panel_bgr = _panel_colour(pal[0])
        self.pad = max(4, int(min(self.w, self.h) * 0.04))
        self.items, self.panel = self._layout()
        self.lift = self.pad  # lines rise into place from within the panel's bottom padding
        self.start: np.ndarray | None = None
        if i.start_frame is not None:
            sf = i.start_frame
            if sf.shape[:2] != (self.h, self.w):
                sf = L.cover(sf[..., :3], self.w, self.h)
            self.start = cv2.cvtColor(sf, cv2.COLOR_BGR2BGRA) if sf.shape[2] == 3 else sf.copy()

    # ── layout, once ────────────────────────────────────────────────────────────────────────────

    def _lines(self) -> list[tuple[str, str, float, int]]:
        """(kind, text, start size as a fraction of the short side, max lines), top to bottom."""
        i = self.inputs
        name, brand, cta, address = (
            i.product_name.strip(),
            i.brand.strip(),
            i.call_to_action.strip(),
            i.address.strip(),
        )
        out: list[tuple[str, str, float, int]] = []
        if brand and not names_brand(name, brand):
            out.append(("brand", brand, 0.055, 2))
        if name:
            out.append(("name", name, 0.09, 2))
        if cta:
            out.append(("cta", cta, 0.062, 3))
        if address and address.lower() not in cta.lower():
            out.append(("address", address, 0.055, 3))
        return out

    def _layout(self) -> tuple[list[CardItem], Box | None]:
        short = min(self.w, self.h)
        safe = self.safe
        pad = self.pad
        inner_w = safe.w - 2 * pad
        scale = 1.0
        while True:
            items = self._stack(inner_w, short, scale)
            gap = max(2, int(short * 0.03 * scale))
            total = sum(it.sprite.size[1] for it in items) + gap * max(0, len(items) - 1)
            if total <= safe.h - 2 * pad or scale < 0.2:
                break
            scale *= 0.9
        if not items:
            return [], None
        panel_w = min(safe.w, max(it.sprite.size[0] for it in items) + 2 * pad)
        panel_h = min(safe.h, total + 2 * pad)
        panel = Box(safe.x + (safe.w - panel_w) // 2, safe.y + (safe.h - panel_h) // 2, panel_w, panel_h)
        y = panel.y + pad
        placed = []
        for it in items:
            x = safe.x + (safe.w - it.sprite.size[0]) // 2
            placed.append(
                CardItem(it.kind, it.sprite, x, y, it.delay_s, it.ink_bgr, it.backing_bgr, it.lines)
            )
            y += it.sprite.size[1] + gap
        return placed, panel

    def _stack(self, inner_w: int, short: int, scale: float) -> list[CardItem]:
        """The card's items, sized at scale, not yet placed."""
        items: list[CardItem] = []
        logo = self.inputs.logo
        if logo is not None and Path(logo).exists():
            rgba = L.trim_alpha(L.load_rgba(logo, max_side=2048))
            lh, lw = rgba.shape[:2]
            s = min(min(inner_w, short * 0.4) / lw, self.safe.h * 0.16 * scale / lh)
            # INTER_AREA down, never a per-frame warp: the logo stays crisp
            interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
            small = cv2.resize(rgba, (max(2, int(lw * s)), max(2, int(lh * s))), interpolation=interp)
            items.append(CardItem("logo", L.sprite_from_rgba(small), 0, 0, 0.0))
        ink = ink_for(self.panel_bgr)
        for n, (kind, text, frac, max_lines) in enumerate(self._lines()):
            start = max(MIN_TEXT_PX, int(short * frac * scale))
            delay = 0.1 + 0.12 * n
            if kind == "cta":
                items.append(self._button(text, inner_w, short, scale, delay))
                continue
            fnt, lines = fit_lines(text, inner_w, max_lines, start)
            sp = text_sprite(lines, fnt, fill=ink[::-1], outline=None)
            items.append(CardItem(kind, sp, 0, 0, delay, ink, self.panel_bgr, tuple(lines)))
        return items

    def _button(self, text: str, max_w: int, short: int, scale: float, delay: float) -> CardItem:
        """The CTA on a rounded button in the accent colour, its ink black or white, whichever reads best."""
        pal = self.pal
        accent = L.hex_to_bgr(pal[2] if len(pal) > 2 else pal[-1])
        ink = ink_for(accent)
        pad_x, pad_y = max(3, int(short * 0.045 * scale)), max(2, int(short * 0.024 * scale))
        fnt, lines = fit_lines(text, max_w - 2 * pad_x, 3, max(MIN_TEXT_PX, int(short * 0.062 * scale)))
        txt = text_sprite(lines, fnt, fill=ink[::-1], outline=None)
        tw, th = txt.size
        w, h = tw + 2 * pad_x, th + 2 * pad_y
        r = h // 2 if len(lines) == 1 else int(h * 0.25)
        mask = np.zeros((h, w), np.uint8)
        cv2.rectangle(mask, (r, 0), (w - r - 1, h - 1), 255, -1)
        cv2.rectangle(mask, (0, r), (w - 1, h - r - 1), 255, -1)
        for cx, cy in ((r, r), (w - r - 1, r), (r, h - r - 1), (w - r - 1, h - r - 1)):
            cv2.circle(mask, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
        a = mask.astype(np.float32) / 255.0
        colour = np.empty((h, w, 3), np.float32)
        colour[:] = accent
        ta = txt.alpha[..., 0].astype(np.float32) / 255.0
        region = colour[pad_y : pad_y + th, pad_x : pad_x + tw]
        region[:] = region * (1 - ta[..., None]) + txt.premult[..., :3].astype(np.float32)
        return CardItem("cta", L.sprite_from_bgra_float(colour, a), 0, 0, delay, ink, accent, tuple(lines))

    def text_items(self) -> list[CardItem]:
        """The lines of text on the card (brand, name, CTA, address) with their ink and backing colours."""
        return [it for it in self.items if it.ink_bgr is not None]

    # ── per frame ────────────────────────────────────────────────────────────────────────────────

    @property
    def settled_s(self) -> float:
        """From this time on every frame is the same: the panel, each line and the fade have landed."""
        ends = [0.35 if self.panel is not None else 0.0, FADE_S if self.start is not None else 0.0]
        return max([*ends, *(it.delay_s + 0.45 for it in self.items)])

    def compose(self, i: int, out: np.ndarray) -> np.ndarray:
        """Draw frame i into out (H x W x 4 uint8) and return it."""
        t = i / self.inputs.fps
        np.copyto(out, self.background)
        if self.panel is not None:
            k = _ease(t / 0.35)
            p = self.panel
            if k > 0:
                roi = out[p.y : p.bottom, p.x : p.right]
                solid = np.empty_like(roi)
                solid[:] = (*self.panel_bgr, 255)
                cv2.addWeighted(solid, k, roi, 1 - k, 0.0, dst=roi)
        for it in self.items:
            k = _ease((t - it.delay_s) / 0.45)
            L.blend(out, it.sprite, it.x, round(it.y + (1 - k) * self.lift), opacity=k)
        if self.start is not None and t < FADE_S:
            e = _ease(t / FADE_S)
            cv2.addWeighted(self.start, 1 - e, out, e, 0.0, dst=out)
        return out


def _darker(hex_colour: str) -> str:
    b, g, r = L.hex_to_bgr(hex_colour)
    return f"#{int(r * 0.35):02x}{int(g * 0.35):02x}{int(b * 0.35):02x}"


def _panel_colour(hex_colour: str) -> tuple[int, int, int]:
    """The panel: the brand's first colour deepened, so it stands off the gradient behind it."""
    b, g, r = L.hex_to_bgr(hex_colour)
    return int(b * 0.55), int(g * 0.55), int(r * 0.55)


def render_end_card(path: Path, inputs: EndCardInputs) -> Path:
    """Write the end card as its own clip, with the same encoder settings as the scene clips."""
    card = EndCard(inputs)
    frame = np.empty((inputs.height, inputs.width, 4), np.uint8)
    settled = card.settled_s
    with FrameWriter(path, inputs.width, inputs.height, fps=inputs.fps, channels=4) as writer:
        for i in range(card.n_frames):
            if i == 0 or (i - 1) / inputs.fps < settled:  # once it has landed, the last frame is every frame
                card.compose(i, frame)
            writer.write(frame)
    return path
