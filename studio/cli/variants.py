"""`python -m studio variants --prompt ... --vary hook,cta --n 3 --format json`: variants side by side."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from studio.cli.brief import CLI_OWNER, add_brief_arguments, brief_from_args
from studio.cli.parsing import add_command

POLL_S = 0.5


def add_variants_parser(subparsers: Any) -> argparse.ArgumentParser:
    """`variants --prompt P [--vary AXES] [--n 2..6] [brief flags] [--format json]`."""
    return add_command(subparsers, "variants", "2 to 6 variants of one brief, rendered in parallel", _options)


def _options(p: argparse.ArgumentParser) -> None:
    from studio.variants.planner import AXES, MAX_VARIANTS, MIN_VARIANTS

    p.add_argument("--vary", default="hook", help=f"comma-separated axes to vary: {', '.join(AXES)}")
    p.add_argument("--n", type=int, default=3, help=f"how many variants ({MIN_VARIANTS}-{MAX_VARIANTS})")
    add_brief_arguments(p, seed_help="0 to 2^31-1; default: random (shared by all)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_variants, mode="automated", seed_control=True)


def wait_for_set(studio: Any, set_id: str, timeout_s: float | None = None) -> Any:
    """Poll the store until every variant has finished, failed or stopped (or planning failed)."""
    from studio.variants import get_set, is_settled

    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    while True:
        vs = get_set(studio.store, set_id)
        if is_settled(studio.store, vs) or (deadline is not None and time.monotonic() > deadline):
            return vs
        time.sleep(POLL_S)


def cmd_variants(args: argparse.Namespace, cli: Any) -> int:
    """Start the variants, wait for all of them, print the set (exit 1 if any variant failed)."""
    from studio.service import Studio
    from studio.variants import parse_axes, set_summary, start_variants
    from studio.variants.planner import check_count

    axes = parse_axes(args.vary)  # bad input fails before the database is opened
    check_count(args.n)
    ctx = cli.studio_context
    studio = Studio(ctx)
    brief = brief_from_args(args, ctx.providers.media)
    started = time.monotonic()
    vs, planning = start_variants(studio, brief, axes, args.n, CLI_OWNER)
    if args.format == "text":
        print(f"Variant set {vs.id}: {args.n} variants varying {', '.join(axes)}")
    planning.result()
    vs = wait_for_set(studio, vs.id)
    summary = set_summary(studio.store, ctx.providers.media, vs)
    summary["seconds"] = round(time.monotonic() - started, 1)
    if args.format == "json":
        print(json.dumps(summary))
    else:
        _print_text(summary)
    ok = summary["status"] != "failed" and all(v["status"] == "completed" for v in summary["variants"])
    return 0 if ok else 1


def _print_text(s: dict[str, Any]) -> None:
    if s["error"]:
        print(f"  {s['error']}")
    for v in s["variants"]:
        overall = v["scores"]["overall"]
        score = f"{overall:.0f}/100" if overall is not None else "score unavailable"
        passes = v["scores"]["checklist_passes"]
        checks = f", checklist {passes['passed']}/{passes['measured']}" if passes else ""
        print(f"{v['label']}\n  {v['generation_id']}: {v['status']}, {score}{checks}, ${v['cost_usd']:.2f}")
        if v["video"]:
            print(f"  {v['video']}")
        if v["error"]:
            print(f"  {v['error']}")
    print(f"{len(s['variants'])} variants in {s['seconds']} s, ${s['cost_usd']:.2f} in all")
