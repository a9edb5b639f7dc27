"""The mask the browser canvas sends: an opaque RGBA PNG, black where nothing was brushed. Found by the
person-in-the-loop walk: an unbrushed mask was read by its alpha and repainted the whole picture."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from studio.errors import BadInput
from studio.pipeline.pictures import check_mask

SIZE = (90, 160)


def _png(rgba: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgba.astype(np.uint8)).save(buf, "PNG")  # (H, W, 4) uint8 reads as RGBA
    return buf.getvalue()


def _canvas(stroke: bool) -> np.ndarray:
    """What "Use this mask" sends: opaque black, white along a band when something was brushed."""
    rgba = np.zeros((SIZE[1], SIZE[0], 4), np.uint8)
    rgba[..., 3] = 255
    if stroke:
        rgba[70:90, 20:70, :3] = 255
    return rgba


def test_an_unbrushed_canvas_mask_is_refused_as_empty() -> None:
    with pytest.raises(BadInput, match="The mask is empty"):
        check_mask(_png(_canvas(stroke=False)), SIZE)


def test_a_brushed_canvas_mask_is_the_stroke_alone() -> None:
    mask = np.asarray(check_mask(_png(_canvas(stroke=True)), SIZE))
    assert mask[70:90, 20:70].min() == 255
    assert int((mask > 0).sum()) == 20 * 50


def test_a_transparent_layer_counts_its_opaque_part() -> None:
    rgba = np.zeros((SIZE[1], SIZE[0], 4), np.uint8)  # black strokes on a transparent layer
    rgba[10:30, 5:45, 3] = 255
    mask = np.asarray(check_mask(_png(rgba), SIZE))
    assert int((mask > 0).sum()) == 20 * 40 and mask[10:30, 5:45].min() == 255
