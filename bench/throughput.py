"""What bench/batch.py and bench/variants.py share: the pipeline file, and the same work run offline and
then against the loopback provider server (tests/loopback) at each added per-request latency."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from studio.config import DEFAULT_PIPELINE, Settings


def pipeline(folder: Path, scoring: bool) -> Path:
    """The default pipeline YAML, with scoring switched off when asked."""
    out = folder / "pipeline.yaml"
    text = DEFAULT_PIPELINE.read_text()
    out.write_text(text if scoring else text.replace("  scoring: true", "  scoring: false"))
    return out


def settings_runs(
    root: Path, at_once: int, scoring: bool, latencies: list[float]
) -> Iterator[tuple[str, Settings, Any]]:
    """(label, settings, server) for the offline run (server None), then one per loopback latency.

    Each loopback server stays up until the caller asks for the next run, so its records can be read.
    """
    base: dict[str, Any] = dict(
        max_concurrent=at_once, pipeline_path=pipeline(root, scoring), rate_limit_per_hour=10_000
    )
    yield "offline", Settings(data_dir=root / "offline", offline=True, **base), None
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
            yield f"loopback, {latency:.2f} s per request", keyed, server
