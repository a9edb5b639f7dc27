"""Clips from Replicate video models: one prediction per scene, seeded, started from the right frame."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from studio.errors import ConfigError, ProviderError
from studio.providers import costs
from studio.providers.ports import ClipRequest, ClipResult, MediaStore
from studio.providers.replicate_common import (
    PROVIDER,
    ReplicateRunner,
    extract_last_frame,
    file_link,
    probe_duration,
)
from studio.providers.retry import with_fallbacks
from studio.providers.video_models import (  # noqa: F401  (the registry's names, re-exported)
    VIDEO_MODELS_PATH,
    VideoModelSpec,
    apply_input_rules,
    load_video_models,
    pick_duration,
)
from studio.run import ApiCall, Run

log = logging.getLogger(__name__)
def build_inputs(
    spec: VideoModelSpec, request: ClipRequest, media: MediaStore | None
) -> tuple[dict[str, Any], bool, float]:
    """The model's inputs for one clip, whether the seed went in, and the seconds asked for."""
    inputs: dict[str, Any] = {spec.prompt: request.prompt, **spec.extra}
    seed_applied = spec.seed is not None and request.seed is not None
    if seed_applied:
        inputs[spec.seed] = request.seed  # type: ignore[index]
    start = request.start_frame
    if start is None and spec.start_image_required and request.reference_paths:
        start = _best_reference(request)
    if start is not None and spec.start_image:
        inputs[spec.start_image] = file_link(start, media)
    elif spec.start_image_required:
        raise ProviderError(
            "This video model needs a start image and the scene has none: add a product image or "
            "choose a model that starts from text.",
            provider=PROVIDER,
        )
    if spec.reference_images and request.reference_paths:
        refs = request.reference_paths[: spec.reference_images.max]
        inputs[spec.reference_images.name] = [file_link(p, media) for p in refs]
    if spec.aspect_ratio:
        allowed = spec.aspect_ratio.allowed
        ratio = request.aspect_ratio if not allowed or request.aspect_ratio in allowed else _nearest(
            request.aspect_ratio, allowed)
        inputs[spec.aspect_ratio.name] = ratio
    if spec.resolution:
        inputs[spec.resolution.name] = spec.resolution.value
    duration_inputs, seconds = pick_duration(spec, request.scene.duration_s)
    inputs.update(duration_inputs)
    inputs = apply_input_rules(spec, inputs)
    return inputs, seed_applied and spec.seed in inputs, seconds


def _best_reference(request: ClipRequest) -> Path:
    """The reference that matches the scene's focus, else the first one."""
    for ref, path in zip(request.references, request.reference_paths, strict=False):
        if ref.kind == request.scene.focus:
            return path
    return request.reference_paths[0]


def _nearest(ratio: str, allowed: list[str]) -> str:
    w, h = (float(x) for x in ratio.split(":"))
    return min(allowed, key=lambda a: abs(float(a.split(":")[0]) / float(a.split(":")[1]) - w / h))


class ReplicateVideo:
    """VideoModel on Replicate: the chosen model, then its fallbacks, one prediction per clip."""

    needs_voice = False
    """The model hears nothing of the voiceover: the clip stage makes the voice while the clip renders."""

    def __init__(
        self,
        runner: ReplicateRunner,
        model: str,
        *,
        media: MediaStore | None = None,
        registry: dict[str, VideoModelSpec] | None = None,
    ) -> None:
        self.runner = runner
        self.media = media
        self.registry = registry or load_video_models()
        if model not in self.registry:
            raise ConfigError(
                f"REPLICATE_VIDEO_MODEL={model} is not in config/video_models.yaml "
                f"(known: {', '.join(self.registry)})"
            )
        self.model = model
        self.name = f"Replicate {model}"

    def chain(self) -> list[str]:
        """The chosen model, then its fallbacks, then theirs (each model once)."""
        chain: list[str] = []
        queue = [self.model]
        while queue:
            model = queue.pop(0)
            if model in self.registry and model not in chain:
                chain.append(model)
                queue.extend(self.registry[model].fallback)
        return chain

    def render_clip(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Make the scene's clip at Replicate, download it, check its length, keep its last frame."""
        what = f"The clip for scene {request.scene.id}"
        if request.resume_prediction_id:
            try:
                return self._pick_up(request, out_dir, run)
            except ProviderError as exc:
                log.warning("Scene %d: prediction %s cannot be picked up (%s); starting a new one",
                            request.scene.id, request.resume_prediction_id, exc)
        return with_fallbacks(
            self.chain(), lambda m: self._render_with(m, request, out_dir, run), what
        )

    def _pick_up(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Poll a prediction started before the process stopped instead of paying for it twice."""
        prediction = self.runner.get(request.resume_prediction_id or "")
        model = prediction.model if prediction.model in self.registry else self.chain()[0]
        spec = self.registry[model]
        _inputs, seed_applied, seconds = build_inputs(spec, request, self.media)
        run.progress(0.0, f"Picking up scene {request.scene.id} at {model}")
        with run.metered("replicate", model, f"clip scene {request.scene.id} (picked up)") as call:
            with self.runner.limiter.slot(run.cancelled):
                done = self.runner.wait(prediction, spec.typical_s, run)
            # Already paid for when it was created: this call costs nothing more.
            return self._finish(request, out_dir, run, model, done, seconds, seed_applied, call, 0.0)

    def _render_with(
        self, model: str, request: ClipRequest, out_dir: Path, run: Run
    ) -> ClipResult:
        spec = self.registry[model]
        inputs, seed_applied, seconds = build_inputs(spec, request, self.media)
        if request.seed is not None and not seed_applied:
            log.info("%s takes no seed: scene %d cannot be reproduced exactly", model, request.scene.id)
        run.progress(0.0, f"Sending scene {request.scene.id} to {model}")
        with run.metered("replicate", model, f"clip scene {request.scene.id}") as call:
            with self.runner.limiter.slot(run.cancelled):
                prediction = self.runner.create(model, inputs)
                run.report_prediction(prediction.id)
                log.info("Scene %d: prediction %s on %s", request.scene.id, prediction.id, model)
                done = self.runner.wait(prediction, spec.typical_s, run)
            cost = costs.estimate(model, seconds=seconds, videos=1) or 0.0
            return self._finish(request, out_dir, run, model, done, seconds, seed_applied, call, cost)

    def _finish(
        self, request: ClipRequest, out_dir: Path, run: Run, model: str, done: Any,
        seconds: float, seed_applied: bool, call: ApiCall, cost: float,
    ) -> ClipResult:
        path = self.runner.download(done.output, Path(out_dir) / f"scene_{request.scene.id}.mp4")
        duration = probe_duration(path)
        if duration < 0.5 * seconds:
            log.warning("Scene %d: %s returned %.2f s where %.2f s were asked for",
                        request.scene.id, model, duration, seconds)
        call.cost_usd = cost
        last = extract_last_frame(path, Path(out_dir) / f"scene_{request.scene.id}_last.png")
        run.progress(1.0, f"Scene {request.scene.id} ready")
        return ClipResult(
            path=path,
            duration_s=duration,
            model=model,
            seed_applied=seed_applied,
            finished_frames=False,
            last_frame=last,
            prediction_id=done.id,
            cost_usd=cost,
        )
