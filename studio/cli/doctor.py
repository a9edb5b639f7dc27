"""`doctor`: which provider serves each port, the keys and models, the database, storage, executor, ffmpeg."""

from __future__ import annotations

import argparse
from typing import Any

from studio.cli.context import CliContext
from studio.cli.parsing import add_command


def add_doctor_parser(subparsers: Any) -> argparse.ArgumentParser:
    """`doctor`: it takes no options."""
    what = "which provider serves each port, the database, storage, executor, ffmpeg"
    return add_command(subparsers, "doctor", what, lambda d: d.set_defaults(func=cmd_doctor))


def cmd_doctor(args: argparse.Namespace, cli: CliContext) -> int:
    import imageio_ffmpeg

    from studio.store.db import _redact

    ctx = cli.studio_context
    s = ctx.settings
    print("Providers:")
    for port, name in ctx.providers.describe().items():
        print(f"  {port:8} {name}")
    keys_ok = _doctor_keys_and_models(s)
    keys_ok = _doctor_comfyui(s) and keys_ok
    keys_ok = _doctor_local(s) and keys_ok
    print(f"Database: {_redact(s.resolved_database_url)}")
    print(f"Storage:  {ctx.providers.media.name}")
    print(f"Executor: {s.executor} (up to {s.max_concurrent} at once)")
    try:
        print(f"ffmpeg:   {imageio_ffmpeg.get_ffmpeg_exe()} ({imageio_ffmpeg.get_ffmpeg_version()})")
    except RuntimeError as exc:
        print(f"ffmpeg:   missing ({exc})")
        return 1
    return 0 if keys_ok else 1


def _doctor_keys_and_models(settings: Any) -> bool:
    """Check each key with one cheap call (the live catalogue, read now) and list every model's state."""
    from studio.config import load_settings
    from studio.providers.live_catalogue import (
        CatalogueReadError,
        check_replicate_token,
        fetch_openai,
        fetch_replicate,
    )
    from studio.providers.model_choice import choose_models, replicate_models_in_use

    configured = load_settings() if settings.models_resolved else settings  # as the person set them
    ok, openai_live, replicate_live = True, None, None
    print("Keys:")
    if configured.use_openai:
        try:
            openai_live = fetch_openai(configured)
            listed = f"{len(openai_live.models)} models at {openai_live.source}"
            print(f"  OPENAI_API_KEY       accepted ({listed})")
        except CatalogueReadError as exc:
            ok = False
            print(f"  OPENAI_API_KEY       {exc}")
    else:
        print("  OPENAI_API_KEY       not set (text, vision and voice offline)")
    if configured.use_replicate:
        try:
            account = check_replicate_token(configured)
            replicate_live = fetch_replicate(configured, replicate_models_in_use(configured))
            print(f"  REPLICATE_API_TOKEN  accepted (account {account})")
        except CatalogueReadError as exc:
            ok = False
            print(f"  REPLICATE_API_TOKEN  {exc}")
    else:
        elsewhere = [where for where, on in (
            ("a local model", bool(configured.local_image_model or configured.local_video_model)),
            ("ComfyUI", configured.use_comfyui),
        ) if on]  # fmt: skip
        served = f"pictures and clips from {' and '.join(elsewhere)} or offline" if elsewhere else (
            "pictures and clips offline"
        )
        print(f"  REPLICATE_API_TOKEN  not set ({served})")
    choice = choose_models(configured, openai_live, replicate_live)
    if choice.statuses:
        print("Models:")
        for status in choice.statuses:
            print(f"  {status.port:7} {status.variable:23} {status.describe()}")
    for notice in choice.notices:
        print(f"warning: {notice}")
    for problem in choice.problems:
        ok = False
        print(f"problem: {problem}")
    return ok


def _doctor_comfyui(settings: Any) -> bool:
    """STUDIO_COMFYUI_URL: whether the server answers, and whether it has each template's nodes and models."""
    if not settings.use_comfyui:
        return True
    from studio.providers.comfyui import check_server

    print("ComfyUI:")
    lines, ok = check_server(settings.comfyui_url)
    for line in lines:
        print(line)
    return ok


def _doctor_local(settings: Any, *, device: Any = None, cache_dir: Any = None) -> bool:
    """STUDIO_LOCAL_IMAGE_MODEL / STUDIO_LOCAL_VIDEO_MODEL: weights here, fit on the GPU torch sees."""
    if not (settings.local_image_model or settings.local_video_model):
        return True
    from studio.providers.local_models import local_statuses

    print("Local models:")
    if settings.offline:
        print("  STUDIO_OFFLINE is set: the offline engine serves their ports instead")
    statuses = local_statuses(
        settings.local_image_model, settings.local_video_model, device=device, cache_dir=cache_dir
    )
    print(f"  device  {statuses[0].device.describe()}")
    for status in statuses:
        print(f"  {status.port:7} {status.describe()}")
    return all(status.ok for status in statuses)
