"""Open-weight models on this machine's GPU (config/local_models.yaml): the catalogue, the fit, the weights.

The local image and video adapters (local_image.py, local_video.py) share what is here:
- the catalogue: each model's Hugging Face repository, diffusers pipeline, GPU memory need, steps, size and
  frame limits, download size;
- the fit: the GPU torch sees against the model's need, checked before any weights load; a model that
  does not fit is refused with the catalogue's models that do;
- the weights: looked up in the Hugging Face cache and loaded with `local_files_only=True` (only
  `python -m studio models pull NAME` downloads);
- the GPU slot: one pipeline on the device at a time in this process, so the image and video models never
  sit there together (the other is deleted and the CUDA cache emptied when a port changes);
- the step callback: progress per denoising step through the Run, and Stop raised inside the loop.

Nothing here imports torch or diffusers at import time: the studio starts without them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import inspect
import json
import logging
import math
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from studio.config import CONFIG_DIR
from studio.errors import Cancelled, ConfigError, ProviderError
from studio.providers.catalogue import load_yaml
from studio.run import Run

log = logging.getLogger(__name__)
LOCAL_MODELS_PATH = CONFIG_DIR / "local_models.yaml"
PROVIDER = "local"
PULL_COMMAND = "python -m studio models pull"
ML_INSTALL = "pip install -r requirements-ml.txt"
VARIABLES = {"image": "STUDIO_LOCAL_IMAGE_MODEL", "inpaint": "STUDIO_LOCAL_IMAGE_MODEL",
             "video": "STUDIO_LOCAL_VIDEO_MODEL"}
Task = Literal["image", "inpaint", "video"]
Placement = Literal["gpu", "offload"]


# ── the catalogue ────────────────────────────────────────────────────────────────────────────────


class LocalModelSpec(BaseModel):
    """One entry of config/local_models.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    label: str
    task: Task
    repo_id: str
    pipeline: str
    """The diffusers pipeline class, e.g. LTXImageToVideoPipeline."""
    revision: str | None = None
    dtype: Literal["float16", "bfloat16", "float32"] = "bfloat16"
    variant: str | None = None
    component_dtypes: dict[str, Literal["float16", "bfloat16", "float32"]] = Field(default_factory=dict)
    gated: bool = False
    """The repository asks for its licence to be accepted on the Hub (and a token) before a pull."""
    allow_patterns: list[str] | None = None
    vram_gib: float = Field(gt=0)
    offload_vram_gib: float = Field(gt=0)
    download_gb: float = Field(gt=0)
    steps: int = Field(ge=1)
    guidance_scale: float = Field(ge=0)
    negative_prompt: str = ""
    strength: float | None = Field(default=None, gt=0, le=1)
    call: dict[str, Any] = Field(default_factory=dict)
    max_pixels: int = Field(gt=0)
    multiple: int = Field(ge=1)
    inpaint: str | None = None
    """An image model's inpaint entry: it serves the image editor when this model serves the image port."""
    fps: int | None = Field(default=None, ge=1)
    max_frames: int | None = Field(default=None, ge=2)
    frame_step: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _video_limits(self) -> LocalModelSpec:
        if self.task == "video" and None in (self.fps, self.max_frames, self.frame_step):
            raise ValueError("a video model needs fps, max_frames and frame_step")
        if self.offload_vram_gib > self.vram_gib:
            raise ValueError("offload_vram_gib is more than vram_gib")
        if self.multiple % 2:
            raise ValueError("multiple must be even (H.264 yuv420p frames)")
        return self

    @property
    def variable(self) -> str:
        return VARIABLES[self.task]

    @property
    def page(self) -> str:
        return f"https://huggingface.co/{self.repo_id}"

    @property
    def model_id(self) -> str:
        """How a result names the model: local/NAME."""
        return f"{PROVIDER}/{self.name}"

    @property
    def pull(self) -> str:
        return f"{PULL_COMMAND} {self.name}"


class LocalCatalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    models: dict[str, LocalModelSpec]

    @model_validator(mode="before")
    @classmethod
    def _names(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("models"), dict):
            data = {**data, "models": {n: {"name": n, **(e or {})} for n, e in data["models"].items()}}
        return data

    @model_validator(mode="after")
    def _inpaint_entries(self) -> LocalCatalogue:
        for spec in self.models.values():
            if spec.inpaint is None:
                continue
            if spec.task != "image":
                raise ValueError(f"{spec.name}: only an image model names an inpaint model")
            fill = self.models.get(spec.inpaint)
            if fill is None or fill.task != "inpaint":
                raise ValueError(f"{spec.name}: inpaint model {spec.inpaint} is not an inpaint entry")
        return self

    def of_task(self, task: Task) -> list[LocalModelSpec]:
        return [m for m in self.models.values() if m.task == task]

    def get(self, name: str, task: Task) -> LocalModelSpec:
        """The entry `name` for a port of `task`; ConfigError naming the setting and the choices."""
        spec = self.models.get(name)
        if spec is None or spec.task != task:
            known = ", ".join(m.name for m in self.of_task(task))
            raise ConfigError(
                f"{VARIABLES[task]}={name} is not a {task} model of {LOCAL_MODELS_PATH.name} (known: {known})"
            )
        return spec


@functools.lru_cache(maxsize=8)
def load_local_models(path: Path = LOCAL_MODELS_PATH) -> LocalCatalogue:
    """The catalogue; ConfigError with the file and the entry when it is malformed."""
    return load_yaml(Path(path), LocalCatalogue, "the local model catalogue")


# ── the device and the fit ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Device:
    """Where a pipeline runs: a CUDA GPU and its memory, or the CPU."""

    kind: Literal["cuda", "cpu"]
    name: str
    memory_gib: float | None
    """GPU memory torch reports; None on a CPU. A test passes a figure with kind="cpu" to simulate a card
    while the tiny pipelines run on the CPU."""

    def describe(self) -> str:
        if self.memory_gib is None:
            return f"no CUDA GPU ({self.name})"
        return f"{self.name} ({self.memory_gib:.1f} GiB)"


def detect_device() -> Device:
    """The first CUDA GPU torch sees (torch.cuda.get_device_properties), else the CPU."""
    try:
        import torch
    except ImportError:
        return Device("cpu", "torch is not installed", None)
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        return Device("cuda", props.name, props.total_memory / 2**30)
    return Device("cpu", f"torch {torch.__version__} sees no CUDA device", None)


def placement(spec: LocalModelSpec, device: Device) -> Placement | None:
    """Whole on the GPU, with CPU offload, or None when the model does not fit."""
    memory = device.memory_gib
    if memory is None:
        return None
    if spec.vram_gib <= memory:
        return "gpu"
    if spec.offload_vram_gib <= memory:
        return "offload"
    return None


def check_fit(spec: LocalModelSpec, device: Device, catalogue: LocalCatalogue) -> Placement:
    """The placement of `spec` on `device`; ConfigError, naming the models that fit, when there is none."""
    where = placement(spec, device)
    if where is not None:
        return where
    need = (f"{spec.offload_vram_gib:g} GiB of GPU memory ({spec.vram_gib:g} GiB without CPU offload, "
            "the catalogue's figures)")
    if device.memory_gib is None:
        raise ConfigError(
            f"{spec.variable}={spec.name}: {spec.label} runs on a CUDA GPU with {need}, and there is "
            f"{device.describe()}. Local models do not run on the CPU here: unset {spec.variable} (the "
            "offline engine or Replicate serves instead), or run the studio on a machine with a GPU."
        )
    fits = [m for m in catalogue.of_task(spec.task) if placement(m, device) is not None]
    if fits:
        others = "; ".join(f"{m.name} ({m.label}, {m.offload_vram_gib:g} GiB)" for m in fits)
        advice = f"{spec.task.capitalize()} models that fit this GPU: {others}."
    else:
        smallest = min(catalogue.of_task(spec.task), key=lambda m: m.offload_vram_gib)
        advice = (f"None of the catalogue's {spec.task} models fits it: the smallest, {smallest.name}, "
                  f"needs {smallest.offload_vram_gib:g} GiB.")
    raise ConfigError(
        f"{spec.variable}={spec.name}: {spec.label} needs {need}; {device.describe()} has less. {advice}"
    )


CARDS: tuple[tuple[str, float], ...] = (
    ("8 GB", 7.6), ("12 GB", 11.6), ("16 GB", 15.6), ("24 GB", 23.5), ("48 GB", 47.5), ("80 GB", 79.1),
)
"""Cards by nominal memory, with the GiB torch sees on them (a little less than nominal), for the table."""


def card_table(catalogue: LocalCatalogue) -> str:
    """The README's table: for each model, per card size, 'yes' (whole), 'offload' or '–'."""
    head = "| model | task | GiB (offload) | download | " + " | ".join(c for c, _ in CARDS) + " |"
    rule = "| --- | --- | --- | --- | " + " | ".join("---" for _ in CARDS) + " |"
    rows = []
    for m in catalogue.models.values():
        marks = []
        for _, gib in CARDS:
            where = placement(m, Device("cuda", "card", gib))
            marks.append({"gpu": "yes", "offload": "offload", None: "–"}[where])
        rows.append(f"| `{m.name}` | {m.task} | {m.vram_gib:g} ({m.offload_vram_gib:g}) | "
                    f"{m.download_gb:g} GB | " + " | ".join(marks) + " |")
    return "\n".join([head, rule, *rows])


# ── sizes and frames ─────────────────────────────────────────────────────────────────────────────


def fit_size(width: int, height: int, spec: LocalModelSpec) -> tuple[int, int]:
    """The size to generate at: the request's aspect within the model's pixels, sides on its multiple."""
    m = spec.multiple
    scale = min(1.0, math.sqrt(spec.max_pixels / (width * height)))
    w, h = width * scale, height * scale
    sides = [(max(m, math.floor(w / m) * m + dw), max(m, math.floor(h / m) * m + dh))
             for dw in (0, m) for dh in (0, m)]
    within = [(a, b) for a, b in sides if a * b <= spec.max_pixels]
    if not within:
        return m, m
    aspect = width / height
    return min(within, key=lambda s: (round(abs(s[0] / s[1] - aspect) / aspect, 3), -s[0] * s[1]))


def clip_frames(duration_s: float, spec: LocalModelSpec) -> int:
    """Frames for a scene: frame_step * k + 1 covering its length at the model's fps, at most max_frames."""
    assert spec.fps and spec.frame_step and spec.max_frames
    step = spec.frame_step
    wanted = max(2, math.ceil(duration_s * spec.fps))
    k = max(1, math.ceil((wanted - 1) / step))
    return min(k, max(1, (spec.max_frames - 1) // step)) * step + 1


# ── weights ──────────────────────────────────────────────────────────────────────────────────────


def cache_dir_or_default(cache_dir: Path | str | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    from studio.quality.weights import hub_cache_dir

    return hub_cache_dir()


def snapshot_folder(spec: LocalModelSpec, cache_dir: Path | str | None = None) -> Path | None:
    """The cached snapshot holding the model's model_index.json, or None (reads the disk only)."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    index = try_to_load_from_cache(
        spec.repo_id, "model_index.json", cache_dir=cache_dir_or_default(cache_dir), revision=spec.revision
    )
    return Path(index).parent if isinstance(index, str) else None


def weights_present(spec: LocalModelSpec, cache_dir: Path | str | None = None) -> bool:
    """Whether every component the pipeline's model_index.json names is in the cache, with weights for
    the models (in the entry's variant)."""
    folder = snapshot_folder(spec, cache_dir)
    if folder is None:
        return False
    try:
        index = json.loads((folder / "model_index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    for component, value in index.items():
        if component.startswith("_") or not isinstance(value, list) or None in value:
            continue
        sub = folder / component
        if not sub.is_dir():
            return False
        if (sub / "config.json").is_file() and not _has_weights(sub, spec.variant):
            return False
    return True


def _has_weights(folder: Path, variant: str | None) -> bool:
    names = [p.name for p in folder.iterdir() if p.suffix in (".safetensors", ".bin")]
    return any(f".{variant}." in n for n in names) if variant else bool(names)


def missing_weights(spec: LocalModelSpec, cache_dir: Path | str | None = None) -> ConfigError:
    where = cache_dir_or_default(cache_dir)
    gated = (f" It is gated: accept its licence at {spec.page} and log in (`hf auth login` or HF_TOKEN) "
             "first." if spec.gated else "")
    return ConfigError(
        f"{spec.variable}: the weights of {spec.name} ({spec.repo_id}, about {spec.download_gb:g} GB) are "
        f"not in the Hugging Face cache ({where}); the studio never downloads while generating. Get them "
        f"with `{spec.pull}`.{gated}"
    )


# ── loading ──────────────────────────────────────────────────────────────────────────────────────

PipelineFactory = Callable[[LocalModelSpec, Device, Placement], Any]
"""Makes a ready pipeline for an entry on a device: `load_pipeline` here, a tiny one in the tests."""


def load_pipeline(
    spec: LocalModelSpec, device: Device, where: Placement, *, cache_dir: Path | str | None = None
) -> Any:
    """The entry's pipeline from the Hugging Face cache (local_files_only), placed on the device."""
    try:
        import diffusers
        import torch
    except ImportError:
        raise ConfigError(f"{spec.variable}={spec.name} needs torch and diffusers: {ML_INSTALL}") from None
    if not weights_present(spec, cache_dir):
        raise missing_weights(spec, cache_dir)
    cls = getattr(diffusers, spec.pipeline, None)
    if cls is None:
        raise ConfigError(f"{spec.name}: diffusers {diffusers.__version__} has no {spec.pipeline}; "
                          f"{ML_INSTALL} installs the version the studio is tested with")
    kwargs: dict[str, Any] = {"dtype": getattr(torch, spec.dtype), "local_files_only": True,
                              "cache_dir": str(cache_dir_or_default(cache_dir))}
    if spec.variant:
        kwargs["variant"] = spec.variant
    if spec.revision:
        kwargs["revision"] = spec.revision
    try:
        pipe = cls.from_pretrained(spec.repo_id, **kwargs)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"The cached weights of {spec.name} could not be loaded ({exc}); run "
                          f"`{spec.pull}` again to complete them") from None
    for component, dtype in spec.component_dtypes.items():
        module = getattr(pipe, component, None)
        if module is not None:
            module.to(getattr(torch, dtype))
    place(pipe, spec, device, where)
    return pipe


def place(pipe: Any, spec: LocalModelSpec, device: Device, where: Placement) -> None:
    """On the GPU whole, or with model CPU offload (and a tiled VAE for video) where the card is small."""
    with contextlib.suppress(AttributeError):
        pipe.set_progress_bar_config(disable=True)
    if device.kind != "cuda":
        pipe.to("cpu")
        return
    if where == "offload":
        pipe.enable_model_cpu_offload()
        vae = getattr(pipe, "vae", None)
        if spec.task == "video" and hasattr(vae, "enable_tiling"):
            vae.enable_tiling()
    else:
        pipe.to("cuda")


def release_memory() -> None:
    """Return freed GPU memory to the driver (after a pipeline was deleted)."""
    gc.collect()
    try:
        import torch
    except ImportError:
        return
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def _out_of_memory(exc: BaseException) -> bool:
    return type(exc).__name__ == "OutOfMemoryError"


class GpuSlot:
    """The pipeline on the device, one at a time in this process.

    Using another model deletes the one there first and empties the CUDA cache, so the image model and
    the video model never hold the card together; a model used again stays loaded. Calls take turns.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._name: str | None = None
        self._pipe: Any = None
        self.loads = 0
        """Pipelines loaded so far (a test reads it)."""

    @property
    def loaded(self) -> str | None:
        """The name of the model on the device, if any."""
        return self._name

    @contextlib.contextmanager
    def use(self, name: str, load: Callable[[], Any], cancelled: Callable[[], bool]) -> Iterator[Any]:
        """The pipeline `name`, loaded by `load` unless it is already here; a Stop while waiting cancels."""
        while not self._lock.acquire(timeout=0.25):
            if cancelled():
                raise Cancelled("Stopped while waiting for the GPU")
        try:
            if self._name != name:
                self._release()
                self._pipe = load()
                self._name = name
                self.loads += 1
            try:
                yield self._pipe
            except BaseException as exc:
                if _out_of_memory(exc):
                    self._release()
                raise
        finally:
            self._lock.release()

    def release(self) -> None:
        """Delete the pipeline on the device (waits for a call using it)."""
        with self._lock:
            self._release()

    def _release(self) -> None:
        if self._pipe is None:
            return
        log.info("Releasing %s from the device", self._name)
        self._pipe, self._name = None, None
        release_memory()


GPU = GpuSlot()
"""The process's slot: every local adapter uses it unless handed another (tests)."""


class LocalPipelines:
    """An adapter's way to its pipeline: the entry checked against the device, then loaded into the slot."""

    def __init__(
        self,
        spec: LocalModelSpec,
        catalogue: LocalCatalogue,
        *,
        device: Device | None = None,
        factory: PipelineFactory | None = None,
        slot: GpuSlot | None = None,
        cache_dir: Path | str | None = None,
    ) -> None:
        self.spec = spec
        self.catalogue = catalogue
        self._device = device
        self.factory = factory or functools.partial(load_pipeline, cache_dir=cache_dir)
        self.slot = slot or GPU
        self._cache_dir = cache_dir
        self._loads_from_cache = factory is None
        """The real loader reads the Hugging Face cache; a factory handed in (tests) makes its own."""

    @property
    def device(self) -> Device:
        if self._device is None:
            self._device = detect_device()
        return self._device

    def ready(self, run: Run) -> Placement:
        """Where the model will run; ConfigError when it does not fit the GPU, Cancelled on a Stop."""
        if run.cancelled():
            raise Cancelled(f"Stopped before {self.spec.label} started")
        return check_fit(self.spec, self.device, self.catalogue)

    def problem(self) -> str | None:
        """Why this model cannot serve a generation here, before one starts: it does not fit the GPU (or
        there is none), or its weights are not pulled. None when it can. Reads the disk, never the network."""
        try:
            check_fit(self.spec, self.device, self.catalogue)
        except ConfigError as exc:
            return str(exc)
        if self._loads_from_cache and not weights_present(self.spec, self._cache_dir):
            return str(missing_weights(self.spec, self._cache_dir))
        return None

    @contextlib.contextmanager
    def pipeline(self, run: Run) -> Iterator[Any]:
        """The loaded pipeline; ConfigError before anything loads when the model does not fit the GPU."""
        where = self.ready(run)
        device = self.device
        try:
            with self.slot.use(self.spec.name, lambda: self.factory(self.spec, device, where),
                               run.cancelled) as pipe:
                yield pipe
        except Exception as exc:
            if _out_of_memory(exc):  # the slot has released the pipeline
                raise ProviderError(
                    f"{self.spec.label} ran out of GPU memory on {device.describe()}: choose a smaller "
                    f"model in {self.spec.variable}, or close what else uses the GPU",
                    provider=PROVIDER,
                ) from None
            raise

    def call(self, pipe: Any, run: Run, what: str, **kwargs: Any) -> Any:
        """Run the pipeline with the arguments its __call__ takes, the entry's `call` ones, and the step
        callback."""
        reporter = StepReporter(run, what, self.spec.steps)
        return pipe(**call_kwargs(pipe, **{**kwargs, **self.spec.call, "callback_on_step_end": reporter}))


def generator(seed: int | None) -> Any:
    """A CPU generator seeded from the request (the same noise on any device), or None for no seed."""
    if seed is None:
        return None
    import torch

    return torch.Generator(device="cpu").manual_seed(int(seed) % 2**63)


def call_kwargs(pipe: Any, **kwargs: Any) -> dict[str, Any]:
    """The arguments the pipeline's __call__ accepts (others and None values left out)."""
    params = inspect.signature(type(pipe).__call__).parameters
    return {k: v for k, v in kwargs.items() if k in params and v is not None}


class StepReporter:
    """diffusers' `callback_on_step_end`: the person's Stop raises Cancelled inside the denoising loop, and
    every step is reported as progress through the Run."""

    def __init__(self, run: Run, what: str, steps: int) -> None:
        self.run, self.what, self.steps = run, what, steps
        self.done = 0

    def __call__(self, pipe: Any, step: int, timestep: Any, tensors: dict[str, Any]) -> dict[str, Any]:
        if self.run.cancelled():
            raise Cancelled(f"Stopped: {self.what} was left unfinished")
        total = getattr(pipe, "num_timesteps", None) or self.steps
        self.done = step + 1
        self.run.progress(self.done / total, f"{self.what}: step {self.done} of {total}")
        return tensors


# ── what doctor says ─────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class LocalStatus:
    port: str
    spec: LocalModelSpec
    weights: bool
    placement: Placement | None
    device: Device

    @property
    def ok(self) -> bool:
        return self.weights and self.placement is not None

    def describe(self) -> str:
        weights = "weights here" if self.weights else f"weights missing: {self.spec.pull}"
        if self.placement == "gpu":
            fit = f"fits {self.device.describe()}"
        elif self.placement == "offload":
            fit = f"fits {self.device.describe()} with CPU offload"
        elif self.device.memory_gib is None:
            fit = f"needs a CUDA GPU with {self.spec.offload_vram_gib:g} GiB"
        else:
            fit = f"does not fit {self.device.describe()}: needs {self.spec.offload_vram_gib:g} GiB"
        return f"{self.spec.name} ({self.spec.repo_id}): {weights}; {fit}"


def local_statuses(
    image: str | None,
    video: str | None,
    *,
    device: Device | None = None,
    catalogue: LocalCatalogue | None = None,
    cache_dir: Path | str | None = None,
) -> list[LocalStatus]:
    """The local models chosen (the image model's inpaint entry too): weights here, fit on the device."""
    catalogue = catalogue or load_local_models()
    chosen: list[tuple[str, LocalModelSpec]] = []
    if image:
        spec = catalogue.get(image, "image")
        chosen.append(("image", spec))
        if spec.inpaint:
            chosen.append(("inpaint", catalogue.models[spec.inpaint]))
    if video:
        chosen.append(("video", catalogue.get(video, "video")))
    if not chosen:
        return []
    device = device or detect_device()
    return [LocalStatus(port, s, weights_present(s, cache_dir), placement(s, device), device)
            for port, s in chosen]


class LocalAdapter:
    """What every local adapter holds: its catalogue entry for `task` and its way to the pipeline."""

    task: Task
    max_parallel = 1
    """One call at a time: the work is this machine's GPU (studio/providers/limits.py)."""

    def __init__(
        self,
        model: str,
        *,
        catalogue: LocalCatalogue | None = None,
        device: Device | None = None,
        factory: PipelineFactory | None = None,
        slot: GpuSlot | None = None,
        cache_dir: Path | str | None = None,
    ) -> None:
        catalogue = catalogue or load_local_models()
        self.spec = catalogue.get(model, self.task)
        self.model = self.spec.model_id
        self.name = f"local {self.spec.label}"
        self.pipelines = LocalPipelines(
            self.spec, catalogue, device=device, factory=factory, slot=slot, cache_dir=cache_dir
        )

    def problem(self) -> str | None:
        """Why this adapter cannot serve a generation on this machine (see LocalPipelines.problem)."""
        return self.pipelines.problem()
