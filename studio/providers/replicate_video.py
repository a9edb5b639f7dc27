"""Clips from Replicate video models: one prediction per scene, seeded, started from the right frame."""

from __future__ import annotations

import functools
import logging
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from studio.config import CONFIG_DIR
from studio.errors import ConfigError, ProviderError
from studio.providers import costs
from studio.providers.ports import ClipRequest, ClipResult, MediaStore
from studio.providers.replicate_common import (
    PROVIDER,
    REPLICATE_PAGE,
    ReplicateRunner,
    check_schema_source,
    extract_last_frame,
    file_link,
    probe_duration,
    registry_error,
)
from studio.providers.retry import with_fallbacks
from studio.run import ApiCall, Run

log = logging.getLogger(__name__)
VIDEO_MODELS_PATH = CONFIG_DIR / "video_models.yaml"


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NamedChoice(_Spec):
    name: str
    allowed: list[str] = Field(default_factory=list)


class NamedValue(_Spec):
    name: str
    value: str


class RefInput(_Spec):
    name: str
    max: int = Field(ge=1)


class DurationSpec(_Spec):
    kind: Literal["seconds", "frames"]
    name: str
    allowed: list[int] = Field(default_factory=list)
    min: int | None = None
    max: int | None = None
    fps_name: str | None = None
    fps: int | None = None
    fps_min: int | None = None
    fps_max: int | None = None

    @model_validator(mode="after")
    def _fps_in_range(self) -> DurationSpec:
        fps, low, high = self.fps, self.fps_min, self.fps_max
        if fps is not None and ((low is not None and fps < low) or (high is not None and fps > high)):
            raise ValueError(f"fps {fps} is outside the model's {low}-{high}")
        return self


class VideoModelSpec(_Spec):
    """One video model's input names and limits (an entry of config/video_models.yaml)."""

    schema_source: str
    """The model's Replicate page, whose API schema this entry follows."""
    schema_checked: date
    prompt: str = "prompt"
    seed: str | None = None
    start_image: str | None = None
    start_image_required: bool = False
    last_image: str | None = None
    reference_images: RefInput | None = None
    aspect_ratio: NamedChoice | None = None
    duration: DurationSpec
    resolution: NamedValue | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
    typical_s: float = Field(gt=0)
    fallback: list[str] = Field(default_factory=list)
    only_when: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Inputs the model takes only when other inputs hold given values (null: that input is not sent)."""

    def input_names(self) -> set[str]:
        """Every input name this entry may send."""
        named = (self.reference_images, self.aspect_ratio, self.duration, self.resolution)
        optional = (self.duration.fps_name, self.seed, self.start_image, self.last_image)
        return {self.prompt, *self.extra, *(n for n in optional if n), *(s.name for s in named if s)}

    @model_validator(mode="after")
    def _rules_name_inputs(self) -> VideoModelSpec:
        names = self.input_names()
        for name, conditions in self.only_when.items():
            if unknown := sorted({name, *conditions} - names):
                raise ValueError(f"only_when names inputs the entry never sends: {', '.join(unknown)}")
        return self


class VideoRegistry(_Spec):
    models: dict[str, VideoModelSpec]

    @model_validator(mode="after")
    def _sources_are_the_models_pages(self) -> VideoRegistry:
        for name, spec in self.models.items():
            check_schema_source(name, spec.schema_source)
        return self


@functools.lru_cache(maxsize=4)
def load_video_models(path: Path = VIDEO_MODELS_PATH) -> dict[str, VideoModelSpec]:
    """The registry of video models, validated: an unknown key stops with the file and entry named."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return VideoRegistry.model_validate(data).models
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"The video model registry {path} cannot be read: {exc}") from None
    except ValidationError as exc:
        raise registry_error(path, exc) from None


def apply_input_rules(spec: VideoModelSpec, inputs: dict[str, Any]) -> dict[str, Any]:
    """The inputs without those the model takes only with other values (its `only_when` rules, in order)."""
    kept = dict(inputs)
    for name, conditions in spec.only_when.items():
        if name in kept and any(kept.get(key) != value for key, value in conditions.items()):
            del kept[name]
            model = spec.schema_source.removeprefix(REPLICATE_PAGE)
            wanted = ", ".join(f"{key}={value}" for key, value in conditions.items())
            log.info("%s: %s not sent; the model takes it only with %s", model, name, wanted)
    return kept


def pick_duration(spec: VideoModelSpec, seconds: float) -> tuple[dict[str, Any], float]:
    """The duration inputs for a scene's length, and the seconds the clip will last (and be billed)."""
    d = spec.duration
    if d.kind == "frames":
        fps = d.fps or 16
        frames = round(seconds * fps)
        frames = max(d.min or frames, min(d.max or frames, frames))
        inputs: dict[str, Any] = {d.name: frames}
        if d.fps_name:
            inputs[d.fps_name] = fps
        return inputs, frames / fps
    # The shortest allowed length that covers the scene (the ad trims), else the longest there is.
    allowed = sorted(d.allowed)
    chosen = next((a for a in allowed if a >= seconds - 0.05), allowed[-1]) if allowed else round(seconds)
    return {d.name: chosen}, float(chosen)


def build_inputs(
    spec: VideoModelSpec, request: ClipRequest, media: MediaStore | None
) -> tuple[dict[str, Any], bool, float]:
    """The model's inputs for one clip, whether the seed went in, and the seconds asked for."""
    inputs: dict[str, Any] = {spec.prompt: request.prompt, **spec.extra}
    seed_applied = spec.seed is not None and request.seed is not None
    if seed_applied:
        inputs[spec.seed] = request.seed  # type: ignore[index]
    start = request.start_frame
    if start is None and spec.start_image_required and request.reference_paths:
        start = _best_reference(request)
    if start is not None and spec.start_image:
        inputs[spec.start_image] = file_link(start, media)
    elif spec.start_image_required:
        raise ProviderError(
            "This video model needs a start image and the scene has none: add a product image or "
            "choose a model that starts from text.",
            provider=PROVIDER,
        )
    if spec.reference_images and request.reference_paths:
        refs = request.reference_paths[: spec.reference_images.max]
        inputs[spec.reference_images.name] = [file_link(p, media) for p in refs]
    if spec.aspect_ratio:
        allowed = spec.aspect_ratio.allowed
        ratio = request.aspect_ratio if not allowed or request.aspect_ratio in allowed else _nearest(
            request.aspect_ratio, allowed)
        inputs[spec.aspect_ratio.name] = ratio
    if spec.resolution:
        inputs[spec.resolution.name] = spec.resolution.value
    duration_inputs, seconds = pick_duration(spec, request.scene.duration_s)
    inputs.update(duration_inputs)
    inputs = apply_input_rules(spec, inputs)
    return inputs, seed_applied and spec.seed in inputs, seconds


def _best_reference(request: ClipRequest) -> Path:
    """The reference that matches the scene's focus, else the first one."""
    for ref, path in zip(request.references, request.reference_paths, strict=False):
        if ref.kind == request.scene.focus:
            return path
    return request.reference_paths[0]


def _nearest(ratio: str, allowed: list[str]) -> str:
    w, h = (float(x) for x in ratio.split(":"))
    return min(allowed, key=lambda a: abs(float(a.split(":")[0]) / float(a.split(":")[1]) - w / h))


class ReplicateVideo:
    """VideoModel on Replicate: the chosen model, then its fallbacks, one prediction per clip."""

    def __init__(
        self,
        runner: ReplicateRunner,
        model: str,
        *,
        media: MediaStore | None = None,
        registry: dict[str, VideoModelSpec] | None = None,
    ) -> None:
        self.runner = runner
        self.media = media
        self.registry = registry or load_video_models()
        if model not in self.registry:
            raise ConfigError(
                f"REPLICATE_VIDEO_MODEL={model} is not in config/video_models.yaml "
                f"(known: {', '.join(self.registry)})"
            )
        self.model = model
        self.name = f"Replicate {model}"

    def chain(self) -> list[str]:
        """The chosen model, then its fallbacks, then theirs (each model once)."""
        chain: list[str] = []
        queue = [self.model]
        while queue:
            model = queue.pop(0)
            if model in self.registry and model not in chain:
                chain.append(model)
                queue.extend(self.registry[model].fallback)
        return chain

    def render_clip(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Make the scene's clip at Replicate, download it, check its length, keep its last frame."""
        what = f"The clip for scene {request.scene.id}"
        if request.resume_prediction_id:
            try:
                return self._pick_up(request, out_dir, run)
            except ProviderError as exc:
                log.warning("Scene %d: prediction %s cannot be picked up (%s); starting a new one",
                            request.scene.id, request.resume_prediction_id, exc)
        return with_fallbacks(
            self.chain(), lambda m: self._render_with(m, request, out_dir, run), what
        )

    def _pick_up(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Poll a prediction started before the process stopped instead of paying for it twice."""
        prediction = self.runner.get(request.resume_prediction_id or "")
        model = prediction.model if prediction.model in self.registry else self.chain()[0]
        spec = self.registry[model]
        _inputs, seed_applied, seconds = build_inputs(spec, request, self.media)
        run.progress(0.0, f"Picking up scene {request.scene.id} at {model}")
        with run.metered("replicate", model, f"clip scene {request.scene.id} (picked up)") as call:
            with self.runner.limiter.slot(run.cancelled):
                done = self.runner.wait(prediction, spec.typical_s, run)
            # Already paid for when it was created: this call costs nothing more.
            return self._finish(request, out_dir, run, model, done, seconds, seed_applied, call, 0.0)

    def _render_with(
        self, model: str, request: ClipRequest, out_dir: Path, run: Run
    ) -> ClipResult:
        spec = self.registry[model]
        inputs, seed_applied, seconds = build_inputs(spec, request, self.media)
        if request.seed is not None and not seed_applied:
            log.info("%s takes no seed: scene %d cannot be reproduced exactly", model, request.scene.id)
        run.progress(0.0, f"Sending scene {request.scene.id} to {model}")
        with run.metered("replicate", model, f"clip scene {request.scene.id}") as call:
            with self.runner.limiter.slot(run.cancelled):
                prediction = self.runner.create(model, inputs)
                run.report_prediction(prediction.id)
                log.info("Scene %d: prediction %s on %s", request.scene.id, prediction.id, model)
                done = self.runner.wait(prediction, spec.typical_s, run)
            cost = costs.estimate(model, seconds=seconds, videos=1) or 0.0
            return self._finish(request, out_dir, run, model, done, seconds, seed_applied, call, cost)

    def _finish(
        self, request: ClipRequest, out_dir: Path, run: Run, model: str, done: Any,
        seconds: float, seed_applied: bool, call: ApiCall, cost: float,
    ) -> ClipResult:
        path = self.runner.download(done.output, Path(out_dir) / f"scene_{request.scene.id}.mp4")
        duration = probe_duration(path)
        if duration < 0.5 * seconds:
            log.warning("Scene %d: %s returned %.2f s where %.2f s were asked for",
                        request.scene.id, model, duration, seconds)
        call.cost_usd = cost
        last = extract_last_frame(path, Path(out_dir) / f"scene_{request.scene.id}_last.png")
        run.progress(1.0, f"Scene {request.scene.id} ready")
        return ClipResult(
            path=path,
            duration_s=duration,
            model=model,
            seed_applied=seed_applied,
            finished_frames=False,
            last_frame=last,
            prediction_id=done.id,
            cost_usd=cost,
        )
