"""`generate`, `resume` and `reexport`: make an ad, carry one on, or remake it at another aspect ratio.

At a stop (interactive mode) the command shows what waits and reads the person's answer from the terminal.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from studio.cli.brief import CLI_OWNER, add_brief_arguments, brief_from_args
from studio.cli.context import CliContext
from studio.cli.parsing import add_command


def add_generate_parsers(subparsers: Any) -> None:
    """`generate`, `resume` and `reexport`, each with its options added only when it is chosen."""
    add_command(subparsers, "generate", "make an ad from a prompt", _generate_options)
    add_command(subparsers, "resume", "carry an unfinished generation to its end", _resume_options)
    add_command(subparsers, "reexport", "the same ad at another aspect ratio (same story and scenes)",
                _reexport_options)  # fmt: skip


def _generate_options(g: argparse.ArgumentParser) -> None:
    add_brief_arguments(g, seed_help="0 to 2^31-1; default: random (printed)")
    g.add_argument("--no-seed", dest="seed_control", action="store_false",
                   help="do not send the seed to the models (each clip varies freely)")  # fmt: skip
    mode = g.add_mutually_exclusive_group()
    mode.add_argument("--auto", dest="mode", action="store_const", const="automated")
    mode.add_argument("--interactive", dest="mode", action="store_const", const="interactive")
    g.add_argument(
        "--caption-style",
        default="plain",
        choices=["plain", "highlight", "pop-in"],
        help="plain: the phrase; highlight: the spoken word lit; pop-in: words appear as spoken",
    )
    g.add_argument(
        "--voice",
        default=None,
        help="an OpenAI voice (alloy, ash, ballad, coral, echo, fable, nova, onyx, sage, shimmer) "
        "or, offline, an espeak-ng voice (`espeak-ng --voices`); default: the language's",
    )
    g.add_argument(
        "--language",
        default="",
        help="the ad's language, a short BCP-47 code (en, es, pt-br); default: the brief's own",
    )
    g.add_argument("--out", type=Path, help="copy the finished MP4 and poster into this folder")
    g.add_argument("--format", choices=["text", "json"], default="text")
    g.set_defaults(func=cmd_generate, mode="automated")


def _resume_options(r: argparse.ArgumentParser) -> None:
    r.add_argument("generation_id")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.set_defaults(func=cmd_resume)


def _reexport_options(e: argparse.ArgumentParser) -> None:
    from studio.models import ASPECT_RATIOS

    e.add_argument("generation_id")
    e.add_argument("--aspect-ratio", required=True, choices=ASPECT_RATIOS)
    e.add_argument("--out", type=Path, help="copy the finished MP4 and poster into this folder")
    e.add_argument("--format", choices=["text", "json"], default="text")
    e.set_defaults(func=cmd_reexport)


def _summary(ctx: Any, gen_id: str) -> dict[str, Any]:
    gen = ctx.store.get(gen_id)
    media = ctx.providers.media
    scores = ctx.store.quality(gen_id)
    ad = scores.get(None)
    return {
        "generation_id": gen.id,
        "status": gen.status,
        "stage": gen.stage,
        "video": str(media.url(gen.ad.location)) if gen.ad else None,
        "poster": str(media.url(gen.ad.poster)) if gen.ad else None,
        "seed": gen.seed,
        "duration_s": gen.ad.duration_s if gen.ad else None,
        "aspect_ratio": gen.brief.aspect_ratio,
        "scenes": [s.model_dump(mode="json") for s in gen.scenes],
        "references": [
            {"kind": r.kind, "source": r.source, "upload": r.upload, "path": media.url(r.location)}
            for r in gen.references
        ],
        "keyframes": [
            {"scene_id": k.scene_id, "source": k.source, "path": media.url(k.location)} for k in gen.keyframes
        ],
        "clips": [
            {
                "scene_id": c.scene_id,
                "status": c.status,
                "path": media.url(c.location) if c.location else None,
                "voice_note": c.voice_note,
            }
            for c in gen.clips
        ],
        "scores": {
            "overall": ad.overall if ad else None,
            "clips": {str(k): (v.overall if v else None) for k, v in scores.items() if k is not None},
            **_ad_checks_json(ad),
        },
        "cost_usd": round(gen.cost_usd, 4),
        "providers": ctx.providers.describe(),
        "error": gen.error,
    }


def _ad_checks_json(ad: Any) -> dict[str, Any]:
    """The ad's checklist, what its overall covers and its text read back (empty before scoring)."""
    if ad is None:
        return {"overall_covers": [], "groups": {}, "checklist": [], "text_readback": []}
    return {
        "overall_covers": ad.overall_covers,
        "groups": {g: getattr(ad, g) for g in ("composition", "coherence", "motion", "visual_appeal")},
        "checklist": [c.model_dump(mode="json") for c in ad.checklist],
        "text_readback": [t.model_dump(mode="json") for t in ad.text_readback],
    }


def _finish(ctx: Any, gen_id: str, fmt: str, out: Path | None = None) -> int:
    summary = _summary(ctx, gen_id)
    if out is not None and summary["video"]:
        out.mkdir(parents=True, exist_ok=True)
        gen = ctx.store.get(gen_id)
        for loc, name in ((gen.ad.location, f"{gen_id}.mp4"), (gen.ad.poster, f"{gen_id}.jpg")):
            shutil.copyfile(ctx.providers.media.local_path(loc), out / name)
        summary["video"], summary["poster"] = str(out / f"{gen_id}.mp4"), str(out / f"{gen_id}.jpg")
    if fmt == "json":
        print(json.dumps(summary))
    else:
        _print_text(summary)
    if summary["status"] == "awaiting_approval":  # the person stopped answering: it waits, nothing failed
        if fmt == "text":
            print(f"Waiting for your approval at the {summary['stage']}. Carry on with: "
                  f"python -m studio resume {gen_id}")  # fmt: skip
        return 0
    return 0 if summary["status"] == "completed" else 1


def _print_text(s: dict[str, Any]) -> None:
    print(f"Generation {s['generation_id']}: {s['status']}  (seed {s['seed']})")
    if s["error"]:
        print(f"  {s['error']}")
    for c in s["clips"]:
        print(f"  scene {c['scene_id']}: {c['status']}")
    if s["video"]:
        print(f"Ad:     {s['video']}  ({s['duration_s']:.1f} s, {s['aspect_ratio']})")
        print(f"Poster: {s['poster']}")
    overall = s["scores"]["overall"]
    print(f"Score:  {overall:.0f}/100" if overall is not None else "Score:  unavailable")
    print(f"Cost:   ${s['cost_usd']:.2f}")


def _ask(studio: Any, gen_id: str) -> bool:
    """At a breakpoint, show what waits and read the person's answer from the terminal."""
    gen = studio.store.get(gen_id)
    media = studio.ctx.providers.media
    if gen.stage == "story" and gen.story:
        st = gen.story
        print(f"\n── Story ({st.framework}, critic {st.critic_score}/10): {st.title}\n{st.text}\n")
    elif gen.stage == "references":
        print("\n── References")
        for i, r in enumerate(gen.references, 1):
            origin = f"from your upload {r.upload}" if r.source == "brand" else "generated"
            print(f"  {i}. {r.kind} ({origin}): {media.url(r.location)}")
    elif gen.stage == "storyboard":
        print("\n── Storyboard (no video is made before you approve it)")
        at = 0.0
        frames = {k.scene_id: k for k in gen.keyframes}
        for s in gen.scenes:
            frame = frames.get(s.id)
            print(f"  {s.id}. [{at:.1f}-{at + s.duration_s:.1f}s] {s.description}")
            print(f"     text: {s.on_screen_text}  frame: {media.url(frame.location) if frame else 'none'}")
            at += s.duration_s
        cost = studio.video_cost_estimate(gen)
        priced = "estimate unavailable" if cost is None else f"about ${cost:.2f} at list prices"
        print(f"  Video stage: {priced}")
    else:
        print("\n── Scenes" + (" (written before the references changed)" if gen.scenes_outdated else ""))
        for s in gen.scenes:
            print(f"  {s.id}. [{s.duration_s:.1f}s] {s.description}")
            print(f"     text: {s.on_screen_text}  voice: {s.voiceover}")
    try:
        answer = input("Approve (yes), ask for changes, 'regenerate', or 'edit scene N: ...' > ")
    except EOFError:  # no one to answer: leave it waiting at this stop
        print()
        return False
    studio.respond(gen_id, answer or "yes").result()
    return True


def cmd_generate(args: argparse.Namespace, cli: CliContext) -> int:
    from studio.service import Studio

    ctx = cli.studio_context
    brief = brief_from_args(args, ctx.providers.media)
    studio = Studio(ctx)
    gen = studio.create(brief, CLI_OWNER, signed_in=False)  # limited only while a key is in use
    if args.format == "text":
        served = ", ".join(f"{port}: {name}" for port, name in ctx.providers.describe().items())
        print(f"Generation {gen.id} (seed {gen.seed}) with {served}")
    gen = studio.run(gen.id)
    while gen.status == "awaiting_approval" and _ask(studio, gen.id):
        gen = studio.run(gen.id)
    return _finish(ctx, gen.id, args.format, args.out)


def cmd_resume(args: argparse.Namespace, cli: CliContext) -> int:
    from studio.service import Studio

    ctx = cli.studio_context
    studio = Studio(ctx)
    gen = studio.resume(args.generation_id).result()
    while gen.status == "awaiting_approval" and sys.stdin.isatty() and _ask(studio, gen.id):
        gen = studio.run(gen.id)
    return _finish(ctx, gen.id, args.format)


def cmd_reexport(args: argparse.Namespace, cli: CliContext) -> int:
    from studio.service import Studio

    ctx = cli.studio_context
    studio = Studio(ctx)
    gen = studio.reexport(args.generation_id, args.aspect_ratio)
    studio.run(gen.id)
    return _finish(ctx, gen.id, args.format, args.out)
