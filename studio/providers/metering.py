"""Every call to an outside service is metered: provider, model, purpose, time, status, cost.

Adapters call `meter.record(ApiCall(...))`; the store's meter writes an `api_calls` row for the
generation named by `current_generation` and adds the cost to its total. Errors are recorded as a
person would read them, never with a key in them.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import datetime
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from studio.models import utcnow

current_generation: ContextVar[str | None] = ContextVar("current_generation", default=None)
prediction_sink: ContextVar[Callable[[str], None] | None] = ContextVar("prediction_sink", default=None)
"""Set by the clip task: called with a provider's prediction id the moment it exists."""


def report_prediction(prediction_id: str) -> None:
    """Tell the running clip task which prediction now works for it (kept for crash recovery)."""
    sink = prediction_sink.get()
    if sink is not None:
        sink(prediction_id)


class ApiCall(BaseModel):
    provider: str
    model: str
    purpose: str
    started_at: datetime = Field(default_factory=utcnow)
    duration_s: float = 0.0
    status: Literal["ok", "error"] = "ok"
    cost_usd: float = 0.0
    error: str | None = None
    generation_id: str | None = None


class Meter(Protocol):
    def record(self, call: ApiCall) -> None: ...


class NullMeter:
    """Keeps calls in memory; used when no store is attached (tests, one-off scripts)."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []

    def record(self, call: ApiCall) -> None:
        self.calls.append(call)


@contextlib.contextmanager
def generation_scope(generation_id: str | None) -> Iterator[None]:
    """Attribute the calls made inside to one generation (set in each worker task)."""
    token = current_generation.set(generation_id)
    try:
        yield
    finally:
        current_generation.reset(token)


@contextlib.contextmanager
def metered(meter: Meter, provider: str, model: str, purpose: str) -> Iterator[ApiCall]:
    """Time a call and record it; the body may set `call.cost_usd`. Errors are recorded and re-raised."""
    call = ApiCall(provider=provider, model=model, purpose=purpose, generation_id=current_generation.get())
    start = time.perf_counter()
    try:
        yield call
    except Exception as exc:
        call.status = "error"
        call.error = f"{type(exc).__name__}: {exc}"[:500]
        raise
    finally:
        call.duration_s = time.perf_counter() - start
        meter.record(call)
