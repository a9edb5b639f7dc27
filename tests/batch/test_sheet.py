"""Reading a sheet: each bad row named by its line and column with what to fix; good rows become briefs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from studio.batch import read_sheet
from studio.batch.records import BatchRecords
from studio.errors import BadInput
from studio.media.storage import LocalStore
from studio.store.repo import Store


def png(color: str = "#e67e22", size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


def _read(tmp_path: Path, text: str, fetch=None):  # type: ignore[no-untyped-def]
    media = LocalStore(tmp_path / "media")
    kw = {"fetch": fetch} if fetch else {}
    return read_sheet(text.encode(), "ads.csv", media=media, owner="local", base=tmp_path, **kw), media


def test_three_kinds_of_bad_rows_are_named_by_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "shoe.png").write_bytes(png())
    sheet, media = _read(
        tmp_path,
        "prompt,product image,aspect ratio,duration,seed,language\n"
        "Trail shoes that grip wet rock,shoe.png,9:16,8,7,es\n"  # line 2: good
        ",shoe.png,9:16,8,,\n"  # line 3: no prompt
        '"Cold brew, ""smooth""\nand strong",,3:2,8,,\n'  # lines 4-5: bad ratio (quoted newline)
        "\n"  # line 6: blank, skipped
        "Kombucha for gym-goers,missing.jpg,1:1,lots,,\n",  # line 7: missing image and a word for seconds
    )
    assert [r.line for r in sheet.rows] == [2, 3, 4, 7]
    assert [r.line for r in sheet.valid] == [2]
    good = sheet.valid[0].brief
    assert good is not None and good.seed == 7 and good.duration_s == 8 and good.aspect_ratio == "9:16"
    assert getattr(good, "language", "es") == "es"
    assert len(good.assets.product_images) == 1
    assert media.local_path(good.assets.product_images[0]).is_file()
    assert good.assets.upload_names[good.assets.product_images[0]] == "shoe.png"
    messages = {r.line: r.message() for r in sheet.invalid}
    assert messages[3] == "line 3: column prompt: the prompt is empty: say what the ad is about"
    assert messages[4] == (
        "line 4: column aspect_ratio: '3:2' is not an aspect ratio; write one of 9:16, 1:1, 4:5, 16:9"
    )
    assert messages[7].startswith(
        "line 7: column duration: 'lots' is not a number; line 7: column product_image: "
    )
    assert "cannot read missing.jpg" in messages[7] and "CSV's folder" in messages[7]


def test_images_are_checked_by_their_bytes_and_urls_only_fetched_when_in_the_sheet(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"GIF89a" + b"\0" * 40)
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        if "big" in url:
            raise BadInput(f"{url} is over 10 MB: link a smaller image (JPEG, PNG or WebP)")
        return png("#123456")

    sheet, _ = _read(
        tmp_path,
        "prompt,product_image,logo\n"
        "Ad one,https://example.test/a.png,\n"
        "Ad two,https://example.test/big.png,\n"
        "Ad three,,logo.png\n",
        fetch,
    )
    assert fetched == ["https://example.test/a.png", "https://example.test/big.png"]
    assert [r.ok for r in sheet.rows] == [True, False, False]
    assert sheet.rows[1].message() == (
        "line 3: column product_image: https://example.test/big.png is over 10 MB: "
        "link a smaller image (JPEG, PNG or WebP)"
    )
    assert "line 4: column logo: " in sheet.rows[2].message() and "GIF" in sheet.rows[2].message()


def test_a_stray_comma_is_named_once_not_as_every_shifted_cell(tmp_path: Path) -> None:
    sheet, _ = _read(tmp_path, "prompt,duration\nCold brew, smooth,8\n")
    assert sheet.rows[0].message() == (
        "line 2: 1 cell(s) more than the header has columns; put a cell with a comma in quotes"
    )


def test_a_sheet_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="line 1: unknown column\\(s\\) colour"):
        _read(tmp_path, "prompt,colour\nx,red\n")
    with pytest.raises(BadInput, match="needs a 'prompt' column"):
        _read(tmp_path, "aspect_ratio\n9:16\n")
    with pytest.raises(BadInput, match="no rows"):
        _read(tmp_path, "prompt\n\n")


def test_the_batch_record_keeps_lines_briefs_and_claims_one_generation_per_row(tmp_path: Path) -> None:
    sheet, _ = _read(tmp_path, "prompt,duration\nAd one,8\nAd two,500\n")
    store = Store.open(f"sqlite:///{tmp_path / 'studio.db'}")
    records = BatchRecords(store.engine)
    batch_id = records.create(sheet, "local")
    assert records.find("local", sheet.sha256) == batch_id and records.find("other", sheet.sha256) is None
    rows = records.rows(batch_id)
    assert [(r.line, r.status) for r in rows] == [(2, "queued"), (3, "invalid")]
    assert rows[0].brief is not None and rows[0].brief.duration_s == 8
    assert rows[1].error is not None and rows[1].error.startswith("line 3: column duration: ")
    assert records.claim(batch_id, 2, "g1") is True
    assert records.claim(batch_id, 2, "g2") is False  # a second run never gives the row another
    assert records.rows(batch_id)[0].generation_id == "g1"
