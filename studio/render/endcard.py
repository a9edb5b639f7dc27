"""The end card: logo (kept crisp), product name, call to action on a button, in the brand's colours."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from studio.render import layers as L
from studio.render.captions import contrast_ratio, safe_box
from studio.render.ffmpeg import FrameWriter
from studio.render.text import fit_font, text_sprite

FADE_S = 0.4


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


def _ease(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return 1 - (1 - t) ** 3


class EndCard:
    """Layers built once; `compose(i, out)` draws frame i (BGRA)."""

    def __init__(self, inputs: EndCardInputs) -> None:
        self.inputs = i = inputs
        self.w, self.h = i.width, i.height
        self.n_frames = max(1, round(i.duration_s * i.fps))
        rng = np.random.default_rng([i.seed or 0, 99])
        pal = i.palette or ["#1f2a44", "#3a6ea5", "#ffcc33"]
        bg = L.palette_gradient(
            self.w, self.h, [pal[0], _darker(pal[0])], angle=float(rng.uniform(-0.5, 0.5))
        )
        self.background = cv2.cvtColor(
            np.clip(L.vignette(bg, 0.35), 0, 255).astype(np.uint8), cv2.COLOR_BGR2BGRA
        )
        safe = safe_box(self.w, self.h, i.aspect_ratio)
        short = min(self.w, self.h)
        self.items: list[tuple[L.Sprite, int, int, float]] = []  # sprite, x, y, delay
        y = safe.y + int(safe.h * 0.18)
        if i.logo is not None and Path(i.logo).exists():
            rgba = L.trim_alpha(L.load_rgba(i.logo, max_side=2048))
            lh, lw = rgba.shape[:2]
            s = min(short * 0.42 / lw, safe.h * 0.22 / lh)
            # INTER_AREA down, never a per-frame warp: the logo stays crisp
            interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
            logo = L.sprite_from_rgba(
                cv2.resize(rgba, (max(2, int(lw * s)), max(2, int(lh * s))), interpolation=interp)
            )
            self.items.append((logo, (self.w - logo.size[0]) // 2, y, 0.0))
            y += logo.size[1] + int(short * 0.05)
        name = i.product_name.strip()
        if name:
            fnt, lines = fit_font(name, safe.w, 2, start_size=int(short * 0.1), min_size=12)
            sp = text_sprite(lines, fnt, outline=(15, 15, 15), outline_px=max(1, fnt.size // 20), shadow_px=2)
            self.items.append((sp, (self.w - sp.size[0]) // 2, y, 0.12))
            y += sp.size[1] + int(short * 0.05)
        cta = i.call_to_action.strip()
        if cta:
            btn = _button(cta, safe.w, short, pal)
            self.items.append((btn, (self.w - btn.size[0]) // 2, y, 0.25))
        self.lift = short * 0.04
        self.start: np.ndarray | None = None
        if i.start_frame is not None:
            sf = i.start_frame
            if sf.shape[:2] != (self.h, self.w):
                sf = L.cover(sf[..., :3], self.w, self.h)
            self.start = cv2.cvtColor(sf, cv2.COLOR_BGR2BGRA) if sf.shape[2] == 3 else sf.copy()

    def compose(self, i: int, out: np.ndarray) -> np.ndarray:
        """Draw frame i into out (H x W x 4 uint8) and return it."""
        t = i / self.inputs.fps
        np.copyto(out, self.background)
        for sprite, x, y, delay in self.items:
            k = _ease((t - delay) / 0.45)
            L.blend(out, sprite, x, round(y + (1 - k) * self.lift), opacity=k)
        if self.start is not None and t < FADE_S:
            e = _ease(t / FADE_S)
            cv2.addWeighted(self.start, 1 - e, out, e, 0.0, dst=out)
        return out


def _darker(hex_colour: str) -> str:
    b, g, r = L.hex_to_bgr(hex_colour)
    return f"#{int(r * 0.35):02x}{int(g * 0.35):02x}{int(b * 0.35):02x}"


def _button(text: str, max_w: int, short: int, palette: list[str]) -> L.Sprite:
    """The CTA on a rounded button in the accent colour, text black or white, whichever reads better."""
    accent = L.hex_to_bgr(palette[2] if len(palette) > 2 else palette[-1])
    ink = (
        (255, 255, 255)
        if contrast_ratio((255, 255, 255), accent) >= contrast_ratio((0, 0, 0), accent)
        else (0, 0, 0)
    )
    pad_x, pad_y = int(short * 0.05), int(short * 0.028)
    fnt, lines = fit_font(text, max_w - 2 * pad_x, 2, start_size=int(short * 0.062), min_size=10)
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
    ox, oy = pad_x, pad_y
    region = colour[oy : oy + th, ox : ox + tw]
    region[:] = region * (1 - ta[..., None]) + txt.premult[..., :3].astype(np.float32)
    return L.sprite_from_bgra_float(colour, a)


def render_end_card(path: Path, inputs: EndCardInputs) -> Path:
    """Write the end card as its own clip, with the same encoder settings as the scene clips."""
    card = EndCard(inputs)
    frame = np.empty((inputs.height, inputs.width, 4), np.uint8)
    with FrameWriter(path, inputs.width, inputs.height, fps=inputs.fps, channels=4) as writer:
        for i in range(card.n_frames):
            writer.write(card.compose(i, frame))
    return path
