"""The registry of Replicate image models (config/image_models.yaml): input names, chains, fixed inputs.

Read by the image and inpaint adapters to build a prediction's inputs and by `model_choice` to check
them against the live schemas; each entry names the page and date of the schema it follows.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from studio.config import CONFIG_DIR
from studio.errors import ConfigError
from studio.providers.replicate_common import check_schema_source, registry_error

IMAGE_MODELS_PATH = CONFIG_DIR / "image_models.yaml"


class AspectInput(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    allowed: list[str] = Field(default_factory=list)


class ImageModelSpec(BaseModel):
    """One image model's input names (an entry of config/image_models.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_source: str
    """The model's Replicate page, whose API schema this entry follows."""
    schema_checked: date
    prompt: str = "prompt"
    images: str | None = None
    image: str | None = None
    mask: str | None = None
    aspect_ratio: AspectInput | None = None
    seed: str | None = None
    seed_needs: dict[str, Any] = Field(default_factory=dict)
    """Inputs sent with every seed so that the model honours it (flux-schnell: go_fast off)."""
    extra: dict[str, Any] = Field(default_factory=dict)


class ImageRegistry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    chain: list[str]
    inpaint_chain: list[str]
    models: dict[str, ImageModelSpec]

    @model_validator(mode="after")
    def _sources_are_the_models_pages(self) -> ImageRegistry:
        for name, spec in self.models.items():
            check_schema_source(name, spec.schema_source)
        return self


@functools.lru_cache(maxsize=4)
def load_image_models(path: Path = IMAGE_MODELS_PATH) -> ImageRegistry:
    """The image model registry, validated: an unknown key stops with the file and entry named."""
    try:
        return ImageRegistry.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"The image model registry {path} cannot be read: {exc}") from None
    except ValidationError as exc:
        raise registry_error(path, exc) from None
