"""An action that calls a provider runs here, on the job runner with the generation's Run: its calls are
charged to the ad and the caller never waits on a model."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future

from studio.errors import Busy, StudioError
from studio.lifecycle import WORKING_ON, move
from studio.logs import logging_for
from studio.models import Generation, Stage
from studio.run import Run
from studio.runtime.recovery import heartbeat
from studio.service.actions.base import BUSY, ActionContext, busy, say

log = logging.getLogger(__name__)


def act(cx: ActionContext, gen_id: str, stage: Stage, what: str, work: Callable[[Run], None]) -> Future:
    """Run `work` for the generation on the job runner; the store shows it working meanwhile.

    A second click while it runs is refused (nothing is paid for twice); a failure is said in the
    chat and the generation goes back to where it was. The runner's slot for the generation is taken
    before the store shows it working, and the job waits for that write: a click that loses the race to
    another tab is refused without leaving the generation marked as working with nothing at work.
    """
    before = busy(cx, gen_id)
    shown, refused = threading.Event(), threading.Event()

    def show_working(g: Generation) -> None:
        move(g, WORKING_ON[stage], stage)

    def job() -> None:
        shown.wait()
        if refused.is_set():  # the store refused the move: the caller has the error, nothing is done
            return
        run = cx.orchestrator.run_for(gen_id)
        with logging_for(gen_id), heartbeat(cx.store, gen_id, cx.runner.worker_id):
            try:
                work(run)
            except Exception as exc:
                if isinstance(exc, StudioError):
                    message = str(exc)
                else:
                    message = f"unexpected error ({type(exc).__name__})"
                    log.exception("%s failed for %s", what, gen_id)
                say(cx, gen_id, stage, f"⚠️ {what} did not work: {message}")
            finally:
                cx.store.set_progress(gen_id, None, "")

                def settle(g: Generation) -> None:
                    if g.status == WORKING_ON[stage]:  # the work did not move it on: back where it was
                        move(g, before.status, before.stage, error=before.error)

                cx.store.update(gen_id, settle)

    future = cx.runner.try_drive(gen_id, job)
    if future is None:  # another click or tab got there first: its job runs, this one is not needed
        raise Busy(BUSY)
    try:
        cx.store.update(gen_id, show_working)
    except BaseException:
        refused.set()
        shown.set()
        raise
    try:
        cx.store.set_progress(gen_id, 0.0, what)
    finally:
        shown.set()
    return future
