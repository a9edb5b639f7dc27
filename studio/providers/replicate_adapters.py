"""Replicate adapters for images, inpainting and video, built from the settings."""

from __future__ import annotations

import httpx

from studio.config import Settings
from studio.providers.limits import shared_limiter
from studio.providers.ports import ImageModel, InpaintModel, MediaStore, VideoModel
from studio.providers.replicate_common import ReplicateRunner, make_replicate_client
from studio.providers.replicate_image import ReplicateImage
from studio.providers.replicate_inpaint import ReplicateInpaint
from studio.providers.replicate_video import ReplicateVideo

__all__ = [
    "ReplicateImage",
    "ReplicateInpaint",
    "ReplicateRunner",
    "ReplicateVideo",
    "build_replicate_providers",
    "make_replicate_client",
]


def make_runner(settings: Settings) -> ReplicateRunner:
    """A runner on the settings' token and endpoint, under the process-wide in-flight limit."""
    assert settings.replicate_api_token is not None, "a Replicate runner needs REPLICATE_API_TOKEN"
    token = settings.replicate_api_token.get_secret_value()
    return ReplicateRunner(
        client=make_replicate_client(token, base_url=settings.replicate_base_url),
        http=httpx.Client(timeout=httpx.Timeout(120.0, connect=10.0), follow_redirects=True),
        limiter=shared_limiter(settings.max_concurrent),
        secrets=(token,),
    )


def build_replicate_providers(
    settings: Settings, media: MediaStore
) -> tuple[ImageModel, InpaintModel, VideoModel]:
    """Image, inpaint and video adapters sharing one client and the process-wide in-flight limit."""
    runner = make_runner(settings)
    image = ReplicateImage(runner, settings.replicate_image_model, media=media)
    inpaint = ReplicateInpaint(runner, media=media)
    video = ReplicateVideo(runner, settings.replicate_video_model, media=media)
    return image, inpaint, video
