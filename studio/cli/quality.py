"""`python -m studio score VIDEO` and `python -m studio images PROMPT_FILE`: quality from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.cli.parsing import add_command
from studio.errors import BadInput

if TYPE_CHECKING:
    from studio.imagelab import ImageLabResult
    from studio.models import QualityReport

GROUP_NAMES = ("composition", "coherence", "motion", "visual_appeal", "overall")


def _variations(text: str) -> int:
    from studio.imagelab import MAX_VARIATIONS

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= n <= MAX_VARIATIONS:
        raise argparse.ArgumentTypeError(f"must be 1 to {MAX_VARIATIONS} (got {n})")
    return n


def add_score_parser(subparsers: Any) -> argparse.ArgumentParser:
    """`score VIDEO [--prompt TEXT] [--format json|text]`."""
    return add_command(subparsers, "score", "score any MP4 on VBench's dimensions (0-100)", _score_options)


def _score_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("video", type=Path, help="the MP4 to score")
    p.add_argument("--prompt", default=None, help="the scene text, for the CLIP score")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-learned", action="store_true", help="skip CLIP/aesthetic even when weights exist")
    p.add_argument("--model-dir", default=None, help="folder with clip/, aesthetic/, pickscore/ weights")
    p.set_defaults(func=cmd_score)


def add_images_parser(subparsers: Any) -> argparse.ArgumentParser:
    """`images PROMPT_FILE [--num-variations N] [--aspect-ratio R] [--seed N] [--output-dir DIR] ...`."""
    return add_command(
        subparsers, "images", "generate, score and rank image variations of a prompt", _images_options
    )


def _images_options(p: argparse.ArgumentParser) -> None:
    from studio.imagelab import ASPECT_SIZES, MAX_VARIATIONS

    p.add_argument("prompt_file", type=Path, help="a text file holding the prompt")
    p.add_argument("--num-variations", type=_variations, default=8, help=f"1-{MAX_VARIATIONS} (default 8)")
    p.add_argument("--aspect-ratio", choices=list(ASPECT_SIZES), default="1:1")
    p.add_argument("--seed", type=int, default=None, help="first seed; the set uses seed, seed+1, …")
    p.add_argument("--output-dir", type=Path, default=None, help="default output/image_generations")
    p.add_argument("--model", default=None, help="image model (Replicate id when a token is set)")
    p.add_argument("--enhance", action="store_true", help="two text-model passes over the prompt first")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_images)


# ── score ────────────────────────────────────────────────────────────────────────────────────────


def report_json(report: QualityReport) -> dict[str, Any]:
    """The JSON `score` prints: each dimension's value and whether it is model-based, plus the groups."""
    out: dict[str, Any] = {
        name: {"value": m.value, "model_based": m.model_based, "raw": m.raw, "note": m.note}
        for name, m in report.dimensions.items()
    }
    for group in GROUP_NAMES:
        out[group] = getattr(report, group)
    out["scoring_seconds"] = report.scoring_seconds
    return out


def _fmt(value: float | None) -> str:
    return "unavailable" if value is None else f"{value:6.1f}"


def cmd_score(args: argparse.Namespace, ctx: Any = None) -> int:
    """Score one video and print every figure."""
    from studio.quality import load_learned_metrics, score_video

    if not args.video.is_file():
        print(f"error: no video at {args.video}", file=sys.stderr)
        return 2
    try:
        learned = None if args.no_learned else load_learned_metrics(args.model_dir)
        report = score_video(args.video, args.prompt, learned=learned)
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report_json(report), indent=2))
        return 0
    print(f"{args.video}  (scored in {report.scoring_seconds:.2f} s)")
    for name, m in report.dimensions.items():
        if m.value is None:
            print(f"  {name:24} {m.note}")
        else:
            print(f"  {name:24} {m.value:6.1f}{' [model]' if m.model_based else ''}  {m.note}")
    for group in GROUP_NAMES:
        print(f"  {group:24} {_fmt(getattr(report, group))}")
    return 0


# ── images ───────────────────────────────────────────────────────────────────────────────────────


def result_json(result: ImageLabResult) -> dict[str, Any]:
    """The JSON `images` prints: the ranked table, where it was written, and the cost."""
    return {
        "prompt": result.prompt,
        "enhanced_prompt": result.enhanced_prompt,
        "output_dir": str(result.output_dir),
        "best": str(result.best_path),
        "trace": str(result.trace_path),
        "seeds": result.seeds,
        "total_cost_usd": result.total_cost_usd,
        "images": [
            {
                "rank": c.rank,
                "path": str(c.path),
                "seed": c.seed,
                "model": c.model,
                "total": c.total,
                "basis": c.score.basis,
                "cost_usd": c.cost_usd,
                "scores": c.figures(),
            }
            for c in result.candidates
        ],
        "why_first_won": [{"metric": n, "winner": v, "others_mean": o} for n, v, o in result.why_first_won()],
    }


def print_ranked(result: ImageLabResult) -> None:
    """The ranked table (top three marked), the per-image cost, and why the first won."""
    from studio.imagelab.report import why_first_won_text

    columns = [k for k in result.candidates[0].score.metrics if any(
        c.score.metrics[k].value is not None for c in result.candidates)]  # fmt: skip
    print(f"Prompt: {result.prompt}")
    if result.enhanced_prompt:
        print(f"Enhanced: {result.enhanced_prompt}")
    print(f"Ranking basis: {result.candidates[0].score.basis}")
    print("     rank  seed        total  " + "  ".join(f"{c[:12]:>12}" for c in columns) + "     cost  file")
    for c in result.candidates:
        mark = ("***", "** ", "*  ")[c.rank - 1] if c.rank <= 3 else "   "
        figs = "  ".join(_fmt(c.score.metrics[k].value).rjust(12) for k in columns)
        print(f"{mark} {c.rank:5d}  {c.seed:<10d} {c.total:6.1f}  {figs}  ${c.cost_usd:.4f}  {c.path.name}")
    print(f"Total cost: ${result.total_cost_usd:.4f}   Written to {result.output_dir}")
    summary = why_first_won_text(result)  # the page shows the same text
    if summary:
        print(summary)


def cmd_images(args: argparse.Namespace, ctx: Any) -> int:
    """Generate, score and rank variations of the prompt in PROMPT_FILE."""
    from studio.imagelab import resolve_output_root, run_image_lab

    try:
        prompt = args.prompt_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read the prompt file {args.prompt_file}: {exc}", file=sys.stderr)
        return 2
    try:
        resolve_output_root(args.output_dir)  # refuse a bad folder before any paid call
        result = run_image_lab(
            prompt,
            providers=ctx.providers,
            num_variations=args.num_variations,
            aspect_ratio=args.aspect_ratio,
            seed=args.seed,
            output_dir=args.output_dir,
            model=args.model,
            enhance=args.enhance,
            limit=ctx.settings.max_concurrent,
        )
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result_json(result), indent=2))
    else:
        print_ranked(result)
    return 0
