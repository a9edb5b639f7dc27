"""`python -m studio batch FILE.csv`: one ad per row of a sheet, resumable, with a result CSV.

Bad rows are reported by line and the good ones run. Running the same file again resumes the same batch
(its rows' finished ads are never rendered again) unless `--new`. Exit codes: 0 every valid row made its
ad, 1 some did not (the result CSV says which and why), 2 no row is valid or the sheet is unreadable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from studio.cli.brief import CLI_OWNER
from studio.cli.parsing import add_command
from studio.errors import BadInput


def add_batch_parser(subparsers: Any) -> argparse.ArgumentParser:
    """`batch FILE.csv [--out results.csv] [--format text|json] [--resume BATCH_ID] [--new] [--at-once N]`."""
    return add_command(subparsers, "batch", "one ad per row of a CSV sheet, with a result CSV", _options)


def _options(p: argparse.ArgumentParser) -> None:
    columns = "product_image, logo, aspect_ratio, duration, framework, seed, language, resolution, scenes"
    p.add_argument("file", nargs="?", type=Path, help=f"the sheet: a prompt column, and optionally {columns}")
    p.add_argument("--out", type=Path, help="where to write the result CSV (default: FILE.results.csv)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--resume", metavar="BATCH_ID", help="carry this batch on (no file needed)")
    p.add_argument("--new", action="store_true", help="start a new batch even if this sheet ran before")
    p.add_argument("--at-once", type=int, default=None, help="ads made at once (default: the runner's cores)")
    p.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace, cli: Any) -> int:
    """Validate the sheet, run its valid rows, write the result CSV."""
    from studio.batch import BatchRecords, open_batch, results_csv, run_batch
    from studio.service import Studio

    if args.file is None and args.resume is None:
        raise BadInput("Name the sheet (python -m studio batch FILE.csv) or a batch to --resume")
    if args.at_once is not None and not 1 <= args.at_once <= 16:
        raise BadInput("--at-once takes 1 to 16")
    data = b""
    if args.file is not None:
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            raise BadInput(f"Cannot read {args.file}: {exc.strerror}") from None
    ctx = cli.studio_context
    studio = Studio(ctx)
    records = BatchRecords(ctx.store.engine)
    if args.resume:
        batch_id, existed = args.resume, True
        records.info(batch_id)
    else:
        batch_id, existed = open_batch(studio, records, data, args.file.name, owner=CLI_OWNER,
                                       base=args.file.resolve().parent, new=args.new)  # fmt: skip
    rows = records.rows(batch_id)
    text = args.format == "text"
    bad = [r for r in rows if r.status == "invalid"]
    good = len(rows) - len(bad)
    if text:
        again = " (resumed: finished rows are not made again)" if existed else ""
        print(f"Batch {batch_id}: {len(rows)} rows, {good} valid, {len(bad)} to fix{again}")
        for r in bad:
            print(f"  {r.error}")
    if good == 0:
        raise BadInput("No row of the sheet is valid: fix the rows above and run the batch again")

    def progress(row: Any) -> None:
        if text:
            note = f": {row.error}" if row.error else ""
            print(f"  line {row.line}: {row.status} ({row.generation_id}){note}", flush=True)

    at_once = args.at_once or ctx.runner.parallelism
    rows = run_batch(studio, records, batch_id, owner=CLI_OWNER, at_once=at_once, on_row=progress)
    default = args.file.with_suffix(".results.csv") if args.file else Path(f"batch-{batch_id}.results.csv")
    out = args.out or default
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(results_csv(studio, rows))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    if text:
        print("Done: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + f". Results: {out}")
    else:
        print(json.dumps({"batch_id": batch_id, "resumed": existed, "results": str(out), "counts": counts,
                          "invalid": [{"line": r.line, "error": r.error} for r in bad]}))  # fmt: skip
    sys.stdout.flush()
    return 0 if all(r.status in ("completed", "invalid") for r in rows) else 1
