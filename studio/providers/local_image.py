"""Pictures from an open-weight model on this machine's GPU (diffusers): references, keyframes, edits.

`LocalImage` serves the image port (text to image: SDXL-Turbo, FLUX.1-schnell ...), `LocalInpaint` the
inpaint port with the image model's fill entry. Both take the request's seed (a CPU generator, so a seed
gives the same picture on any card), generate at the request's aspect within the model's pixels (sides
rounded to its multiple), report each denoising step through the Run and stop inside the loop on Stop.
They hand back PNG bytes and write nothing. The entries are in config/local_models.yaml
(studio/providers/local_models.py); torch and diffusers are imported when a picture is first made.
"""

from __future__ import annotations

import io
import logging

from PIL import Image

from studio.providers.local_models import (
    PROVIDER,
    LocalAdapter,
    LocalCatalogue,
    fit_size,
    generator,
    load_local_models,
)
from studio.providers.ports import GeneratedImage, ImageRequest, InpaintRequest
from studio.run import Run

log = logging.getLogger(__name__)


def _png(picture: Image.Image) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    return buf.getvalue()


def _first_image(output: object) -> Image.Image:
    images = getattr(output, "images", None)
    if not images:
        raise RuntimeError("the pipeline returned no image")
    picture = images[0]
    return picture if isinstance(picture, Image.Image) else Image.fromarray(picture)


class LocalImage(LocalAdapter):
    """ImageModel on a local diffusers text-to-image pipeline."""

    task = "image"

    def generate(self, request: ImageRequest, run: Run) -> GeneratedImage:
        """One picture of the request's size from its prompt and seed (input images are not used)."""
        spec = self.spec
        self.pipelines.ready(run)
        width, height = fit_size(request.width, request.height, spec)
        what = f"The {request.role or 'picture'} on {spec.label}"
        purpose = f"image {request.role}" if request.role else "image"
        with run.metered(PROVIDER, self.model, purpose), self.pipelines.pipeline(run) as pipe:
            output = self.pipelines.call(
                pipe, run, what,
                prompt=request.prompt, negative_prompt=spec.negative_prompt or None, width=width,
                height=height, num_inference_steps=spec.steps, guidance_scale=spec.guidance_scale,
                generator=generator(request.seed), output_type="pil",
            )  # fmt: skip
        picture = _first_image(output).convert("RGB")
        if picture.size != (request.width, request.height):
            picture = picture.resize((request.width, request.height), Image.Resampling.LANCZOS)
        return GeneratedImage(png=_png(picture), model=self.model, seed=request.seed)


class LocalInpaint(LocalAdapter):
    """InpaintModel on a local diffusers inpainting pipeline (the image model's `inpaint` entry)."""

    task = "inpaint"

    def inpaint(self, request: InpaintRequest, run: Run) -> GeneratedImage:
        """Repaint the white part of the mask; the picture comes back at the image's own size."""
        spec = self.spec
        self.pipelines.ready(run)
        with Image.open(request.image) as im:
            original = im.convert("RGB")
        with Image.open(request.mask) as m:
            mask = m.convert("L")
        width, height = fit_size(original.width, original.height, spec)
        image = original.resize((width, height), Image.Resampling.LANCZOS)
        mask = mask.resize((width, height), Image.Resampling.NEAREST)
        with run.metered(PROVIDER, self.model, "inpaint"), self.pipelines.pipeline(run) as pipe:
            output = self.pipelines.call(
                pipe, run, f"The edit on {spec.label}",
                prompt=request.prompt, image=image, mask_image=mask, width=width, height=height,
                strength=spec.strength, num_inference_steps=spec.steps, guidance_scale=spec.guidance_scale,
                negative_prompt=spec.negative_prompt or None, generator=generator(request.seed),
                output_type="pil",
            )  # fmt: skip
        picture = _first_image(output).convert("RGB")
        if picture.size != original.size:
            picture = picture.resize(original.size, Image.Resampling.LANCZOS)
        return GeneratedImage(png=_png(picture), model=self.model, seed=request.seed)


def build_local_image(
    model: str, catalogue: LocalCatalogue | None = None
) -> tuple[LocalImage, LocalInpaint | None]:
    """The adapters for STUDIO_LOCAL_IMAGE_MODEL: the image model, and its inpaint entry when it has one.
    Nothing is loaded (nor torch imported) until the first picture."""
    catalogue = catalogue or load_local_models()
    image = LocalImage(model, catalogue=catalogue)
    fill = image.spec.inpaint
    return image, (LocalInpaint(fill, catalogue=catalogue) if fill else None)
