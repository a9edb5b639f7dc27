"""Brand assets made ready for the motion renderer: products cut out, logos kept crisp, characters as given.

A product photo on a plain background (white sweep, coloured card) is cut out by the border colour;
one that already has alpha keeps it; one on a busy background is left whole rather than cut badly.
"""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from studio.models import RefKind

log = logging.getLogger(__name__)

# How the result was obtained, in image.info["cutout"]: "alpha" (the image's own), "removed" (plain
# background taken away), "kept" (background not plain: returned whole with full alpha).
CUTOUT_KEY = "cutout"
_BORDER = 4  # px of frame edge sampled for the background colour


def _has_meaningful_alpha(im: Image.Image) -> bool:
    if im.mode not in ("RGBA", "LA", "PA") and not (im.mode == "P" and "transparency" in im.info):
        return False
    alpha = np.asarray(im.convert("RGBA").getchannel("A"))
    return float((alpha < 250).mean()) > 0.01


def _border_pixels(rgb: np.ndarray) -> np.ndarray:
    b = _BORDER
    return np.concatenate(
        [
            rgb[:b].reshape(-1, 3),
            rgb[-b:].reshape(-1, 3),
            rgb[:, :b].reshape(-1, 3),
            rgb[:, -b:].reshape(-1, 3),
        ]
    ).astype(np.float32)


def background_mask(rgb: np.ndarray) -> np.ndarray | None:
    """Boolean mask of a plain background connected to the frame edge, or None if the border is not plain."""
    border = _border_pixels(rgb)
    colour = np.median(border, axis=0)
    spread = np.linalg.norm(border - colour, axis=1)
    # Plain: nearly all of the border sits close to one colour (a little noise and vignetting allowed).
    if float((spread < 28).mean()) < 0.9:
        return None
    tol = max(18.0, float(np.percentile(spread, 95)) * 1.6)
    dist = np.linalg.norm(rgb.astype(np.float32) - colour, axis=2)
    candidate = (dist < tol).astype(np.uint8)
    # Only background-coloured regions that touch the frame count: a white label inside the product stays.
    _, labels = cv2.connectedComponents(candidate, connectivity=4)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return np.isin(labels, edge_labels[edge_labels != 0])  # label 0 is "not background-coloured"


def cut_out_product(image: Image.Image) -> Image.Image:
    """An RGBA product: its own alpha, or a plain background removed with a feathered edge, or it whole."""
    if _has_meaningful_alpha(image):
        out = image.convert("RGBA")
        out.info[CUTOUT_KEY] = "alpha"
        return out
    rgb = np.asarray(image.convert("RGB"))
    bg = background_mask(rgb)
    h, w = rgb.shape[:2]
    if bg is None or bg.mean() < 0.05 or bg.mean() > 0.97:
        log.info("Product image kept whole: its background is not plain enough to cut out cleanly")
        out = image.convert("RGBA")
        out.info[CUTOUT_KEY] = "kept"
        return out
    fg = (~bg).astype(np.uint8) * 255
    k = max(3, (min(h, w) // 200) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, kernel)  # specks of noise on the background
    fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, kernel)  # pinholes in the product
    # Drop islands much smaller than the product (dust, shadows' fringes).
    n, labels, stats, _ = cv2.connectedComponentsWithStats(fg, connectivity=8)
    if n > 1:
        biggest = stats[1:, cv2.CC_STAT_AREA].max()
        keep = np.zeros(n, bool)
        keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= biggest * 0.02
        fg = np.where(keep[labels], 255, 0).astype(np.uint8)
    # Erode a pixel, then feather: the edge fades inside the object instead of keeping a background halo.
    fg = cv2.erode(fg, np.ones((3, 3), np.uint8))
    sigma = max(0.8, min(h, w) / 600)
    alpha = cv2.GaussianBlur(fg, (0, 0), sigma)
    out = Image.fromarray(np.dstack([rgb, alpha]))
    out.info[CUTOUT_KEY] = "removed"
    return out


def prepare_brand_asset(path: Path, kind: RefKind, out_dir: Path | None = None) -> Path:
    """A brand file ready to compose: product → cut-out PNG, logo → lossless PNG, others as given."""
    path = Path(path)
    if kind not in ("product", "logo"):
        return path
    out_dir = Path(out_dir) if out_dir else path.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    with Image.open(path) as im:
        im.load()
        if kind == "product":
            result = cut_out_product(im)
            dest = out_dir / f"{path.stem}_cutout.png"
        else:
            if im.format == "PNG":
                return path
            # A logo is never resampled: only its container changes, so edges stay as sharp as given.
            result = im.convert("RGBA") if im.mode in ("P", "LA", "PA", "RGBA") else im.convert("RGB")
            dest = out_dir / f"{path.stem}_logo.png"
    tmp = dest.with_name(f".part-{dest.name}")
    result.save(tmp, format="PNG")
    tmp.replace(dest)
    log.info("Prepared %s %s → %s (%s)", kind, path.name, dest.name, result.info.get(CUTOUT_KEY, "png"))
    return dest


def _feathered_alpha(fg: np.ndarray) -> np.ndarray:
    """Clean a 0/255 foreground mask (specks, pinholes, islands) and feather its edge inward."""
    h, w = fg.shape
    k = max(3, (min(h, w) // 200) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, kernel)
    fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, kernel)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(fg, connectivity=8)
    if n > 1:
        biggest = stats[1:, cv2.CC_STAT_AREA].max()
        keep = np.zeros(n, bool)
        keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= biggest * 0.02
        fg = np.where(keep[labels], 255, 0).astype(np.uint8)
    fg = cv2.erode(fg, np.ones((3, 3), np.uint8))
    return cv2.GaussianBlur(fg, (0, 0), max(0.8, min(h, w) / 600))


def grabcut_foreground(rgb: np.ndarray, max_side: int = 320) -> np.ndarray | None:
    """A 0/255 foreground mask of a product on a busy background (GrabCut seeded by the centre), or None.

    Worked on a small copy (a few hundred ms), then scaled up; None when the result is not one plausible
    object (almost nothing, or nearly the whole photo).
    """
    h, w = rgb.shape[:2]
    s = min(1.0, max_side / max(h, w))
    small = cv2.resize(rgb, (max(8, int(w * s)), max(8, int(h * s))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape[:2]
    mx, my = max(1, int(sw * 0.06)), max(1, int(sh * 0.06))
    mask = np.zeros((sh, sw), np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)  # GrabCut's k-means starts from OpenCV's RNG: fixed, so the cut is deterministic
    try:
        cv2.grabCut(
            np.ascontiguousarray(small[..., ::-1]),
            mask,
            (mx, my, sw - 2 * mx, sh - 2 * my),
            bgd,
            fgd,
            4,
            cv2.GC_INIT_WITH_RECT,
        )
    except cv2.error:
        return None
    fg = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    share = float(fg.mean() / 255)
    if share < 0.05 or share > 0.85:
        return None
    return cv2.resize(fg, (w, h), interpolation=cv2.INTER_LINEAR)


def cut_out_rgba(rgba: np.ndarray) -> np.ndarray | None:
    """An RGBA product array cut out: plain background removed, else GrabCut; None if neither works."""
    rgb = np.ascontiguousarray(rgba[..., :3])
    bg = background_mask(rgb)
    if bg is not None and 0.05 <= float(bg.mean()) <= 0.97:
        fg = (~bg).astype(np.uint8) * 255
    else:
        fg = grabcut_foreground(rgb)
        if fg is None:
            return None
        fg = np.where(fg > 127, 255, 0).astype(np.uint8)
    out = rgba.copy()
    out[..., 3] = np.minimum(rgba[..., 3], _feathered_alpha(fg))
    return out
