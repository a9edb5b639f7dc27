"""The offline inpainting model: OpenCV's Telea method fills a masked region from its surroundings."""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from studio.errors import BadInput

log = logging.getLogger(__name__)


def _read(path: Path, what: str) -> Image.Image:
    try:
        with Image.open(path) as im:
            im.load()
            return im.copy()
    except (OSError, UnidentifiedImageError) as exc:
        raise BadInput(f"The {what} {Path(path).name} could not be read: {exc}") from exc


def telea_inpaint(image: Path, mask: Path) -> bytes:
    """Fill the masked region (white = fill) from its surroundings with cv2.inpaint (Telea): a PNG."""
    src = _read(image, "image")
    m = _read(mask, "mask")
    if m.mode in ("RGBA", "LA"):
        # A mask painted on a transparent layer: the painted (opaque) part is the hole.
        m = m.getchannel("A") if np.asarray(m.convert("L")).max() == 0 else m.convert("L")
    mask_arr = np.asarray(m.convert("L"))
    if mask_arr.shape != (src.height, src.width):
        # A mask drawn on a preview: scale it to the image (nearest keeps it binary).
        mask_arr = cv2.resize(mask_arr, (src.width, src.height), interpolation=cv2.INTER_NEAREST)
    hole = (mask_arr > 127).astype(np.uint8) * 255
    if not hole.any():
        raise BadInput("The mask is empty: paint the area to fill in white")
    radius = max(3, min(src.width, src.height) // 100)
    has_alpha = src.mode in ("RGBA", "LA", "PA") or "transparency" in src.info
    rgba = np.asarray(src.convert("RGBA"))
    bgr = cv2.cvtColor(np.ascontiguousarray(rgba[..., :3]), cv2.COLOR_RGB2BGR)
    filled = cv2.cvtColor(cv2.inpaint(bgr, hole, radius, cv2.INPAINT_TELEA), cv2.COLOR_BGR2RGB)
    if has_alpha:
        alpha = cv2.inpaint(np.ascontiguousarray(rgba[..., 3]), hole, radius, cv2.INPAINT_TELEA)
        out = np.dstack([filled, alpha])
    else:
        out = filled
    ok, png = cv2.imencode(
        ".png", cv2.cvtColor(out, cv2.COLOR_RGBA2BGRA if has_alpha else cv2.COLOR_RGB2BGR)
    )
    if not ok:
        raise BadInput("The inpainted image could not be encoded as PNG")
    log.debug("Inpainted %d px of %s", int(hole.astype(bool).sum()), image)
    return png.tobytes()
