"""Run a stored batch: one generation per valid row, a bounded number at once, resumable.

On every run (the first or after a crash or a Stop) a row whose generation completed is skipped, a row
with an unfinished generation is resumed (`Studio.resume`: finished stages and clips are reused), and
only a row without one gets a new generation. The id is claimed in the batch record before the
generation is created, so no row ever has two.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait

from studio.batch.records import BatchRecord, BatchRecords
from studio.errors import NotFound, RateLimited, StudioError
from studio.models import Generation

log = logging.getLogger(__name__)

OnRow = Callable[[BatchRecord], None]
"""Called with a row each time its status changes (progress per row)."""


def row_status(gen: Generation) -> str:
    """A row's status from its generation's: completed, failed, stopped, or running."""
    if gen.status in ("completed", "failed", "stopped"):
        return gen.status
    if gen.status == "awaiting_approval":  # a batch runs automated; a stop here waits for a person
        return "stopped"
    return "running"


class BatchRun:
    """Drives one batch on the studio's job runner; `stop()` ends it early (it resumes later)."""

    def __init__(self, studio, records: BatchRecords, batch_id: str, *, owner: str, at_once: int = 2,  # type: ignore[no-untyped-def]
                 on_row: OnRow | None = None, signed_in: bool = False) -> None:  # fmt: skip
        self.studio, self.records, self.batch_id, self.owner = studio, records, batch_id, owner
        self.signed_in = signed_in
        """A person signed in to a shared studio: the hourly limit binds them (studio/allowance.py)."""
        self.at_once = max(1, at_once)
        self.on_row = on_row or (lambda row: None)
        self.stopping = threading.Event()
        self.finished = threading.Event()
        """Set when `run` returns (or fails): a page may offer Start again."""
        self._in_flight: dict[Future, BatchRecord] = {}

    def stop(self) -> None:
        """Start no new row and stop the rows in flight (finished work stays; a rerun carries on)."""
        self.stopping.set()
        for row in list(self._in_flight.values()):
            if row.generation_id:
                try:
                    self.studio.stop(row.generation_id)
                except StudioError as exc:
                    log.warning("could not stop %s: %s", row.generation_id, exc)

    def run(self) -> list[BatchRecord]:
        """Carry every valid row to an end (or until `stop`); returns the rows as stored at the end."""
        try:
            return self._run()
        finally:
            self.finished.set()

    def _run(self) -> list[BatchRecord]:
        queue = [r for r in self.records.rows(self.batch_id) if r.status != "invalid"]
        while queue or self._in_flight:
            while queue and len(self._in_flight) < self.at_once and not self.stopping.is_set():
                row = queue.pop(0)
                started = self._launch(row)
                if started is not None:
                    self._in_flight[started[0]] = started[1]
            if not self._in_flight:
                if self.stopping.is_set():
                    break
                continue
            done, _ = wait(list(self._in_flight), timeout=1.0, return_when=FIRST_COMPLETED)
            for future in done:
                self._settle(self._in_flight.pop(future), future)
        return self.records.rows(self.batch_id)

    def _set(self, row: BatchRecord, status: str, error: str | None = None) -> None:
        self.records.set_status(self.batch_id, row.line, status, error)
        self.on_row(row.model_copy(update={"status": status, "error": error}))

    def _launch(self, row: BatchRecord) -> tuple[Future, BatchRecord] | None:
        """Start, resume or skip a row: its driver and the row with its generation id; None: skip."""
        if row.brief is None:
            return None
        gen_id = row.generation_id
        if gen_id is None:
            gen_id = uuid.uuid4().hex[:16]
            if not self.records.claim(self.batch_id, row.line, gen_id):  # another run claimed it first
                return None
        row = row.model_copy(update={"generation_id": gen_id})
        try:
            gen = self.studio.store.get(gen_id)
        except NotFound:  # claimed, not yet created (or a crash in between): create it with that id
            try:
                self.studio.create(row.brief, self.owner, gen_id=gen_id, signed_in=self.signed_in)
            except RateLimited as exc:
                self._set(row, "waiting", str(exc))
                return None
            self._set(row, "running")
            return self.studio.start(gen_id), row
        if gen.status == "completed":
            if row.status != "completed":
                self._set(row, "completed")
            return None
        self._set(row, "running")
        return self.studio.resume(gen_id), row

    def _settle(self, row: BatchRecord, future: Future) -> None:
        """Record how a row's generation ended."""
        gen_id = row.generation_id
        error: str | None = None
        try:
            future.result()
        except StudioError as exc:
            error = str(exc)
        except Exception as exc:  # a bug, not the person's input: said plainly, logged in full
            log.exception("batch %s line %s failed", self.batch_id, row.line)
            error = f"unexpected error ({type(exc).__name__})"
        try:
            gen = self.studio.store.get(gen_id)
        except NotFound:
            self._set(row, "failed", error or "its ad was deleted")
            return
        status = row_status(gen)
        if status == "running":  # the driver ended without an end: the process is exiting or it stopped
            status = "stopped"
        self._set(row, status, None if status == "completed" else (gen.error or error))


def run_batch(studio, records: BatchRecords, batch_id: str, *, owner: str, at_once: int = 2,  # type: ignore[no-untyped-def]
              on_row: OnRow | None = None) -> list[BatchRecord]:  # fmt: skip
    """Run (or resume) a batch to its end in this call; see `BatchRun`."""
    return BatchRun(studio, records, batch_id, owner=owner, at_once=at_once, on_row=on_row).run()


def open_batch(studio, records: BatchRecords, data: bytes, name: str, *, owner: str,  # type: ignore[no-untyped-def]
               base=None, fetch=None, new: bool = False) -> tuple[str, bool]:  # fmt: skip
    """The batch for this sheet: the person's earlier one with the same bytes (resumed), or a new one
    validated now. Returns (batch id, True if it already existed)."""
    from studio.batch.sheet import fetch_url, read_sheet, sheet_hash

    if not new:
        found = records.find(owner, sheet_hash(data))
        if found is not None:
            return found, True
    sheet = read_sheet(data, name, media=studio.ctx.providers.media, owner=owner, base=base,
                       fetch=fetch or fetch_url)  # fmt: skip
    return records.create(sheet, owner), False
