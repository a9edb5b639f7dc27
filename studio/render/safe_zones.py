"""Each platform's safe zone per aspect ratio, in one place: where text, logo and the CTA may go.

9:16 follows the TikTok / Reels / Shorts guidance: the top ~14% (tabs, account line), the bottom ~35%
(caption, music line, CTA bar) and the right-hand column of buttons stay clear. The other ratios keep
plain margins for feeds and players.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def intersects(self, other: Box) -> bool:
        """True when the two boxes share at least one pixel."""
        return (
            self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
        )

    def contains(self, other: Box) -> bool:
        """True when other lies wholly inside this box."""
        return (
            other.x >= self.x
            and other.y >= self.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class SafeZone:
    """Fractions of the frame kept clear on each side."""

    top: float
    bottom: float
    left: float
    right: float


SAFE_ZONES: dict[str, SafeZone] = {
    "9:16": SafeZone(top=0.14, bottom=0.35, left=0.06, right=0.12),
    "4:5": SafeZone(top=0.06, bottom=0.12, left=0.06, right=0.06),
    "1:1": SafeZone(top=0.06, bottom=0.10, left=0.06, right=0.06),
    "16:9": SafeZone(top=0.07, bottom=0.10, left=0.06, right=0.06),
    "4:3": SafeZone(top=0.06, bottom=0.10, left=0.06, right=0.06),
}


def safe_box(width: int, height: int, aspect_ratio: str) -> Box:
    """The region where text, logo and CTA may go for this aspect ratio (16:9 margins when unknown)."""
    z = SAFE_ZONES.get(aspect_ratio, SAFE_ZONES["16:9"])
    x0, y0 = round(width * z.left), round(height * z.top)
    x1, y1 = round(width * (1 - z.right)), round(height * (1 - z.bottom))
    return Box(x0, y0, x1 - x0, y1 - y0)
