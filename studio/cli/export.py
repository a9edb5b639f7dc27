"""`python -m studio export ID --platforms tiktok,reels,feed45,youtube`: a finished ad's delivery pack."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from studio.cli.parsing import add_command


def add_export_parser(subparsers: Any) -> argparse.ArgumentParser:
    """`export ID --platforms LIST [--pattern P] [--campaign C] [--variant V] [--out DIR] [--format json]`."""
    return add_command(
        subparsers,
        "export",
        "a delivery pack (ZIP): a rendition, poster, SRT/VTT and preview per placement",
        _options,
    )


def _options(p: argparse.ArgumentParser) -> None:
    from studio.delivery import DEFAULT_PATTERN, PLACEMENTS

    p.add_argument("generation_id", help="the finished ad")
    p.add_argument("--platforms", required=True, help=f"comma-separated placements: {', '.join(PLACEMENTS)}")
    p.add_argument("--pattern", default=DEFAULT_PATTERN, help=f"file names (default {DEFAULT_PATTERN})")
    p.add_argument("--campaign", default="campaign", help="the campaign name in the file names")
    p.add_argument("--variant", default="", help="the variant in the file names (default: v<version>)")
    p.add_argument("--out", type=Path, default=None, help="copy the ZIP into this folder")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace, cli: Any) -> int:
    """Build the pack and print where it is and what it holds."""
    from studio.delivery import check_pattern, parse_placements
    from studio.delivery.pack import build_pack
    from studio.service import Studio

    # bad placements or pattern fail before the database is opened or anything rendered
    parse_placements(args.platforms)
    check_pattern(args.pattern)
    ctx = cli.studio_context
    started = time.monotonic()
    zip_path = build_pack(
        Studio(ctx), args.generation_id, args.platforms, args.pattern, args.campaign, args.variant
    )
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        zip_path = Path(shutil.copyfile(zip_path, args.out / zip_path.name))
    with zipfile.ZipFile(zip_path) as z:
        manifest = json.loads(z.read("manifest.json"))
    summary = {
        "generation_id": args.generation_id,
        "zip": str(zip_path),
        "seconds": round(time.monotonic() - started, 1),
        "placements": manifest["placements"],
        "files": [f["file"] for f in manifest["files"]],
    }
    if args.format == "json":
        print(json.dumps(summary))
        return 0
    print(f"Delivery pack: {zip_path}  ({summary['seconds']} s)")
    for pl in manifest["placements"]:
        print(f"  {pl['label']:28} {pl['width']}x{pl['height']}  {pl['duration_s']:.1f} s  {pl['file']}")
    print(f"  {len(manifest['files'])} files and manifest.json", file=sys.stdout)
    return 0
