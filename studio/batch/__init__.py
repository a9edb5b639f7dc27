"""Batches from a sheet: validate a CSV of briefs, run one ad per valid row, resumable, with a result CSV."""

from studio.batch.records import BatchInfo, BatchRecord, BatchRecords
from studio.batch.results import RESULT_COLUMNS, result_row, results_csv
from studio.batch.runner import BatchRun, open_batch, run_batch
from studio.batch.sheet import LANGUAGES, Sheet, SheetRow, fetch_url, read_sheet, sheet_hash

__all__ = [
    "LANGUAGES",
    "RESULT_COLUMNS",
    "BatchInfo",
    "BatchRecord",
    "BatchRecords",
    "BatchRun",
    "Sheet",
    "SheetRow",
    "fetch_url",
    "open_batch",
    "read_sheet",
    "result_row",
    "results_csv",
    "run_batch",
    "sheet_hash",
]
