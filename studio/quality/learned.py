"""Learned metrics through transformers: CLIP score, LAION aesthetic, PickScore.

Used only when the weights are on the machine (a folder the person names, or the Hugging Face cache; with
HF_HUB_OFFLINE=1 nothing is downloaded) or can be downloaded. torch and transformers are imported lazily:
the studio runs without them (requirements-ml.txt is optional) and then these figures are "unavailable".

The arithmetic, on L2-normalised embeddings (cos = image · text):
- CLIP score = max(100 · cos, 0)                       (Hessel et al.; 0-100 by construction)
- PickScore  = logit_scale.exp() · cos                 (Kirstain et al.; CLIP-H, logit_scale.exp() = 100)
- LAION aesthetic v2 = MLP(normalised ViT-L/14 image embedding), about 1-10; VBench divides it by 10.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

CLIP_REPO = "openai/clip-vit-large-patch14"
AESTHETIC_REPO = ("trl-lib/ddpo-aesthetic-predictor", "aesthetic-model.pth")
PICKSCORE_REPO = "yuvalkirstain/PickScore_v1"
PICKSCORE_PROCESSOR_REPO = "laion/CLIP-ViT-H-14-laion2B-s32B-b79K"


# ── The arithmetic (plain numbers, tested on tiny random models) ──────────────────────────────────


def clip_score_from_cos(cos: float) -> float:
    """CLIP score: max(100 · cos, 0), at most 100."""
    return float(min(100.0, max(100.0 * cos, 0.0)))


def pick_score_from_cos(logit_scale: float, cos: float) -> float:
    """PickScore: exp(logit_scale) · cos (logit_scale is the model's log temperature)."""
    return float(np.exp(logit_scale) * cos)


def aesthetic_mlp(input_size: int) -> Any:
    """The LAION improved-aesthetic-predictor head (no activations: the "linearMSE" variant)."""
    from torch import nn

    class AestheticMLP(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.Sequential(
                nn.Linear(input_size, 1024),
                nn.Dropout(0.2),
                nn.Linear(1024, 128),
                nn.Dropout(0.2),
                nn.Linear(128, 64),
                nn.Dropout(0.1),
                nn.Linear(64, 16),
                nn.Linear(16, 1),
            )

        def forward(self, x: Any) -> Any:
            return self.layers(x)

    return AestheticMLP().eval()


def _features(output: Any) -> Any:
    """transformers 5 returns a model output whose pooler_output is the projected embedding; 4.x a tensor."""
    return output if hasattr(output, "norm") else output.pooler_output


def _normalise(t: Any) -> Any:
    return t / t.norm(dim=-1, keepdim=True).clamp_min(1e-12)


@dataclass
class ClipBundle:
    """A CLIP model with its image preprocessing and its tokenizer."""

    model: Any
    preprocess: Callable[[Sequence[np.ndarray]], Any]
    """Images (H, W, 3 uint8 RGB) → pixel_values tensor."""
    tokenize: Callable[[Sequence[str]], dict[str, Any]]
    """Texts → model inputs (input_ids, attention_mask), truncated to the model's length."""
    name: str = ""

    def image_embeddings(self, images: Sequence[np.ndarray]) -> Any:
        import torch

        with torch.inference_mode():
            return _normalise(_features(self.model.get_image_features(pixel_values=self.preprocess(images))))

    def text_embedding(self, text: str) -> Any:
        import torch

        with torch.inference_mode():
            return _normalise(_features(self.model.get_text_features(**self.tokenize([text]))))[0]

    @property
    def logit_scale(self) -> float:
        return float(self.model.logit_scale.detach())


@dataclass
class LearnedMetrics:
    """The learned scorers found on this machine; a missing one stays None and its figure unavailable."""

    clip: ClipBundle
    """CLIP ViT-L/14 (CLIP score, aesthetic embeddings, subject features)."""
    aesthetic: Any | None = None
    pick: ClipBundle | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def describe(self) -> dict[str, str]:
        """Which model serves each learned figure."""
        return {
            "clip_score": self.clip.name,
            "aesthetic_quality": "LAION aesthetic v2 on " + self.clip.name
            if self.aesthetic is not None
            else "",
            "pick_score": self.pick.name if self.pick else "",
        }

    def clip_scores(self, images: Sequence[np.ndarray], text: str) -> list[float]:
        """CLIP score (0-100) of each image against the text."""
        with self._lock:
            cos = (self.clip.image_embeddings(images) @ self.clip.text_embedding(text)).tolist()
        return [clip_score_from_cos(c) for c in cos]

    def aesthetic_scores(self, images: Sequence[np.ndarray]) -> list[float] | None:
        """LAION aesthetic (about 1-10) of each image, or None without the predictor's weights."""
        if self.aesthetic is None:
            return None
        import torch

        with self._lock, torch.inference_mode():
            emb = self.clip.image_embeddings(images)
            return [float(v) for v in self.aesthetic(emb.to(torch.float32)).squeeze(-1).tolist()]

    def pick_scores(self, images: Sequence[np.ndarray], text: str) -> list[float] | None:
        """PickScore of each image for the text, or None without the PickScore weights."""
        if self.pick is None:
            return None
        with self._lock:
            cos = (self.pick.image_embeddings(images) @ self.pick.text_embedding(text)).tolist()
        return [pick_score_from_cos(self.pick.logit_scale, c) for c in cos]

    def image_features(self, images: Sequence[np.ndarray]) -> np.ndarray:
        """Normalised CLIP image embeddings as a numpy array (N, D), for consistency figures."""
        with self._lock:
            return self.clip.image_embeddings(images).numpy()


# ── Loading ──────────────────────────────────────────────────────────────────────────────────────


def bundle_from_pretrained(
    source: str, *, processor_source: str | None = None, local_only: bool
) -> ClipBundle:
    """A ClipBundle from a local folder or a Hub id (transformers' own cache and download rules)."""
    from transformers import AutoProcessor, CLIPModel

    model = CLIPModel.from_pretrained(source, local_files_only=local_only).eval()
    processor = AutoProcessor.from_pretrained(processor_source or source, local_files_only=local_only)
    max_len = int(getattr(model.config.text_config, "max_position_embeddings", 77))

    def preprocess(images: Sequence[np.ndarray]) -> Any:
        return processor(images=list(images), return_tensors="pt")["pixel_values"]

    def tokenize(texts: Sequence[str]) -> dict[str, Any]:
        return dict(
            processor(
                text=list(texts), return_tensors="pt", padding=True, truncation=True, max_length=max_len
            )
        )

    return ClipBundle(
        model, preprocess, tokenize, name=Path(source).name if Path(source).exists() else source
    )


def _load_aesthetic(path: str, input_size: int) -> Any:
    import torch

    mlp = aesthetic_mlp(input_size)
    if path.endswith(".safetensors"):
        from safetensors.torch import load_file

        state = load_file(path)
    else:
        state = torch.load(path, map_location="cpu", weights_only=True)
    mlp.load_state_dict(state)
    return mlp


def _aesthetic_file(model_dir: Path | None, local_only: bool) -> str | None:
    if model_dir is not None:
        found = sorted((model_dir / "aesthetic").glob("*.pth")) + sorted(
            (model_dir / "aesthetic").glob("*.safetensors")
        )
        return str(found[0]) if found else None
    from huggingface_hub import hf_hub_download

    return hf_hub_download(*AESTHETIC_REPO, local_files_only=local_only)


_cache: dict[str, LearnedMetrics | None] = {}
_cache_lock = threading.Lock()


def load_learned_metrics(model_dir: str | None = None) -> LearnedMetrics | None:
    """CLIP / aesthetic / PickScore when their weights are available, else None (figures "unavailable").

    model_dir, when given, holds `clip/` (CLIP ViT-L/14), `aesthetic/*.pth` and optionally `pickscore/`
    (with its processor, or the LAION CLIP-H processor in the cache). Without it the Hugging Face cache is
    tried first (no network); when the weights are not cached and HF_HUB_OFFLINE is not 1, the usual
    download follows (several GB on first use; without a network the hub client retries for ~30 s before
    giving up, so machines without one should set HF_HUB_OFFLINE=1). Loaded once per process.
    """
    key = model_dir or ""
    with _cache_lock:
        if key not in _cache:
            source = Path(model_dir) if model_dir else None
            learned = _load(source, local_only=True)
            if learned is None and source is None and not _hub_offline():
                learned = _load(None, local_only=False)
            _cache[key] = learned
        return _cache[key]


def _hub_offline() -> bool:
    # Hugging Face's own switch, read when asked so a test or a shell can flip it.
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _weights_on_disk(model_dir: Path | None) -> bool:
    """Whether CLIP's weights are already here, checked without importing torch (~400 MB resident)."""
    if model_dir is not None:
        return (model_dir / "clip").is_dir()
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    return isinstance(try_to_load_from_cache(CLIP_REPO, "config.json"), str)


def _load(model_dir: Path | None, *, local_only: bool) -> LearnedMetrics | None:
    if local_only and not _weights_on_disk(model_dir):
        log.info("no CLIP weights on this machine: learned metrics unavailable")
        return None
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        log.info(
            "torch/transformers not installed: learned metrics unavailable (see requirements-ml.txt)"
        )
        return None
    try:
        clip = bundle_from_pretrained(
            str(model_dir / "clip") if model_dir else CLIP_REPO, local_only=local_only
        )
    except Exception as exc:  # missing weights show up as OSError, ValueError or hub errors
        log.info("CLIP weights not available (%s): learned metrics unavailable", type(exc).__name__)
        return None
    learned = LearnedMetrics(clip)
    try:
        path = _aesthetic_file(model_dir, local_only)
        if path:
            learned.aesthetic = _load_aesthetic(path, int(clip.model.config.projection_dim))
    except Exception as exc:
        log.info("LAION aesthetic weights not available (%s)", type(exc).__name__)
    try:
        if model_dir is not None:
            pick_dir = model_dir / "pickscore"
            if pick_dir.is_dir():
                proc = (
                    str(pick_dir)
                    if (pick_dir / "preprocessor_config.json").exists()
                    else PICKSCORE_PROCESSOR_REPO
                )
                learned.pick = bundle_from_pretrained(
                    str(pick_dir), processor_source=proc, local_only=local_only
                )
        else:
            learned.pick = bundle_from_pretrained(
                PICKSCORE_REPO, processor_source=PICKSCORE_PROCESSOR_REPO, local_only=local_only
            )
    except Exception as exc:
        log.info("PickScore weights not available (%s)", type(exc).__name__)
    return learned
