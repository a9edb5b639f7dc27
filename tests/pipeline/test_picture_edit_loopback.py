"""The image editor against Replicate's wire format on loopback: flux-fill receives the picture and the
mask, the edit is charged to the generation, and what flux-fill painted lands inside the mask only.
"""

from __future__ import annotations

import base64

import numpy as np
import pytest
from PIL import Image, ImageDraw
from pydantic import SecretStr

from studio.bootstrap import open_context
from studio.config import Settings
from studio.pipeline.pictures import PictureRef
from studio.providers.replicate_inpaint import ReplicateInpaint
from studio.service import Studio
from tests.loopback import media as loopback_media
from tests.pipeline.picture_fixtures import BLUE, make_generation, png

SIZE, STICKER, MASK_BOX = (160, 120), (60, 40, 100, 80), (54, 34, 106, 86)
PROMPT = "a clear blue sky"


@pytest.fixture
def studio(tmp_path, loopback):
    settings = Settings(
        data_dir=tmp_path / "data",
        max_concurrent=2,
        replicate_api_token=SecretStr(loopback.replicate_token),
        replicate_base_url=loopback.url,
    )
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def _data_url_record(data: bytes) -> str:
    """How the server's record shows a PNG data URL of `data` (cut to a prefix and its length)."""
    url = f"data:image/png;base64,{base64.b64encode(data).decode('ascii')}"
    return f"{url[:80]}...[{len(url)} chars]"


def test_flux_fill_receives_the_picture_and_the_mask(studio: Studio, loopback) -> None:
    assert isinstance(studio.ctx.providers.inpaint, ReplicateInpaint)
    gen = make_generation(studio, SIZE, STICKER)
    mask = Image.new("L", SIZE, 0)
    ImageDraw.Draw(mask).rectangle(MASK_BOX, fill=255)
    loopback.clear_records()
    studio.edit_picture(gen.id, PictureRef(kind="reference", index=0), png(mask), PROMPT).result(timeout=60)

    creates = loopback.creates("image")
    assert [c["path"] for c in creates] == ["/v1/models/black-forest-labs/flux-fill-pro/predictions"]
    sent = creates[0]["json"]["input"]
    media = studio.ctx.providers.media
    picture_bytes = media.local_path(gen.references[0].location).read_bytes()
    assert sent["image"] == _data_url_record(picture_bytes)  # the stored picture, byte for byte in length
    assert sent["mask"] == _data_url_record(png(mask))  # the checked mask: same pixels, same PNG
    assert (sent["prompt"], sent["seed"], sent["output_format"]) == (PROMPT, gen.seed, "png")

    after = studio.store.get(gen.id)
    assert after.cost_usd > gen.cost_usd  # the prediction is charged to this generation
    edited = np.asarray(Image.open(media.local_path(after.references[0].draft)).convert("RGB")).astype(int)
    fill = loopback_media._palette(PROMPT)[2]  # the colour the loopback paints into the mask
    x0, y0, x1, y1 = MASK_BOX
    assert np.abs(edited[y0 + 4 : y1 - 3, x0 + 4 : x1 - 3] - np.array(fill)).max() <= 2
    assert np.abs(edited[:20, :40] - np.array(BLUE)).max() == 0  # outside the mask: untouched
