"""The Run: what one piece of work on a generation carries with it, handed down as an argument.

The orchestrator makes one per generation; a service action makes one for the generation it changes;
a worker task makes one from the plain values it was sent. Stages and adapters receive it with every
call, the way an httpx transport receives `request.extensions`, so a thread pool or a Dask worker
cannot lose the generation: the id is an argument, not an ambient variable.

A Run carries
- `generation_id`: the generation every API call is charged to (None for work outside any ad);
- `meter`: where each call is recorded (the store's `api_calls` table, or memory);
- `cancelled`: the person's Stop, checked by long calls;
- `on_prediction`: stores a provider's prediction id the moment it exists (crash pickup);
- `on_progress`: the fraction done and a sentence, for the page's stepper and progress bars.

This module is on the ground floor: it imports nothing from the studio but the domain models.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from studio.models import OnProgress, utcnow


class ApiCall(BaseModel):
    """One call to an outside service: who, what for, how long, what it cost, how it ended."""

    provider: str
    model: str
    purpose: str
    started_at: datetime = Field(default_factory=utcnow)
    duration_s: float = 0.0
    status: Literal["ok", "error"] = "ok"
    cost_usd: float = 0.0
    error: str | None = None
    generation_id: str | None = None


def stage_of(purpose: str) -> str:
    """The stage of the ad a call's purpose belongs to (for the cost per stage)."""
    head = purpose.split(" ", 1)[0]
    if head.startswith("story_"):
        return "story"
    if head.startswith("scene_"):
        return "scenes"
    if head in ("image_prompt", "image", "vision", "inpaint"):
        return "references"
    if head in ("clip", "voiceover"):
        return "clips"
    if head == "intent":
        return "chat"
    return "other"


class Meter(Protocol):
    def record(self, call: ApiCall) -> None: ...


class MemoryMeter:
    """Keeps calls in memory: one-off scripts, the image lab without a store, tests."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []

    def record(self, call: ApiCall) -> None:
        self.calls.append(call)


def _never() -> bool:
    return False


def _ignore(_prediction_id: str) -> None:
    return None


def _quiet(_fraction: float, _message: str) -> None:
    return None


@dataclass(frozen=True)
class Run:
    """One generation's errand: charge calls to it, honour its Stop, keep its prediction ids, report."""

    generation_id: str | None
    meter: Meter = field(default_factory=MemoryMeter)
    cancelled: Callable[[], bool] = _never
    on_prediction: Callable[[str], None] = _ignore
    on_progress: OnProgress = _quiet

    @classmethod
    def detached(cls, meter: Meter | None = None) -> Run:
        """A Run for work that belongs to no generation (the image lab, `studio score`)."""
        return cls(None, meter or MemoryMeter())

    def with_progress(self, on_progress: OnProgress) -> Run:
        return replace(self, on_progress=on_progress)

    def with_prediction_sink(self, on_prediction: Callable[[str], None]) -> Run:
        return replace(self, on_prediction=on_prediction)

    def with_cancel(self, cancelled: Callable[[], bool]) -> Run:
        return replace(self, cancelled=cancelled)

    def progress(self, fraction: float, message: str) -> None:
        self.on_progress(max(0.0, min(1.0, fraction)), message)

    def part(self, start: float, end: float) -> Run:
        """A Run whose progress 0..1 maps onto start..end of this one's (a step inside a stage)."""
        outer = self.on_progress

        def scaled(fraction: float, message: str) -> None:
            outer(start + (end - start) * max(0.0, min(1.0, fraction)), message)

        return replace(self, on_progress=scaled)

    def report_prediction(self, prediction_id: str) -> None:
        """A provider's prediction now works for this run: keep its id (picked up after a crash)."""
        self.on_prediction(prediction_id)

    def charge(self, call: ApiCall) -> None:
        """Record a finished call against this run's generation."""
        self.meter.record(call.model_copy(update={"generation_id": self.generation_id}))

    @contextlib.contextmanager
    def metered(self, provider: str, model: str, purpose: str) -> Iterator[ApiCall]:
        """Time a call and charge it; the body may set `call.cost_usd`. Errors are recorded, re-raised."""
        call = ApiCall(provider=provider, model=model, purpose=purpose, generation_id=self.generation_id)
        start = time.perf_counter()
        try:
            yield call
        except Exception as exc:
            call.status = "error"
            call.error = f"{type(exc).__name__}: {exc}"[:500]
            raise
        finally:
            call.duration_s = time.perf_counter() - start
            self.meter.record(call)


__all__ = ["ApiCall", "MemoryMeter", "Meter", "Run"]
