"""Variants throughput: N variants of one small brief (360p, 6 s, 3 scenes) rendered in parallel.

    .venv/bin/python bench/variants.py [--n 3] [--vary hook] [--at-once 2] [--no-scoring] [--latency 0,0.5]

Prints, offline: ads per minute on this machine. With the loopback provider server (tests/loopback,
OpenAI and Replicate wire formats on 127.0.0.1): wall time of the same set at each added per-request
latency, with the provider requests it made and the pictures painted (the references are painted once
for the whole set), so wall time can be read against the latency.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pydantic import SecretStr

from studio.bootstrap import open_context
from studio.cli_variants import wait_for_set
from studio.config import DEFAULT_PIPELINE, Settings
from studio.models import Brief
from studio.service import Studio
from studio.variants import set_summary, start_variants

PROMPT = (
    "Trail running shoes from Peak that grip wet rock. For weekend runners. "
    "20% off this week at peak.example.com."
)


def pipeline(folder: Path, scoring: bool) -> Path:
    """The default pipeline YAML, with scoring switched off when asked."""
    out = folder / "pipeline.yaml"
    text = DEFAULT_PIPELINE.read_text()
    out.write_text(text if scoring else text.replace("  scoring: true", "  scoring: false"))
    return out


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
    yaml = pipeline(root, not args.no_scoring)
    base = dict(max_concurrent=args.at_once, pipeline_path=yaml, rate_limit_per_hour=10_000)
    scoring = "off" if args.no_scoring else "on"
    print(f"{args.n} variants varying {args.vary} (360p, 6 s, 3 scenes, scoring {scoring}), "
          f"{args.at_once} at once")  # fmt: skip

    seconds, done = run(Settings(data_dir=root / "offline", offline=True, **base), args.n, args.vary)
    print(f"offline: {done}/{args.n} completed in {seconds:.1f} s = {60 * done / seconds:.2f} ads/min")

    latencies = [float(x) for x in args.latency.split(",") if x.strip()]
    if not latencies:
        return
    from tests.loopback.server import LoopbackServer

    key, token = f"sk-proj-BENCH{secrets.token_hex(12)}", f"r8_BENCH{secrets.token_hex(12)}"
    for latency in latencies:
        with LoopbackServer(openai_key=key, replicate_token=token, latency_s=latency) as server:
            keyed = Settings(
                data_dir=root / f"loopback-{latency}",
                openai_api_key=SecretStr(key), openai_base_url=server.openai_base_url,
                replicate_api_token=SecretStr(token), replicate_base_url=server.url, **base,
            )  # fmt: skip
            seconds, done = run(keyed, args.n, args.vary)
            requests = len(server.records())
            images = len(server.creates("image"))
            videos = len(server.creates("video"))
        print(f"loopback, {latency:.2f} s per request: {done}/{args.n} completed in {seconds:.1f} s, "
              f"{requests} requests ({images} pictures, {videos} clips created), "
              f"{60 * done / seconds:.2f} ads/min")  # fmt: skip


if __name__ == "__main__":
    main()
