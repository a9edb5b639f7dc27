"""A batch's results: one line per sheet row with its ad, scores, cost and what went wrong."""

from __future__ import annotations

import csv
import io
from typing import Any

from studio.batch.records import BatchRecord
from studio.errors import NotFound

RESULT_COLUMNS = (
    "line", "prompt", "status", "generation_id", "video", "overall_score", "checklist_passes", "cost_usd",
    "error",
)  # fmt: skip


def _checklist(report: Any) -> str:
    """'passes/measured' of the ad's checklist ('' when the report has none)."""
    items = list(getattr(report, "checklist", None) or [])
    measured = [c for c in items if c.status != "unavailable"]
    if not measured:
        return ""
    return f"{sum(c.status == 'pass' for c in measured)}/{len(measured)}"


def result_row(studio, row: BatchRecord) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One row of the result sheet, read from the store (its generation, scores and cost)."""
    out: dict[str, Any] = {
        "line": row.line, "prompt": row.prompt[:60], "status": row.status,
        "generation_id": row.generation_id or "",
        "video": "", "overall_score": "", "checklist_passes": "", "cost_usd": "", "error": row.error or "",
    }  # fmt: skip
    if not row.generation_id:
        return out
    try:
        gen = studio.store.get(row.generation_id)
    except NotFound:
        return out
    out["cost_usd"] = f"{gen.cost_usd:.4f}"
    if gen.ad is not None:
        out["video"] = studio.ctx.providers.media.url(gen.ad.location)
        report = studio.store.quality(gen.id).get(None)
        if report is not None and report.overall is not None:
            out["overall_score"] = f"{report.overall:.1f}"
        out["checklist_passes"] = _checklist(report)
    return out


def results_csv(studio, rows: list[BatchRecord]) -> str:  # type: ignore[no-untyped-def]
    """The result sheet as CSV text (header and one line per sheet row, invalid rows included)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=RESULT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(result_row(studio, row))
    return buf.getvalue()
