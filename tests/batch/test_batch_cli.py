"""`python -m studio batch`: a 20-row sheet with 3 bad rows makes 17 ads and a result CSV, and a kill -9
midway then a rerun renders no finished row again and gives no row a second generation."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import sqlalchemy as sa

from tests.batch.test_sheet import png
from tests.delivery.conftest import quiet_pipeline
from tests.trust.helpers import cli_env, kill_hard, run_cli, sqlite_url, start_cli, tree_fingerprint, wait_for

GOOD = [
    "Trail running shoes from Peak that grip wet rock",
    '"Cold brew from Morning Ritual, smooth and strong"',  # a quoted comma
    "Ginger kombucha for gym-goers",
    "A bamboo toothbrush that lasts",
    "Noise-cancelling earbuds for commuters",
    "Oat milk that froths like dairy",
]
BAD = {  # line → (cells, the start of the message)
    5: (",9:16,6", "line 5: column prompt: the prompt is empty"),
    11: ("Sunscreen for surfers,3:2,6", "line 11: column aspect_ratio: '3:2' is not an aspect ratio"),
    17: ("Running socks,9:16,200", "line 17: column duration: Input should be less than or equal to 120"),
}


def _sheet(folder: Path) -> Path:
    (folder / "shoe.png").write_bytes(png())
    lines = ["prompt,aspect_ratio,duration,resolution,scenes,seed,product_image"]
    good = 0
    for line in range(2, 22):
        if line in BAD:
            lines.append(BAD[line][0] + ",360p,3,1,")
        else:
            image = "shoe.png" if good % 4 == 0 else ""
            prompt = GOOD[good % len(GOOD)]
            prompt = f'{prompt[:-1]} #{good}"' if prompt.endswith('"') else f"{prompt} #{good}"
            lines.append(f"{prompt},9:16,6,360p,3,{100 + good},{image}")
            good += 1
    path = folder / "ads.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _rows(engine: sa.Engine) -> list[dict]:
    with engine.connect() as conn:
        q = sa.text("SELECT line, status, generation_id FROM batch_rows ORDER BY line")
        return [dict(r) for r in conn.execute(q).mappings()]


def _generation_ids(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(sa.text("SELECT id FROM generations")).scalars())


def test_twenty_rows_three_bad_killed_midway_and_rerun(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sheet = _sheet(tmp_path)
    env = cli_env(data, STUDIO_PIPELINE=str(quiet_pipeline(tmp_path)), STUDIO_RATE_LIMIT_PER_HOUR="1000",
                  STUDIO_MAX_CONCURRENT="2")  # fmt: skip
    # 1. First run: killed with -9 once three rows have their ad.
    proc = start_cli(["batch", str(sheet), "--at-once", "2"], env)
    engine = sa.create_engine(sqlite_url(data))

    def three_done() -> list[dict] | None:
        try:
            rows = _rows(engine)
        except sa.exc.OperationalError:  # the tables do not exist yet
            return None
        done = [r for r in rows if r["status"] == "completed"]
        return done if len(done) >= 3 else None

    done = wait_for(three_done, 400, "three completed rows", proc)
    kill_hard(proc)
    before = {r["line"]: r["generation_id"] for r in _rows(engine) if r["generation_id"]}
    finished = {r["line"]: r["generation_id"] for r in _rows(engine) if r["status"] == "completed"}
    assert len(finished) >= len(done) >= 3 and len(before) < 17, before
    prints = {line: tree_fingerprint(data / "media" / "generations" / gid) for line, gid in finished.items()}
    assert all(any(name.endswith(".mp4") for name in p) for p in prints.values())

    # 2. Rerun the same file: it resumes the batch and finishes it.
    again = run_cli(["batch", str(sheet), "--format", "json", "--at-once", "2"], env, timeout=900)
    assert again.returncode == 0, again.stderr[-3000:]
    summary = json.loads(again.stdout.strip().splitlines()[-1])
    assert summary["resumed"] is True
    assert summary["counts"] == {"completed": 17, "invalid": 3}
    assert [(b["line"], b["error"][: len(BAD[b["line"]][1])]) for b in summary["invalid"]] == [
        (line, msg) for line, (_, msg) in BAD.items()
    ]

    # 3. No finished row was rendered again; every row kept its one generation.
    rows = _rows(engine)
    by_line = {r["line"]: r for r in rows}
    for line, gid in before.items():
        assert by_line[line]["generation_id"] == gid
    for line, gid in finished.items():
        now = tree_fingerprint(data / "media" / "generations" / gid)
        assert now == prints[line], f"line {line} re-rendered"
    ids = [r["generation_id"] for r in rows if r["generation_id"]]
    assert len(ids) == len(set(ids)) == 17
    assert _generation_ids(engine) == sorted(ids)

    # 4. The result CSV: one line per sheet row, the ads on disk, the bad rows with their messages.
    result = list(csv.DictReader(io.StringIO(Path(summary["results"]).read_text())))
    assert [int(r["line"]) for r in result] == list(range(2, 22))
    for r in result:
        if int(r["line"]) in BAD:
            assert r["status"] == "invalid" and r["error"].startswith(BAD[int(r["line"])][1])
        else:
            assert r["status"] == "completed" and r["error"] == "" and r["cost_usd"] == "0.0000"
            assert Path(r["video"]).stat().st_size > 10_000 and r["video"].endswith("/ad.mp4")
            assert r["generation_id"] == by_line[int(r["line"])]["generation_id"]
    assert result[0]["prompt"] == "Trail running shoes from Peak that grip wet rock #0"
    engine.dispose()


def test_a_sheet_with_no_valid_row_exits_2_and_names_each_line(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("prompt,aspect_ratio,duration\n,9:16,8\nAd,2:1,8\n")
    proc = run_cli(["batch", str(sheet)], cli_env(tmp_path / "data"), timeout=120)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Batch " in proc.stdout and "2 rows, 0 valid, 2 to fix" in proc.stdout
    assert "line 2: column prompt: the prompt is empty" in proc.stdout
    assert "line 3: column aspect_ratio: '2:1' is not an aspect ratio" in proc.stdout
    assert "error: No row of the sheet is valid" in proc.stderr
