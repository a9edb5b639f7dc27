"""Choose an adapter per port from the settings: the real service where its key is set, else offline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studio.config import Settings
from studio.providers.model_choice import ModelChoice, choose_models
from studio.providers.ports import (
    ImageModel,
    InpaintModel,
    MediaStore,
    SpeechModel,
    TextModel,
    VideoModel,
    VisionModel,
)


@dataclass
class Providers:
    """The adapter serving each port, for one process."""

    text: TextModel
    vision: VisionModel
    image: ImageModel
    inpaint: InpaintModel
    video: VideoModel
    speech: SpeechModel
    media: MediaStore
    models: ModelChoice | None = field(default=None, compare=False)
    """Which model serves each port and why (states, shutdowns, notices); None for injected providers."""

    @property
    def notices(self) -> list[str]:
        """Warnings about the models in use, for the page, the CLI and `doctor`."""
        return list(self.models.notices) if self.models else []

    def describe(self) -> dict[str, str]:
        """Which adapter serves each port, in words for the page, the CLI and `doctor`."""
        speech = (
            self.speech.name if self.speech.available else f"{self.speech.name} (unavailable: captions only)"
        )
        return {
            "text": self.text.name,
            "vision": self.vision.name,
            "image": self.image.name,
            "inpaint": self.inpaint.name,
            "video": self.video.name,
            "speech": speech,
            "media": self.media.name,
        }


def build_media_store(settings: Settings) -> MediaStore:
    if settings.storage == "s3":
        from studio.media.s3 import S3Store

        return S3Store.from_settings(settings)
    from studio.media.storage import LocalStore

    return LocalStore(Path(settings.data_dir) / "media")


def build_providers(settings: Settings, choice: ModelChoice | None = None) -> Providers:
    """Real adapters where keys are set (and STUDIO_OFFLINE is not), offline ones otherwise.

    `choice` is what `model_choice.choose_models` made of the live catalogues at start-up; without it the
    catalogue files alone decide (no network here).
    """
    from studio.providers.offline import (
        EspeakSpeech,
        MotionRenderer,
        OfflineWriter,
        OpenCVInpainter,
        PixelAnalyst,
        ProceduralPainter,
    )

    choice = choice or choose_models(settings)
    settings = choice.settings
    text: TextModel = OfflineWriter()
    vision: VisionModel = PixelAnalyst()
    image: ImageModel = ProceduralPainter()
    inpaint: InpaintModel = OpenCVInpainter()
    video: VideoModel = MotionRenderer()
    speech: SpeechModel = EspeakSpeech()
    media = build_media_store(settings)

    if settings.use_openai:
        from studio.providers.openai_adapters import build_openai_providers, build_openai_speech

        text, vision = build_openai_providers(settings, fallback_vision=vision, media=media)
        if choice.speech is not None and choice.speech[0] == "openai":
            speech = build_openai_speech(settings, choice.speech[1])
    if settings.use_replicate:
        from studio.providers.replicate_adapters import build_replicate_providers

        image, inpaint, video = build_replicate_providers(settings, media=media)
        if choice.speech is not None and choice.speech[0] == "replicate":
            from studio.providers.replicate_speech import build_replicate_speech

            speech = build_replicate_speech(settings, media, choice.speech[1])
    return Providers(text, vision, image, inpaint, video, speech, media, choice)
