"""Brand presence: is the uploaded product in a frame, and is the logo where the plan puts it.

Product: ORB features of the product photo matched against the frame (Lowe's ratio test), then a RANSAC
homography; the product is seen when enough matches agree on one placement (MIN_INLIERS). The photo's
transparent pixels (a cut-out PNG) carry no features.
Logo: the logo scaled the way the compositor scales it into the plan's logo box (`render/layout.py`),
searched by normalised cross-correlation in that box and a margin around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from studio.render.safe_zones import Box

MIN_INLIERS = 12
RATIO = 0.75
PHOTO_SIDES = (360, 140)
LOGO_MATCH = 0.6
"""Normalised cross-correlation above which the logo counts as on screen."""


def load_rgba(path: Path) -> np.ndarray | None:
    """An image file as RGBA uint8 (opaque when it has no alpha), None when it cannot be read."""
    img = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    if img is None:
        return None
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGRA)
    elif img.shape[2] == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2BGRA)
    return cv2.cvtColor(img, cv2.COLOR_BGRA2RGBA)


@dataclass
class ProductMatcher:
    """ORB features of one product photo, ready to look for it in frames."""

    points: np.ndarray
    """(N, 2) keypoint positions in the photo at PHOTO_SIDES[0] px, whatever size they were found at."""
    descriptors: np.ndarray | None

    @classmethod
    def from_image(cls, rgba: np.ndarray, sides: tuple[int, ...] = PHOTO_SIDES) -> ProductMatcher:
        """Features of the photo at each of `sides` px on its long side: ORB's own pyramid spans about 4x
        in scale, and a product shown small in the frame needs the smaller copy."""
        points, descriptors = [], []
        for side in sides:
            scale = side / max(rgba.shape[:2])
            small = cv2.resize(rgba, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            gray = cv2.cvtColor(small[..., :3], cv2.COLOR_RGB2GRAY)
            mask = (small[..., 3] > 128).astype(np.uint8) * 255
            orb = cv2.ORB_create(nfeatures=600, scaleFactor=1.2, nlevels=8, fastThreshold=10)
            kps, desc = orb.detectAndCompute(gray, mask)
            if desc is not None:
                points.append(np.float32([k.pt for k in kps]) * (sides[0] / side))
                descriptors.append(desc)
        if not descriptors:
            return cls(np.zeros((0, 2), np.float32), None)
        return cls(np.concatenate(points), np.concatenate(descriptors))

    def inliers(self, frame: np.ndarray) -> int:
        """How many matches of the photo in this RGB frame agree on one homography."""
        if self.descriptors is None or len(self.points) < 8:
            return 0
        gray = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
        orb = cv2.ORB_create(nfeatures=1500, scaleFactor=1.2, nlevels=8, fastThreshold=10)
        kps, desc = orb.detectAndCompute(gray, None)
        if desc is None or len(kps) < 8:
            return 0
        pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(self.descriptors, desc, k=2)
        good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < RATIO * p[1].distance]
        if len(good) < 8:
            return 0
        src = self.points[[m.queryIdx for m in good]].reshape(-1, 1, 2)
        dst = np.float32([kps[m.trainIdx].pt for m in good]).reshape(-1, 1, 2)
        h, mask = cv2.findHomography(src, dst, cv2.RANSAC, 5.0)
        if h is None or mask is None or np.linalg.det(h[:2, :2]) <= 1e-3:
            return 0  # no placement, or one that mirrors or collapses the photo
        return int(mask.sum())

    def visible(self, frames: list[np.ndarray]) -> tuple[bool, int]:
        """Whether the product is seen in any of the frames, and the best inlier count."""
        best = max((self.inliers(f) for f in frames), default=0)
        return best >= MIN_INLIERS, best


def logo_match(frame: np.ndarray, logo_rgba: np.ndarray, box: Box) -> float:
    """Best normalised correlation of the logo, fitted to `box` (frame pixels), near that box."""
    h, w = logo_rgba.shape[:2]
    best = -1.0
    for k in (1.0, 0.85, 1.15):  # the compositor's fit, and a little either side of it
        s = min(box.w / w, box.h / h) * k
        tw, th = max(4, int(w * s)), max(4, int(h * s))
        small = cv2.resize(logo_rgba, (tw, th), interpolation=cv2.INTER_AREA)
        margin_x, margin_y = box.w // 3 + 2, box.h // 3 + 2
        x0, y0 = max(0, box.x - margin_x), max(0, box.y - margin_y)
        x1 = min(frame.shape[1], box.right + margin_x)
        y1 = min(frame.shape[0], box.bottom + margin_y)
        region = frame[y0:y1, x0:x1]
        if region.shape[0] < th or region.shape[1] < tw:
            continue
        mask = (small[..., 3] > 128).astype(np.uint8)
        if mask.sum() < 16:
            continue
        template = cv2.cvtColor(small[..., :3], cv2.COLOR_RGB2GRAY)
        gray = cv2.cvtColor(np.ascontiguousarray(region), cv2.COLOR_RGB2GRAY)
        if template[mask > 0].std() < 2:
            continue  # a flat logo has no pattern to find
        scores = cv2.matchTemplate(gray, template, cv2.TM_CCOEFF_NORMED, mask=mask)
        scores = np.nan_to_num(scores, nan=-1.0, posinf=-1.0, neginf=-1.0)
        best = max(best, float(scores.max()))
    return best
