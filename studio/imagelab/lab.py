"""The image lab: generate variations of one prompt, score each, rank them, write them out with a trace.

Seeds run seed, seed+1, …, so one seed reproduces the set (the offline painter gives byte-identical
images). Ranking weights and scales are in `studio.quality.image_scores`.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from studio.errors import BadInput
from studio.models import SEED_MAX, ImagePrompt, MetricValue, OnProgress, utcnow
from studio.providers.limits import DEFAULT_LIMIT, calls_at_once
from studio.providers.ports import (
    ImageModel,
    ImageRequest,
    PromptCinematographerRequest,
    PromptEngineerRequest,
)
from studio.quality.image_scores import WEIGHTS, ImageScore, score_images
from studio.quality.learned import LearnedMetrics, load_learned_metrics
from studio.run import ApiCall, Meter, Run
from studio.seeds import derive, new_seed

log = logging.getLogger(__name__)

ASPECT_SIZES: dict[str, tuple[int, int]] = {
    "1:1": (720, 720),
    "4:3": (960, 720),
    "16:9": (1280, 720),
    "9:16": (720, 1280),
}
"""Pixel size asked of the model per aspect ratio (short side 720, exact ratios)."""
MAX_VARIATIONS = 16
DEFAULT_ROOT = Path("output") / "image_generations"


@dataclass
class ImageCandidate:
    """One generated, scored variation."""

    rank: int
    seed: int
    path: Path
    model: str
    score: ImageScore
    cost_usd: float
    generated_at: str
    generation_seconds: float

    @property
    def total(self) -> float:
        return self.score.total

    def figures(self) -> dict[str, float | None]:
        return {k: m.value for k, m in self.score.metrics.items()}


@dataclass
class ImageLabResult:
    """The ranked candidates (best first) and where everything was written."""

    prompt: str
    enhanced_prompt: str | None
    candidates: list[ImageCandidate]
    output_dir: Path
    best_path: Path
    trace_path: Path
    seeds: list[int]
    total_cost_usd: float
    api_calls: list[dict[str, Any]] = field(default_factory=list)

    def why_first_won(self) -> list[tuple[str, float, float | None]]:
        """Per metric: the winner's figure and the mean of the others (None when it stands alone)."""
        best, others = self.candidates[0], self.candidates[1:]
        rows = []
        for name, metric in best.score.metrics.items():
            if metric.value is None:
                continue
            rest = [c.score.metrics[name].value for c in others if c.score.metrics[name].value is not None]
            rows.append((name, metric.value, round(sum(rest) / len(rest), 2) if rest else None))
        return rows


class LabJob:
    """One lab run on the job runner, as a page sees it: progress, then a result or an error.

    The worker writes through `report`, `finish` and `fail`; any thread may read. No Streamlit here:
    the page polls this object.
    """

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self._lock = threading.Lock()
        self._fraction, self._message = 0.0, "Waiting for a free worker"
        self._result: ImageLabResult | None = None
        self._error: str | None = None
        self._done = threading.Event()

    def report(self, fraction: float, message: str) -> None:
        """The lab's progress callback."""
        with self._lock:
            self._fraction, self._message = max(0.0, min(1.0, fraction)), message

    def finish(self, result: ImageLabResult) -> None:
        with self._lock:
            self._result, self._fraction = result, 1.0
        self._done.set()

    def fail(self, message: str) -> None:
        with self._lock:
            self._error = message
        self._done.set()

    @property
    def progress(self) -> tuple[float, str]:
        """The fraction done (0..1) and what is happening, in a sentence."""
        with self._lock:
            return self._fraction, self._message

    @property
    def result(self) -> ImageLabResult | None:
        with self._lock:
            return self._result

    @property
    def error(self) -> str | None:
        with self._lock:
            return self._error

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run ends (tests, the CLI); True if it did within `timeout`."""
        return self._done.wait(timeout)


# ── Checks ───────────────────────────────────────────────────────────────────────────────────────


def resolve_output_root(output_dir: Path | str | None, cwd: Path | None = None) -> Path:
    """Where the dated folder goes: inside the working tree for a relative path; an absolute path as given."""
    cwd = (cwd or Path.cwd()).resolve()
    if output_dir is None:
        return cwd / DEFAULT_ROOT
    path = Path(output_dir).expanduser()
    if path.is_absolute():
        return path
    resolved = (cwd / path).resolve()
    if not resolved.is_relative_to(cwd):
        raise BadInput(
            f"--output-dir {output_dir} leads outside the working folder {cwd}; "
            "give a folder inside it, or an absolute path"
        )
    return resolved


def check_request(prompt: str, num_variations: int, aspect_ratio: str, seed: int | None) -> str:
    """Validate the lab's inputs; returns the stripped prompt."""
    prompt = prompt.strip()
    if not prompt:
        raise BadInput("The prompt is empty: describe the image you want")
    if not 1 <= num_variations <= MAX_VARIATIONS:
        raise BadInput(f"Number of variations must be 1 to {MAX_VARIATIONS} (got {num_variations})")
    if aspect_ratio not in ASPECT_SIZES:
        raise BadInput(f"Aspect ratio must be one of {', '.join(ASPECT_SIZES)} (got {aspect_ratio})")
    if seed is not None and not 0 <= seed <= SEED_MAX - num_variations + 1:
        raise BadInput(f"The seed must be 0 to {SEED_MAX - num_variations + 1} (got {seed})")
    return prompt


def image_model_for(image: ImageModel, model: str | None) -> ImageModel:
    """The image adapter to use: the configured one, or the same kind of adapter on another model."""
    if model is None or model == getattr(image, "name", None):
        return image
    runner, registry = getattr(image, "runner", None), getattr(image, "registry", None)
    if runner is not None and registry is not None:  # a Replicate adapter: same client, other model
        return type(image)(runner, model, media=image.media, registry=registry)  # type: ignore[attr-defined,call-arg]
    raise BadInput(
        f"The image model {model!r} is not available here: images come from {image.name}. "
        "Set REPLICATE_API_TOKEN to choose a Replicate model, or leave --model out"
    )


# ── Steps ────────────────────────────────────────────────────────────────────────────────────────


def enhance_prompt(prompt: str, text: Any, run: Run) -> tuple[str, str]:
    """Two passes through the text model: a cinematographer's, then a prompt engineer's."""
    cine = text.generate(PromptCinematographerRequest(prompt=prompt), ImagePrompt, run).prompt
    engineered = text.generate(PromptEngineerRequest(prompt=cine), ImagePrompt, run).prompt
    return cine, engineered


def dated_folder(root: Path) -> Path:
    """root/YYYYMMDD_HHMMSS, with _2, _3 … when a run in the same second took the name."""
    stamp = datetime.now().strftime("%Y%m%d_%H%M%S")
    root.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:  # mkdir claims a name atomically: two people's runs in the same second get two folders
        folder = root / (stamp if n == 1 else f"{stamp}_{n}")
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            n += 1


def _metric_json(m: MetricValue) -> dict[str, Any]:
    return m.model_dump(mode="json")


def _candidate_json(c: ImageCandidate, prompt: str, original: str, size: tuple[int, int], ar: str) -> dict:
    return {
        "rank": c.rank,
        "file": c.path.name,
        "path": str(c.path),
        "prompt": prompt,
        "original_prompt": original,
        "model": c.model,
        "seed": c.seed,
        "aspect_ratio": ar,
        "width": size[0],
        "height": size[1],
        "generated_at": c.generated_at,
        "generation_seconds": round(c.generation_seconds, 3),
        "cost_usd": c.cost_usd,
        "total": c.total,
        "basis": c.score.basis,
        "weights": c.score.weights,
        "scores": {k: _metric_json(m) for k, m in c.score.metrics.items()},
    }


class _Judge:
    """The vision model's yes/no check with this run attached (calls are charged to it)."""

    def __init__(self, vision: Any, run: Run) -> None:
        self.vision, self.run = vision, run

    def yes_probability(self, image_path: Path, question: str) -> float | None:
        return self.vision.yes_probability(image_path, question, self.run)


class _CallLog:
    """A Meter that keeps this lab run's calls for its trace and passes each on (to the store, say)."""

    def __init__(self, forward: Meter) -> None:
        self.forward = forward
        self.calls: list[ApiCall] = []

    def record(self, call: ApiCall) -> None:
        self.calls.append(call)
        self.forward.record(call)


# ── The lab ──────────────────────────────────────────────────────────────────────────────────────


def run_image_lab(
    prompt: str,
    *,
    providers: Any,
    num_variations: int = 8,
    aspect_ratio: str = "1:1",
    seed: int | None = None,
    output_dir: Path | None = None,
    model: str | None = None,
    enhance: bool = False,
    on_progress: OnProgress | None = None,
    learned: LearnedMetrics | Literal["load"] | None = "load",
    run: Run | None = None,
    limit: int = DEFAULT_LIMIT,
) -> ImageLabResult:
    """Generate `num_variations` images of the prompt, score and rank them, and write them out.

    The variations are requested at once, up to `limit` (settings.max_concurrent) for a remote model.
    """
    report = on_progress or (lambda _f, _m: None)
    run = run or Run.detached()
    started = utcnow()
    # 1. Check inputs
    original = check_request(prompt, num_variations, aspect_ratio, seed)
    root = resolve_output_root(output_dir)
    image_model = image_model_for(providers.image, model)
    first_seed = seed if seed is not None else new_seed(room=MAX_VARIATIONS)
    seeds = [derive(first_seed, index=i) for i in range(num_variations)]
    # The trace lists this run's own calls, whatever meter the Run records to (a store keeps no list).
    call_log = _CallLog(run.meter)
    run = replace(run, meter=call_log)
    steps = num_variations * 2 + (2 if enhance else 0) + 1
    done = 0

    # 2. Enhance the prompt
    cine = engineered = None
    if enhance:
        report(0.0, "Enhancing the prompt (cinematographer, then prompt engineer)")
        cine, engineered = enhance_prompt(original, providers.text, run)
        done += 2
    used_prompt = engineered or original

    # 3. Generate the variations
    folder = dated_folder(root)
    work = folder / ".unranked"
    work.mkdir()
    width, height = ASPECT_SIZES[aspect_ratio]

    def variation(s: int) -> tuple[int, Path, Any, str, float]:
        t0 = time.perf_counter()
        request = ImageRequest(
            prompt=used_prompt, width=width, height=height, aspect_ratio=aspect_ratio, seed=s
        )
        image = image_model.generate(request, run)
        path = work / f"seed_{s}.png"
        path.write_bytes(image.png)
        return s, path, image, utcnow().isoformat(), time.perf_counter() - t0

    # All at once up to the provider limit (the offline painter: up to the cores); kept in seed order.
    at_once = min(num_variations, calls_at_once(image_model, limit))
    report(done / steps, f"Generating {num_variations} images, {at_once} at a time (seeds from {first_seed})")
    made: dict[int, tuple[int, Path, Any, str, float]] = {}
    with ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="imagelab") as pool:
        futures = [pool.submit(variation, s) for s in seeds]
        try:
            for future in as_completed(futures):
                item = future.result()
                made[item[0]] = item
                done += 1
                report(done / steps, f"Generated image {len(made)} of {num_variations} (seed {item[0]})")
        finally:  # a failure: the images not yet started are not paid for
            for future in futures:
                future.cancel()
    raw = [made[s] for s in seeds]

    # 4. Score and rank
    report(done / steps, "Scoring the images")
    metrics = load_learned_metrics() if learned == "load" else learned
    judge = _Judge(providers.vision, run) if hasattr(providers.vision, "yes_probability") else None
    scores = score_images([p for _, p, *_ in raw], used_prompt, learned=metrics, judge=judge)
    done += num_variations
    order = sorted(range(len(raw)), key=lambda i: (-scores[i].total, raw[i][0]))

    # 5. Write the ranked set and the trace
    report(done / steps, "Writing the ranked images")
    candidates = []
    for rank, i in enumerate(order, start=1):
        s, tmp, image, at, secs = raw[i]
        dest = folder / f"image_{rank:03d}.png"
        tmp.replace(dest)
        candidates.append(ImageCandidate(rank, s, dest, image.model, scores[i], image.cost_usd, at, secs))
    work.rmdir()
    best = folder / "best_candidate.png"
    shutil.copyfile(candidates[0].path, best)
    for c in candidates:
        meta = _candidate_json(c, used_prompt, original, (width, height), aspect_ratio)
        (folder / f"image_{c.rank:03d}_metadata.json").write_text(
            json.dumps(meta, indent=2), encoding="utf-8"
        )
    api_calls = [c.model_dump(mode="json") for c in call_log.calls]
    total_cost = round(sum(c.cost_usd for c in candidates), 6)
    trace = {
        "original_prompt": original,
        "cinematographer_prompt": cine,
        "enhanced_prompt": engineered,
        "prompt_used": used_prompt,
        "settings": {
            "num_variations": num_variations,
            "aspect_ratio": aspect_ratio,
            "width": width,
            "height": height,
            "seed": first_seed,
            "seed_given": seed is not None,
            "model": model or image_model.name,
            "enhance": enhance,
            "weights": WEIGHTS,
            "learned_metrics": metrics.describe() if metrics else None,
            "providers": {
                "image": image_model.name,
                "text": providers.text.name,
                "vision": providers.vision.name,
            },
        },
        "seeds": seeds,
        "started_at": started.isoformat(),
        "finished_at": utcnow().isoformat(),
        "images": [
            _candidate_json(c, used_prompt, original, (width, height), aspect_ratio) for c in candidates
        ],
        "best_candidate": str(best),
        "api_calls": api_calls,
        "total_cost_usd": total_cost,
    }
    trace_path = folder / "generation_trace.json"
    trace_path.write_text(json.dumps(trace, indent=2), encoding="utf-8")
    report(1.0, f"Done: {num_variations} images ranked in {folder}")
    log.info("image lab wrote %d images to %s", num_variations, folder)
    return ImageLabResult(
        original, engineered, candidates, folder, best, trace_path, seeds, total_cost, api_calls
    )
