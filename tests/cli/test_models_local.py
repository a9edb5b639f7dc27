"""`models list|pull` for the local generation models: GPU need and sizes first, consent, the chosen files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("torch")
pytest.importorskip("diffusers")
hub_constants = pytest.importorskip("huggingface_hub.constants")

from studio.cli.models import ModelDownloadError, cmd_list, cmd_pull  # noqa: E402
from studio.errors import BadInput  # noqa: E402
from studio.providers.local_models import load_local_models, weights_present  # noqa: E402
from tests.providers.tiny_diffusers import put_pipeline_in_hub_cache, tiny_sdxl  # noqa: E402

TURBO = load_local_models().models["sdxl-turbo"]
SHA = "0123456789abcdef0123456789abcdef01234567"
TURBO_FILES = {  # as the Hub lists stabilityai/sdxl-turbo, sizes in bytes
    "model_index.json": 685,
    "README.md": 3_000,
    "sd_xl_turbo_1.0_fp16.safetensors": 6_938_078_334,
    "scheduler/scheduler_config.json": 476,
    "text_encoder/config.json": 565,
    "text_encoder/model.fp16.safetensors": 246_144_152,
    "text_encoder/model.safetensors": 492_265_168,
    "text_encoder_2/config.json": 575,
    "text_encoder_2/model.fp16.safetensors": 1_389_382_176,
    "tokenizer/vocab.json": 1_059_962,
    "tokenizer_2/vocab.json": 1_059_962,
    "unet/config.json": 1_780,
    "unet/diffusion_pytorch_model.fp16.safetensors": 5_135_149_760,
    "unet/diffusion_pytorch_model.safetensors": 10_270_077_736,
    "vae/config.json": 607,
    "vae/diffusion_pytorch_model.fp16.safetensors": 167_335_342,
}


class FakeHub:
    def __init__(self, files: dict[str, int], fail: Exception | None = None) -> None:
        self.files, self.fail = files, fail
        self.endpoint = "https://huggingface.co"
        self.asked: list[str] = []

    def model_info(self, repo_id: str, *, files_metadata: bool, timeout: float) -> SimpleNamespace:
        assert files_metadata and timeout <= 10
        self.asked.append(repo_id)
        if self.fail:
            raise self.fail
        siblings = [SimpleNamespace(rfilename=f, size=n) for f, n in self.files.items()]
        return SimpleNamespace(sha=SHA, siblings=siblings)


@pytest.fixture
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "hub"
    monkeypatch.setattr(hub_constants, "HF_HUB_CACHE", str(cache))
    return cache


def test_pull_says_the_gpu_need_and_sizes_then_downloads_only_the_patterns(
    tmp_path: Path, hub_cache: Path, capsys: pytest.CaptureFixture
) -> None:
    hub = FakeHub(TURBO_FILES)
    fetched: list[tuple[str, list[str]]] = []

    def download(repo_id: str, *, allow_patterns: list[str], cache_dir: Path) -> str:
        assert Path(cache_dir) == hub_cache
        fetched.append((repo_id, allow_patterns))
        return str(put_pipeline_in_hub_cache(tiny_sdxl(), hub_cache, repo_id, tmp_path, variant="fp16"))

    assert not weights_present(TURBO)
    code = cmd_pull(argparse.Namespace(names=["sdxl-turbo"], yes=True), api=hub, download=download)
    out = capsys.readouterr().out
    assert code == 0 and hub.asked == ["stabilityai/sdxl-turbo"]
    assert "sdxl-turbo: SDXL-Turbo (image), needs 8 GiB of GPU memory, 5 GiB with CPU offload" in out
    assert "Licence: https://huggingface.co/stabilityai/sdxl-turbo" in out
    # only the diffusers folders in fp16: not the single-file checkpoint, the fp32 weights, the README
    assert "unet/diffusion_pytorch_model.fp16.safetensors 5.1 GB + 11 small files (1.8 GB)" in out
    assert "Total: 6.9 GB" in out
    assert fetched == [("stabilityai/sdxl-turbo", TURBO.allow_patterns)]
    assert "sdxl-turbo is here." in out and weights_present(TURBO)
    listed = out[out.index("Local generation models"):]
    assert any(line.split()[:3] == ["sdxl-turbo", "image", "available"] for line in listed.splitlines())
    assert cmd_pull(argparse.Namespace(names=["sdxl-turbo"], yes=True), api=hub, download=download) == 0
    assert "Already here: sdxl-turbo (stabilityai/sdxl-turbo)." in capsys.readouterr().out
    assert len(fetched) == 1


def test_pull_asks_first_and_a_no_downloads_nothing(hub_cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture) -> None:
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    called: list[object] = []
    code = cmd_pull(argparse.Namespace(names=["sdxl-turbo"], yes=False), api=FakeHub(TURBO_FILES),
                    download=lambda *a, **k: called.append(a))
    assert code == 1 and called == [] and asked == ["Download 6.9 GB? [y/N] "]
    assert "Nothing downloaded." in capsys.readouterr().out


def test_a_gated_model_says_to_accept_its_licence(hub_cache: Path) -> None:
    class GatedRepoError(Exception):
        pass

    hub = FakeHub({}, fail=GatedRepoError("401 Client Error"))
    with pytest.raises(ModelDownloadError) as caught:
        cmd_pull(argparse.Namespace(names=["flux-fill"], yes=True), api=hub, download=lambda *a, **k: None)
    text = str(caught.value)
    assert "black-forest-labs/FLUX.1-Fill-dev is gated: accept its licence at " \
           "https://huggingface.co/black-forest-labs/FLUX.1-Fill-dev" in text
    assert "Nothing was downloaded" in text


def test_unknown_names_list_both_kinds() -> None:
    with pytest.raises(BadInput, match=r"Unknown model ltx: choose from clip, aesthetic, pickscore \(learned "
                                       r"metrics\) or .*ltx-video.* \(local generation models\)"):
        cmd_pull(argparse.Namespace(names=["ltx"], yes=True))


def test_list_shows_the_local_models_and_how_to_get_them(
    hub_cache: Path, capsys: pytest.CaptureFixture
) -> None:
    assert cmd_list(argparse.Namespace(model_dir=None, format="json")) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["ltx-video"] | {"download_bytes": 0} == {
        "name": "ltx-video", "kind": "local", "task": "video", "model_id": "Lightricks/LTX-Video",
        "status": "missing", "download_bytes": 0, "vram_gib": 18.0, "offload_vram_gib": 10.0,
        "command": "python -m studio models pull ltx-video",
    }  # fmt: skip
    assert "clip" in found and found["clip"]["status"] in ("available", "missing")
    assert cmd_list(argparse.Namespace(model_dir=None, format="text")) == 0
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Local generation models"))
    rows = {line.split()[0]: line.split() for line in lines[start + 2:-1]}
    assert set(rows) == set(load_local_models().models)
    assert rows["flux-fill"][1:3] == ["inpaint", "missing"] and "(gated:" in " ".join(rows["flux-fill"])
    assert "python -m studio models pull" in lines[-1]
