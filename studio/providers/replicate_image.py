"""Reference images on Replicate: nano-banana-pro, then nano-banana, then flux-schnell."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from studio.errors import ConfigError
from studio.providers import costs
from studio.providers.image_models import IMAGE_MODELS_PATH, ImageModelSpec, ImageRegistry, load_image_models
from studio.providers.ports import GeneratedImage, ImageRequest, MediaStore
from studio.providers.replicate_common import ReplicateRunner, file_link
from studio.providers.retry import with_fallbacks
from studio.run import Run

log = logging.getLogger(__name__)
TYPICAL_IMAGE_S = 20.0


def image_inputs(spec: ImageModelSpec, request: ImageRequest, media: MediaStore | None) -> dict[str, Any]:
    """The model's inputs for one image; a seed goes with what the model needs to honour it."""
    inputs: dict[str, Any] = {spec.prompt: request.prompt, **spec.extra}
    if spec.images and request.input_images:
        inputs[spec.images] = [file_link(p, media) for p in request.input_images]
    if spec.aspect_ratio:
        allowed = spec.aspect_ratio.allowed
        if not allowed or request.aspect_ratio in allowed:
            inputs[spec.aspect_ratio.name] = request.aspect_ratio
    if spec.seed and request.seed is not None:
        inputs.update({spec.seed: request.seed, **spec.seed_needs})
    return inputs


def image_chain(first: str, registry: ImageRegistry) -> list[str]:
    """The chosen model first, then the rest of the configured chain in order."""
    return [first, *[m for m in registry.chain if m != first]]


class ReplicateImage:
    """ImageModel on Replicate with a fallback chain."""

    def __init__(
        self,
        runner: ReplicateRunner,
        model: str = "google/nano-banana-pro",
        *,
        media: MediaStore | None = None,
        registry: ImageRegistry | None = None,
    ) -> None:
        self.runner = runner
        self.media = media
        self.registry = registry or load_image_models()
        self.models = [m for m in image_chain(model, self.registry) if m in self.registry.models]
        if model not in self.registry.models:
            raise ConfigError(f"REPLICATE_IMAGE_MODEL={model} is not in {IMAGE_MODELS_PATH.name} "
                              f"(known: {', '.join(self.registry.models)})")
        self.name = f"Replicate {model}"

    def generate(self, request: ImageRequest, run: Run) -> GeneratedImage:
        """One image from the first model of the chain that delivers."""
        return with_fallbacks(self.models, lambda m: self._generate_with(m, request, run), "The image")

    def _inputs(self, spec: ImageModelSpec, request: ImageRequest) -> dict[str, Any]:
        return image_inputs(spec, request, self.media)

    def _generate_with(self, model: str, request: ImageRequest, run: Run) -> GeneratedImage:
        spec = self.registry.models[model]
        purpose = f"image {request.role}" if request.role else "image"
        with run.metered("replicate", model, purpose) as call:
            png = run_image_prediction(self.runner, model, self._inputs(spec, request), run)
            call.cost_usd = costs.estimate(model, images=1) or 0.0
        seed = request.seed if spec.seed else None
        return GeneratedImage(png=png, model=model, seed=seed, cost_usd=call.cost_usd)


def run_image_prediction(runner: ReplicateRunner, model: str, inputs: dict[str, Any], run: Run) -> bytes:
    """Create, wait and download one image prediction, holding an in-flight slot throughout."""
    with runner.limiter.slot(run.cancelled):
        prediction = runner.create(model, inputs)
        run.report_prediction(prediction.id)
        done = runner.wait(prediction, TYPICAL_IMAGE_S, run)
    with tempfile.TemporaryDirectory(prefix="studio-img-") as tmp:
        return runner.download(done.output, Path(tmp) / "out.img").read_bytes()
