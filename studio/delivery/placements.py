"""The placements a delivery pack can hold: platform, aspect ratio, recommended size, longest ad, safe zone.

The safe zone of a placement is its aspect ratio's zone in `studio/render/safe_zones.py` (the compositor
lays captions, headline and logo inside it), so the pack and the renditions never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.errors import BadInput
from studio.render.safe_zones import Box, safe_box


@dataclass(frozen=True)
class Placement:
    """One place an ad runs: where, at which shape, how big and how long at most."""

    name: str
    platform: str
    label: str
    aspect_ratio: str
    size: tuple[int, int]
    """The platform's recommended frame size (width, height)."""
    max_duration_s: float

    def safe_box(self, width: int, height: int) -> Box:
        """Where text, logo and captions may go in a frame of this size."""
        return safe_box(width, height, self.aspect_ratio)


PLACEMENTS: dict[str, Placement] = {
    p.name: p
    for p in (
        Placement("tiktok", "TikTok", "TikTok (9:16)", "9:16", (1080, 1920), 600.0),
        Placement("reels", "Instagram", "Instagram Reels (9:16)", "9:16", (1080, 1920), 90.0),
        Placement("shorts", "YouTube", "YouTube Shorts (9:16)", "9:16", (1080, 1920), 60.0),
        Placement("feed45", "Instagram", "Feed portrait (4:5)", "4:5", (1080, 1350), 60.0),
        Placement("feed11", "Instagram", "Feed square (1:1)", "1:1", (1080, 1080), 60.0),
        Placement("youtube", "YouTube", "YouTube in-stream (16:9)", "16:9", (1920, 1080), 180.0),
    )
}


def parse_placements(names: str | list[str]) -> list[Placement]:
    """The placements named (comma-separated or a list), in the order given, each once."""
    items = names.split(",") if isinstance(names, str) else list(names)
    wanted = [n.strip().lower() for n in items if n.strip()]
    if not wanted:
        raise BadInput(f"Pick at least one placement: {', '.join(PLACEMENTS)}.")
    unknown = [n for n in wanted if n not in PLACEMENTS]
    if unknown:
        raise BadInput(
            f"Unknown placement {', '.join(repr(n) for n in unknown)}: choose from {', '.join(PLACEMENTS)}."
        )
    return [PLACEMENTS[n] for n in dict.fromkeys(wanted)]


def check_durations(placements: list[Placement], duration_s: float) -> None:
    """Refuse placements whose longest ad is shorter than this one, saying which and by how much."""
    too_long = [p for p in placements if duration_s > p.max_duration_s + 0.05]
    if too_long:
        names = ", ".join(f"{p.label} takes at most {p.max_duration_s:.0f} s" for p in too_long)
        raise BadInput(f"The ad lasts {duration_s:.1f} s: {names}. Make a shorter version or drop them.")
