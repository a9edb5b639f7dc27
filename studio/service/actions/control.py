"""Driving a generation on, stopping it and resuming it (finished stages and clips are reused)."""

from __future__ import annotations

from concurrent.futures import Future
from functools import partial

from studio.lifecycle import mark_resumed, mark_stopped
from studio.models import Generation
from studio.service.actions.base import ActionContext


def start(cx: ActionContext, gen_id: str) -> Future:
    """Drive the generation in the background from where it stands (no-op if already driven)."""
    return cx.runner.drive(gen_id, partial(cx.orchestrator.advance, gen_id))


def carry_on(cx: ActionContext, gen_id: str) -> Future:
    """Drive the generation on; called from inside a job on it, once that job ends."""
    if cx.runner.is_driving(gen_id):
        cx.runner.after(gen_id, lambda: start(cx, gen_id))
    return start(cx, gen_id)


def run(cx: ActionContext, gen_id: str) -> Generation:
    """Drive the generation in this call until a breakpoint or the end."""
    return start(cx, gen_id).result()


def resume(cx: ActionContext, gen_id: str) -> Future:
    """Carry an unfinished, stopped or failed generation on, reusing every finished stage and clip."""
    mark_resumed(cx.store, gen_id)
    return start(cx, gen_id)


def stop(cx: ActionContext, gen_id: str) -> Generation:
    """Stop a running generation: clips in flight are cancelled at the provider; finished work stays."""
    cx.runner.cancel_event(gen_id).set()
    return mark_stopped(cx.store, gen_id)


def is_busy(cx: ActionContext, gen_id: str) -> bool:
    """True while this process works on the generation (a stage or an action)."""
    return cx.runner.is_driving(gen_id)


def retry_clip(cx: ActionContext, gen_id: str, scene_id: int) -> Future:
    """Render one failed clip again; the ad is stitched once every clip is complete."""
    clip = cx.store.clip(gen_id, scene_id)
    cx.store.save_clip(gen_id, clip.model_copy(update={"status": "queued", "progress": 0, "error": None}))
    mark_resumed(cx.store, gen_id)
    return start(cx, gen_id)
