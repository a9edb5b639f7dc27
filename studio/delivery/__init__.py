"""Delivery packs: a finished ad reframed per placement, with captions files, posters and a manifest.

`build_pack` is loaded on first use, so the CLI's parser and `--help` stay free of the video libraries.
"""

from typing import Any

from studio.delivery.naming import DEFAULT_PATTERN, FIELDS, check_pattern, file_stem
from studio.delivery.placements import PLACEMENTS, Placement, parse_placements

__all__ = [
    "DEFAULT_PATTERN",
    "FIELDS",
    "PLACEMENTS",
    "Placement",
    "build_pack",
    "check_pattern",
    "file_stem",
    "parse_placements",
]


def __getattr__(name: str) -> Any:
    if name == "build_pack":
        from studio.delivery.pack import build_pack

        return build_pack
    raise AttributeError(f"module 'studio.delivery' has no attribute {name!r}")
