"""`python -m studio variants ... --format json`: a real subprocess, down to each MP4's frame size."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import video_size
from tests.trust.helpers import cli_env, run_cli

PROMPT = (
    "Trail running shoes from Peak that grip wet rock. For weekend runners. "
    "20% off this week at peak.example.com."
)


def test_two_variants_on_cta_and_aspect_print_as_json(tmp_path: Path) -> None:
    args = [
        *("variants", "--prompt", PROMPT, "--vary", "cta,aspect", "--n", "2", "--resolution", "360p"),
        *("--duration", "6", "--scenes", "3", "--seed", "4242", "--format", "json"),
    ]
    proc = run_cli(args, cli_env(tmp_path / "data"), timeout=600)

    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["axes"] == ["cta", "aspect"] and out["n"] == 2
    assert out["status"] == "completed" and out["error"] is None and out["winner"] is None
    one, two = out["variants"]
    assert one["differs"] == {"cta": "“20% off this week. Shop at peak.example.com.”", "aspect": "9:16"}
    assert two["differs"] == {"cta": "“Shop at peak.example.com: 20% off this week.”", "aspect": "1:1"}
    assert [v["call_to_action"] for v in (one, two)] == [
        "20% off this week. Shop at peak.example.com.",
        "Shop at peak.example.com: 20% off this week.",
    ]
    assert one["hook"] == two["hook"]  # not a chosen axis: the same
    assert video_size(Path(one["video"])) == (360, 640)
    assert video_size(Path(two["video"])) == (360, 360)
    for v in (one, two):
        assert v["status"] == "completed" and v["generation_id"]
        assert 0 < v["scores"]["overall"] <= 100
        assert v["scores"]["checklist_passes"]["measured"] >= 5
        assert v["cost_usd"] == 0.0


def test_an_unknown_axis_or_count_is_bad_input_before_anything_runs(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data")
    proc = run_cli(["variants", "--prompt", PROMPT, "--vary", "colour"], env, timeout=60)
    assert proc.returncode == 2
    assert "'colour' is not an axis to vary: use hook, framework, cta, voice, music, aspect." in proc.stderr
    proc = run_cli(["variants", "--prompt", PROMPT, "--n", "9"], env, timeout=60)
    assert proc.returncode == 2 and "Ask for 2 to 6 variants (not 9)." in proc.stderr
    assert not (tmp_path / "data" / "media").exists()  # nothing was made
