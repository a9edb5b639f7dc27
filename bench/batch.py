"""Batch throughput: a sheet of small ads (360p, 6 s, 3 scenes) run as one batch.

    .venv/bin/python bench/batch.py [--rows 6] [--at-once 2] [--no-scoring] [--latency 0,0.5]

Prints, offline: ads per minute on this machine. With the loopback provider server (tests/loopback,
OpenAI and Replicate wire formats on 127.0.0.1): wall time of the same batch at each added per-request
latency, with the number of provider requests it made, so wall time can be read against the latency.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throughput import settings_runs
from studio.batch import BatchRecords, open_batch, run_batch
from studio.bootstrap import open_context
from studio.config import Settings
from studio.service import Studio

PROMPTS = [
    "Trail running shoes that grip wet rock, 20% off this week",
    "A calm meditation app for busy parents",
    "Cold brew coffee in a can, bold and smooth",
    "Noise-cancelling headphones for students",
    "Dog food made from fresh ingredients, free shipping",
    "Electric bike for city commuters",
]


def sheet(rows: int) -> bytes:
    """A CSV of `rows` small ads, each with its own seed."""
    lines = ["prompt,aspect_ratio,duration,resolution,scenes,seed"]
    for i in range(rows):
        lines.append(f'"{PROMPTS[i % len(PROMPTS)]} (#{i})",9:16,6,360p,3,{1000 + i}')
    return ("\n".join(lines) + "\n").encode()


def run(settings: Settings, rows: int, at_once: int) -> tuple[float, int]:
    """(wall seconds, completed rows) of one batch of `rows` ads."""
    ctx = open_context(settings)
    studio = Studio(ctx)
    try:
        records = BatchRecords(ctx.store.engine)
        batch_id, _ = open_batch(studio, records, sheet(rows), "bench.csv", owner="bench")
        started = time.monotonic()
        done = run_batch(studio, records, batch_id, owner="bench", at_once=at_once)
        seconds = time.monotonic() - started
    finally:
        ctx.runner.shutdown(wait=False)
    return seconds, sum(r.status == "completed" for r in done)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=6)
    p.add_argument("--at-once", type=int, default=2)
    p.add_argument("--no-scoring", action="store_true", help="switch the scoring stage off")
    p.add_argument("--latency", default="0,0.5", help="loopback latencies (s), comma-separated")
    args = p.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    scoring = "off" if args.no_scoring else "on"
    print(f"batch of {args.rows} ads (360p, 6 s, 3 scenes, scoring {scoring}), {args.at_once} at once")
    latencies = [float(x) for x in args.latency.split(",") if x.strip()]
    for label, settings, server in settings_runs(root, args.at_once, not args.no_scoring, latencies):
        seconds, done = run(settings, args.rows, args.at_once)
        requests = f", {len(server.records())} requests" if server else ""
        rate = 60 * done / seconds
        print(f"{label}: {done}/{args.rows} completed in {seconds:.1f} s{requests} ({rate:.2f} ads/min)")


if __name__ == "__main__":
    main()
