"""Load figures: 10 offline generations started together at 360p, and the library query at 100,000 rows.

    .venv/bin/python bench/load.py [--generations 10] [--library-rows 100000]

Prints: how many completed, total wall time, peak memory of this process and its children (ffmpeg),
and the library query time (newest first for one owner, and with a search term) with the table full.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief, utcnow
from studio.service import Studio
from studio.store.repo import G

PROMPTS = [
    "Trail running shoes that grip wet rock, 20% off this week",
    "A calm meditation app for busy parents",
    "Cold brew coffee in a can, bold and smooth",
    "Noise-cancelling headphones for students",
    "A luxurious night cream with retinol",
    "Dog food made from fresh ingredients, free shipping",
    "A budgeting app that stops overspending",
    "Electric bike for city commuters",
    "Organic green tea with a citrus twist",
    "A standing desk that remembers your height",
]


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_mb() -> float:
    """Resident memory of this process and every descendant (ffmpeg, espeak-ng)."""
    me = str(Path("/proc/self").resolve().name)
    children: dict[str, list[str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(fields[1], []).append(stat.parent.name)
    total, todo = 0, [me]
    while todo:
        pid = todo.pop()
        total += _rss_kb(int(pid))
        todo.extend(children.get(pid, []))
    return total / 1024


class PeakMemory:
    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss_mb())
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_generations(data_dir: Path, count: int) -> None:
    ctx = open_context(Settings(data_dir=data_dir))
    studio = Studio(ctx)
    briefs = [
        Brief(prompt=PROMPTS[i % len(PROMPTS)], resolution="360p", duration_s=10, scene_count=3, seed=i)
        for i in range(count)
    ]
    with PeakMemory() as mem:
        start = time.perf_counter()
        futures = [studio.start(studio.create(b).id) for b in briefs]
        results = [f.result() for f in futures]
        wall = time.perf_counter() - start
    done = sum(r.status == "completed" for r in results)
    print(
        f"generations: {done}/{count} completed in {wall:.1f} s wall "
        f"({wall / count:.1f} s each on average, all started together)"
    )
    print(f"peak memory (process + children): {mem.peak:.0f} MB")
    for r in results:
        if r.status != "completed":
            print(f"  {r.id}: {r.status} {r.error}")
    ctx.runner.shutdown()


def fill_library(data_dir: Path, rows: int) -> None:
    ctx = open_context(Settings(data_dir=data_dir), with_runner=False)
    now = utcnow()
    owners = [f"user{i}@example.com" for i in range(50)]
    batch = []
    brief = Brief(prompt="x").model_dump(mode="json")
    t0 = time.perf_counter()
    with ctx.store.engine.begin() as conn:
        for i in range(rows):
            batch.append(
                {
                    "id": uuid.uuid4().hex[:16],
                    "owner": owners[i % len(owners)],
                    "status": "completed",
                    "stage": "scores",
                    "prompt": f"{PROMPTS[i % len(PROMPTS)]} #{i}",
                    "title": f"Ad {i}",
                    "brief": brief,
                    "story_approved": True,
                    "scenes_approved": True,
                    "scoring_failed": False,
                    "cost_usd": 0.0,
                    "created_at": now - timedelta(seconds=i),
                    "updated_at": now,
                    "version": 1,
                    "overall_score": 50 + i % 50,
                }
            )
            if len(batch) == 5000:
                conn.execute(sa.insert(G), batch)
                batch.clear()
        if batch:
            conn.execute(sa.insert(G), batch)
    print(f"library: inserted {rows:,} generations in {time.perf_counter() - t0:.1f} s")
    for label, kwargs in (
        ("newest 50 for one person", {"owner": owners[7]}),
        ("search 'coffee' for one person", {"owner": owners[7], "search": "coffee"}),
        ("newest 50, admin (everyone)", {"owner": None}),
    ):
        ctx.store.list_generations(**kwargs)  # warm
        times = []
        for _ in range(5):
            t = time.perf_counter()
            ctx.store.list_generations(**kwargs)
            times.append(time.perf_counter() - t)
        print(
            f"library query, {label}: {1000 * min(times):.1f} ms best, {1000 * max(times):.1f} ms worst "
            "(target <= 200 ms)"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--generations", type=int, default=10)
    ap.add_argument("--library-rows", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run_generations(Path(tmp) / "load", args.generations)
        fill_library(Path(tmp) / "library", args.library_rows)


if __name__ == "__main__":
    main()
