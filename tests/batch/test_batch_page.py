"""The Batch page with AppTest: upload a sheet, read the report by line, start it, see the row finish."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio.batch import BatchRecords
from studio.bootstrap import open_context
from studio.config import load_settings
from tests.delivery.conftest import quiet_pipeline
from tests.pages import APP

SHEET = (
    "prompt,aspect_ratio,duration,resolution,scenes,seed,product_image\n"
    "Trail running shoes from Peak that grip wet rock,1:1,6,360p,3,11,\n"
    "Cold brew for early starts,9:16,6,360p,3,12,shoe.png\n"
    "Kombucha,9:16,4,360p,3,13,\n"
)


@pytest.fixture
def data_dir(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STUDIO_PIPELINE", str(quiet_pipeline(tmp_path)))
    return data_dir


def test_upload_shows_the_report_by_line_then_start_makes_the_ad(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/3_Batch.py").run()
    at.file_uploader(key="batch_sheet").set_value(("ads.csv", SHEET.encode(), "text/csv"))
    at.run()
    assert not at.exception
    batch_id = at.query_params["batch"]
    batch_id = batch_id[0] if isinstance(batch_id, list) else batch_id
    assert any(m.value == "**3 rows: 1 valid, 2 to fix**" for m in at.markdown)
    warnings = [w.value for w in at.warning]
    assert warnings[0].startswith("line 3: column product_image: shoe.png is a file path: upload the images")
    assert warnings[1].startswith("line 4: column duration: Input should be greater than or equal to 6")
    assert len(warnings) == 2

    records = BatchRecords(open_context(load_settings(), with_runner=False).store.engine)
    stored = [(r.line, r.status) for r in records.rows(batch_id)]
    assert stored == [(2, "queued"), (3, "invalid"), (4, "invalid")]
    at.button(key="batch_start").click().run()
    deadline = time.monotonic() + 180
    while (row := records.rows(batch_id)[0]).status != "completed":
        assert row.status in ("queued", "running"), (row.status, row.error)
        assert time.monotonic() < deadline, row.status
        time.sleep(0.5)
    at.run()
    assert not any(b.key == "batch_start" for b in at.button)  # nothing left to run
    assert at.get("download_button")[0].proto.label == "Download the result CSV"
