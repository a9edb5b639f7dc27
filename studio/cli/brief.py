"""What `generate` and `variants` share: the brief's flags, and the Brief (uploads stored) they describe."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from studio.errors import BadInput

CLI_OWNER = "local"
"""Whose generations and uploads the command line makes (the page's open-mode person is also "local")."""


def add_brief_arguments(p: argparse.ArgumentParser, *, seed_help: str) -> None:
    """The flags that make a brief: prompt, framework, brand images, aspect, duration, scenes, size, seed."""
    from studio.models import ASPECT_RATIOS

    p.add_argument("--prompt", required=True, help="what the ad is about (1-5,000 characters)")
    p.add_argument("--framework", default="auto", choices=["auto", "AIDA", "PAS", "FAB"])
    p.add_argument("--product-image", action="append", default=[], type=Path, metavar="PATH")
    p.add_argument("--logo", type=Path, metavar="PATH")
    p.add_argument("--character-image", action="append", default=[], type=Path, metavar="PATH")
    p.add_argument("--aspect-ratio", default="9:16", choices=ASPECT_RATIOS)
    p.add_argument("--duration", type=float, default=15.0, help="target seconds (6-120)")
    p.add_argument("--scenes", type=int, default=None, help="scene count (3-8; default: from the duration)")
    p.add_argument("--resolution", default="720p", choices=["360p", "540p", "720p", "1080p"])
    p.add_argument("--seed", type=int, default=None, help=seed_help)


def brief_from_args(args: argparse.Namespace, media: Any) -> Any:
    """The Brief the flags describe, with each image checked and stored as the page stores an upload."""
    from pydantic import ValidationError

    from studio.media.uploads import store_upload
    from studio.models import BrandAssets, Brief

    used = 0
    names: dict[str, str] = {}

    def upload(path: Path, kind: str) -> str:
        nonlocal used
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BadInput(f"Cannot read {kind} image {path}: {exc.strerror}") from None
        location = store_upload(media, path.name, data, owner=CLI_OWNER, used_bytes=used)
        used += len(data)
        names[location] = path.name
        return location

    try:
        brief = Brief(
            prompt=args.prompt,
            framework=args.framework,
            aspect_ratio=args.aspect_ratio,
            duration_s=args.duration,
            scene_count=args.scenes,
            resolution=args.resolution,
            seed=args.seed,
            mode=args.mode,
            seed_control=getattr(args, "seed_control", True),
            caption_style=getattr(args, "caption_style", "plain"),
            voice=getattr(args, "voice", None),
            language=getattr(args, "language", ""),
        )
    except ValidationError as exc:
        from studio.ui.actions import explain

        raise BadInput(explain(exc, _FLAGS)) from None
    assets = BrandAssets(
        product_images=[upload(p, "product") for p in args.product_image],
        logo=upload(args.logo, "logo") if args.logo else None,
        character_images=[upload(p, "character") for p in args.character_image],
    )
    assets = assets.model_copy(update={"upload_names": names})
    return brief.model_copy(update={"assets": assets})


_FLAGS = {"prompt": "--prompt", "duration_s": "--duration", "scene_count": "--scenes", "seed": "--seed",
          "language": "--language", "voice": "--voice"}  # fmt: skip
