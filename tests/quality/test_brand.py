"""Known answers for brand presence: a clip with the product composited in shows it, one without does not;
the logo is found in the plan's logo box and not where it is absent."""

from __future__ import annotations

import cv2
import numpy as np

from studio.quality.brand import LOGO_MATCH, MIN_INLIERS, ProductMatcher, load_rgba, logo_match
from studio.quality.frames import read_frames, write_video
from studio.render.layout import scene_layout
from studio.render.safe_zones import Box

from .conftest import textured_world

CW, CH = 360, 640


def product_photo(tmp_path) -> tuple[np.ndarray, object]:
    """A detailed product 'photo' with a transparent margin, saved as an RGBA PNG."""
    rgb = textured_world(5, 300, 400)
    rgba = np.zeros((440, 340, 4), np.uint8)
    rgba[20:420, 20:320, :3] = rgb
    rgba[20:420, 20:320, 3] = 255
    path = tmp_path / "product.png"
    cv2.imwrite(str(path), cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA))
    return rgb, path


def clip(with_product: np.ndarray | None, frames: int = 20) -> np.ndarray:
    """A slow push over a backdrop; the product (when given) drifts across the middle at 150x200 px."""
    backdrop = textured_world(42, CW + 40, CH + 40, warm=False)
    out = []
    for i in range(frames):
        f = backdrop[i : i + CH, i : i + CW].copy()
        if with_product is not None:
            small = cv2.resize(with_product, (150, 200), interpolation=cv2.INTER_AREA)
            x, y = 100 + i, 260
            f[y : y + 200, x : x + 150] = small
        out.append(f)
    return np.stack(out)


def test_a_clip_with_the_product_shows_it_and_one_without_does_not(tmp_path):
    rgb, path = product_photo(tmp_path)
    matcher = ProductMatcher.from_image(load_rgba(path))
    shown = read_frames(write_video(tmp_path / "with.mp4", clip(rgb)), stills_at=[0.3])
    absent = read_frames(write_video(tmp_path / "without.mp4", clip(None)), stills_at=[0.3])
    seen, inliers = matcher.visible(list(shown.stills.values()))
    missing, few = matcher.visible(list(absent.stills.values()))
    assert seen and inliers >= 2 * MIN_INLIERS
    assert not missing and few < MIN_INLIERS


def test_the_logo_is_found_in_the_plans_logo_box_and_not_elsewhere():
    logo = textured_world(9, 200, 100)
    logo_rgba = np.dstack([logo, np.full(logo.shape[:2], 255, np.uint8)])
    box = scene_layout(CW, CH, "9:16", np.random.default_rng(0)).logo
    frame = textured_world(42, CW, CH, warm=False)
    placed = frame.copy()
    s = min(box.w / 200, box.h / 100)
    w, h = int(200 * s), int(100 * s)
    small = cv2.resize(logo, (w, h), interpolation=cv2.INTER_AREA)
    placed[box.y : box.y + h, box.right - w : box.right] = small
    assert logo_match(placed, logo_rgba, box) > 0.9
    assert logo_match(frame, logo_rgba, box) < LOGO_MATCH
    # on screen, but not where the plan puts it (bottom left): not counted
    elsewhere = frame.copy()
    elsewhere[500 : 500 + h, 20 : 20 + w] = small
    assert logo_match(elsewhere, logo_rgba, Box(box.x, box.y, box.w, box.h)) < LOGO_MATCH
