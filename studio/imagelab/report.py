"""What a finished image lab run offers a reader: its result read back from the trace, the "why #1 won"
summary, the files to download, and the image models the lab can switch to.

The command line (`studio/cli/quality.py`) and the page (`studio/ui/imagelab.py`) both use these, so the
two say the same thing about the same run. No Streamlit here.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from studio.errors import BadInput
from studio.imagelab.lab import ImageCandidate, ImageLabResult
from studio.models import MetricValue
from studio.quality.image_scores import ImageScore

TRACE_NAME = "generation_trace.json"
BEST_NAME = "best_candidate.png"


def _fmt(value: float | None) -> str:
    return "unavailable" if value is None else f"{value:6.1f}"


def why_first_won_text(result: ImageLabResult) -> str:
    """The lines the CLI prints under the ranking: #1's figures against the mean of the others.

    Empty when the run made one image: there is nothing to compare it with.
    """
    if len(result.candidates) < 2:
        return ""
    lines = [f"Why #1 (seed {result.candidates[0].seed}) won, against the mean of the others:"]
    for name, value, others in result.why_first_won():
        diff = f"{value - others:+.1f}" if others is not None else ""
        lines.append(f"  {name:16} {value:6.1f} vs {_fmt(others)}  {diff}")
    return "\n".join(lines)


def load_lab_result(trace_path: Path | str) -> ImageLabResult:
    """A finished run read back from its trace file (the files are looked up beside it)."""
    trace_path = Path(trace_path)
    try:
        trace = json.loads(trace_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"The image lab run at {trace_path.parent.name} cannot be read back: {exc}") from None
    folder = trace_path.parent
    candidates = [
        ImageCandidate(
            rank=item["rank"],
            seed=item["seed"],
            path=folder / item["file"],
            model=item["model"],
            score=ImageScore(
                metrics={k: MetricValue.model_validate(m) for k, m in item["scores"].items()},
                total=item["total"],
                basis=item["basis"],
                weights=item["weights"],
            ),
            cost_usd=item["cost_usd"],
            generated_at=item["generated_at"],
            generation_seconds=item["generation_seconds"],
        )
        for item in trace["images"]
    ]
    return ImageLabResult(
        prompt=trace["original_prompt"],
        enhanced_prompt=trace["enhanced_prompt"],
        candidates=candidates,
        output_dir=folder,
        best_path=folder / Path(trace["best_candidate"]).name,
        trace_path=trace_path,
        seeds=trace["seeds"],
        total_cost_usd=trace["total_cost_usd"],
        api_calls=trace["api_calls"],
    )


def metadata_path(candidate: ImageCandidate) -> Path:
    """The metadata file beside a candidate's image: image_001.png → image_001_metadata.json."""
    return candidate.path.with_name(f"{candidate.path.stem}_metadata.json")


def run_folder_zip(folder: Path) -> bytes:
    """Every file the lab wrote for one run (images, metadata, trace), as a ZIP in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            # PNGs are compressed already: store them, deflate only the JSON
            kind = zipfile.ZIP_STORED if path.suffix == ".png" else zipfile.ZIP_DEFLATED
            archive.write(path, arcname=f"{folder.name}/{path.name}", compress_type=kind)
    return buffer.getvalue()


def image_model_choices(image: Any) -> list[str]:
    """The image models the lab can use through this adapter (what `--model` accepts), configured one first.

    A Replicate adapter offers its registry's text-to-image chain; the offline painter offers none.
    """
    registry, runner = getattr(image, "registry", None), getattr(image, "runner", None)
    models = getattr(image, "models", None)
    if registry is None or runner is None or not models:
        return []
    current = models[0]
    return [current, *[m for m in registry.chain if m != current and m in registry.models]]
