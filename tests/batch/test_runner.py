"""The batch runner's crash windows and the result row's scores, in process."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import sqlalchemy as sa

from studio.batch import BatchRecords, open_batch, results_csv, run_batch
from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Ad, ChecklistItem, QualityReport
from studio.run import ApiCall
from studio.service import Studio
from tests.delivery.conftest import quiet_pipeline

SHEET = b"prompt,duration,resolution,scenes,seed\nAd one for shoes,6,360p,3,1\nAd two for coffee,6,360p,3,2\n"


def _studio(tmp_path: Path) -> Studio:
    settings = Settings(data_dir=tmp_path / "data", max_concurrent=2, pipeline_path=quiet_pipeline(tmp_path))
    return Studio(open_context(settings))


def test_a_finished_row_is_skipped_and_a_claimed_id_never_created_is_created_with_that_id(
    tmp_path: Path,
) -> None:
    studio = _studio(tmp_path)
    try:
        records = BatchRecords(studio.store.engine)
        batch_id, existed = open_batch(studio, records, SHEET, "ads.csv", owner="local")
        assert existed is False
        assert open_batch(studio, records, SHEET, "ads.csv", owner="local") == (batch_id, True)
        rows = records.rows(batch_id)
        # Line 2 finished before a crash (ad and scores stored); line 3 was claimed, then the process died.
        done = studio.create(rows[0].brief, "local", gen_id="done0000done0000")
        assert records.claim(batch_id, 2, done.id) and records.claim(batch_id, 3, "claimed000000003")
        ad = Ad(location="generations/x/ad.mp4", poster="generations/x/poster.jpg", duration_s=6, width=202,
                height=360, aspect_ratio="9:16")  # fmt: skip

        def finish(g):  # type: ignore[no-untyped-def]
            g.status, g.stage, g.ad = "completed", "scores", ad

        studio.store.update(done.id, finish)
        checklist = [
            ChecklistItem(key=k, label=k, status=s)
            for k, s in (("a", "pass"), ("b", "fail"), ("c", "unavailable"), ("d", "pass"))
        ]
        studio.store.save_quality(done.id, QualityReport(overall=72.46, checklist=checklist), None)
        call = ApiCall(provider="p", model="m", purpose="clip", cost_usd=0.125, generation_id=done.id)
        studio.store.record(call)

        seen: list[tuple[int, str]] = []

        def on_row(r):  # type: ignore[no-untyped-def]
            seen.append((r.line, r.status))

        out = run_batch(studio, records, batch_id, owner="local", on_row=on_row)
        assert [(r.line, r.status, r.generation_id) for r in out] == [
            (2, "completed", "done0000done0000"),
            (3, "completed", "claimed000000003"),
        ]
        # line 2 is only marked completed (its generation was not driven again); line 3 runs
        assert seen == [(2, "completed"), (3, "running"), (3, "completed")]
        assert studio.store.get("done0000done0000").ad == ad  # untouched
        with studio.store.engine.connect() as conn:
            ids = sorted(conn.execute(sa.text("SELECT id FROM generations")).scalars())
        assert ids == ["claimed000000003", "done0000done0000"]

        result = list(csv.DictReader(io.StringIO(results_csv(studio, out))))
        assert result[0]["overall_score"] == "72.5" and result[0]["checklist_passes"] == "2/3"
        assert result[0]["cost_usd"] == "0.1250" and result[0]["video"].endswith("generations/x/ad.mp4")
        assert result[1]["overall_score"] == "" and result[1]["checklist_passes"] == ""  # scoring off: absent
        assert Path(result[1]["video"]).is_file()
    finally:
        studio.runner.shutdown(wait=False)
