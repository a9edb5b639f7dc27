"""The product is presented as the product: cut out and standing on a surface with a contact shadow, not a
rectangular photo card floating in the frame."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from studio.render import hero as H
from studio.render import layers as L
from studio.render.compositor import SceneComposer, SceneInputs
from tests.render.helpers import PALETTE, scene


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A product photo as a shop would send it: a JPEG, no alpha, a bottle on a plain near-white sweep."""
    im = Image.new("RGB", (300, 480), (246, 244, 240))
    d = ImageDraw.Draw(im)
    # a rounded jar: its outline meets its bounding box only at a few points, as a real product's does
    d.ellipse((40, 110, 260, 440), fill=(40, 60, 170))
    d.ellipse((115, 70, 185, 140), fill=(25, 25, 25))
    d.ellipse((110, 240, 190, 320), fill=(250, 250, 250))
    path = tmp_path_factory.mktemp("photo") / "product.jpg"
    im.save(path, quality=92)
    return path


def _composer(photo: Path, ar: str = "9:16", size: tuple[int, int] = (360, 640)) -> SceneComposer:
    sc = scene(on_screen_text="", voiceover="", camera_move="static", duration_s=1.0, focus="product")
    return SceneComposer(
        SceneInputs(
            scene=sc, width=size[0], height=size[1], aspect_ratio=ar, seed=2, palette=PALETTE, product=photo
        )
    )


def _edge_energy_around(frame: np.ndarray, box) -> float:
    """The share of the box's outline that runs along a strong edge (a card's edge lights all of it)."""
    grey = cv2.cvtColor(np.ascontiguousarray(frame[..., :3]), cv2.COLOR_BGR2GRAY).astype(np.float32)
    mag = cv2.magnitude(cv2.Sobel(grey, cv2.CV_32F, 1, 0), cv2.Sobel(grey, cv2.CV_32F, 0, 1))
    mag = cv2.dilate(mag, np.ones((3, 3), np.uint8))  # an edge within 1 px of the outline counts
    x0, y0, x1, y1 = box.x, box.y, box.right, box.bottom
    # the top and the two sides: the bottom is where the product meets its surface
    samples = np.concatenate([mag[y0, x0:x1], mag[y0:y1, x0], mag[y0:y1, x1 - 1]])
    return float((samples > 60).mean())


def _backdrop_share(frame: np.ndarray, box, inset: int = 2) -> float:
    """The share of pixels just inside the box's outline that are the photo's near-white backdrop."""
    grey = cv2.cvtColor(np.ascontiguousarray(frame[..., :3]), cv2.COLOR_BGR2GRAY)
    x0, y0, x1, y1 = box.x + inset, box.y + inset, box.right - inset - 1, box.bottom - inset - 1
    samples = np.concatenate([grey[y0, x0:x1], grey[y0:y1, x0], grey[y0:y1, x1]])
    return float((samples > 215).mean())


def _frame(c: SceneComposer) -> np.ndarray:
    return c.compose(c.n_frames - 1, np.empty((c.h, c.w, 4), np.uint8))


def test_product_photo_is_cut_out_with_no_rectangular_edge(photo: Path) -> None:
    c = _composer(photo)
    frame = _frame(c)
    (box,) = c.boxes_at(c.n_frames - 1)["product"]
    ours = _edge_energy_around(frame, box)
    # the same photo as a rounded card, drawn by the same code: the metric sees the card's edge
    rgba = L.trim_alpha(L.load_rgba(photo))
    card = H.standing_sprite(
        L.rounded_card(rgba), c.hero_plan.max_w * 0.92, c.hero_plan.max_h * 0.92, PALETTE
    )
    c.hero = card
    (card_box,) = c.boxes_at(c.n_frames - 1)["product"]
    carded = _edge_energy_around(_frame(c), card_box)
    assert carded > 0.9, carded
    assert ours < 0.3, (ours, carded)
    # and none of the photo's near-white backdrop shows just inside the outline
    assert _backdrop_share(frame, box) < 0.02 and _backdrop_share(_frame(c), card_box) > 0.5


def test_the_product_stands_on_a_surface_with_a_soft_contact_shadow(photo: Path) -> None:
    c = _composer(photo)
    frame = _frame(c).astype(np.float32)
    (box,) = c.boxes_at(c.n_frames - 1)["product"]
    luma = frame[..., :3].mean(axis=2)
    cx, base = box.x + box.w // 2, box.bottom
    under = luma[base + 1 : base + 4, cx - 6 : cx + 6].mean()
    beside = luma[base + 1 : base + 4, box.right + 25 : box.right + 37].mean()
    assert beside - under > 12, (under, beside)  # darker right under the base: the contact shadow
    # the surface: below its back edge the frame is lit differently from the wall above it
    above = luma[box.y - 20 : box.y - 10, c.w // 10 : c.w // 5].mean()
    table = luma[base + 20 : base + 30, c.w // 10 : c.w // 5].mean()
    assert abs(table - above) > 10, (above, table)
    # and the shadow is soft: no step larger than a few levels between neighbouring pixels along it
    row = luma[base + 2, box.x - 20 : box.right + 20]
    assert np.abs(np.diff(row)).max() < 25


def test_the_base_stays_on_the_surface_through_a_camera_move(photo: Path) -> None:
    sc = scene(on_screen_text="", voiceover="", camera_move="push_in", duration_s=1.0, focus="product")
    c = SceneComposer(
        SceneInputs(
            scene=sc, width=360, height=640, aspect_ratio="9:16", seed=2, palette=PALETTE, product=photo
        )
    )
    floor = c.hero_plan.floor_bg_y
    for i in (0, c.n_frames // 2, c.n_frames - 1):
        (box,) = c.boxes_at(i)["product"]
        cam = c.cams[i]
        assert abs(box.bottom - (cam.s * floor + cam.ty)) <= 1.0  # the base is where the surface line is
    first, last = c.boxes_at(0)["product"][0], c.boxes_at(c.n_frames - 1)["product"][0]
    assert last.h > first.h  # the push-in brings the product closer
