"""Delivery packs made in the background for the page: one job per ad, on the job runner.

The page starts a job and polls it; the job handle lives in this process (the ZIP itself is on disk).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.delivery.naming import check_pattern
from studio.delivery.pack import build_pack
from studio.delivery.placements import parse_placements
from studio.errors import Busy, StudioError

log = logging.getLogger(__name__)


@dataclass
class PackJob:
    """One delivery pack being made: how far it is, then its ZIP or what went wrong."""

    gen_id: str
    placements: list[str]
    fraction: float = 0.0
    message: str = "Starting"
    zip_path: Path | None = None
    error: str | None = None
    _done: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests and the CLI); True when it did."""
        return self._done.wait(timeout)


_jobs: dict[str, PackJob] = {}
_lock = threading.Lock()


def runner_key(gen_id: str) -> str:
    return f"delivery:{gen_id}"


def pack_job(gen_id: str) -> PackJob | None:
    """The latest delivery pack job of this ad in this process, if any."""
    with _lock:
        return _jobs.get(gen_id)


def start_pack(
    studio: Any,
    gen_id: str,
    placements: list[str],
    pattern: str,
    campaign: str = "campaign",
    variant: str = "",
) -> PackJob:
    """Check the request, then make the pack on the job runner; a second request while one runs is Busy."""
    chosen = [p.name for p in parse_placements(placements)]
    pattern = check_pattern(pattern)
    job = PackJob(gen_id, chosen)

    def work() -> None:
        def progress(fraction: float, message: str) -> None:
            job.fraction, job.message = max(0.0, min(1.0, fraction)), message

        try:
            job.zip_path = build_pack(studio, gen_id, chosen, pattern, campaign, variant, None, progress)
        except StudioError as exc:
            job.error = str(exc)
        except Exception as exc:  # the page shows a message; the log keeps the traceback
            log.exception("delivery pack for %s failed", gen_id)
            job.error = f"The delivery pack could not be made ({type(exc).__name__}); try again."
        finally:
            job._done.set()

    with _lock:
        if studio.runner.try_drive(runner_key(gen_id), work) is None:
            raise Busy("A delivery pack for this ad is being made already: wait for it to finish.")
        _jobs[gen_id] = job
    return job
