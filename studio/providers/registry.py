"""Choose an adapter per port from the settings: the real service where its key is set, else offline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from studio.config import Settings
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


def build_providers(settings: Settings) -> Providers:
    """Real adapters where keys are set (and STUDIO_OFFLINE is not), offline ones otherwise."""
    from studio.providers.offline import (
        EspeakSpeech,
        MotionRenderer,
        OfflineWriter,
        OpenCVInpainter,
        PixelAnalyst,
        ProceduralPainter,
    )

    text: TextModel = OfflineWriter()
    vision: VisionModel = PixelAnalyst()
    image: ImageModel = ProceduralPainter()
    inpaint: InpaintModel = OpenCVInpainter()
    video: VideoModel = MotionRenderer()
    speech: SpeechModel = EspeakSpeech()
    media = build_media_store(settings)

    if settings.use_openai:
        from studio.providers.openai_adapters import build_openai_providers
        from studio.providers.openai_speech import shutdown_date

        text, vision, openai_speech = build_openai_providers(settings, fallback_vision=vision, media=media)
        shutdown = shutdown_date(settings.openai_tts_model, settings.openai_base_url)
        # A voice model OpenAI has shut down would fail every voiceover: keep the offline voice instead.
        if shutdown is None or date.today() < shutdown:
            speech = openai_speech
    if settings.use_replicate:
        from studio.providers.replicate_adapters import build_replicate_providers

        image, inpaint, video = build_replicate_providers(settings, media=media)
    return Providers(text, vision, image, inpaint, video, speech, media)
