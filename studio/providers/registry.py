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

    def problems(self) -> list[str]:
        """Why a generation cannot start with these providers, said before anything is spent: a paid
        model whose live schema lacks an input the studio sends, or a model on this machine (image or
        video, the ports every generation uses) that does not fit its GPU or has no weights pulled. An
        adapter that can refuse ahead says so through `problem()`; the others cannot."""
        found = list(self.models.problems) if self.models else []
        for adapter in (self.image, self.video):
            check = getattr(adapter, "problem", None)
            problem = check() if callable(check) else None
            if problem:
                found.append(problem)
        return found

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
    """Real adapters where keys are set (and STUDIO_OFFLINE is not), offline ones otherwise; with
    STUDIO_COMFYUI_URL, that ComfyUI server makes the pictures and clips.

    STUDIO_LOCAL_IMAGE_MODEL / STUDIO_LOCAL_VIDEO_MODEL put those ports on this machine's GPU over any of
    these (not with STUDIO_OFFLINE): the names are checked against config/local_models.yaml here; the fit
    to the GPU and the weights when a model is first used.

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
    if settings.use_comfyui:  # the person's own ComfyUI: pictures and clips (its templates checked now)
        from studio.providers.comfyui import build_comfyui_providers

        image, video = build_comfyui_providers(settings)
    if not settings.offline and settings.local_image_model:  # this machine's GPU (config/local_models.yaml)
        from studio.providers.local_image import build_local_image

        image, local_inpaint = build_local_image(settings.local_image_model)
        inpaint = local_inpaint or inpaint
    if not settings.offline and settings.local_video_model:
        from studio.providers.local_video import LocalVideo

        video = LocalVideo(settings.local_video_model)
    return Providers(text, vision, image, inpaint, video, speech, media, choice)
