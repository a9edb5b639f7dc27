"""Shared pieces of the journeys: the studio's environment with keys, and read-only looks at its database."""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from tests.loopback.server import LoopbackServer
from tests.trust.helpers import cli_env

PROMPT = "Harbor Roast cold brew for busy commuters: bold, smooth, ready in the fridge. 20% off this week."
SMALL = ["--resolution", "360p", "--duration", "6", "--scenes", "3"]


def new_keys() -> tuple[str, str]:
    """A fresh OpenAI key and Replicate token, distinctive enough to spot anywhere."""
    return f"sk-proj-JOURNEY{secrets.token_hex(16)}", f"r8_JOURNEY{secrets.token_hex(16)}"


def keyed_env(data_dir: Path, server: LoopbackServer, **extra: str) -> dict[str, str]:
    """A studio subprocess's environment: its own data folder, the keys, both base URLs on the server."""
    env = cli_env(data_dir, **server.env(), **extra)
    env.pop("STUDIO_OFFLINE", None)
    return env


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)


def generation_ids(db: Path) -> list[str]:
    """Every generation id in the database (oldest first); empty while there is no database yet."""
    if not db.is_file():
        return []
    with contextlib.closing(_connect(db)) as con:
        try:
            return [r[0] for r in con.execute("SELECT id FROM generations ORDER BY created_at")]
        except sqlite3.Error:
            return []


def clip_predictions(db: Path, gen_id: str) -> dict[int, str]:
    """scene id → the prediction id its clip row holds (clips that have one)."""
    if not db.is_file():
        return {}
    with contextlib.closing(_connect(db)) as con:
        try:
            rows = con.execute(
                "SELECT scene_id, data FROM clips WHERE generation_id = ?", (gen_id,)
            ).fetchall()
        except sqlite3.Error:
            return {}
    out = {}
    for scene_id, data in rows:
        record: Any = json.loads(data) if isinstance(data, str) else data or {}
        if record.get("prediction_id"):
            out[int(scene_id)] = record["prediction_id"]
    return out


def last_json(stdout: str) -> dict[str, Any]:
    """The CLI's `--format json` summary: the last line of its output."""
    lines = [ln for ln in stdout.strip().splitlines() if ln.startswith("{")]
    assert lines, f"no JSON summary in the output: {stdout[-2000:]}"
    return json.loads(lines[-1])


def auth_problems(server: LoopbackServer) -> list[str]:
    """Requests to an API whose Authorization header was not exactly the configured key or token."""
    want = {"openai": f"Bearer {server.openai_key}", "replicate": f"Bearer {server.replicate_token}"}
    return [
        f"{r['method']} {r['path']}: {r['auth']!r}"
        for r in server.records()
        if r["api"] in want and r["auth"] != want[r["api"]]
    ]
