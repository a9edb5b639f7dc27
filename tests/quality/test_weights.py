"""Learned metrics load only weights already on the machine, and finding out never touches the network.

Regression for issue item 5: with requirements-ml.txt installed and no internet, the first score of a
process waited ~24 s on the Hub's retries. Here every socket connect and DNS lookup raises, and
HF_HUB_OFFLINE is off (the suite's conftest sets it; these tests undo that to prove it is not needed).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
huggingface_hub = pytest.importorskip("huggingface_hub")

from studio.quality import learned as learned_module  # noqa: E402
from studio.quality.learned import load_learned_metrics  # noqa: E402
from studio.quality.weights import (  # noqa: E402
    AESTHETIC_FILE,
    AESTHETIC_REPO,
    CLIP_REPO,
    MODELS,
    learned_availability,
)

from .tiny_weights import put_in_hub_cache, save_tiny_aesthetic, save_tiny_clip  # noqa: E402


@pytest.fixture
def no_network(monkeypatch):
    """Every connect and name lookup raises; the list of attempts must stay empty."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args[1:] or args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    return attempts


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory):
    return save_tiny_clip(tmp_path_factory.mktemp("tiny") / "clip", seed=0)


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(learned_module, "_cache", {})


def _images(n: int = 3) -> list[np.ndarray]:
    rng = np.random.default_rng(4)
    return [rng.integers(0, 256, (40, 48, 3), dtype=np.uint8) for _ in range(n)]


def test_availability_with_nothing_on_disk_names_each_model_its_size_and_command(tmp_path, no_network):
    t0 = time.perf_counter()
    found = learned_availability(cache_dir=tmp_path / "hub")
    seconds = time.perf_counter() - t0
    assert seconds < 0.5
    assert no_network == []
    assert set(found) == {"clip", "aesthetic", "pickscore"}
    clip, aesthetic, pick = found["clip"], found["aesthetic"], found["pickscore"]
    assert not clip.available and clip.status == "missing" and clip.path is None
    assert clip.model_id == CLIP_REPO
    assert clip.download_bytes == MODELS["clip"].approx_bytes
    assert clip.command == "python -m studio models pull clip"
    assert "not in the Hugging Face cache" in clip.reason
    # the aesthetic head works on CLIP embeddings: its command fetches both, its size counts both
    assert aesthetic.command == "python -m studio models pull clip aesthetic"
    assert aesthetic.download_bytes == MODELS["clip"].approx_bytes + MODELS["aesthetic"].approx_bytes
    assert pick.command == "python -m studio models pull clip pickscore"


def test_finding_nothing_does_not_import_the_hub_download_module(tmp_path):
    # Every offline ad asks in its ad stage; huggingface_hub's download module costs ~0.25 s of CPU to import,
    # holding the GIL the mix and the end card need. A fresh process, as the studio's CLI is.
    code = (
        "import sys; from studio.quality.weights import learned_availability; "
        f"found = learned_availability(cache_dir={str(tmp_path / 'hub')!r}); "
        "print(sorted(k for k, v in found.items() if not v.available), "
        "'huggingface_hub.file_download' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["['aesthetic',", "'clip',", "'pickscore']", "False"]


def test_tiny_clip_in_the_hub_cache_loads_with_no_network(tmp_path, tiny_clip, no_network):
    cache = tmp_path / "hub"
    put_in_hub_cache(cache, CLIP_REPO, tiny_clip)
    aesthetic_pth = save_tiny_aesthetic(tmp_path / "src" / AESTHETIC_FILE, seed=5)
    put_in_hub_cache(cache, AESTHETIC_REPO, aesthetic_pth)

    found = learned_availability(cache_dir=cache)
    assert found["clip"].available and found["aesthetic"].available
    assert found["pickscore"].command == "python -m studio models pull pickscore"
    t0 = time.perf_counter()
    learned = load_learned_metrics(cache_dir=cache)
    load_seconds = time.perf_counter() - t0
    assert no_network == []
    assert learned is not None and learned.pick is None
    assert learned.describe()["clip_score"] == CLIP_REPO
    assert load_seconds < 10  # was ~24 s of Hub retries before the first score

    # the weights are the saved ones, read from the snapshot folder
    saved = transformers.CLIPModel.from_pretrained(str(tiny_clip))
    assert torch.equal(learned.clip.model.visual_projection.weight, saved.visual_projection.weight)
    expected_head = torch.load(aesthetic_pth, weights_only=True)
    assert torch.equal(learned.aesthetic.layers[0].weight, expected_head["layers.0.weight"])

    images = _images()
    scores = learned.clip_scores(images, "a red cab")
    assert len(scores) == 3 and all(0.0 <= s <= 100.0 for s in scores)
    with torch.no_grad():
        processor = transformers.AutoProcessor.from_pretrained(str(tiny_clip))
        img = saved.get_image_features(**processor(images=images, return_tensors="pt"))
        txt = saved.get_text_features(**processor(text=["a red cab"], return_tensors="pt", padding=True))
        img, txt = getattr(img, "pooler_output", img), getattr(txt, "pooler_output", txt)
        cos = torch.nn.functional.cosine_similarity(img, txt, dim=-1).numpy()
    assert scores == pytest.approx([max(100 * c, 0.0) for c in cos], abs=1e-3)
    aesthetic = learned.aesthetic_scores(images)
    assert aesthetic is not None and len(aesthetic) == 3
    assert no_network == []


def test_a_named_folder_loads_the_same_way(tmp_path, tiny_clip, no_network):
    import shutil

    shutil.copytree(tiny_clip, tmp_path / "weights" / "clip")
    save_tiny_aesthetic(tmp_path / "weights" / "aesthetic" / "sac+logos+ava1-l14-linearMSE.pth")
    found = learned_availability(tmp_path / "weights", cache_dir=tmp_path / "empty-hub")
    assert found["clip"].available and found["aesthetic"].available
    assert not found["pickscore"].available and str(tmp_path / "weights") in found["pickscore"].reason
    learned = load_learned_metrics(str(tmp_path / "weights"), cache_dir=tmp_path / "empty-hub")
    assert learned is not None and learned.aesthetic is not None
    assert learned.clip.name == "clip"
    assert no_network == []


def test_aesthetic_head_alone_is_not_enough(tmp_path, no_network):
    cache = tmp_path / "hub"
    put_in_hub_cache(cache, AESTHETIC_REPO, save_tiny_aesthetic(tmp_path / "src" / AESTHETIC_FILE))
    found = learned_availability(cache_dir=cache)
    aesthetic = found["aesthetic"]
    assert not aesthetic.available and aesthetic.path is not None
    assert "needs the CLIP ViT-L/14 weights too" in aesthetic.reason
    assert aesthetic.command == "python -m studio models pull clip"
    assert aesthetic.download_bytes == MODELS["clip"].approx_bytes
    assert load_learned_metrics(cache_dir=cache) is None


def test_a_partial_download_counts_as_missing(tmp_path, tiny_clip, no_network):
    cache = tmp_path / "hub"
    snapshot = put_in_hub_cache(cache, CLIP_REPO, tiny_clip)
    (snapshot / "model.safetensors").unlink()  # an interrupted pull: configs without weights
    assert not learned_availability(cache_dir=cache)["clip"].available
    assert load_learned_metrics(cache_dir=cache) is None
    assert no_network == []


def test_weights_pulled_while_the_studio_runs_are_picked_up(tmp_path, tiny_clip, no_network):
    cache = tmp_path / "hub"
    assert load_learned_metrics(cache_dir=cache) is None
    put_in_hub_cache(cache, CLIP_REPO, tiny_clip)
    learned = load_learned_metrics(cache_dir=cache)
    assert learned is not None
    assert load_learned_metrics(cache_dir=cache) is learned  # loaded once per set of weights


def test_without_torch_the_command_starts_with_the_ml_install(tmp_path, tiny_clip, monkeypatch):
    cache = tmp_path / "hub"
    put_in_hub_cache(cache, CLIP_REPO, tiny_clip)
    monkeypatch.setattr("studio.quality.weights.ml_installed", lambda: False)
    clip = learned_availability(cache_dir=cache)["clip"]
    assert not clip.available and clip.path is not None
    assert clip.command == "pip install -r requirements-ml.txt"
    assert "requirements-ml.txt" in clip.reason
    pick = learned_availability(cache_dir=cache)["pickscore"]
    assert pick.command == "pip install -r requirements-ml.txt && python -m studio models pull pickscore"


def test_pickscore_reads_its_processor_from_the_laion_clip_h_repo(tmp_path, tiny_clip, no_network):
    import shutil

    from studio.quality.weights import PICKSCORE_PROCESSOR_REPO, PICKSCORE_REPO

    # PickScore_v1 ships the model only; its tokenizer and processor come from LAION's CLIP-H repo
    weights, processor = tmp_path / "pick", tmp_path / "laion"
    weights.mkdir()
    processor.mkdir()
    for f in tiny_clip.iterdir():
        is_model = f.name in ("config.json", "model.safetensors")
        shutil.copy(f, (weights if is_model else processor) / f.name)
    cache = tmp_path / "hub"
    put_in_hub_cache(cache, CLIP_REPO, tiny_clip)
    put_in_hub_cache(cache, PICKSCORE_REPO, weights)
    found = learned_availability(cache_dir=cache)
    assert not found["pickscore"].available  # the weights alone: the tokenizer and processor are missing
    put_in_hub_cache(cache, PICKSCORE_PROCESSOR_REPO, processor)
    pick = learned_availability(cache_dir=cache)["pickscore"]
    assert (
        pick.available
        and pick.processor_path
        and PICKSCORE_PROCESSOR_REPO.replace("/", "--") in pick.processor_path
    )
    learned = load_learned_metrics(cache_dir=cache)
    assert learned is not None and learned.pick is not None
    assert learned.describe()["pick_score"] == PICKSCORE_REPO
    scores = learned.pick_scores(_images(2), "a red cab")
    assert scores is not None and len(scores) == 2
    assert no_network == []
