"""What every action works with (`ActionContext`), the one refusal while an ad is at work (`busy`), and
the studio's line in the chat (`say`)."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studio.errors import Busy
from studio.models import Generation, Message

if TYPE_CHECKING:
    from studio.bootstrap import StudioContext
    from studio.config import PipelineConfig, Settings
    from studio.pipeline.orchestrator import Orchestrator
    from studio.providers.registry import Providers
    from studio.runtime.jobs import JobRunner
    from studio.store.repo import Store

BUSY = "Still working on this ad: wait for the current step to finish, or press Stop."


@dataclass(frozen=True)
class ActionContext:
    """The store, the job runner, the orchestrator that drives a generation on, and (read through the
    studio's context at each call) the providers and the settings."""

    ctx: StudioContext
    store: Store
    runner: JobRunner
    orchestrator: Orchestrator

    @property
    def providers(self) -> Providers:
        return self.ctx.providers

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    @property
    def pipeline(self) -> PipelineConfig:
        return self.ctx.pipeline


def busy(cx: ActionContext, gen_id: str, gen: Generation | None = None) -> Generation:
    """The generation, or `Busy` while this process works on it or the store shows it running."""
    gen = gen if gen is not None else cx.store.get(gen_id)
    if cx.runner.is_driving(gen_id) or gen.is_running:
        raise Busy(BUSY)
    return gen


def say(cx: ActionContext, gen_id: str, stage: str, text: str) -> None:
    """The studio's line in the generation's chat."""
    cx.store.add_message(gen_id, Message(role="assistant", stage=stage, text=text))


def done(value: object) -> Future:
    """A future that already holds `value` (for an action done in the caller's thread)."""
    future: Future = Future()
    future.set_result(value)
    return future
