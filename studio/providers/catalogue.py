"""The model catalogues the studio reads (config/text_models.yaml, config/speech_models.yaml): how each
model is called, what it costs, when it shuts down, what to move to, and where and when that was read.

The files hold what we know; the live catalogue (studio/providers/live_catalogue.py) says what exists
today. `studio/providers/model_choice.py` puts the two together into the models a process uses.
"""

from __future__ import annotations

import fnmatch
import functools
from datetime import date
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from studio.config import CONFIG_DIR
from studio.errors import ConfigError

TEXT_MODELS_PATH = CONFIG_DIR / "text_models.yaml"
SPEECH_MODELS_PATH = CONFIG_DIR / "speech_models.yaml"


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelPrice(_Spec):
    """US dollars per unit a model is billed in (the units of config/prices.yaml)."""

    per_second: float | None = None
    per_video: float | None = None
    per_image: float | None = None
    per_1k_input_tokens: float | None = None
    per_1k_output_tokens: float | None = None
    per_character: float | None = None
    per_audio_minute: float | None = None


class CallProfile(_Spec):
    """Which parameters a family of text models accepts."""

    temperature: bool
    top_p: bool
    max_tokens_param: Literal["max_tokens", "max_completion_tokens"]
    reasoning_effort: Literal["minimal", "low", "medium", "high"] | None = None
    logprobs: bool


class Family(_Spec):
    match: str
    """A glob on the model id, e.g. `gpt-5*`."""
    profile: str


class Lifecycle(_Spec):
    """What every catalogue entry says about a model's life: shutdown, successor, provenance."""

    shutdown: date | None = None
    shutdown_source: str | None = None
    successor: str | None = None
    schema_source: str
    schema_checked: date
    price: ModelPrice | None = None

    @model_validator(mode="after")
    def _dated_shutdown_has_source(self) -> Lifecycle:
        if self.shutdown is not None and not self.shutdown_source:
            raise ValueError("a shutdown date needs its shutdown_source (where and when it was read)")
        return self


class TextModelEntry(Lifecycle):
    profile: str


class SpeechModelEntry(Lifecycle):
    provider: Literal["openai", "replicate"]
    inputs: dict[str, str | None] = Field(default_factory=dict)
    """For a Replicate model: the studio's names (text, voice, speed, language) → the model's inputs."""
    voices: list[str] = Field(default_factory=list)
    extra: dict[str, str | int | float | bool] = Field(default_factory=dict)
    """Fixed inputs sent with every call."""


class _Catalogue(_Spec):
    read: date
    defaults: list[str]

    def lifecycle(self, model: str) -> Lifecycle | None:
        return getattr(self, "models", {}).get(model)

    @model_validator(mode="after")
    def _names_resolve(self) -> _Catalogue:
        models = getattr(self, "models", {})
        for name in self.defaults:
            if name not in models:
                raise ValueError(f"defaults names {name}, which has no entry under models")
        for name, entry in models.items():
            if entry.successor is not None and entry.successor not in models:
                raise ValueError(f"{name}: successor {entry.successor} has no entry under models")
        return self


class TextCatalogue(_Catalogue):
    profiles: dict[str, CallProfile]
    families: list[Family]
    models: dict[str, TextModelEntry]

    @model_validator(mode="after")
    def _profiles_resolve(self) -> TextCatalogue:
        used = [f.profile for f in self.families] + [m.profile for m in self.models.values()]
        if unknown := sorted(set(used) - set(self.profiles)):
            raise ValueError(f"unknown profile {unknown[0]} (defined: {', '.join(self.profiles)})")
        return self

    def profile_for(self, model: str) -> CallProfile:
        """The call profile of `model`: its entry's, else the first family whose pattern it matches."""
        if model in self.models:
            return self.profiles[self.models[model].profile]
        for family in self.families:
            if fnmatch.fnmatchcase(model, family.match):
                return self.profiles[family.profile]
        return CallProfile(temperature=True, top_p=True, max_tokens_param="max_tokens", logprobs=True)


class SpeechCatalogue(_Catalogue):
    models: dict[str, SpeechModelEntry]


M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path, what: str = "the model catalogue") -> object:
    """A config file's YAML ({} when empty); ConfigError naming the file when it cannot be read or parsed."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(f"Cannot read {what} {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None


def validated(path: Path, data: object, kind: type[M]) -> M:
    """`data` as `kind`; ConfigError naming the file, the entry and what is wrong with it."""
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{path}: {where}: {err['msg']}") from None


def load_yaml(path: Path, kind: type[M], what: str = "the model catalogue") -> M:
    """A YAML config file read and checked as `kind`."""
    return validated(path, read_yaml(path, what), kind)


@functools.lru_cache(maxsize=4)
def text_catalogue(path: Path = TEXT_MODELS_PATH) -> TextCatalogue:
    """config/text_models.yaml, validated once per path."""
    return load_yaml(path, TextCatalogue)


@functools.lru_cache(maxsize=4)
def speech_catalogue(path: Path = SPEECH_MODELS_PATH) -> SpeechCatalogue:
    """config/speech_models.yaml, validated once per path."""
    return load_yaml(path, SpeechCatalogue)


def text_profile(model: str) -> CallProfile:
    """How to call the text model `model` (its entry's profile, or its family's)."""
    return text_catalogue().profile_for(model)


def catalogue_prices() -> dict[str, ModelPrice]:
    """The price of every model the catalogues list with one."""
    entries = {**text_catalogue().models, **speech_catalogue().models}
    return {name: entry.price for name, entry in entries.items() if entry.price is not None}
