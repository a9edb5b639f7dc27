"""Limits on work sent out: how many provider jobs are in flight, and when to stop.

One `InFlightLimiter` serves the whole process (`shared_limiter`), so ten people generating at once
still send at most `STUDIO_MAX_CONCURRENT` predictions to the provider. A waiting request gives up when
its Run is cancelled (the caller passes `run.cancelled`).

`calls_at_once` says how many calls of one port a stage sends together (references, keyframes, clips,
image-lab variations): a remote provider's calls wait on the network, so all of them up to the provider
limit; an offline adapter's work is this machine's, so no more than the cores it declares.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator

from studio.config import Settings

log = logging.getLogger(__name__)
DEFAULT_LIMIT: int = Settings.model_fields["max_concurrent"].default
"""The provider limit when a caller passes none: the setting's own default (STUDIO_MAX_CONCURRENT)."""


def cores() -> int:
    """This machine's cores: the cap on CPU-bound offline work."""
    return max(1, os.cpu_count() or 1)


def calls_at_once(adapter: object, limit: int = DEFAULT_LIMIT) -> int:
    """How many calls of a port's adapter may run at once.

    An adapter whose work runs here (the offline renderer, the painter) declares `max_parallel`, what
    the cores allow; a remote one waits on the network, so the provider limit `limit`
    (settings.max_concurrent) bounds it. Never above `limit`: one at a time, when asked, is one at a time.
    """
    own = getattr(adapter, "max_parallel", None)
    return max(1, min(own, limit) if isinstance(own, int) else limit)


class InFlightLimiter:
    """A counting semaphore that also remembers its peak, and can be resized while in use."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("the in-flight limit must be at least 1")
        self._limit = limit
        self._in_flight = 0
        self._peak = 0
        self._cond = threading.Condition()

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def peak(self) -> int:
        """The most requests that were ever in flight at once."""
        return self._peak

    def resize(self, limit: int) -> None:
        """Change the limit; holders above a lowered limit finish, newcomers wait."""
        if limit < 1:
            raise ValueError("the in-flight limit must be at least 1")
        with self._cond:
            self._limit = limit
            self._cond.notify_all()

    def acquire(self, cancelled: Callable[[], bool] | None = None, poll_s: float = 0.25) -> None:
        """Wait for a free slot; gives up with `Cancelled` when the cancel flag is raised while waiting."""
        from studio.errors import Cancelled

        with self._cond:
            while self._in_flight >= self._limit:
                if cancelled is not None and cancelled():
                    raise Cancelled("Stopped before the request was sent.")
                self._cond.wait(timeout=poll_s)
            self._in_flight += 1
            self._peak = max(self._peak, self._in_flight)

    def release(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify()

    @contextlib.contextmanager
    def slot(self, cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
        """Hold one in-flight slot for the body (the whole life of a prediction)."""
        self.acquire(cancelled)
        try:
            yield
        finally:
            self.release()


_shared: InFlightLimiter | None = None
_shared_lock = threading.Lock()


def shared_limiter(limit: int) -> InFlightLimiter:
    """The process-wide limiter, created on first use and resized when the setting changes."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = InFlightLimiter(limit)
        elif _shared.limit != limit:
            log.info("In-flight limit changed from %d to %d", _shared.limit, limit)
            _shared.resize(limit)
        return _shared
