"""The image lab: on the job runner like every provider call, one run per person at a time."""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studio.errors import Busy, StudioError
from studio.run import Run
from studio.service.actions.base import ActionContext

if TYPE_CHECKING:
    from studio.imagelab import LabJob

log = logging.getLogger(__name__)


@dataclass
class LabJobs:
    """Each person's latest image lab run in this process (UI handles; the images are on disk)."""

    jobs: dict[str, LabJob] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def start_image_lab(
    cx: ActionContext,
    labs: LabJobs,
    owner: str,
    prompt: str,
    *,
    num_variations: int = 8,
    aspect_ratio: str = "1:1",
    seed: int | None = None,
    output_dir: Path | None = None,
    enhance: bool = False,
    model: str | None = None,
) -> LabJob:
    """Start an image lab run for `owner` on the job runner and return its handle at once.

    Bad input is refused here, before any work. So is a second start while the person's run still
    works: nothing is paid for twice. Its calls go to the store's api_calls, charged to no ad.
    """
    from studio.imagelab import LabJob, check_request, resolve_output_root, run_image_lab

    check_request(prompt, num_variations, aspect_ratio, seed)
    root = resolve_output_root(output_dir or Path(cx.settings.data_dir) / "image_generations")
    job = LabJob(owner)

    def work() -> None:
        run = Run.detached(meter=cx.store).with_cancel(cx.runner.exiting.is_set)
        try:
            job.finish(
                run_image_lab(
                    prompt,
                    providers=cx.providers,
                    num_variations=num_variations,
                    aspect_ratio=aspect_ratio,
                    seed=seed,
                    output_dir=root,
                    model=model,
                    enhance=enhance,
                    on_progress=job.report,
                    run=run,
                    limit=cx.settings.max_concurrent,
                )
            )
        except StudioError as exc:
            job.fail(str(exc))
        except Exception as exc:
            log.exception("the image lab failed for %s", owner)
            job.fail(f"The image lab stopped on an unexpected error ({type(exc).__name__}).")

    with labs.lock:
        running = labs.jobs.get(owner)
        if running is not None and not running.done:
            raise Busy("Your images are still being made: wait for this set, then generate again.")
        # A key of its own: a driver still returning from the last run must not swallow this one.
        future = cx.runner.drive(f"imagelab:{owner}:{uuid.uuid4().hex[:8]}", work)
        labs.jobs[owner] = job
    # Cancelled unstarted (the process exiting): end the job, or the person would wait for ever.
    future.add_done_callback(lambda _f: None if job.done else job.fail("The image lab was stopped."))
    return job


def image_lab_job(labs: LabJobs, owner: str) -> LabJob | None:
    """The person's latest image lab run in this process (running or finished), if any."""
    return labs.jobs.get(owner)
