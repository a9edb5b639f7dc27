"""`python -m studio reexport`: the README's command, in a real subprocess, down to the MP4's frame size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import GeneratedAd
from tests.cli.helpers import video_size
from tests.trust.helpers import cli_env, run_cli


@pytest.mark.e2e
def test_reexport_at_one_to_one_makes_a_square_mp4_of_the_same_ad(generated: GeneratedAd) -> None:
    source = generated.result
    assert source["aspect_ratio"] == "9:16"
    assert video_size(Path(source["video"])) == (360, 640)

    proc = run_cli(
        ["reexport", source["generation_id"], "--aspect-ratio", "1:1", "--format", "json"],
        generated.env,
        timeout=600,
    )

    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["aspect_ratio"] == "1:1"
    assert result["status"] == "completed" and result["error"] is None
    assert result["generation_id"] != source["generation_id"]
    assert [s["description"] for s in result["scenes"]] == [s["description"] for s in source["scenes"]]
    assert [c["status"] for c in result["clips"]] == ["complete"] * 3
    assert video_size(Path(result["video"])) == (360, 360)


@pytest.mark.e2e
def test_reexport_at_the_same_ratio_is_bad_input(generated: GeneratedAd) -> None:
    proc = run_cli(["reexport", generated.result["generation_id"], "--aspect-ratio", "9:16"], generated.env)
    assert proc.returncode == 2
    assert "already 9:16; pick another aspect ratio" in proc.stderr


def test_reexport_of_an_unknown_id_is_bad_input(tmp_path: Path) -> None:
    proc = run_cli(["reexport", "nope", "--aspect-ratio", "1:1"], cli_env(tmp_path / "data"), timeout=60)
    assert proc.returncode == 2
    assert "nope" in proc.stderr


def test_reexport_offers_exactly_the_aspect_ratios_a_brief_accepts(tmp_path: Path) -> None:
    proc = run_cli(["reexport", "any", "--aspect-ratio", "2:1"], cli_env(tmp_path / "data"), timeout=60)
    assert proc.returncode == 2
    assert "invalid choice: '2:1' (choose from '9:16', '1:1', '4:5', '16:9')" in proc.stderr
