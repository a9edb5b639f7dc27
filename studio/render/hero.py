"""The hero of a scene (product or person) standing on a surface, sized so it never leaves its box.

The hero is cut out (never a rectangular photo card), stands on a table or ground plane drawn into the
background with a soft contact shadow under it, and moves with the camera: its base follows the surface
as the background zooms and pans, and it grows a little faster than the background (depth). Its size is
solved once over every frame of the clip, so the product box stays inside the layout's hero box.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from studio.render import layers as L
from studio.render.safe_zones import Box

PARALLAX = {"parallax": 1.8}
"""How much faster than the background the hero slides sideways, per camera move (0.6 otherwise)."""
SURFACE_DEPTH = 0.3
"""The surface's back edge sits this fraction of the hero's height above its base (a table at eye level)."""


@dataclass(frozen=True)
class Camera:
    """The background warp of one frame: frame = s * background + (tx, ty); zoom and pan as given."""

    s: float
    tx: float
    ty: float
    zoom: float
    px: float


def _ease(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)


def camera_move(move: str, u: float, amp: float) -> tuple[float, float, float]:
    """Zoom and pan (fractions of the frame) at progress u in [0, 1]."""
    e = _ease(u)
    if move == "push_in":
        return 1.0 + 0.12 * amp * e, 0.0, 0.0
    if move == "pull_out":
        return 1.0 + 0.12 * amp * (1 - e), 0.0, 0.0
    if move == "pan_left":
        return 1.11, 0.04 * amp * (1 - 2 * e), 0.0
    if move == "pan_right":
        return 1.11, -0.04 * amp * (1 - 2 * e), 0.0
    if move == "parallax":
        return 1.05, 0.018 * amp * (1 - 2 * e), 0.0
    return 1.0 + 0.025 * e, 0.0, 0.0  # static: a barely-there breathe keeps it alive


def camera_at(move: str, u: float, amp: float, w: int, h: int, bw: int, bh: int) -> Camera:
    """The warp that puts a bw x bh background into a w x h frame at progress u."""
    zoom, px, py = camera_move(move, u, amp)
    s = zoom * max(w / bw, h / bh)  # at zoom 1 the background exactly covers the frame
    return Camera(s, w / 2 + px * w - s * bw / 2, h / 2 + py * h - s * bh / 2, zoom, px)


@dataclass(frozen=True)
class HeroPlan:
    """Where the hero stands, frame by frame: its base point and scale, and the surface in the background."""

    base_x: np.ndarray
    base_y: np.ndarray
    scale: np.ndarray
    max_w: float
    max_h: float
    floor_bg_y: float


def plan_hero(box: Box, cams: list[Camera], w: int, move: str, shadow_room: float = 0.04) -> HeroPlan:
    """Solve the base path and the largest content size that keeps the hero inside box on every frame."""
    k = PARALLAX.get(move, 0.6)
    g = np.array([1 + (c.zoom - 1) * 1.5 for c in cams])
    scale = g / g.max()
    s = np.array([c.s for c in cams])
    ty = np.array([c.ty for c in cams])
    # the surface sits where the lowest base of the clip is just above the box's bottom (room for shadow)
    floor_bg = float(np.min((box.bottom - shadow_room * box.h - ty) / s))
    base_y = s * floor_bg + ty
    base_x = box.x + box.w / 2 - np.array([c.px for c in cams]) * w * k
    max_h = float(np.min((base_y - box.y) / scale))
    half = np.minimum(base_x - box.x, box.right - base_x)
    max_w = float(np.min(2 * half / scale))
    return HeroPlan(base_x, base_y, scale, max(2.0, max_w), max(2.0, max_h), floor_bg)


@dataclass(frozen=True)
class StandingSprite:
    """The hero with its contact shadow; the content (the hero itself) at (ox, oy, cw, ch) inside it."""

    sprite: L.Sprite
    ox: int
    oy: int
    cw: int
    ch: int


def standing_sprite(rgba: np.ndarray, max_w: float, max_h: float, palette: list[str]) -> StandingSprite:
    """Scale a cut-out to fit max_w x max_h, grade it, and lay a soft contact shadow under its base."""
    h, w = rgba.shape[:2]
    s = min(max_w / w, max_h / h)
    nw, nh = max(2, int(w * s)), max(2, int(h * s))
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
    small = cv2.resize(rgba, (nw, nh), interpolation=interp)
    bgr = L.grade(small[..., 2::-1].astype(np.float32), palette, 0.08)
    alpha = small[..., 3].astype(np.float32) / 255.0
    # the footprint: how wide the hero is where it touches the surface (its lowest opaque rows)
    rows = np.nonzero(alpha.max(axis=1) > 0.5)[0]
    foot = alpha[max(0, rows[-1] - max(1, nh // 20)) : rows[-1] + 1] if len(rows) else alpha[-2:]
    cols = np.nonzero(foot.max(axis=0) > 0.5)[0]
    fx0, fx1 = (int(cols[0]), int(cols[-1])) if len(cols) else (0, nw - 1)
    rx = max(2.0, (fx1 - fx0) / 2 * 1.15)
    ry = max(2.0, nh * 0.035)
    blur = max(1.0, ry * 0.6)
    # room for the wider ambient shadow and its blur, so no shadow is clipped to a rectangle
    pad_x = int(max(0.0, rx * 1.5 + 3 * blur * 2.5 - nw / 2)) + 2
    pad_b = int(ry * 1.6 + 3 * blur * 2.5) + 2
    ch_, cw_ = nh + pad_b, nw + 2 * pad_x
    shadow = np.zeros((ch_, cw_), np.float32)
    # the shadows are drawn and blurred in the band of rows they reach (the blur's kernel is 4 sigma each
    # side, so rows above the band stay exactly 0): the same result as blurring the whole sprite
    band = shadow[max(0, int(nh - 1 - ry * 1.6 - 4 * blur * 2.5) - 3) :]
    centre = (round(pad_x + (fx0 + fx1) / 2), nh - 1 - (ch_ - band.shape[0]))
    contact = np.zeros_like(band)
    cv2.ellipse(contact, centre, (int(rx), int(ry)), 0, 0, 360, 1.0, -1, lineType=cv2.LINE_AA)
    # a wider, fainter ambient shadow so the hero sits in the light rather than on a sticker
    ambient = np.zeros_like(band)
    cv2.ellipse(ambient, centre, (int(rx * 1.5), int(ry * 1.6)), 0, 0, 360, 1.0, -1, lineType=cv2.LINE_AA)
    np.maximum(
        cv2.GaussianBlur(contact, (0, 0), blur) * 0.6,
        cv2.GaussianBlur(ambient, (0, 0), blur * 2.5) * 0.25,
        out=band,
    )
    fg_a = np.zeros_like(shadow)
    fg_a[:nh, pad_x : pad_x + nw] = alpha
    fg = np.zeros((ch_, cw_, 3), np.float32)
    fg[:nh, pad_x : pad_x + nw] = bgr
    out_a = fg_a + shadow * (1 - fg_a)
    premult = fg * fg_a[..., None]
    colour = np.divide(premult, out_a[..., None], out=np.zeros_like(premult), where=out_a[..., None] > 1e-4)
    return StandingSprite(L.sprite_from_bgra_float(colour, out_a), pad_x, 0, nw, nh)


def surface_layer(
    bw: int, bh: int, top_y: float, palette: list[str], opacity: float
) -> tuple[np.ndarray, int]:
    """A table / ground plane from top_y down, lit at its back edge, for a bw x bh background.

    Returned as a premultiplied BGRA layer (alpha in its 4th channel) and the background row it starts
    at: the rows above, where it is fully transparent, are left out, so drawing it touches only the plane.
    """
    base = L.hex_to_bgr(palette[0]) if palette else (60, 50, 45)
    c = np.array(base, np.float32)
    light = np.clip(c * 1.25 + 28, 0, 255)
    dark = np.clip(c * 0.7, 0, 255)
    ys = np.arange(bh, dtype=np.float32)
    span = max(1.0, bh - top_y)
    t = np.clip((ys - top_y) / span, 0, 1)[:, None]
    col = light[None, :] * (1 - t) + dark[None, :] * t
    # a soft edge, not a hard line: the back edge fades in over ~0.6% of the height, plus a faint sheen
    soft = max(1.0, bh * 0.006)
    a = 1 / (1 + np.exp(np.clip(-(ys - top_y) / soft, -60, 60)))
    sheen = np.exp(-(((ys - top_y - soft * 2) / (soft * 2.5)) ** 2)) * 0.25
    col = np.clip(col + sheen[:, None] * 255 * 0.3, 0, 255)
    # built as one column and stretched sideways: the plane is the same across the frame
    column = L.sprite_from_bgra_float(col[:, None, :], (a * opacity)[:, None]).premult
    visible = np.flatnonzero(column[:, 0, 3])
    if not len(visible):
        return np.zeros((0, bw, 4), np.uint8), bh
    y0 = int(visible[0])
    return cv2.repeat(column[y0:], 1, bw), y0


def feathered_oval(rgba: np.ndarray) -> np.ndarray:
    """A photo that cannot be cut out, faded to an oval (soft edges, never a hard rectangular card)."""
    h, w = rgba.shape[:2]
    mask = np.zeros((h, w), np.float32)
    cv2.ellipse(mask, (w // 2, h // 2), (int(w * 0.42), int(h * 0.42)), 0, 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), max(2.0, min(h, w) * 0.06))
    out = rgba.copy()
    out[..., 3] = (np.minimum(out[..., 3] / 255.0, mask) * 255).astype(np.uint8)
    return out
