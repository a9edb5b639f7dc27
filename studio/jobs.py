"""The job runner: one executor for clip and scoring work, one small pool that drives generations.

Clip work goes to a `concurrent.futures.Executor`: a thread pool by default, or a Dask distributed
cluster's executor when STUDIO_EXECUTOR names a scheduler. Tasks sent there are top-level functions
taking plain values (settings, ids), so they pickle and rebuild what they need on the worker.

Each generation is driven by at most one thread of this process at a time; a person's click starts a
driver if none is running and otherwise leaves the running one to pick up the new state.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from studio.config import Settings

log = logging.getLogger(__name__)


def _make_executor(settings: Settings) -> tuple[Executor, Any]:
    if settings.executor == "threads":
        return ThreadPoolExecutor(max_workers=settings.max_concurrent, thread_name_prefix="studio-work"), None
    from distributed import Client

    client = Client(settings.executor, set_as_default=False, timeout="10s")
    # pure=False: Dask would otherwise cache identical calls and hand back an old clip.
    return client.get_executor(pure=False), client


class JobRunner:
    """Owns the executor for one process; shared by every generation and every user."""

    def __init__(self, settings: Settings, executor: Executor | None = None) -> None:
        self.settings = settings
        self._client = None
        if executor is None:
            executor, self._client = _make_executor(settings)
        self.executor = executor
        self.distributed = self._client is not None
        self._drivers = ThreadPoolExecutor(max_workers=32, thread_name_prefix="studio-drive")
        self._driving: dict[str, Future[Any]] = {}
        self._cancel: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self.worker_id = f"{os.uname().nodename}:{os.getpid()}"

    @property
    def parallelism(self) -> int:
        """How many tasks can truly run at once here (CPU-bound offline rendering cares)."""
        if self.distributed and self._client is not None:
            return max(1, sum(self._client.nthreads().values()))
        return min(self.settings.max_concurrent, os.cpu_count() or 1)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.executor.submit(fn, *args)

    def drive(self, gen_id: str, fn: Callable[[], Any]) -> Future[Any]:
        """Run `fn` (the orchestrator's advance) for `gen_id` unless a driver for it already runs."""
        with self._lock:
            running = self._driving.get(gen_id)
            if running is not None and not running.done():
                return running
            self._cancel.setdefault(gen_id, threading.Event()).clear()
            future = self._drivers.submit(fn)
            self._driving[gen_id] = future
            return future

    def is_driving(self, gen_id: str) -> bool:
        with self._lock:
            future = self._driving.get(gen_id)
            return future is not None and not future.done()

    def cancel_event(self, gen_id: str) -> threading.Event:
        with self._lock:
            return self._cancel.setdefault(gen_id, threading.Event())

    def shutdown(self, wait: bool = True) -> None:
        self._drivers.shutdown(wait=wait)
        self.executor.shutdown(wait=wait)
        if self._client is not None:
            self._client.close()
