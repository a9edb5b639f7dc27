"""Offline inpainting fills the hole from what surrounds it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from studio.errors import BadInput
from studio.providers.offline import OpenCVInpainter
from studio.providers.ports import InpaintModel, InpaintRequest


def test_fills_the_masked_hole_with_the_surrounding_colour(tmp_path):
    im = Image.new("RGB", (160, 120), (30, 120, 200))
    ImageDraw.Draw(im).rectangle((60, 40, 100, 80), fill=(255, 255, 0))  # a blemish to remove
    mask = Image.new("L", im.size, 0)
    ImageDraw.Draw(mask).rectangle((56, 36, 104, 84), fill=255)
    im.save(tmp_path / "in.png")
    mask.save(tmp_path / "mask.png")

    painter = OpenCVInpainter()
    assert isinstance(painter, InpaintModel)
    asked = InpaintRequest(
        image=tmp_path / "in.png", mask=tmp_path / "mask.png", prompt="remove the sticker", seed=4
    )
    out = painter.inpaint(asked)
    assert out.model == "opencv inpaint" and out.seed == 4
    result = np.asarray(Image.open(io.BytesIO(out.png)).convert("RGB")).astype(int)
    hole = result[40:81, 60:101]
    assert np.abs(hole - np.array([30, 120, 200])).max() <= 6
    assert np.array_equal(result[0:30, 0:50], np.asarray(im)[0:30, 0:50])  # outside the mask untouched


def test_mask_of_another_size_is_scaled_and_empty_mask_refused(tmp_path):
    im = Image.new("RGB", (200, 100), (200, 50, 50))
    ImageDraw.Draw(im).ellipse((90, 40, 110, 60), fill=(0, 0, 0))
    im.save(tmp_path / "in.png")
    half = Image.new("L", (100, 50), 0)
    ImageDraw.Draw(half).rectangle((42, 17, 58, 33), fill=255)
    half.save(tmp_path / "mask.png")
    image = tmp_path / "in.png"
    out = OpenCVInpainter().inpaint(InpaintRequest(image=image, mask=tmp_path / "mask.png", prompt=""))
    result = np.asarray(Image.open(io.BytesIO(out.png)).convert("RGB")).astype(int)
    assert np.abs(result[50, 100] - np.array([200, 50, 50])).max() <= 8

    Image.new("L", (200, 100), 0).save(tmp_path / "empty.png")
    with pytest.raises(BadInput, match="mask is empty"):
        OpenCVInpainter().inpaint(InpaintRequest(image=image, mask=tmp_path / "empty.png", prompt=""))
