"""Product cut-outs: plain backgrounds go, alpha is respected, busy backgrounds are left alone."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from studio.offline.cutout import CUTOUT_KEY, cut_out_product, prepare_brand_asset


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
