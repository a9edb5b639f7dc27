"""Which learned-metric weights are on this machine, decided from the disk alone.

No network and no torch import: the page and `python -m studio models list` ask this on every run. The
weights live either in a folder the person names (`clip/`, `aesthetic/`, `pickscore/`) or in the Hugging
Face cache (`HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`), where
`python -m studio models pull` puts them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PULL_COMMAND = "python -m studio models pull"
ML_INSTALL = "pip install -r requirements-ml.txt"

CLIP_REPO = "openai/clip-vit-large-patch14"
AESTHETIC_REPO = "trl-lib/ddpo-aesthetic-predictor"
AESTHETIC_FILE = "aesthetic-model.pth"
PICKSCORE_REPO = "yuvalkirstain/PickScore_v1"
PICKSCORE_PROCESSOR_REPO = "laion/CLIP-ViT-H-14-laion2B-s32B-b79K"

# Each group lists alternatives: one of them must be on disk.
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
_CONFIG = ("config.json",)
_PROCESSOR = ("preprocessor_config.json", "processor_config.json")
_TOKENIZER = ("tokenizer.json", "vocab.json")


@dataclass(frozen=True)
class HubFiles:
    """The files one Hub repository contributes to a model."""

    repo_id: str
    needed: tuple[tuple[str, ...], ...]
    """Groups of alternatives; the model is on disk when each group has one file present."""
    fetch: tuple[str, ...]
    """Patterns `pull` downloads besides the weights (configs, tokenizer, processor)."""
    weights: tuple[str, ...] = ()
    """Weight files in order of preference; `pull` fetches the first one the repository has."""


@dataclass(frozen=True)
class LearnedModel:
    """One downloadable model and the figures it serves."""

    name: str
    label: str
    metrics: tuple[str, ...]
    """The figures it serves, in the page's words."""
    approx_bytes: int
    """Download size estimated from the parameter count (fp32); `pull` reads the exact one from the Hub."""
    hub: tuple[HubFiles, ...]
    needs: tuple[str, ...] = ()
    """Other models it cannot work without."""

    @property
    def model_id(self) -> str:
        return self.hub[0].repo_id


MODELS: dict[str, LearnedModel] = {
    "clip": LearnedModel(
        name="clip",
        label="CLIP ViT-L/14",
        metrics=("CLIP score", "CLIP subject consistency"),
        approx_bytes=1_710_000_000,  # 428 M parameters
        hub=(
            HubFiles(
                CLIP_REPO,
                needed=(_CONFIG, WEIGHT_FILES, _PROCESSOR, _TOKENIZER),
                fetch=("*.json", "*.txt"),
                weights=WEIGHT_FILES,
            ),
        ),
    ),
    "aesthetic": LearnedModel(
        name="aesthetic",
        label="LAION aesthetic predictor v2",
        metrics=("aesthetic quality",),
        approx_bytes=3_700_000,  # a 5-layer MLP on 768-d embeddings
        hub=(HubFiles(AESTHETIC_REPO, needed=((AESTHETIC_FILE,),), fetch=(AESTHETIC_FILE,)),),
        needs=("clip",),
    ),
    "pickscore": LearnedModel(
        name="pickscore",
        label="PickScore v1 (CLIP-H)",
        metrics=("PickScore",),
        approx_bytes=3_950_000_000,  # 986 M parameters, plus the LAION CLIP-H tokenizer and processor
        hub=(
            HubFiles(
                PICKSCORE_REPO, needed=(_CONFIG, WEIGHT_FILES), fetch=("config.json",), weights=WEIGHT_FILES
            ),
            HubFiles(PICKSCORE_PROCESSOR_REPO, needed=(_PROCESSOR, _TOKENIZER), fetch=("*.json", "*.txt")),
        ),
        needs=("clip",),
    ),
}

# The model behind each learned figure of a report (its availability covers what that model needs).
FIGURE_MODELS: dict[str, str] = {
    "clip_score": "clip",
    "aesthetic_quality": "aesthetic",
    "pick_score": "pickscore",
}


@dataclass(frozen=True)
class Availability:
    """Whether one learned model can be loaded here, and if not, how to get it."""

    name: str
    label: str
    model_id: str
    metrics: tuple[str, ...]
    available: bool
    path: str | None
    """The folder (or, for the aesthetic predictor, the file) the loader reads; None when not on disk."""
    download_bytes: int | None
    """About how much `pull` downloads for it; None when it is already here."""
    command: str
    """What to run to get it ("" when available)."""
    reason: str = ""
    """Why it is unavailable, in a sentence ("" when available)."""
    processor_path: str | None = None

    @property
    def status(self) -> str:
        return "available" if self.available else "missing"


def human_size(n: int | None) -> str:
    """1710000000 → "1.7 GB" (decimal units, as the Hub shows them)."""
    if n is None:
        return "size unknown"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def hub_cache_dir() -> Path:
    """The Hugging Face cache folder (HF_HUB_CACHE / HF_HOME as huggingface_hub read them at import)."""
    try:
        from huggingface_hub import constants

        return Path(constants.HF_HUB_CACHE)
    except ImportError:  # without requirements-ml.txt: the same default huggingface_hub would use
        home = os.environ.get("HF_HOME") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "huggingface"
        )
        return Path(os.environ.get("HF_HUB_CACHE") or os.path.join(home, "hub")).expanduser()


def ml_installed() -> bool:
    """Whether torch and transformers can be imported (looked up, not imported: torch costs ~400 MB)."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers"))


def cached_snapshot(hub: HubFiles, cache_dir: Path) -> Path | None:
    """The snapshot folder holding all of hub.needed at the `main` ref of the cache, or None.

    A repository never downloaded has no folder in the cache (huggingface_hub's layout: models--org--name),
    and that is known without importing huggingface_hub's download module: ~0.25 s of CPU, holding the GIL,
    in the ad stage of every offline ad, where the mix and the end card run."""
    if not (cache_dir / ("models--" + hub.repo_id.replace("/", "--"))).is_dir():
        return None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    folder: Path | None = None
    for group in hub.needed:
        found = [try_to_load_from_cache(hub.repo_id, f, cache_dir=cache_dir) for f in group]
        hit = next((f for f in found if isinstance(f, str)), None)
        if hit is None:
            return None
        folder = Path(hit).parent
    return folder


def _folder_has(folder: Path, needed: tuple[tuple[str, ...], ...]) -> bool:
    return folder.is_dir() and all(any((folder / f).is_file() for f in group) for group in needed)


def _find_in_folder(model: LearnedModel, model_dir: Path, cache: Path) -> tuple[str | None, str | None]:
    """(model path, processor path) inside a folder the person named."""
    if model.name == "aesthetic":
        folder = model_dir / "aesthetic"
        files = sorted(folder.glob("*.pth")) + sorted(folder.glob("*.safetensors")) if folder.is_dir() else []
        return (str(files[0]) if files else None), None
    folder = model_dir / model.name
    if not _folder_has(folder, model.hub[0].needed):
        return None, None
    if len(model.hub) == 1:
        return str(folder), None
    processor = model.hub[1]
    if _folder_has(folder, processor.needed):
        return str(folder), str(folder)
    in_cache = cached_snapshot(processor, cache)  # the LAION CLIP-H processor, when the folder lacks one
    return (str(folder), str(in_cache)) if in_cache else (None, None)


def _find_in_cache(model: LearnedModel, cache_dir: Path) -> tuple[str | None, str | None]:
    """(model path, processor path) in the Hugging Face cache."""
    folders = [cached_snapshot(h, cache_dir) for h in model.hub]
    if any(f is None for f in folders):
        return None, None
    if model.name == "aesthetic":
        return str(folders[0] / AESTHETIC_FILE), None  # type: ignore[operator]
    return str(folders[0]), (str(folders[1]) if len(folders) > 1 else None)


def learned_availability(
    model_dir: str | Path | None = None, *, cache_dir: str | Path | None = None
) -> dict[str, Availability]:
    """Each learned model: on disk and loadable, or missing with its size and the command that gets it.

    Reads the disk only (a few file lookups): no network, no torch import.
    """
    cache = Path(cache_dir) if cache_dir is not None else hub_cache_dir()
    ml = ml_installed()
    paths: dict[str, tuple[str | None, str | None]] = {
        name: _find_in_folder(m, Path(model_dir), cache)
        if model_dir is not None
        else _find_in_cache(m, cache)
        for name, m in MODELS.items()
    }
    where = f"in {model_dir}" if model_dir is not None else f"in the Hugging Face cache ({cache})"
    out: dict[str, Availability] = {}
    for name, model in MODELS.items():
        path, processor = paths[name]
        missing = [n for n in (*model.needs, name) if paths[n][0] is None]
        available = ml and not missing
        reason, command = "", ""
        if not available:
            pulls = " ".join(missing)
            command = f"{PULL_COMMAND} {pulls}" if missing else ""
            if not ml:
                command = f"{ML_INSTALL} && {command}" if command else ML_INSTALL
                reason = "torch and transformers are not installed (requirements-ml.txt)"
            elif path is None:
                reason = f"the {model.label} weights are not {where}"
            else:
                needed = ", ".join(MODELS[n].label for n in missing)
                reason = f"it needs the {needed} weights too, which are not {where}"
        download = sum(MODELS[n].approx_bytes for n in missing) if missing else None
        out[name] = Availability(
            name=name,
            label=model.label,
            model_id=model.model_id,
            metrics=model.metrics,
            available=available,
            path=path,
            download_bytes=download,
            command=command,
            reason=reason,
            processor_path=processor,
        )
    return out


def missing_for_figure(figure: str, found: Mapping[str, Availability]) -> Availability | None:
    """The unavailable model behind a learned figure (its command gets it), or None."""
    name = FIGURE_MODELS.get(figure)
    return found[name] if name in found and not found[name].available else None
