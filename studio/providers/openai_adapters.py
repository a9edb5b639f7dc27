"""OpenAI adapters (text, vision, speech) from the settings; OPENAI_BASE_URL reaches compatible servers."""

from __future__ import annotations

import openai

from studio.config import Settings
from studio.providers.openai_speech import OpenAISpeech
from studio.providers.openai_text import OpenAIText
from studio.providers.openai_vision import OpenAIVision
from studio.providers.ports import MediaStore, SpeechModel, TextModel, VisionModel

__all__ = ["OpenAISpeech", "OpenAIText", "OpenAIVision", "build_openai_providers", "build_openai_speech",
           "make_openai_client"]


def make_openai_client(api_key: str, base_url: str | None = None, timeout_s: float = 120.0) -> openai.OpenAI:
    """A client with its own retries off: ours (retry.py) apply, so one policy governs every provider."""
    return openai.OpenAI(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout_s)


def build_openai_providers(
    settings: Settings, fallback_vision: VisionModel, media: MediaStore | None = None
) -> tuple[TextModel, VisionModel]:
    """Text and vision adapters on one client, on the models `model_choice` settled."""
    assert settings.openai_api_key is not None, "build_openai_providers needs OPENAI_API_KEY"
    assert settings.openai_text_model and settings.openai_vision_model, "choose_models names the models"
    key = settings.openai_api_key.get_secret_value()
    client = make_openai_client(key, settings.openai_base_url)
    base = settings.openai_base_url
    text = OpenAIText(client, settings.openai_text_model, base_url=base, secrets=(key,))
    vision = OpenAIVision(client, settings.openai_vision_model, fallback_vision, media=media,
                          base_url=base, secrets=(key,))
    return text, vision


def build_openai_speech(settings: Settings, model: str) -> SpeechModel:
    """The voice on OpenAI's speech endpoint (or a compatible server's)."""
    assert settings.openai_api_key is not None, "build_openai_speech needs OPENAI_API_KEY"
    key = settings.openai_api_key.get_secret_value()
    client = make_openai_client(key, settings.openai_base_url)
    return OpenAISpeech(client, model, settings.openai_tts_voice, base_url=settings.openai_base_url,
                        secrets=(key,))
