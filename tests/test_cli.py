"""`python -m studio` as a person runs it: a real subprocess, a real MP4, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.render.ffmpeg import probe
from studio.store.repo import Store

ROOT = Path(__file__).resolve().parent.parent


def run_cli(args: list[str], data_dir: Path, timeout: int = 300, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "REPLICATE_API_TOKEN")}
    environ.update({"STUDIO_DATA_DIR": str(data_dir), **env})
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.e2e
def test_generate_auto_offline_makes_a_real_mp4_and_a_stored_generation(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli(
        [
            "generate",
            "--prompt",
            "Cold brew coffee in a can from Northbound. Bold, smooth, 2 for $5.",
            "--auto",
            "--resolution",
            "360p",
            "--duration",
            "9",
            "--scenes",
            "3",
            "--seed",
            "77",
            "--out",
            str(out),
            "--format",
            "json",
        ],
        tmp_path / "data",
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["status"] == "completed" and result["seed"] == 77 and result["error"] is None
    assert [c["status"] for c in result["clips"]] == ["complete"] * 3
    assert result["providers"]["video"] == "offline motion renderer"
    assert result["scores"]["overall"] is not None
    info = probe(Path(result["video"]))
    assert (info.video_codec, info.pix_fmt, round(info.fps), info.audio_codec) == (
        "h264",
        "yuv420p",
        30,
        "aac",
    )
    assert abs(info.duration_s - 9) <= 0.9
    assert Path(result["poster"]).stat().st_size > 1000
    gen = Store.open(f"sqlite:///{tmp_path / 'data' / 'studio.db'}").get(result["generation_id"])
    assert gen.status == "completed" and gen.seed == 77 and len(gen.scenes) == 3


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--prompt", ""], "--prompt"),
        (["--prompt", "x" * 5001], "--prompt"),
        (["--prompt", "ok", "--duration", "0"], "--duration"),
        (["--prompt", "ok", "--duration", "10000"], "--duration"),
        (["--prompt", "ok", "--seed", "-1"], "--seed"),
        (["--prompt", "ok", "--seed", str(2**40)], "--seed"),
        (["--prompt", "ok", "--scenes", "12"], "--scenes"),
    ],
)
def test_bad_input_exits_2_and_says_which_flag(tmp_path: Path, args: list[str], expected: str) -> None:
    proc = run_cli(["generate", *args], tmp_path / "data", timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert expected in proc.stderr


def test_a_text_file_named_png_is_refused_with_a_reason(tmp_path: Path) -> None:
    fake = tmp_path / "product.png"
    fake.write_text("this is not an image")
    proc = run_cli(
        ["generate", "--prompt", "ok", "--product-image", str(fake)], tmp_path / "data", timeout=60
    )
    assert proc.returncode == 2
    assert "product.png" in proc.stderr or "not" in proc.stderr.lower()


def test_doctor_names_the_provider_for_each_port(tmp_path: Path) -> None:
    proc = run_cli(["doctor"], tmp_path / "data", timeout=60)
    assert proc.returncode == 0, proc.stderr
    for port in ("text", "vision", "image", "video", "speech", "media"):
        assert port in proc.stdout
    assert "offline writer" in proc.stdout and "ffmpeg" in proc.stdout


def test_resume_of_an_unknown_id_is_bad_input(tmp_path: Path) -> None:
    proc = run_cli(["resume", "nope"], tmp_path / "data", timeout=60)
    assert proc.returncode == 2 and "nope" in proc.stderr


def test_the_console_script_runs_from_any_folder(tmp_path: Path) -> None:
    """`make` installs the project into its venv: `studio ...` works outside the checkout (REVIEW #12)."""
    script = Path(sys.executable).with_name("studio")
    assert script.is_file(), "no `studio` script in the venv: make installs the project (pip install -e .)"
    done = subprocess.run([str(script), "doctor", "--help"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "doctor" in done.stdout
