"""The registry of Replicate video models (config/video_models.yaml): inputs, durations, input rules.

Read by the video adapter to build a prediction's inputs and by the cost estimate to know what a clip
of a given length is billed as; each entry names the page and date of the schema it follows.
"""

from __future__ import annotations

import functools
import logging
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from studio.config import CONFIG_DIR
from studio.errors import ConfigError
from studio.providers.replicate_common import REPLICATE_PAGE, check_schema_source, registry_error

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
