"""Inpainting on Replicate: flux-fill-pro, then flux-fill-dev (image, mask where white = fill, prompt)."""

from __future__ import annotations

from studio.providers import costs
from studio.providers.ports import GeneratedImage, InpaintRequest, MediaStore
from studio.providers.replicate_common import ReplicateRunner, file_link
from studio.providers.replicate_image import ImageRegistry, load_image_models, run_image_prediction
from studio.providers.retry import with_fallbacks
from studio.run import Run


class ReplicateInpaint:
    """InpaintModel on Replicate with a fallback chain."""

    def __init__(
        self,
        runner: ReplicateRunner,
        *,
        media: MediaStore | None = None,
        registry: ImageRegistry | None = None,
    ) -> None:
        self.runner = runner
        self.media = media
        self.registry = registry or load_image_models()
        self.models = list(self.registry.inpaint_chain)
        self.name = f"Replicate {self.models[0]}"

    def inpaint(self, request: InpaintRequest, run: Run) -> GeneratedImage:
        """Repaint the white part of the mask to match the prompt."""
        return with_fallbacks(self.models, lambda m: self._inpaint_with(m, request, run), "The inpainting")

    def _inpaint_with(self, model: str, request: InpaintRequest, run: Run) -> GeneratedImage:
        spec = self.registry.models[model]
        seed = request.seed
        inputs = {spec.prompt: request.prompt, spec.image or "image": file_link(request.image, self.media),
                  spec.mask or "mask": file_link(request.mask, self.media), **spec.extra}
        if spec.seed and seed is not None:
            inputs[spec.seed] = seed
        with run.metered("replicate", model, "inpaint") as call:
            png = run_image_prediction(self.runner, model, inputs, run)
            call.cost_usd = costs.estimate(model, images=1) or 0.0
        return GeneratedImage(png=png, model=model, seed=seed if spec.seed else None, cost_usd=call.cost_usd)
