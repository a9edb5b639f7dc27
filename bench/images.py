"""The image lab as a person runs it, offline: seconds per variation and peak memory per run, at each size.

    .venv/bin/python bench/images.py [--aspect-ratio 1:1 4:3 16:9 9:16] [--variations 8 [16 ...]] [--repeat 3]
        [--json]

Each (aspect ratio, variations) pair is a cell, run in turn; by default the four sizes the lab offers
(1:1 720x720, 4:3 960x720, 16:9 1280x720, 9:16 720x1280) at the page's and the CLI's default of 8
variations. A cell runs `python -m studio images PROMPT_FILE --num-variations N --aspect-ratio R --seed 11
--output-dir DIR --format json` in a subprocess with the offline providers (the painter, the stand-in
scores) and bench/ad.py's environment (STUDIO_OFFLINE=1, a fresh data folder, HF_HUB_OFFLINE removed).
The command runs `--repeat` times (3) timed with nothing else of ours running, the fastest kept, then once
with the memory of its process tree sampled every 50 ms (PSS; bench/ad.py's TreeMemory).

Printed per cell: the command's wall time, start to exit; seconds per variation (wall / N: what a person
waits per image); the painter's own seconds per image (several paint at once, one per core); where the
run's time went, from the lab's trace (painting, then scoring and writing, then start-up and exit); and
the peak memory of the process tree.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ad import TreeMemory, studio_env
from studio.imagelab import ASPECT_SIZES, MAX_VARIATIONS

ROOT = Path(__file__).resolve().parent.parent
PROMPT = (
    "A glass bottle of Northwind Cold Brew on a wet stone counter, morning light, condensation, "
    "shallow depth of field"
)
SEED = 11


def lab_run(ratio: str, n: int, work: Path, *, sample_memory: bool) -> dict:
    """One `studio images` command, timed; its memory sampled if asked; its trace read back."""
    work.mkdir(parents=True, exist_ok=True)
    prompt_file = work / "prompt.txt"
    prompt_file.write_text(PROMPT, encoding="utf-8")
    cmd = [
        sys.executable, "-m", "studio", "images", str(prompt_file), "--num-variations", str(n),
        "--aspect-ratio", ratio, "--seed", str(SEED), "--output-dir", str(work / "out"), "--format", "json",
    ]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=studio_env(work), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    mem = TreeMemory(proc.pid)
    if sample_memory:
        mem.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if sample_memory:
        mem.stop()
    if proc.returncode != 0:
        raise SystemExit(f"studio images failed ({proc.returncode}):\n{err[-3000:]}\n{out[-2000:]}")
    result = json.loads(out)
    trace = json.loads(Path(result["trace"]).read_text(encoding="utf-8"))
    started = datetime.fromisoformat(trace["started_at"])
    finished = datetime.fromisoformat(trace["finished_at"])
    painted = max(datetime.fromisoformat(i["generated_at"]) for i in trace["images"])
    paint_each = [i["generation_seconds"] for i in trace["images"]]
    return {
        "wall_s": wall,
        "painting_s": (painted - started).total_seconds(),
        "scoring_and_writing_s": (finished - painted).total_seconds(),
        "startup_and_exit_s": wall - (finished - started).total_seconds(),
        "paint_per_image_s": statistics.mean(paint_each),
        "basis": result["images"][0]["basis"],
        "peak_mb": mem.peak_mb,
        "peak_largest_mb": mem.peak_largest / 2**20,
    }


def run_cell(ratio: str, n: int, repeat: int) -> dict:
    """One cell: the command timed `repeat` times (the fastest run kept), then once with its memory sampled.

    The fastest, not the median: other work on the machine only ever adds time to a run.
    """
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        runs = [lab_run(ratio, n, Path(tmp) / f"timed{i}", sample_memory=False) for i in range(repeat)]
        sampled = lab_run(ratio, n, Path(tmp) / "sampled", sample_memory=True)
    timed = min(runs, key=lambda r: r["wall_s"])
    width, height = ASPECT_SIZES[ratio]
    return {
        "cell": f"{ratio} {width}x{height} x{n}",
        "variations": n,
        "seconds": timed["wall_s"],
        "seconds_all_runs": [r["wall_s"] for r in runs],
        "seconds_per_variation": timed["wall_s"] / n,
        "paint_per_image_s": timed["paint_per_image_s"],
        "painting_s": timed["painting_s"],
        "scoring_and_writing_s": timed["scoring_and_writing_s"],
        "startup_and_exit_s": timed["startup_and_exit_s"],
        "peak_mb": sampled["peak_mb"],
        "peak_largest_mb": sampled["peak_largest_mb"],
        "sampled_run_s": sampled["wall_s"],
        "basis": timed["basis"],
        "load_average": psutil.getloadavg()[0],
    }


def print_table(cells: list[dict]) -> None:
    print(f"Image lab, offline (`python -m studio images`), seed {SEED}; scores: {cells[0]['basis']}")
    print(
        f"{'cell':<22}{'s':>7}{'s/variation':>13}{'paint s/img':>13}{'painting':>10}{'scoring':>9}"
        f"{'start+exit':>12}{'peak MB':>9}{'load':>6}"
    )
    for c in cells:
        print(
            f"{c['cell']:<22}{c['seconds']:>7.1f}{c['seconds_per_variation']:>13.2f}"
            f"{c['paint_per_image_s']:>13.2f}{c['painting_s']:>10.1f}{c['scoring_and_writing_s']:>9.1f}"
            f"{c['startup_and_exit_s']:>12.1f}{c['peak_mb']:>9.0f}{c['load_average']:>6.2f}"
        )
    print(
        "s: the command, start to exit, the fastest of the timed runs; s/variation: s / variations; "
        "paint s/img: the painter's own time "
        f"per image (up to {psutil.cpu_count()} at once); painting, scoring (and writing), start+exit: where "
        "s went, from the lab's trace; peak MB: PSS of the process tree, in a run of its own; load: the "
        f"1-minute load average after the cell (above {psutil.cpu_count()}: something else was running)"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aspect-ratio", nargs="+", default=list(ASPECT_SIZES), choices=list(ASPECT_SIZES))
    ap.add_argument(
        "--variations", nargs="+", type=int, default=[8], help=f"1-{MAX_VARIATIONS}; several: a cell each"
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per cell; the fastest is kept")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    bad = [n for n in args.variations if not 1 <= n <= MAX_VARIATIONS]
    if bad:
        ap.error(f"--variations must be 1 to {MAX_VARIATIONS} (got {bad[0]})")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    return args


def main() -> None:
    args = parse_args()
    cells = [run_cell(r, n, args.repeat) for n in args.variations for r in args.aspect_ratio]
    if args.json:
        print(json.dumps({"cells": cells, "cpus": psutil.cpu_count()}, indent=2))
    else:
        print_table(cells)


if __name__ == "__main__":
    main()
