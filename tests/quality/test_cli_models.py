"""`python -m studio models list|pull`: disk only for list; pull states sizes first and fails fast offline."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
huggingface_hub = pytest.importorskip("huggingface_hub")

from studio.cli.models import cmd_pull  # noqa: E402
from studio.errors import BadInput  # noqa: E402
from studio.quality.weights import AESTHETIC_FILE, AESTHETIC_REPO, CLIP_REPO  # noqa: E402

from .tiny_weights import SHA, put_in_hub_cache, save_tiny_aesthetic, save_tiny_clip  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: connections are refused


def studio_env(cache: Path, **extra: str) -> dict[str, str]:
    """The person's shell: no HF_HUB_OFFLINE, the Hub cache in a temporary folder."""
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HOME"):
        env.pop(name, None)
    return env | {"HF_HUB_CACHE": str(cache), "PYTHONPATH": str(ROOT)} | extra


def run_models(
    *args: str, env: dict[str, str], timeout: float = 60
) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "studio", "models", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )
    return done, time.perf_counter() - t0


def test_list_shows_what_is_here_and_what_is_missing(tmp_path):
    cache = tmp_path / "hub"
    put_in_hub_cache(cache, CLIP_REPO, save_tiny_clip(tmp_path / "clip"))
    env = studio_env(cache, HTTPS_PROXY=f"http://127.0.0.1:{closed_port()}")

    done, _ = run_models("list", "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["clip"]["status"] == "available"
    assert found["clip"]["path"].startswith(str(cache))
    assert found["aesthetic"]["status"] == "missing"
    assert found["aesthetic"]["command"] == "python -m studio models pull aesthetic"
    assert found["pickscore"]["download_bytes"] > 3e9

    text, _ = run_models("list", env=env)
    assert text.returncode == 0
    lines = {line.split()[0]: line for line in text.stdout.splitlines()[2:5]}
    assert lines["clip"].split()[1:3] == ["available", "on"]
    assert lines["aesthetic"].split()[1:4] == ["missing", "3.7", "MB"]
    assert "(needs clip)" not in lines["aesthetic"]
    assert "python -m studio models pull" in text.stdout.splitlines()[-1]


def test_pull_without_network_fails_fast_and_names_the_problem(tmp_path):
    cache = tmp_path / "hub"
    port = closed_port()
    env = studio_env(cache, HTTPS_PROXY=f"http://user:secret@127.0.0.1:{port}")
    done, seconds = run_models("pull", "--yes", env=env, timeout=30)
    assert done.returncode == 1
    assert seconds < 15
    assert "Cannot read the model sizes from the Hugging Face Hub (https://huggingface.co)" in done.stderr
    assert f"no connection through the proxy 127.0.0.1:{port}" in done.stderr
    assert "Nothing was downloaded" in done.stderr
    assert "secret" not in done.stderr
    assert not cache.exists() or not any(cache.iterdir())


def test_pull_with_hub_offline_says_so(tmp_path):
    done, seconds = run_models("pull", "clip", "--yes", env=studio_env(tmp_path / "hub", HF_HUB_OFFLINE="1"))
    assert done.returncode == 1 and seconds < 15
    assert "HF_HUB_OFFLINE=1 is set" in done.stderr


# ── pull's happy path, in-process, with the Hub's metadata and downloads faked ──────────────────


class FakeHub:
    """Answers model_info like the Hub (one sibling per file, sizes in bytes); records the calls."""

    def __init__(self, files: dict[str, dict[str, int]]) -> None:
        self.files = files
        self.endpoint = "https://huggingface.co"
        self.asked: list[str] = []

    def model_info(self, repo_id: str, *, files_metadata: bool, timeout: float) -> SimpleNamespace:
        assert files_metadata and timeout <= 10
        self.asked.append(repo_id)
        siblings = [SimpleNamespace(rfilename=f, size=n) for f, n in self.files[repo_id].items()]
        return SimpleNamespace(sha=SHA, siblings=siblings)


@pytest.fixture
def hub_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "hub"
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    return cache


def test_pull_states_sizes_first_then_downloads_only_the_chosen_files(tmp_path, hub_cache, capsys):
    clip_src = save_tiny_clip(tmp_path / "clip")
    aesthetic_src = save_tiny_aesthetic(tmp_path / "aest" / AESTHETIC_FILE)
    hub = FakeHub(
        {
            CLIP_REPO: {
                "config.json": 4_519,
                "merges.txt": 524_619,
                "model.safetensors": 1_710_540_580,
                "pytorch_model.bin": 1_710_671_599,
                "tf_model.h5": 1_711_114_176,
                "preprocessor_config.json": 316,
                "tokenizer.json": 2_224_041,
                "vocab.json": 961_143,
                "README.md": 7_947,
            },
            AESTHETIC_REPO: {AESTHETIC_FILE: 3_714_759, "README.md": 100},
        }
    )
    calls: list[tuple[str, list[str]]] = []

    def download(repo_id: str, *, allow_patterns: list[str], cache_dir: Path) -> str:
        assert Path(cache_dir) == hub_cache
        calls.append((repo_id, sorted(allow_patterns)))
        return str(put_in_hub_cache(hub_cache, repo_id, clip_src if repo_id == CLIP_REPO else aesthetic_src))

    code = cmd_pull(argparse.Namespace(names=["aesthetic"], yes=True), api=hub, download=download)
    out = capsys.readouterr().out
    assert code == 0
    assert hub.asked == [CLIP_REPO, AESTHETIC_REPO]  # the aesthetic head needs CLIP: both are listed
    plan = out[: out.index("Learned metrics")]
    assert f"Will download into {hub_cache}" in plan
    assert "model.safetensors 1.7 GB + 5 small files (3.7 MB)" in plan
    assert f"{AESTHETIC_FILE} 3.7 MB" in plan
    assert "Total: 1.7 GB" in plan
    assert calls == [
        (
            CLIP_REPO,
            [
                "config.json",
                "merges.txt",
                "model.safetensors",
                "preprocessor_config.json",
                "tokenizer.json",
                "vocab.json",
            ],
        ),
        (AESTHETIC_REPO, [AESTHETIC_FILE]),
    ]
    after = out[out.index("Learned metrics") :]
    assert "clip       available" in after and "aesthetic  available" in after


def test_pull_asks_first_and_a_no_downloads_nothing(hub_cache, monkeypatch, capsys):
    hub = FakeHub(
        {AESTHETIC_REPO: {AESTHETIC_FILE: 3_714_759}, CLIP_REPO: {"config.json": 1, "model.safetensors": 9}}
    )
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    called = []
    code = cmd_pull(
        argparse.Namespace(names=["aesthetic"], yes=False), api=hub, download=lambda *a, **k: called.append(a)
    )
    assert code == 1 and called == []
    assert "Nothing downloaded." in capsys.readouterr().out


def test_pull_rejects_an_unknown_name():
    with pytest.raises(BadInput, match="Unknown model clap: choose from clip, aesthetic, pickscore"):
        cmd_pull(argparse.Namespace(names=["clap"], yes=True))
