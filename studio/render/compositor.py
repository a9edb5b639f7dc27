"""One scene as a function of time: layers built once, then each frame is a warp and a few region blends.

`SceneComposer.compose(i, out)` draws frame i into a preallocated BGR buffer: the background under a
camera move, the hero layer (product or person, cut out) standing on its surface with a contact shadow,
kinetic headline words, the logo, the caption of the moment, and the transition in from the frame before.
Every layer stays inside its layout box on every frame (`boxes_at(i)` says where each one is), so text,
logo and product never overlap.
"""

from __future__ import annotations

import dataclasses
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from studio.imaging.cutout import cut_out_rgba
from studio.models import Scene, WordTiming
from studio.render import hero as H
from studio.render import layers as L
from studio.render.captions import VOICE_LEAD_S, CaptionTrack
from studio.render.layout import SceneLayout, scene_layout
from studio.render.safe_zones import Box
from studio.render.text import fit_font, text_sprite, text_width
from studio.render.transitions import TRANSITION_S, transition_in

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
    caption_style: str = "plain"
    word_timings: list[WordTiming] = field(default_factory=list)
    subject: str | None = None
    """Who the hero is ('product', 'character', 'environment'), decided by the caller (the offline video
    adapter reads it from the scene's words); the scene's focus when None. Render reads no words."""


@dataclass(frozen=True)
class _Word:
    sprite: L.Sprite
    x: int
    y: int
    delay_s: float


def _ease_out(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return 1 - (1 - t) ** 3


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
        self.subject = inputs.subject or s.focus
        self.bw, self.bh = int(self.w * MARGIN) // 2 * 2, int(self.h * MARGIN) // 2 * 2
        move = s.camera_move
        self.cams = [
            H.camera_at(move, i / max(1, self.n_frames - 1), self.amp, self.w, self.h, self.bw, self.bh)
            for i in range(self.n_frames)
        ]
        # the background's picture and the captions depend on nothing set here: a second thread builds
        # them while this one sets the headline and cuts out the hero (the encoder is still idle, so a
        # clip's set-up has both cores)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="scene-layers") as pool:
            picture = pool.submit(self._background_picture)
            captions = pool.submit(self._build_captions)
            self.words = self._build_headline()
            self.layout = self._hero_takes_the_room_left()
            self.hero_plan = H.plan_hero(self.layout.hero, self.cams, self.w, move)
            self.hero = self._build_hero()
            self.logo = self._build_logo()
            self.start = self._load_start_frame()
            self.background = self._finish_background(*picture.result())
            self.captions = captions.result()
        self._plate: np.ndarray | None = None
        accent = inputs.palette[1] if len(inputs.palette) > 1 else (inputs.palette or ["#ffcc33"])[0]
        self.accent_bgra = (*L.hex_to_bgr(accent), 255)

    # ── layers, once ─────────────────────────────────────────────────────────────────────────────

    def _background_picture(self) -> tuple[np.ndarray, np.ndarray]:
        """The background before the hero's surface: the place (or a gradient) with soft accents, graded;
        and the vignette to multiply it by once the surface is drawn."""
        bw, bh = self.bw, self.bh
        # smooth things (gradient, soft shapes, vignette) are computed at a quarter of the size and scaled
        # up, and the grade is a lookup table: two renders in parallel stay small in memory
        sw, sh = max(8, bw // 4), max(8, bh // 4)
        env = self.inputs.environment
        # everything full-size is 4-channel (OpenCV's fast path) and drawn in place
        if env is not None:
            rgb = L.load_image(env, max_side=int(max(bw, bh) * 1.5), mode="RGB")
            img = L.cover(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGRA), bw, bh)
            del rgb
            accent_opacity = 0.10
        else:
            small = L.palette_gradient(sw, sh, self.inputs.palette, angle=float(self.rng.uniform(-0.6, 0.6)))
            small4 = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_BGR2BGRA)
            img = cv2.resize(small4, (bw, bh), interpolation=cv2.INTER_LINEAR)
            accent_opacity = 0.22
        accents = self._accents(sw, sh, accent_opacity)
        L.over(img, cv2.resize(accents, (bw, bh), interpolation=cv2.INTER_LINEAR))
        img = L.grade_lut(img, self.inputs.palette)
        shade = L.vignette(np.full((sh, sw, 3), 255.0, np.float32), 0.3)
        shade4 = cv2.resize(
            cv2.cvtColor(np.clip(shade, 0, 255).astype(np.uint8), cv2.COLOR_BGR2BGRA), (bw, bh)
        )
        return img, shade4

    def _finish_background(self, img: np.ndarray, shade4: np.ndarray) -> np.ndarray:
        """The hero's surface drawn into the picture, then the vignette over both."""
        env = self.inputs.environment
        # a person in a given place stands on its ground; a product, or anyone on a plain set, gets a surface
        if self.hero is not None and (
            self.subject == "product" or (env is None and self.subject != "environment")
        ):
            # the surface the hero stands on: its back edge a little above the base, as a table seen
            # at eye level (graded with the rest, under the vignette)
            top = self.hero_plan.floor_bg_y - H.SURFACE_DEPTH * self.hero.ch / self.cams[0].s
            opacity = 0.8 if env is not None else 0.92
            plane, y0 = H.surface_layer(self.bw, self.bh, top, self.inputs.palette, opacity)
            L.over(img[y0:], plane)
        return cv2.multiply(img, shade4, dst=img, scale=1.0 / 255.0)

    def _accents(self, w: int, h: int, opacity: float) -> np.ndarray:
        """Soft shapes in the palette colours placed by the seed, as a premultiplied BGRA layer."""
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
        return L.sprite_from_bgra_float(colour, np.clip(mask, 0, 1) * opacity).premult

    def _hero_takes_the_room_left(self) -> SceneLayout:
        """Portrait: the headline box shrinks to the lines it holds and the hero grows up into the rest."""
        lay = self.layout
        if lay.landscape:
            return lay
        head = lay.headline
        if self.words:
            bottom = self._headline_extent(self.words, self.headline_size, self.headline_bottom).bottom
            used = Box(head.x, head.y, head.w, bottom - head.y)
        else:
            used = Box(head.x, head.y, head.w, 0)
        gap = max(2, int(min(self.w, self.h) * 0.03))
        top = max(used.bottom, lay.logo.bottom) + gap
        hero = Box(lay.hero.x, min(top, lay.hero.y), lay.hero.w, lay.hero.bottom - min(top, lay.hero.y))
        return dataclasses.replace(lay, headline=used if self.words else head, hero=hero)

    def _hero_source(self) -> Path | None:
        i = self.inputs
        # a scene about a person shows the person, never the product photo in their place
        order = {
            "product": (i.product, i.character),
            "character": (i.character,),
            "environment": (i.product, i.character),
        }.get(self.subject, (i.product, i.character))
        return next((p for p in order if p is not None), None)

    def _build_hero(self) -> H.StandingSprite | None:
        src = self._hero_source()
        if src is None:
            return None
        rgba = L.load_rgba(src, max_side=max(self.w, self.h))
        if not L.has_transparency(rgba):
            cut = cut_out_rgba(rgba)
            rgba = cut if cut is not None else H.feathered_oval(rgba)
        rgba = L.trim_alpha(rgba)
        fit = 0.62 if self.subject == "environment" else 0.92
        # built at the largest scale it is drawn at, so per-frame warps only shrink it
        plan = self.hero_plan
        return H.standing_sprite(rgba, plan.max_w * fit, plan.max_h * fit, self.inputs.palette)

    def _build_headline(self) -> list[_Word]:
        self.headline_size, self.headline_bottom, self.headline_left = 12, 0, 0
        text = self.inputs.scene.on_screen_text.strip()
        if not text:
            return []
        box = self.layout.headline
        size = int(min(self.w, self.h) * 0.095)
        while True:
            words, size, bottom = self._set_headline(text.upper(), box, size)
            extent = self._headline_extent(words, size, bottom)
            if box.contains(extent) or size <= 10:
                break
            size = max(10, int(size * 0.9))
        self.headline_bottom, self.headline_left, self.headline_size = bottom, box.x, size
        return words

    def _set_headline(self, text: str, box: Box, start: int) -> tuple[list[_Word], int, int]:
        """The words set from start size down to fit box's width in at most 3 lines; their bottom line."""
        pad_guess = 3 * max(1, start // 16) + 2
        fnt, lines = fit_font(text, max(8, box.w - 2 * pad_guess), 3, start_size=start, min_size=10)
        size = getattr(fnt, "size", 16)
        ascent, descent = fnt.getmetrics() if hasattr(fnt, "getmetrics") else (size, size // 4)
        line_h = int((ascent + descent) * 1.08)
        outline = max(1, size // 16)
        pad = outline * 3 + 2
        space = text_width(" ", fnt)
        words: list[_Word] = []
        n = 0
        for li, line in enumerate(lines):
            sprites = [
                text_sprite([w], fnt, outline=(20, 20, 20), outline_px=outline, shadow_px=outline * 2)
                for w in line.split()
            ]
            total = sum(sp.size[0] - 2 * pad for sp in sprites) + space * (len(sprites) - 1)
            left = box.x + pad
            x = left + (box.w - 2 * pad - total) // 2 if self.layout.headline_align == "center" else left
            y = box.y + pad + li * line_h
            for sp in sprites:
                words.append(_Word(sp, x - pad, y - pad, 0.2 + 0.11 * n))
                x += sp.size[0] - 2 * pad + space
                n += 1
        return words, size, box.y + pad + len(lines) * line_h

    def _headline_extent(self, words: list[_Word], size: int, bottom: int) -> Box:
        """The box the words cover over their whole rise, with the accent bar under them."""
        lift = math.ceil(size * 0.45)
        x0 = min(w.x for w in words)
        y0 = min(w.y for w in words)
        x1 = max(w.x + w.sprite.size[0] for w in words)
        bar_bottom = bottom + size // 5 + max(2, size // 9) + 1
        y1 = max(max(w.y + w.sprite.size[1] + lift for w in words), bar_bottom)
        return Box(x0, y0, x1 - x0, y1 - y0)

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
        x = box.x if self.layout.landscape else box.x + box.w - sp.size[0]
        return sp, x, box.y

    def _build_captions(self) -> CaptionTrack | None:
        i = self.inputs
        if not i.captions or not i.scene.voiceover.strip():
            return None
        scene_s = self.n_frames / self.fps
        span = i.voice_duration_s or (scene_s - VOICE_LEAD_S - 0.3)
        span = max(0.5, min(span, scene_s - VOICE_LEAD_S))
        return CaptionTrack(i.scene.voiceover, self.w, self.h, i.aspect_ratio, i.palette, span,
                            i.caption_style, i.word_timings)  # fmt: skip

    def _load_start_frame(self) -> np.ndarray | None:
        p, scene = self.inputs.start_frame, self.inputs.scene
        # only a transition draws the frame before: a cut into a scene that does not continue never reads it
        if scene.transition_in == "cut" and not scene.continuous_with_previous:
            return None
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
        cam = self.cams[min(i, self.n_frames - 1)]
        m = np.array([[cam.s, 0, cam.tx], [0, cam.s, cam.ty]], np.float64)
        cv2.warpAffine(
            self.background,
            m,
            (self.w, self.h),
            dst=out,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REFLECT,
        )
        self._draw_hero(out, i)
        self._draw_headline(out, t)
        if self.logo is not None:
            sp, x, y = self.logo
            L.blend(out, sp, x, y)
        self._draw_caption(out, t)
        self._transition(out, t)
        return out

    def _hero_at(self, i: int) -> tuple[float, float, float] | None:
        """The hero sprite's centre and scale at frame i (its base stays on the surface)."""
        if self.hero is None:
            return None
        hs, plan = self.hero, self.hero_plan
        k = min(i, self.n_frames - 1)
        scale = float(plan.scale[k])
        sw, sh = hs.sprite.size
        cx = float(plan.base_x[k]) + scale * (sw / 2 - (hs.ox + hs.cw / 2))
        cy = float(plan.base_y[k]) + scale * (sh / 2 - (hs.oy + hs.ch))
        return cx, cy, scale

    def _draw_hero(self, out: np.ndarray, i: int) -> None:
        at = self._hero_at(i)
        if at is not None and self.hero is not None:
            L.blend_warped(out, self.hero.sprite, *at)

    def _headline_t(self, t: float) -> float:
        # the words are already there when the scene continues the one before
        return t + 1.0 if self.inputs.scene.continuous_with_previous else t

    def _draw_headline(self, out: np.ndarray, t: float) -> None:
        if not self.words:
            return
        t = self._headline_t(t)
        lift = self.headline_size * 0.45
        for w in self.words:
            k = _ease_out((t - w.delay_s) / 0.35)
            if k <= 0:
                continue
            L.blend(out, w.sprite, w.x, round(w.y + (1 - k) * lift), opacity=k)
        bar = self._bar_at(t)
        if bar is not None:
            cv2.rectangle(out, (bar.x, bar.y), (bar.right - 1, bar.bottom - 1), self.accent_bgra, -1)

    def _bar_at(self, t: float) -> Box | None:
        """The accent bar that draws itself under the headline, at headline time t."""
        k = _ease_out((t - 0.3) / 0.6)
        if k <= 0:
            return None
        box = self.layout.headline
        bar_w = max(1, min(int(self.headline_size * 2.2 * k), box.w))
        y = self.headline_bottom + self.headline_size // 5
        x0 = self.headline_left if self.layout.headline_align == "left" else box.x + box.w // 2 - bar_w // 2
        return Box(x0, y, bar_w, max(2, self.headline_size // 9) + 1)

    def boxes_at(self, i: int) -> dict[str, list[Box]]:
        """Where each kind of layer is drawn at frame i: headline text, caption, logo and product boxes."""
        t = i / self.fps
        ht = self._headline_t(t)
        lift = self.headline_size * 0.45
        text: list[Box] = []
        for w in self.words:
            k = _ease_out((ht - w.delay_s) / 0.35)
            if k > 0:
                text.append(Box(w.x, round(w.y + (1 - k) * lift), *w.sprite.size))
        bar = self._bar_at(ht) if self.words else None
        text += [bar] if bar is not None else []
        cap_box = self.captions.box_at(t) if self.captions else None
        caption = [cap_box] if cap_box else []
        logo = [Box(x, y, *sp.size) for sp, x, y in ([self.logo] if self.logo else [])]
        product: list[Box] = []
        at = self._hero_at(i)
        if at is not None and self.hero is not None:
            hs, k = self.hero, min(i, self.n_frames - 1)
            scale = float(self.hero_plan.scale[k])
            bx, by = float(self.hero_plan.base_x[k]), float(self.hero_plan.base_y[k])
            x0, x1 = math.floor(bx - hs.cw * scale / 2), math.ceil(bx + hs.cw * scale / 2)
            y0, y1 = math.floor(by - hs.ch * scale), math.ceil(by)
            product.append(Box(x0, y0, x1 - x0, y1 - y0))
        return {"text": text, "caption": caption, "logo": logo, "product": product}

    def _draw_caption(self, out: np.ndarray, t: float) -> None:
        if self.captions is not None:
            self.captions.draw(out, t)

    @property
    def plate(self) -> np.ndarray:
        """The palette's first colour over the whole frame: what a transition starts from with no frame
        before it (made when first needed: most scenes never draw it)."""
        if self._plate is None:
            palette = self.inputs.palette
            self._plate = np.empty((self.h, self.w, 4), np.uint8)
            self._plate[:] = (*(L.hex_to_bgr(palette[0]) if palette else (40, 30, 30)), 255)
        return self._plate

    def _transition(self, out: np.ndarray, t: float) -> None:
        scene = self.inputs.scene
        # a continuous scene starts from the frame before it whatever its transition says
        continuing = scene.continuous_with_previous and self.start is not None
        kind = "crossfade" if continuing else scene.transition_in
        if kind == "cut" or t >= TRANSITION_S:
            return
        before = self.start if self.start is not None else self.plate
        transition_in(out, before, kind, t)
