"""Learned metrics through transformers: CLIP score, LAION aesthetic, PickScore.

Loaded only from weights already on the machine (a folder the person names, or the Hugging Face cache that
`python -m studio models pull` fills): availability is decided from the disk (see weights.py) and every
`from_pretrained` reads a local folder with `local_files_only=True`, so scoring never waits on the network.
torch and transformers are imported lazily: the studio runs without them (requirements-ml.txt is optional)
and then these figures are "unavailable".

The arithmetic, on L2-normalised embeddings (cos = image · text):
- CLIP score = max(100 · cos, 0)                       (Hessel et al.; 0-100 by construction)
- PickScore  = logit_scale.exp() · cos                 (Kirstain et al.; CLIP-H, logit_scale.exp() = 100)
- LAION aesthetic v2 = MLP(normalised ViT-L/14 image embedding), about 1-10; VBench divides it by 10.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from studio.quality.weights import Availability, learned_availability

log = logging.getLogger(__name__)


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


def bundle_from_pretrained(folder: str, *, processor_folder: str | None = None, name: str = "") -> ClipBundle:
    """A ClipBundle from a local folder (never a Hub id: nothing is looked up online)."""
    from transformers import AutoProcessor, CLIPModel

    model = CLIPModel.from_pretrained(folder, local_files_only=True).eval()
    processor = AutoProcessor.from_pretrained(processor_folder or folder, local_files_only=True)
    max_len = int(getattr(model.config.text_config, "max_position_embeddings", 77))

    def preprocess(images: Sequence[np.ndarray]) -> Any:
        return processor(images=list(images), return_tensors="pt")["pixel_values"]

    def tokenize(texts: Sequence[str]) -> dict[str, Any]:
        return dict(
            processor(
                text=list(texts), return_tensors="pt", padding=True, truncation=True, max_length=max_len
            )
        )

    return ClipBundle(model, preprocess, tokenize, name=name or Path(folder).name)


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


_cache: dict[tuple[str, str, tuple[str, ...]], LearnedMetrics | None] = {}
_cache_lock = threading.Lock()


def load_learned_metrics(
    model_dir: str | None = None, *, cache_dir: str | Path | None = None
) -> LearnedMetrics | None:
    """CLIP / aesthetic / PickScore from the weights on this machine, else None (figures "unavailable").

    model_dir, when given, holds `clip/` (CLIP ViT-L/14 with its processor), `aesthetic/*.pth` and
    optionally `pickscore/`; otherwise the Hugging Face cache is read (cache_dir, default HF_HUB_CACHE or
    $HF_HOME/hub). Never downloads: `python -m studio models pull` does that, on purpose. Loaded once per
    process and set of weights found, so weights pulled while the studio runs are picked up.
    """
    found = learned_availability(model_dir, cache_dir=cache_dir)
    key = (model_dir or "", str(cache_dir or ""), tuple(n for n, a in found.items() if a.available))
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _load(found, named_folder=model_dir is not None)
        return _cache[key]


def _load(found: dict[str, Availability], *, named_folder: bool) -> LearnedMetrics | None:
    clip = found["clip"]
    if not clip.available or clip.path is None:
        log.info("learned metrics unavailable: %s (%s)", clip.reason, clip.command)
        return None

    def name(a: Availability) -> str:
        return Path(a.path or "").name if named_folder else a.model_id

    try:
        learned = LearnedMetrics(bundle_from_pretrained(clip.path, name=name(clip)))
    except Exception as exc:  # a partial or corrupt download shows up as OSError, ValueError, ...
        log.warning(
            "CLIP weights at %s could not be loaded (%s): learned metrics unavailable", clip.path, exc
        )
        return None
    aesthetic, pick = found["aesthetic"], found["pickscore"]
    if aesthetic.available and aesthetic.path:
        try:
            learned.aesthetic = _load_aesthetic(aesthetic.path, int(learned.clip.model.config.projection_dim))
        except Exception as exc:
            log.warning("LAION aesthetic weights at %s could not be loaded (%s)", aesthetic.path, exc)
    if pick.available and pick.path:
        try:
            learned.pick = bundle_from_pretrained(
                pick.path, processor_folder=pick.processor_path, name=name(pick)
            )
        except Exception as exc:
            log.warning("PickScore weights at %s could not be loaded (%s)", pick.path, exc)
    return learned
