"""One scene as a function of time: layers built once, then each frame is a warp and a few region blends.

`SceneComposer.compose(i, out)` draws frame i into a preallocated BGR buffer: the background under a
camera move, the hero layer (product or character) floating with parallax and its shadow, kinetic
headline words, the logo, the caption of the moment, and the transition in from the frame before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from studio.models import Scene
from studio.render import layers as L
from studio.render.captions import CAPTION_FADE_S, VOICE_LEAD_S, CaptionLayout, Cue, layout_caption, time_cues
from studio.render.layout import SceneLayout, scene_layout
from studio.render.text import fit_font, text_sprite, text_width
from studio.render.transitions import transition_in

MARGIN = 1.2
"""The background is built this much larger than the frame so camera moves never show an edge."""


@dataclass
class SceneInputs:
    """What a scene is made from (paths are local files)."""

    scene: Scene
    width: int
    height: int
    aspect_ratio: str
    fps: int = 30
    seed: int | None = None
    palette: list[str] = field(default_factory=list)
    environment: Path | None = None
    product: Path | None = None
    character: Path | None = None
    logo: Path | None = None
    start_frame: Path | None = None
    voice_duration_s: float | None = None
    captions: bool = True


@dataclass(frozen=True)
class _Word:
    sprite: L.Sprite
    x: int
    y: int
    delay_s: float


def _ease(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)


def _ease_out(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return 1 - (1 - t) ** 3


def _camera(move: str, u: float, rng_amp: float) -> tuple[float, float, float]:
    """Zoom and pan (fractions of the frame) at progress u in [0, 1]."""
    e = _ease(u)
    a = rng_amp
    if move == "push_in":
        return 1.0 + 0.12 * a * e, 0.0, 0.0
    if move == "pull_out":
        return 1.0 + 0.12 * a * (1 - e), 0.0, 0.0
    if move == "pan_left":
        return 1.11, 0.04 * a * (1 - 2 * e), 0.0
    if move == "pan_right":
        return 1.11, -0.04 * a * (1 - 2 * e), 0.0
    if move == "parallax":
        return 1.05, 0.018 * a * (1 - 2 * e), 0.0
    return 1.0 + 0.025 * e, 0.0, 0.0  # static: a barely-there breathe keeps it alive


class SceneComposer:
    """Precomputes a scene's layers; `compose(i, out)` then draws frame i."""

    def __init__(self, inputs: SceneInputs) -> None:
        s = inputs.scene
        self.inputs = inputs
        self.w, self.h, self.fps = inputs.width, inputs.height, inputs.fps
        self.n_frames = max(1, round(s.duration_s * self.fps))
        self.rng = np.random.default_rng([inputs.seed if inputs.seed is not None else 0, s.id, 7])
        self.layout: SceneLayout = scene_layout(self.w, self.h, inputs.aspect_ratio, self.rng)
        self.amp = float(self.rng.uniform(0.8, 1.2))
        self.bob_phase = float(self.rng.uniform(0, 2 * math.pi))
        self.bob_period = float(self.rng.uniform(2.2, 3.2))
        self.background = self._build_background()
        self.hero = self._build_hero()
        self.words = self._build_headline()
        self.logo = self._build_logo()
        self.cues, self.caption_sprites = self._build_captions()
        self.start = self._load_start_frame()
        self.plate = np.empty((self.h, self.w, 4), np.uint8)
        self.plate[:] = (*(L.hex_to_bgr(inputs.palette[0]) if inputs.palette else (40, 30, 30)), 255)
        accent = inputs.palette[1] if len(inputs.palette) > 1 else (inputs.palette or ["#ffcc33"])[0]
        self.accent_bgra = (*L.hex_to_bgr(accent), 255)

    # ── layers, once ─────────────────────────────────────────────────────────────────────────────

    def _build_background(self) -> np.ndarray:
        bw, bh = int(self.w * MARGIN) // 2 * 2, int(self.h * MARGIN) // 2 * 2
        # smooth things (gradient, soft shapes, vignette) are computed at a quarter of the size and scaled
        # up, and the grade is a lookup table: two renders in parallel stay small in memory
        sw, sh = max(8, bw // 4), max(8, bh // 4)
        env = self.inputs.environment
        if env is not None:
            rgba = L.load_rgba(env, max_side=int(max(bw, bh) * 1.5))
            img = L.cover(np.ascontiguousarray(rgba[..., 2::-1]), bw, bh)
            del rgba
            accent_opacity = 0.10
        else:
            small = L.palette_gradient(sw, sh, self.inputs.palette, angle=float(self.rng.uniform(-0.6, 0.6)))
            img = cv2.resize(
                np.clip(small, 0, 255).astype(np.uint8), (bw, bh), interpolation=cv2.INTER_LINEAR
            )
            accent_opacity = 0.22
        img = cv2.cvtColor(img, cv2.COLOR_BGR2BGRA)
        accents = self._accents(sw, sh, accent_opacity)
        L.blend(
            img, L.Sprite(*(cv2.resize(a, (bw, bh), interpolation=cv2.INTER_LINEAR) for a in accents)), 0, 0
        )
        img = L.grade_lut(img, self.inputs.palette)
        shade = L.vignette(np.full((sh, sw, 3), 255.0, np.float32), 0.3)
        shade4 = cv2.cvtColor(
            cv2.resize(np.clip(shade, 0, 255).astype(np.uint8), (bw, bh)), cv2.COLOR_BGR2BGRA
        )
        return cv2.multiply(img, shade4, scale=1.0 / 255.0)

    def _accents(self, w: int, h: int, opacity: float) -> tuple[np.ndarray, np.ndarray]:
        """Soft shapes in the palette colours placed by the seed, as a premultiplied BGRA layer + alpha."""
        cols = [L.hex_to_bgr(c) for c in (self.inputs.palette or ["#ffffff"])]
        layer = np.zeros((h, w, 3), np.float32)
        mask = np.zeros((h, w), np.float32)
        for k in range(int(self.rng.integers(3, 6))):
            cx, cy = int(self.rng.uniform(0, w)), int(self.rng.uniform(0, h))
            r = int(self.rng.uniform(0.12, 0.35) * min(w, h))
            shape = np.zeros((h, w), np.uint8)
            if self.rng.uniform() < 0.5:
                cv2.circle(shape, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
            else:
                cv2.circle(shape, (cx, cy), r, 255, max(1, r // 8), lineType=cv2.LINE_AA)
            m = cv2.GaussianBlur(shape.astype(np.float32) / 255.0, (0, 0), max(0.5, r * 0.08))
            layer += m[..., None] * np.array(cols[k % len(cols)], np.float32)
            mask += m
        colour = np.clip(layer / np.maximum(mask, 1e-4)[..., None], 0, 255)
        sprite = L.sprite_from_bgra_float(colour, np.clip(mask, 0, 1) * opacity)
        return sprite.premult, sprite.alpha

    def _hero_source(self) -> Path | None:
        i = self.inputs
        order = {
            "product": (i.product, i.character),
            "character": (i.character, i.product),
            "environment": (i.product, i.character),
        }[self.inputs.scene.focus]
        return next((p for p in order if p is not None), None)

    def _build_hero(self) -> L.Sprite | None:
        src = self._hero_source()
        if src is None:
            return None
        rgba = L.load_rgba(src, max_side=max(self.w, self.h))
        if not L.has_transparency(rgba):
            cut = L.cut_out(rgba)
            rgba = cut if cut is not None else L.rounded_card(rgba)
        rgba = L.trim_alpha(rgba)
        box = self.layout.hero
        fit = 0.62 if self.inputs.scene.focus == "environment" else 0.86
        # built at the largest scale it will be drawn at, so per-frame warps only shrink it
        top = 1.0 + 0.2 * self.amp
        return L.sprite_with_shadow(rgba, int(box.w * fit * top), int(box.h * fit * top), self.inputs.palette)

    def _build_headline(self) -> list[_Word]:
        text = self.inputs.scene.on_screen_text.strip()
        if not text:
            return []
        box = self.layout.headline
        short = min(self.w, self.h)
        start = int(short * 0.095)
        while True:
            fnt, lines = fit_font(text.upper(), box.w, 3, start_size=start, min_size=12)
            size = getattr(fnt, "size", 16)
            ascent, descent = fnt.getmetrics() if hasattr(fnt, "getmetrics") else (size, size // 4)
            line_h = int((ascent + descent) * 1.08)
            # leave room under the lines for the accent bar
            if len(lines) * line_h + size // 2 <= box.h or size <= 12:
                break
            start = max(12, int(size * 0.9))
        outline = max(1, size // 16)
        space = text_width(" ", fnt)
        words: list[_Word] = []
        n = 0
        for li, line in enumerate(lines):
            sprites = [
                text_sprite([w], fnt, outline=(20, 20, 20), outline_px=outline, shadow_px=outline * 2)
                for w in line.split()
            ]
            pad = outline * 3 + 2
            total = sum(s.size[0] - 2 * pad for s in sprites) + space * (len(sprites) - 1)
            x = box.x + (box.w - total) // 2 if self.layout.headline_align == "center" else box.x
            y = box.y + li * line_h
            for sp in sprites:
                words.append(_Word(sp, x - pad, y - pad, 0.2 + 0.11 * n))
                x += sp.size[0] - 2 * pad + space
                n += 1
        self.headline_bottom = box.y + len(lines) * line_h
        self.headline_left = box.x
        self.headline_size = size
        return words

    def _build_logo(self) -> tuple[L.Sprite, int, int] | None:
        if self.inputs.logo is None:
            return None
        rgba = L.trim_alpha(L.load_rgba(self.inputs.logo, max_side=1024))
        box = self.layout.logo
        h, w = rgba.shape[:2]
        s = min(box.w / w, box.h / h)
        # INTER_AREA keeps a downscaled logo crisp (no ringing, no blur from a later warp)
        small = cv2.resize(rgba, (max(2, int(w * s)), max(2, int(h * s))), interpolation=cv2.INTER_AREA)
        sp = L.sprite_from_rgba(small)
        return sp, box.x + box.w - sp.size[0], box.y

    def _build_captions(self) -> tuple[list[Cue], list[CaptionLayout]]:
        i = self.inputs
        if not i.captions or not i.scene.voiceover.strip():
            return [], []
        scene_s = self.n_frames / self.fps
        span = i.voice_duration_s or (scene_s - VOICE_LEAD_S - 0.3)
        span = max(0.5, min(span, scene_s - VOICE_LEAD_S))
        cues = time_cues(i.scene.voiceover, span, VOICE_LEAD_S)
        return cues, [layout_caption(c.text, self.w, self.h, i.aspect_ratio, i.palette) for c in cues]

    def _load_start_frame(self) -> np.ndarray | None:
        p = self.inputs.start_frame
        if p is None or not Path(p).exists():
            return None
        img = cv2.imread(str(p), cv2.IMREAD_COLOR)
        if img is None:
            return None
        if img.shape[:2] != (self.h, self.w):
            img = L.cover(img, self.w, self.h)
        return cv2.cvtColor(img, cv2.COLOR_BGR2BGRA)

    # ── per frame ────────────────────────────────────────────────────────────────────────────────

    def compose(self, i: int, out: np.ndarray) -> np.ndarray:
        """Draw frame i into out (H x W x 4 uint8, BGRA; alpha ignored) and return it."""
        t = i / self.fps
        u = i / max(1, self.n_frames - 1)
        move = self.inputs.scene.camera_move
        zoom, px, py = _camera(move, u, self.amp)
        bh, bw = self.background.shape[:2]
        s = zoom * max(self.w / bw, self.h / bh)  # at zoom 1 the background exactly covers the frame
        m = np.array(
            [[s, 0, self.w / 2 + px * self.w - s * bw / 2], [0, s, self.h / 2 + py * self.h - s * bh / 2]],
            np.float64,
        )
        cv2.warpAffine(
            self.background,
            m,
            (self.w, self.h),
            dst=out,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REFLECT,
        )
        self._draw_hero(out, t, zoom, px)
        self._draw_headline(out, t)
        if self.logo is not None:
            sp, x, y = self.logo
            L.blend(out, sp, x, y)
        self._draw_caption(out, t)
        self._transition(out, t)
        return out

    def _draw_hero(self, out: np.ndarray, t: float, zoom: float, px: float) -> None:
        if self.hero is None:
            return
        box = self.layout.hero
        cx = box.x + box.w / 2 - px * self.w * (1.8 if self.inputs.scene.camera_move == "parallax" else 0.6)
        bob = math.sin(2 * math.pi * t / self.bob_period + self.bob_phase) * self.h * 0.008
        entering = not self.inputs.scene.continuous_with_previous
        rise = (1 - _ease_out(t / 0.6)) * self.h * 0.04 if entering else 0.0
        cy = box.y + box.h / 2 + bob + rise
        top = 1.0 + 0.2 * self.amp
        scale = (1 + (zoom - 1) * 1.5) / top
        L.blend_warped(out, self.hero, cx, cy, scale)

    def _draw_headline(self, out: np.ndarray, t: float) -> None:
        if not self.words:
            return
        if self.inputs.scene.continuous_with_previous:
            t += 1.0  # the words are already there when the scene continues the one before
        lift = self.headline_size * 0.45
        for w in self.words:
            k = _ease_out((t - w.delay_s) / 0.35)
            if k <= 0:
                continue
            L.blend(out, w.sprite, w.x, round(w.y + (1 - k) * lift), opacity=k)
        # an accent bar that draws itself under the headline
        k = _ease_out((t - 0.3) / 0.6)
        if k > 0:
            bar_w = int(self.headline_size * 2.2 * k)
            y = self.headline_bottom + self.headline_size // 5
            x0 = self.headline_left if self.layout.headline_align == "left" else self.w // 2 - bar_w // 2
            cv2.rectangle(
                out, (x0, y), (x0 + bar_w, y + max(2, self.headline_size // 9)), self.accent_bgra, -1
            )

    def _draw_caption(self, out: np.ndarray, t: float) -> None:
        for cue, cap in zip(self.cues, self.caption_sprites, strict=True):
            if cue.start_s <= t < cue.end_s:
                k = min(1.0, (t - cue.start_s) / CAPTION_FADE_S)
                L.blend(out, cap.sprite, cap.box.x, cap.box.y, opacity=k)
                return

    def _transition(self, out: np.ndarray, t: float) -> None:
        scene = self.inputs.scene
        # a continuous scene starts from the frame before it whatever its transition says
        continuing = scene.continuous_with_previous and self.start is not None
        kind = "crossfade" if continuing else scene.transition_in
        before = self.start if self.start is not None else self.plate
        transition_in(out, before, kind, t)
