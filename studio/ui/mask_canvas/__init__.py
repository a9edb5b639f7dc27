"""A brush canvas over a picture that hands back a mask (white = repaint), built on components v2.

No npm build: the HTML, CSS and JavaScript in this folder are handed inline to
`st.components.v2.component` (Streamlit 1.67). The component shows the picture (a preview), a drawing
layer at the picture's own resolution, a brush size slider, brush / eraser, clear, and "Use this mask",
which sends the mask as a PNG data URL through a trigger value.
"""

from __future__ import annotations

import base64
import binascii
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st
from PIL import Image

if TYPE_CHECKING:
    from streamlit.components.v2.types import ComponentRenderer

HERE = Path(__file__).parent
NAME = "ad_studio_mask_canvas"
PREVIEW_PX = 900
"""The longest side of the preview the browser shows (the mask is drawn at the picture's full size)."""
_PREFIX = "data:image/png;base64,"


@cache
def _component() -> ComponentRenderer:
    """Register the component once per process."""
    read = lambda name: (HERE / name).read_text(encoding="utf-8")  # noqa: E731
    return st.components.v2.component(
        NAME, html=read("mask_canvas.html"), css=read("mask_canvas.css"), js=read("mask_canvas.js")
    )


def preview_data_url(image: Image.Image) -> str:
    """A JPEG data URL of the picture, at most PREVIEW_PX on its longest side."""
    preview = image.convert("RGB")
    preview.thumbnail((PREVIEW_PX, PREVIEW_PX))
    buf = io.BytesIO()
    preview.save(buf, format="JPEG", quality=88)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def decode_mask(value: object) -> bytes | None:
    """The PNG bytes of a mask data URL from the browser, or None when it is not one."""
    if not isinstance(value, str) or not value.startswith(_PREFIX):
        return None
    try:
        return base64.b64decode(value[len(_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        return None


def mask_canvas(image: Image.Image, *, key: str, picture_id: str, brush: int = 40) -> bytes | None:
    """Draw the canvas over `image`; on the run after "Use this mask" is pressed, the mask PNG's bytes.

    `picture_id` names the picture's version: a new id clears the strokes, the same id keeps them.
    """
    data = {
        "id": picture_id,
        "image": preview_data_url(image),
        "width": image.width,
        "height": image.height,
        "brush": brush,
    }
    result = _component()(key=key, data=data, on_mask_change=lambda: None)
    return decode_mask(getattr(result, "mask", None))


__all__ = ["decode_mask", "mask_canvas", "preview_data_url"]
