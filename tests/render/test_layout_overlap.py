"""Text, logo and product never overlap: every aspect ratio, every camera move, every frame of the clip."""

from __future__ import annotations

import itertools
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from studio.models import CameraMove
from studio.render.compositor import SceneComposer, SceneInputs
from studio.render.safe_zones import Box, safe_box
from tests.render.helpers import PALETTE, scene

SIZES = {"9:16": (360, 640), "1:1": (480, 480), "4:5": (432, 540), "16:9": (640, 360), "4:3": (480, 360)}
MOVES: tuple[CameraMove, ...] = ("push_in", "pull_out", "pan_left", "pan_right", "parallax", "static")
LONG_HEADLINE = "Calm mornings start with Morning Ritual cold brew today"
LONG_VOICE = (
    "Morning Ritual cold brew is steeped for eighteen hours, smooth and low in acid, for busy parents "
    "who need calm mornings. Fifteen percent off your first box."
)
RED, BLUE = (255, 0, 0, 255), (0, 0, 255, 255)


@pytest.fixture(scope="module")
def solid_refs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A pure red product (a tall and a wide one) and a pure blue logo, each on transparency."""
    d = tmp_path_factory.mktemp("solid")
    tall = Image.new("RGBA", (200, 320), (0, 0, 0, 0))
    ImageDraw.Draw(tall).rounded_rectangle((40, 20, 160, 310), 24, fill=RED)
    tall.save(d / "tall.png")
    wide = Image.new("RGBA", (400, 160), (0, 0, 0, 0))
    ImageDraw.Draw(wide).ellipse((10, 10, 390, 150), fill=RED)
    wide.save(d / "wide.png")
    logo = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rectangle((0, 0, 299, 99), fill=BLUE)
    logo.save(d / "logo.png")
    return {"tall": d / "tall.png", "wide": d / "wide.png", "logo": d / "logo.png"}


def _composer(
    refs: dict[str, Path], ar: str, move: str, seed: int, product: str = "tall", focus: str = "product", **kw
) -> SceneComposer:
    w, h = SIZES[ar]
    sc = scene(
        1,
        duration_s=2.0,
        camera_move=move,
        on_screen_text=LONG_HEADLINE,
        voiceover=LONG_VOICE,
        focus=focus,
        **kw,
    )
    return SceneComposer(
        SceneInputs(
            scene=sc,
            width=w,
            height=h,
            aspect_ratio=ar,
            seed=seed,
            palette=PALETTE,
            product=refs[product],
            logo=refs["logo"],
        )
    )


def _assert_disjoint(boxes: dict[str, list[Box]], where: str) -> None:
    for (ka, la), (kb, lb) in itertools.combinations(boxes.items(), 2):
        for a, b in itertools.product(la, lb):
            assert not a.intersects(b), f"{where}: {ka} {a} overlaps {kb} {b}"


def test_box_intersection_known_answers() -> None:
    a = Box(0, 0, 10, 10)
    assert a.intersects(Box(9, 9, 5, 5)) and not a.intersects(Box(10, 0, 5, 5))
    assert Box(0, 0, 100, 100).contains(Box(10, 10, 90, 90)) and not a.contains(Box(5, 5, 10, 2))
    with pytest.raises(AssertionError):
        _assert_disjoint({"text": [a], "logo": [Box(5, 5, 10, 10)]}, "known overlap")


@pytest.mark.parametrize("ar", sorted(SIZES))
def test_no_overlap_on_any_frame_of_any_move(solid_refs: dict[str, Path], ar: str) -> None:
    """Every frame's headline words (with their rise), accent bar, caption, logo and product boxes."""
    frames_checked = 0
    # per move: the plain case, then a wide product and an environment shot, then a continuing scene
    variants = (
        (1, "tall", "product", False),
        (2, "wide", "environment", False),
        (3, "tall", "product", True),
    )
    for move, (seed, product, focus, cont) in itertools.product(MOVES, variants):
        c = _composer(solid_refs, ar, move, seed, product, focus, continuous_with_previous=cont)
        safe = c.layout.safe
        seen = {"text": 0, "caption": 0, "logo": 0, "product": 0}
        for i in range(c.n_frames):
            boxes = c.boxes_at(i)
            _assert_disjoint(boxes, f"{ar} {move} seed {seed} {product} {focus} frame {i}")
            for kind in ("text", "caption", "logo"):
                for b in boxes[kind]:
                    assert safe.contains(b), f"{ar} {move} frame {i}: {kind} {b} leaves the safe zone {safe}"
            for b in boxes["product"]:
                assert c.layout.hero.contains(b), f"{ar} {move} frame {i}: product {b} leaves its box"
            for k, v in boxes.items():
                seen[k] += bool(v)
            frames_checked += 1
        # each kind of layer really is on screen in this clip (an empty list would pass vacuously)
        assert all(v > 0 for v in seen.values()), (ar, move, seen)
    assert frames_checked == len(MOVES) * len(variants) * 60


def test_layout_regions_are_disjoint_and_inside_the_frame() -> None:
    rng = np.random.default_rng(0)
    from studio.render.layout import scene_layout

    for ar, (w, h) in SIZES.items():
        for _ in range(5):
            lay = scene_layout(w, h, ar, rng)
            _assert_disjoint({k: [b] for k, b in lay.regions().items()}, ar)
            for name in ("headline", "caption", "logo"):
                assert lay.safe.contains(lay.regions()[name]), (ar, name)
            assert lay.hero.w > w * 0.25 and lay.hero.h > h * 0.15, (ar, lay.hero)


def _layer_masks(c: SceneComposer, i: int) -> dict[str, np.ndarray]:
    """Each layer drawn alone onto a grey frame by the compositor's own drawing code, as a mask."""
    t = i / c.fps
    grey = np.full((c.h, c.w, 4), 128, np.uint8)

    def drawn(draw) -> np.ndarray:
        out = grey.copy()
        draw(out)
        d = cv2.absdiff(out, grey)
        return (d[..., 0] > 16) | (d[..., 1] > 16) | (d[..., 2] > 16)

    hero = grey.copy()
    c._draw_hero(hero, i)
    b, g, r = (hero[..., k].astype(np.int16) for k in range(3))
    logo = grey.copy()
    if c.logo is not None:
        sp, x, y = c.logo
        from studio.render import layers as L

        L.blend(logo, sp, x, y)
    lb, lg, lr = (logo[..., k].astype(np.int16) for k in range(3))
    return {
        # the product is pure red: its contact shadow (grey to black) is not the product
        "product": (r - g > 60) & (r - b > 60),
        "logo": (lb - lr > 60) & (lb - lg > 60),
        "text": drawn(lambda o: c._draw_headline(o, t)),
        "caption": drawn(lambda o: c._draw_caption(o, t)),
    }


@pytest.mark.parametrize("ar", sorted(SIZES))
def test_rendered_layer_masks_never_overlap(solid_refs: dict[str, Path], ar: str) -> None:
    """Pixel level: red product, blue logo, headline and caption masks share no pixel on any frame."""
    for move in ("push_in", "pan_left", "parallax"):
        c = _composer(solid_refs, ar, move, seed=3)
        for i in range(0, c.n_frames, 2):
            masks = _layer_masks(c, i)
            for (ka, ma), (kb, mb) in itertools.combinations(masks.items(), 2):
                both = int((ma & mb).sum())
                assert both == 0, f"{ar} {move} frame {i}: {ka} and {kb} share {both} pixels"
            # the boxes the layout test trusts really hold what is drawn (one pixel of filtering allowed)
            boxes = c.boxes_at(i)
            for kind in ("product", "logo"):
                ys, xs = np.nonzero(masks[kind])
                assert len(xs) > 50, f"{ar} {move} frame {i}: no {kind} drawn"
                (box,) = boxes[kind]
                assert xs.min() >= box.x - 1 and xs.max() <= box.right and ys.min() >= box.y - 1, (kind, box)
                assert ys.max() <= box.bottom, (kind, box)


def test_safe_zone_for_vertical_video_keeps_platform_ui_clear() -> None:
    """TikTok / Reels / Shorts: clear of the top 14%, bottom 35% and the right-hand buttons."""
    s = safe_box(1080, 1920, "9:16")
    assert (s.x, s.y, s.right, s.bottom) == (65, 269, 950, 1248)
    assert safe_box(1920, 1080, "16:9") == Box(115, 76, 1690, 896)
