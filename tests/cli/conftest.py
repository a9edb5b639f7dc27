"""One small offline ad made by a real `python -m studio generate`, shared by the CLI tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import sideways_photo
from tests.trust.helpers import PROMPT, cli_env, run_cli


@dataclass(frozen=True)
class GeneratedAd:
    data_dir: Path
    env: dict[str, str]
    photo: bytes
    result: dict[str, Any]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GeneratedAd:
    """A 6 s, 3-scene, 360p 9:16 ad with a sideways product photo, generated offline in a subprocess."""
    root = tmp_path_factory.mktemp("cli")
    env = cli_env(root / "data")
    photo = sideways_photo()
    (root / "shoe.jpg").write_bytes(photo)
    args = [
        *("generate", "--prompt", PROMPT, "--auto", "--resolution", "360p", "--duration", "6"),
        *("--scenes", "3", "--seed", "4242", "--product-image", str(root / "shoe.jpg"), "--format", "json"),
    ]
    proc = run_cli(args, env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["status"] == "completed", result["error"]
    return GeneratedAd(root / "data", env, photo, result)
