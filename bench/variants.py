"""Variants throughput: N variants of one small brief (360p, 6 s, 3 scenes) rendered in parallel.

    .venv/bin/python bench/variants.py [--n 3] [--vary hook] [--at-once 2] [--no-scoring] [--latency 0,0.5]

Prints, offline: ads per minute on this machine. With the loopback provider server (tests/loopback,
OpenAI and Replicate wire formats on 127.0.0.1): wall time of the same set at each added per-request
latency, with the provider requests it made and the pictures painted (the references are painted once
for the whole set), so wall time can be read against the latency.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throughput import settings_runs
from studio.bootstrap import open_context
from studio.cli.variants import wait_for_set
from studio.config import Settings
from studio.models import Brief
from studio.service import Studio
from studio.variants import set_summary, start_variants

PROMPT = (
    "Trail running shoes from Peak that grip wet rock. For weekend runners. "
    "20% off this week at peak.example.com."
)


def run(settings: Settings, n: int, vary: str) -> tuple[float, int]:
    """(wall seconds, completed variants) of one set of `n` variants."""
    ctx = open_context(settings)
    studio = Studio(ctx)
    try:
        brief = Brief(prompt=PROMPT, resolution="360p", duration_s=6, scene_count=3, seed=4242)
        started = time.monotonic()
        vs, planning = start_variants(studio, brief, vary, n, owner="bench")
        planning.result()
        vs = wait_for_set(studio, vs.id, timeout_s=1800)
        seconds = time.monotonic() - started
        rows = set_summary(ctx.store, ctx.providers.media, vs)["variants"]
    finally:
        ctx.runner.shutdown(wait=False)
    return seconds, sum(r["status"] == "completed" for r in rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=3)
    p.add_argument("--vary", default="hook")
    p.add_argument("--at-once", type=int, default=2, help="the job runner's concurrency")
    p.add_argument("--no-scoring", action="store_true", help="switch the scoring stage off")
    p.add_argument("--latency", default="0,0.5", help="loopback latencies (s), comma-separated")
    args = p.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-variants-"))
    scoring = "off" if args.no_scoring else "on"
    print(f"{args.n} variants varying {args.vary} (360p, 6 s, 3 scenes, scoring {scoring}), "
          f"{args.at_once} at once")  # fmt: skip
    latencies = [float(x) for x in args.latency.split(",") if x.strip()]
    for label, settings, server in settings_runs(root, args.at_once, not args.no_scoring, latencies):
        seconds, done = run(settings, args.n, args.vary)
        made = ""
        if server is not None:
            made = (
                f", {len(server.records())} requests ({len(server.creates('image'))} pictures, "
                f"{len(server.creates('video'))} clips created)"
            )
        print(
            f"{label}: {done}/{args.n} completed in {seconds:.1f} s{made}, {60 * done / seconds:.2f} ads/min"
        )


if __name__ == "__main__":
    main()
