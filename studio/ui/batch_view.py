"""The Batch page's pieces: upload a sheet, read its validation report, start or stop it, watch each row,
download the result CSV. The batch on screen lives in the URL (`?batch=<id>`); its truth is the store."""

from __future__ import annotations

import threading

import streamlit as st

from studio.batch import BatchRecord, BatchRecords, BatchRun, open_batch, results_csv
from studio.errors import NotFound, StudioError
from studio.service import Studio
from studio.ui.session import current_owner, get_studio, is_signed_in

QUERY_KEY = "batch"
_runs: dict[str, BatchRun] = {}
"""The batches this process is running, by id (the rows' generations run on the job runner)."""
_runs_lock = threading.Lock()


def _records(studio: Studio) -> BatchRecords:
    return BatchRecords(studio.store.engine)


def is_running(batch_id: str) -> bool:
    """True while this process drives the batch."""
    with _runs_lock:
        run = _runs.get(batch_id)
        return run is not None and not run.finished.is_set()


def start(studio: Studio, batch_id: str, owner: str, signed_in: bool) -> None:
    """Run (or resume) the batch in the background; a second click while it runs does nothing."""
    with _runs_lock:
        if batch_id in _runs and not _runs[batch_id].finished.is_set():
            return
        run = BatchRun(studio, _records(studio), batch_id, owner=owner, at_once=studio.runner.parallelism,
                       signed_in=signed_in)  # fmt: skip
        _runs[batch_id] = run
    threading.Thread(target=run.run, name=f"batch-{batch_id}", daemon=True).start()


def stop(batch_id: str) -> None:
    """Stop the batch: no new row starts, rows in flight stop; Start carries on later."""
    with _runs_lock:
        run = _runs.get(batch_id)
    if run is not None:
        run.stop()


def _upload(studio: Studio, owner: str) -> None:
    sheet = st.file_uploader(
        "Sheet (CSV): a prompt column; optional product_image, logo (http(s) links), aspect_ratio, duration, "
        "framework, seed, language, resolution, scenes",
        type=["csv"],
        key="batch_sheet",
    )
    if sheet is None:
        return
    data = sheet.getvalue()
    try:
        batch_id, _ = open_batch(studio, _records(studio), data, sheet.name, owner=owner)
    except StudioError as exc:
        st.error(f"{sheet.name}: {exc}")
        return
    if st.query_params.get(QUERY_KEY) != batch_id:
        st.query_params[QUERY_KEY] = batch_id


def _report(rows: list[BatchRecord]) -> None:
    bad = [r for r in rows if r.status == "invalid"]
    st.markdown(f"**{len(rows)} rows: {len(rows) - len(bad)} valid, {len(bad)} to fix**")
    for r in bad:
        st.warning(r.error or f"line {r.line}: invalid")


def _row_note(studio: Studio, row: BatchRecord) -> str:
    if row.status != "running" or not row.generation_id:
        return row.error or ""
    try:
        gen = studio.store.get(row.generation_id)
    except NotFound:
        return ""
    done = f" {gen.progress:.0%}" if gen.progress is not None else ""
    return f"{gen.stage}{done} {gen.progress_note}".strip()


def _progress(studio: Studio, batch_id: str) -> None:
    @st.fragment(run_every=1.0)
    def live() -> None:
        rows = _records(studio).rows(batch_id)
        valid = [r for r in rows if r.status != "invalid"]
        finished = sum(r.status == "completed" for r in valid)
        running = is_running(batch_id)
        st.progress(finished / len(valid) if valid else 0.0, text=f"{finished} of {len(valid)} ads made")
        table = [
            {"line": r.line, "prompt": r.prompt[:60], "status": r.status, "note": _row_note(studio, r),
             "generation": r.generation_id or ""}
            for r in valid
        ]  # fmt: skip
        st.dataframe(table, hide_index=True, key="batch_rows")
        cols = st.columns(3)
        if running:
            cols[0].button("Stop", key="batch_stop", on_click=stop, args=(batch_id,))
        elif finished < len(valid):
            label = "Start" if all(r.generation_id is None for r in valid) else "Resume"
            cols[0].button(label, key="batch_start", type="primary", on_click=start,
                           args=(studio, batch_id, current_owner(), is_signed_in()))  # fmt: skip
        cols[1].download_button(
            "Download the result CSV", results_csv(studio, rows), file_name=f"batch-{batch_id}.results.csv",
            mime="text/csv", key="batch_download",
        )  # fmt: skip

    live()


def render_batch() -> None:
    """The whole Batch page."""
    st.title("Batch from a sheet")
    studio, owner = get_studio(), current_owner()
    _upload(studio, owner)
    batch_id = st.query_params.get(QUERY_KEY)
    if not batch_id:
        st.caption("One ad per row. Bad rows are listed by line; the good ones run. The same sheet resumes.")
        return
    try:
        info = _records(studio).info(batch_id)
        if info.owner != owner:
            raise NotFound(f"No batch {batch_id}")
    except NotFound as exc:
        st.error(str(exc))
        return
    st.subheader(info.name)
    _report(_records(studio).rows(batch_id))
    _progress(studio, batch_id)
