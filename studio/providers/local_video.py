"""Clips from an open-weight image-to-video model on this machine's GPU (diffusers: LTX-Video, Wan).

Each clip starts from the scene's start frame (the approved keyframe, or the previous clip's last frame
for a continuous scene; else the reference that matches the scene's focus), with the generation's seed,
at the request's aspect within the model's pixels, and as many frames as the scene needs up to the
model's limit (the ad cuts or holds a provider clip to its scene). Each denoising step is reported
through the Run and a Stop raises inside the loop; the frames are written as H.264 through the studio's
own ffmpeg writer under a temporary name, so a stopped or failed clip leaves no file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from studio.errors import Cancelled, ProviderError
from studio.providers.local_models import (
    PROVIDER,
    LocalAdapter,
    clip_frames,
    fit_size,
    generator,
)
from studio.providers.ports import ClipRequest, ClipResult
from studio.render.ffmpeg import FrameWriter
from studio.run import Run

log = logging.getLogger(__name__)
DENOISE_SHARE = 0.9
"""Of a clip's progress, the denoising; the rest is the encode."""


def start_image(request: ClipRequest) -> Path:
    """The frame the clip starts from: the request's start frame, else the reference of the scene's focus,
    else the first reference."""
    if request.start_frame is not None:
        return Path(request.start_frame)
    for ref, path in zip(request.references, request.reference_paths, strict=False):
        if ref.kind == request.scene.focus:
            return Path(path)
    if request.reference_paths:
        return Path(request.reference_paths[0])
    raise ProviderError(
        f"Scene {request.scene.id} has no start frame and the ad no reference image: the local video model "
        "starts from a picture. Draw the storyboard first, or add a product image.",
        provider=PROVIDER,
    )


def fitted_frame(path: Path, width: int, height: int) -> Image.Image:
    """The start image cropped to the clip's aspect around its centre and scaled to its size."""
    with Image.open(path) as im:
        picture = im.convert("RGB")
    return ImageOps.fit(picture, (width, height), Image.Resampling.LANCZOS)


def _frames(output: object) -> np.ndarray:
    """The first video of a pipeline output as uint8 RGB frames (F, H, W, 3)."""
    frames = getattr(output, "frames", None)
    if frames is None or len(frames) == 0:
        raise RuntimeError("the pipeline returned no frames")
    video = frames[0]
    if not isinstance(video, np.ndarray):  # a list of PIL images
        video = np.stack([np.asarray(f.convert("RGB")) for f in video])
    if video.dtype != np.uint8:
        video = (np.clip(video, 0.0, 1.0) * 255.0).round().astype(np.uint8)
    return video


class LocalVideo(LocalAdapter):
    """VideoModel on a local diffusers image-to-video pipeline."""

    task = "video"
    needs_voice = False
    """The model hears nothing of the voiceover: the clip stage makes the voice while the clip renders."""

    def render_clip(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Write out_dir/scene_NN.mp4 and its last frame as PNG; nothing when stopped or failed."""
        spec = self.spec
        sid = request.scene.id
        self.pipelines.ready(run)
        width, height = fit_size(request.width, request.height, spec)
        frames = clip_frames(request.scene.duration_s, spec)
        assert spec.fps is not None
        if frames / spec.fps < request.scene.duration_s - 1e-6:
            log.info("Scene %d lasts %.1f s; %s makes at most %d frames (%.1f s): the ad holds its end",
                     sid, request.scene.duration_s, spec.name, frames, frames / spec.fps)
        start = fitted_frame(start_image(request), width, height)
        what = f"Scene {sid} on {spec.label}"
        run.progress(0.0, f"{what}: {frames} frames at {width}x{height}")
        out_dir = Path(out_dir)
        path = out_dir / f"scene_{sid:02d}.mp4"
        last = out_dir / f"scene_{sid:02d}_last.png"
        with run.metered(PROVIDER, self.model, f"clip scene {sid}"):
            with self.pipelines.pipeline(run) as pipe:
                output = self.pipelines.call(
                    pipe, run.part(0.0, DENOISE_SHARE), what,
                    image=start, prompt=request.prompt, negative_prompt=spec.negative_prompt or None,
                    width=width, height=height, num_frames=frames, frame_rate=spec.fps,
                    num_inference_steps=spec.steps, guidance_scale=spec.guidance_scale,
                    generator=generator(request.seed), output_type="np",
                )  # fmt: skip
            video = _frames(output)
            del output
            self._write(video, path, last, spec.fps, run.part(DENOISE_SHARE, 1.0), what)
        run.progress(1.0, f"Scene {sid} ready")
        return ClipResult(
            path=path,
            duration_s=len(video) / spec.fps,
            model=self.model,
            seed_applied=request.seed is not None,
            finished_frames=False,
            last_frame=last,
        )

    @staticmethod
    def _write(video: np.ndarray, path: Path, last: Path, fps: int, run: Run, what: str) -> None:
        """The frames as an H.264 MP4 and the last one as PNG, both whole or neither."""
        n, height, width = video.shape[:3]
        try:
            with FrameWriter(path, width, height, fps=fps) as writer:
                for i, frame in enumerate(video):
                    if run.cancelled():
                        raise Cancelled(f"Stopped: {what} was left unfinished")
                    writer.write(cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2BGR))
                    run.progress((i + 1) / n, f"{what}: encoding")
            part = last.with_name(f".{last.stem}.part.png")
            if not cv2.imwrite(str(part), cv2.cvtColor(video[-1], cv2.COLOR_RGB2BGR)):
                raise OSError(f"the last frame could not be written to {part}")
            os.replace(part, last)
        except BaseException:
            for leftover in (path, last, last.with_name(f".{last.stem}.part.png")):
                leftover.unlink(missing_ok=True)
            raise
