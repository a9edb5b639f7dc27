"""Product cut-outs: plain backgrounds go, alpha is respected, busy backgrounds are left alone."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw

from studio.imaging.cutout import CUTOUT_KEY, cut_out_product, cut_out_rgba, prepare_brand_asset


def _bottle_on(background, size=(180, 320)) -> Image.Image:
    im = Image.new("RGB", size, background)
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((60, 80, 120, 280), radius=14, fill=(200, 30, 40))
    d.rectangle((78, 40, 102, 82), fill=(30, 30, 30))
    d.rectangle((66, 150, 114, 200), fill=(250, 250, 250))  # a white label, inside the product
    return im


def test_object_on_white_gets_transparent_corners_and_opaque_centre():
    rng = np.random.default_rng(1)
    arr = np.asarray(_bottle_on((250, 250, 250))).astype(np.int16)
    noisy = np.clip(arr + rng.integers(-4, 5, arr.shape), 0, 255).astype(np.uint8)  # a camera's grain
    out = cut_out_product(Image.fromarray(noisy))
    a = np.asarray(out.getchannel("A"))
    assert out.mode == "RGBA" and out.info[CUTOUT_KEY] == "removed"
    assert a[0, 0] == a[0, -1] == a[-1, 0] == a[-1, -1] == 0
    assert a[10:70, 10:50].max() == 0  # the background is gone
    assert a[120, 90] == 255 and a[175, 90] == 255  # the body and its white label stay
    assert 0 < a[180, 60] < 255 or 0 < a[180, 59] < 255  # the edge is feathered


def test_coloured_card_background_is_removed_too():
    out = cut_out_product(_bottle_on((40, 90, 200)))
    a = np.asarray(out.getchannel("A"))
    assert a[5, 5] == 0 and a[200, 90] == 255


def test_existing_alpha_is_used_as_is():
    im = _bottle_on((0, 0, 0)).convert("RGBA")
    alpha = Image.new("L", im.size, 0)
    ImageDraw.Draw(alpha).ellipse((40, 40, 140, 280), fill=255)
    im.putalpha(alpha)
    out = cut_out_product(im)
    assert out.info[CUTOUT_KEY] == "alpha"
    assert np.array_equal(np.asarray(out.getchannel("A")), np.asarray(alpha))


def test_busy_background_is_kept_whole_with_full_alpha():
    rng = np.random.default_rng(2)
    busy = Image.fromarray(rng.integers(0, 255, (320, 180, 3), dtype=np.uint8))
    out = cut_out_product(busy)
    assert out.info[CUTOUT_KEY] == "kept"
    assert np.asarray(out.getchannel("A")).min() == 255


def test_prepare_brand_asset_per_kind(tmp_path):
    product = tmp_path / "shoe.jpg"
    _bottle_on((255, 255, 255)).save(product, quality=95)
    cut = prepare_brand_asset(product, "product")
    with Image.open(cut) as im:
        assert im.format == "PNG" and im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0

    logo = tmp_path / "logo.webp"
    Image.new("RGBA", (37, 23), (10, 200, 90, 255)).save(logo, lossless=True)
    kept = prepare_brand_asset(logo, "logo")
    with Image.open(kept) as im:
        assert im.format == "PNG" and im.size == (37, 23)  # never resampled
        assert im.getpixel((5, 5))[:3] == (10, 200, 90)

    character = tmp_path / "hero.jpg"
    Image.new("RGB", (20, 20), "white").save(character)
    assert prepare_brand_asset(character, "character") == character


def _bottle_mask() -> np.ndarray:
    m = Image.new("L", (180, 320), 0)
    d = ImageDraw.Draw(m)
    d.rounded_rectangle((60, 80, 120, 280), radius=14, fill=255)
    d.rectangle((78, 40, 102, 82), fill=255)
    return np.asarray(m) > 0


def test_cut_out_rgba_makes_a_plain_background_transparent():
    """The array cut-out the motion renderer uses: a product photo (JPEG-like, no alpha) on white."""
    rgba = np.asarray(_bottle_on((245, 245, 245)).convert("RGBA")).copy()
    out = cut_out_rgba(rgba)
    assert out is not None
    a = out[..., 3]
    inside = _bottle_mask()
    ring = ~cv2.dilate(inside.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    assert (a[ring] < 10).mean() > 0.99  # the background pixels are transparent
    core = cv2.erode(inside.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    assert (a[core] > 245).mean() > 0.99  # the product, with its white label, is opaque


def test_cut_out_rgba_separates_a_product_from_a_busy_background():
    """GrabCut, seeded by the centre, when the background is not plain: still a cut-out, not a card."""
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:320, 0:180]
    bg = np.stack([60 + 60 * np.sin(xx / 9.0), 110 + 50 * np.cos(yy / 7.0), 90 + 0 * xx], axis=2)
    bg = np.clip(bg + rng.normal(0, 12, bg.shape), 0, 255).astype(np.uint8)
    photo = Image.fromarray(bg)
    ImageDraw.Draw(photo).rounded_rectangle((60, 80, 120, 280), radius=14, fill=(230, 30, 40))
    ImageDraw.Draw(photo).rectangle((78, 40, 102, 82), fill=(20, 20, 20))
    rgba = np.asarray(photo.convert("RGBA")).copy()
    out = cut_out_rgba(rgba)
    assert out is not None
    a = out[..., 3]
    assert a[:12, :12].max() == 0 and a[-12:, -12:].max() == 0 and a[:12, -12:].max() == 0
    assert a[150:260, 70:110].min() > 240
    assert np.array_equal(out, cut_out_rgba(rgba))  # deterministic


def test_cut_out_rgba_gives_up_on_a_photo_with_no_object():
    rng = np.random.default_rng(4)
    noise = rng.integers(0, 255, (200, 200, 4), dtype=np.uint8)
    noise[..., 3] = 255
    assert cut_out_rgba(noise) is None
