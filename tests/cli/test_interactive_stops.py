"""`python -m studio generate --interactive` stops at every stop, the storyboard last, before any video."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.trust.helpers import PROMPT, cli_env

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--resolution", "360p", "--duration", "6", "--scenes", "3", "--seed", "77", "--format", "json"]


def test_interactive_cli_stops_at_the_storyboard_with_no_clip_made(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data")
    # Three answers (story, references, scenes), then no one answers at the storyboard.
    args = ["generate", "--prompt", PROMPT, "--interactive", "--no-seed", *SMALL]
    proc = subprocess.run(
        [sys.executable, "-m", "studio", *args],
        cwd=ROOT, env=env, input="yes\nyes\nyes\n", capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    order = [out.index(head) for head in ("── Story", "── References", "── Scenes", "── Storyboard")]
    assert order == sorted(order), out[-3000:]
    assert "Video stage: about $0.00 at list prices" in out
    summary = json.loads(out.strip().splitlines()[-1])
    assert (summary["status"], summary["stage"]) == ("awaiting_approval", "storyboard")
    assert [k["scene_id"] for k in summary["keyframes"]] == [s["id"] for s in summary["scenes"]] == [1, 2, 3]
    assert all(Path(k["path"]).is_file() for k in summary["keyframes"])
    assert summary["clips"] == [] and summary["video"] is None
    with sqlite3.connect(tmp_path / "data" / "studio.db") as con:
        assert con.execute("SELECT count(*) FROM clips").fetchone() == (0,)
        brief = json.loads(con.execute("SELECT brief FROM generations").fetchone()[0])
    assert brief["seed_control"] is False and brief["mode"] == "interactive"
