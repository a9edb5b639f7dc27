"""The job runner: one executor for clip and scoring work, one small pool that drives generations.

Clip work goes to a `concurrent.futures.Executor`: a thread pool by default, or a Dask distributed
cluster's executor when STUDIO_EXECUTOR names a scheduler. Tasks sent there are top-level functions
taking plain values (settings, ids), so they pickle and rebuild what they need on the worker.

Each generation is driven by at most one thread of this process at a time; a person's click starts a
driver if none is running and otherwise leaves the running one to pick up the new state.

When the process exits (a deploy's SIGTERM ends `streamlit run`), the runner does not wait for work
in flight: every Run sees `exiting` and stops at its next check, the generations it drove are released
(left running, heartbeat cleared) so the next start resumes them at once, and after a short grace the
process ends whatever is still busy. Finished clips are in the store; nothing is lost but the partial one.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from studio.config import Settings

log = logging.getLogger(__name__)
EXIT_GRACE_S = 4.0
"""How long an exiting process waits for its stages to notice (a deploy allows about 10 s in all)."""
_runners: weakref.WeakSet[JobRunner] = weakref.WeakSet()


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
        self.exiting = threading.Event()
        """Set when the process exits: every Run made by this process reads it as a Stop."""
        self.on_exit: list[Callable[[list[str]], None]] = []
        """Called with the ids of the generations still driven when the process exits."""
        _runners.add(self)

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
            return self._start(gen_id, fn)

    def try_drive(self, gen_id: str, fn: Callable[[], Any]) -> Future[Any] | None:
        """Run `fn` for `gen_id` if nothing drives it now; None (and `fn` not run) if something does."""
        with self._lock:
            running = self._driving.get(gen_id)
            if running is not None and not running.done():
                return None
            return self._start(gen_id, fn)

    def _start(self, gen_id: str, fn: Callable[[], Any]) -> Future[Any]:
        self._cancel.setdefault(gen_id, threading.Event()).clear()
        future = self._drivers.submit(fn)
        self._driving[gen_id] = future
        return future

    def after(self, gen_id: str, fn: Callable[[], Any]) -> None:
        """Call `fn` once the current driver of `gen_id` ends (at once if none runs)."""
        with self._lock:
            running = self._driving.get(gen_id)
        if running is None:
            fn()
        else:
            running.add_done_callback(lambda _future: fn())

    def is_driving(self, gen_id: str) -> bool:
        with self._lock:
            future = self._driving.get(gen_id)
            return future is not None and not future.done()

    def cancel_event(self, gen_id: str) -> threading.Event:
        with self._lock:
            return self._cancel.setdefault(gen_id, threading.Event())

    def driven(self) -> list[str]:
        with self._lock:
            return [gen_id for gen_id, future in self._driving.items() if not future.done()]

    def exit_now(self, grace_s: float = EXIT_GRACE_S) -> bool:
        """Stop for a process exit: release driven work, give stages `grace_s` to notice; True if idle."""
        self.exiting.set()
        driven = self.driven()
        for hook in self.on_exit:
            try:
                hook(driven)
            except Exception as exc:  # exiting: say it, carry on
                log.warning("exit hook failed: %s", exc)
        self._drivers.shutdown(wait=False, cancel_futures=True)
        try:
            self.executor.shutdown(wait=False, cancel_futures=True)
        except TypeError:  # a Dask cluster's ClientExecutor takes no cancel_futures
            self.executor.shutdown(wait=False)
        deadline = time.monotonic() + grace_s
        while self.driven() and time.monotonic() < deadline:
            time.sleep(0.1)
        for hook in self.on_exit:  # a driver may have written its heartbeat on the way out
            try:
                hook(driven)
            except Exception:
                pass
        return not self.driven()

    def shutdown(self, wait: bool = True) -> None:
        self._drivers.shutdown(wait=wait)
        self.executor.shutdown(wait=wait)
        if self._client is not None:
            self._client.close()


def _exit_promptly() -> None:
    """At interpreter exit, before Python joins worker threads: stop our work instead of waiting for it.

    Without this, `streamlit run` waited ~22 s on SIGTERM for background scoring. A stage that does
    not notice in the grace period (an ffmpeg encode, a scoring pass) is cut off: the process ends.
    """
    idle = all([runner.exit_now() for runner in list(_runners)])
    if not idle:
        log.info("exiting with work in flight; it resumes at the next start")
        logging.shutdown()
        os._exit(0)


_installed = False


def exit_promptly_at_shutdown() -> None:
    """For a long-lived server process (the page): at exit, stop work in flight rather than wait for it.

    Python joins executor threads in `threading._shutdown`, before `atexit` handlers run; hooks registered
    this way run first (in reverse order, and concurrent.futures registered its own on import). Not for
    the CLI or tests: they finish their work, and `os._exit` would hide their exit code.
    """
    global _installed
    if not _installed and hasattr(threading, "_register_atexit"):
        threading._register_atexit(_exit_promptly)  # type: ignore[attr-defined]
        _installed = True
