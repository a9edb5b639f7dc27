"""Estimated costs from the price table (`config/prices.yaml`), per call and before a run."""

from __future__ import annotations

import functools
import logging
import math
from pathlib import Path

import yaml
from pydantic import ValidationError

from studio.config import CONFIG_DIR, Settings
from studio.errors import ConfigError
from studio.providers.catalogue import ModelPrice as Price
from studio.providers.video_models import load_video_models, pick_duration

log = logging.getLogger(__name__)
PRICES_PATH = CONFIG_DIR / "prices.yaml"
REFERENCE_IMAGES_PER_GENERATION = 3


@functools.lru_cache(maxsize=4)
def load_prices(path: Path = PRICES_PATH) -> dict[str, Price]:
    """The price table, validated once per path, with the prices the model catalogues carry
    (config/text_models.yaml, config/speech_models.yaml)."""
    from studio.providers.catalogue import catalogue_prices

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        table = {name: Price.model_validate(p) for name, p in (data.get("models") or {}).items()}
        return {**catalogue_prices(), **table}
    except (OSError, yaml.YAMLError, ValidationError, AttributeError) as exc:
        raise ConfigError(f"The price table {path} cannot be read: {exc}") from None


_unpriced: set[str] = set()


def estimate(
    model: str,
    *,
    seconds: float = 0.0,
    videos: int = 0,
    images: int = 0,
    input_tokens: int = 0,
    output_tokens: int = 0,
    characters: int = 0,
    audio_minutes: float = 0.0,
    prices: dict[str, Price] | None = None,
) -> float | None:
    """The estimated cost of one call from what it produced; None when the model has no price."""
    price = (prices if prices is not None else load_prices()).get(model)
    if price is None:
        if model not in _unpriced:
            _unpriced.add(model)
            log.warning("No price for model %s in %s: its calls are recorded at 0.0", model, PRICES_PATH)
        return None
    parts = [
        (price.per_second, seconds),
        (price.per_video, videos),
        (price.per_image, images),
        (price.per_1k_input_tokens, input_tokens / 1000),
        (price.per_1k_output_tokens, output_tokens / 1000),
        (price.per_character, characters),
        (price.per_audio_minute, audio_minutes),
    ]
    return round(sum(rate * qty for rate, qty in parts if rate is not None), 8)


def billed_clip_seconds(model: str, scene_seconds: float) -> float:
    """The seconds a video model will bill for a scene: the allowed duration it will be asked for."""
    spec = load_video_models().get(model)
    if spec is None:
        return scene_seconds
    return pick_duration(spec, scene_seconds)[1]


def estimate_generation_cost(settings: Settings, scene_count: int, duration_s: float) -> float:
    """Before a run: clips, reference images and voice for the chosen models (text calls excluded).

    Text calls are metered afterwards; at current prices they are a small fraction of a cent each.
    """
    if not settings.models_resolved:  # which voice model, from the catalogues (no network)
        from studio.providers.model_choice import choose_models

        settings = choose_models(settings).settings
    total = 0.0
    if settings.use_replicate and scene_count > 0:
        per_scene = duration_s / scene_count
        video = settings.replicate_video_model
        seconds = billed_clip_seconds(video, per_scene)
        total += scene_count * (estimate(video, seconds=seconds, videos=1) or 0.0)
        total += estimate(settings.replicate_image_model, images=REFERENCE_IMAGES_PER_GENERATION) or 0.0
    voice = settings.replicate_speech_model or settings.openai_tts_model
    if voice and (settings.use_openai or settings.use_replicate):
        # The voiceover lasts at most the ad; ~15 characters are spoken per second.
        total += estimate(
            voice,
            audio_minutes=duration_s / 60,
            characters=math.ceil(duration_s * 15),
        ) or 0.0
    return round(total, 4)
