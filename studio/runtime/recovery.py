"""Crash recovery: generations whose driving process died are found and carried on.

A driver writes a heartbeat every few seconds while it runs. At the page's first run, any generation
still marked running whose heartbeat is older than `STALE_AFTER_S` has lost its process: it is resumed,
reusing every finished stage and clip. From the command line, `python -m studio resume <id>` carries one
generation on the same way.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from datetime import timedelta

from studio.models import utcnow
from studio.store.repo import Store

log = logging.getLogger(__name__)
HEARTBEAT_S = 5.0
STALE_AFTER_S = 30.0


@contextlib.contextmanager
def heartbeat(store: Store, gen_id: str, worker: str, every_s: float = HEARTBEAT_S) -> Iterator[None]:
    """Keep the generation's heartbeat fresh while the body runs."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.is_set():
            try:
                store.heartbeat(gen_id, worker)
            except Exception as exc:  # a missed beat is harmless; a dead thread would not be
                log.debug("heartbeat for %s failed: %s", gen_id, exc)
            stop.wait(every_s)

    thread = threading.Thread(target=beat, name=f"heartbeat-{gen_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=2)
        store.heartbeat(gen_id, None)


def orphaned(store: Store, stale_after_s: float = STALE_AFTER_S) -> list[str]:
    """Running generations that nobody has driven for `stale_after_s` seconds."""
    return store.unfinished(stale_before=utcnow() - timedelta(seconds=stale_after_s))


def recover(studio, stale_after_s: float = STALE_AFTER_S) -> list[str]:  # type: ignore[no-untyped-def]
    """Resume every orphaned generation in the background; returns their ids."""
    ids = orphaned(studio.store, stale_after_s)
    for gen_id in ids:
        log.info("resuming generation %s after its process stopped", gen_id)
        studio.resume(gen_id)
    return ids
