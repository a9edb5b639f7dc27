"""Read a sheet of briefs (CSV) and validate every row before anything runs.

Each row becomes a `Brief` (studio/models.py) or a list of messages that name the sheet's line and
column and say what to fix. Images are local paths (relative to the CSV's folder) or http(s) URLs the
person put in the sheet; both go through `store_upload`, which checks them by their bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic import ValidationError

from studio.errors import BadInput, StudioError
from studio.media.uploads import MAX_FILE_BYTES, PutsBytes, store_upload
from studio.models import ASPECT_RATIOS, BrandAssets, Brief

MAX_ROWS = 500
MAX_SHEET_BYTES = 2 * 1024 * 1024
LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "sv", "da", "fi", "no", "tr", "ja", "zh", "ko")
"""The languages a sheet may ask for, as two-letter codes (the offline voice speaks each)."""

# Column name in the sheet (normalised) → the brief field it fills.
COLUMNS = {
    "prompt": "prompt",
    "product_image": "product_image",
    "product_images": "product_image",
    "logo": "logo",
    "aspect_ratio": "aspect_ratio",
    "duration": "duration_s",
    "duration_s": "duration_s",
    "framework": "framework",
    "seed": "seed",
    "language": "language",
    "resolution": "resolution",
    "scenes": "scene_count",
    "scene_count": "scene_count",
}
# Brief field → the column name a message uses.
_LABELS = {"duration_s": "duration", "scene_count": "scenes"}

FetchUrl = Callable[[str], bytes]
"""Downloads one image URL the person put in the sheet (size-capped); raises BadInput with the reason."""


@dataclass
class SheetRow:
    """One row of the sheet: its line, the brief when valid, else what to fix."""

    line: int
    prompt: str
    brief: Brief | None = None
    language: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.brief is not None and not self.errors

    def message(self) -> str:
        """'line N: column: what to fix; ...' (empty for a valid row)."""
        return "; ".join(f"line {self.line}: {e}" for e in self.errors)


@dataclass
class Sheet:
    """A validated sheet: its name, content hash and rows (valid and not)."""

    name: str
    sha256: str
    rows: list[SheetRow]

    @property
    def valid(self) -> list[SheetRow]:
        return [r for r in self.rows if r.ok]

    @property
    def invalid(self) -> list[SheetRow]:
        return [r for r in self.rows if not r.ok]


def sheet_hash(data: bytes) -> str:
    """The sheet's identity: the sha256 of its bytes (the same file resumes the same batch)."""
    return hashlib.sha256(data).hexdigest()


def fetch_url(url: str, *, client: httpx.Client | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """Download an image the person linked in the sheet, refusing more than `limit` bytes."""
    own = client is None
    client = client or httpx.Client(timeout=20, follow_redirects=True)
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise BadInput(f"{url} answered HTTP {resp.status_code}: check the link opens in a browser")
            data = bytearray()
            for chunk in resp.iter_bytes():
                data += chunk
                if len(data) > limit:
                    raise BadInput(
                        f"{url} is over {limit // (1024 * 1024)} MB: link a smaller image (JPEG, PNG or WebP)"
                    )
            return bytes(data)
    except httpx.HTTPError as exc:
        raise BadInput(f"{url} could not be downloaded ({type(exc).__name__}): check the link") from None
    finally:
        if own:
            client.close()


def _normalise(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _read_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header's columns and each non-blank row with the line it starts on (the header is line 1)."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput("The sheet is empty: the first line names the columns (prompt, ...)") from None
    except csv.Error as exc:
        raise BadInput(f"line 1: the header cannot be read as CSV ({exc})") from None
    names = [_normalise(h) for h in header]
    unknown = [h for h, n in zip(header, names, strict=True) if n and n not in COLUMNS]
    if unknown:
        known = ", ".join(sorted({k for k in COLUMNS if k != "product_images"}))
        raise BadInput(f"line 1: unknown column(s) {', '.join(unknown)}; a sheet's columns are: {known}")
    if "prompt" not in names:
        raise BadInput("line 1: the sheet needs a 'prompt' column (what each ad is about)")
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                values = {COLUMNS[n]: c.strip() for n, c in zip(names, cells, strict=False) if n}
                if len(cells) > len(names):
                    values["_extra"] = str(len(cells) - len(names))
                rows.append((line, values))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise BadInput(f"line {line}: cannot be read as CSV ({exc}); check its quotes") from None
    if len(rows) > MAX_ROWS:
        raise BadInput(f"The sheet has {len(rows)} rows; split it into sheets of at most {MAX_ROWS}")
    return names, rows


def _brief_errors(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        name = str(err["loc"][0]) if err["loc"] else "row"
        column = _LABELS.get(name, name)
        out.append(f"column {column}: {_fix(column, err)}")
    return out


def _fix(column: str, err: Any) -> str:
    """The pydantic message, said as what to write in the cell."""
    msg = str(err["msg"]).removeprefix("Value error, ")
    if column == "aspect_ratio":
        return f"{err.get('input')!r} is not an aspect ratio; write one of {', '.join(ASPECT_RATIOS)}"
    if column == "framework":
        return f"{err.get('input')!r} is not a framework; write auto, AIDA, PAS or FAB"
    if column == "language":
        return f"{err.get('input')!r} is not a language code; write a short code like en, es, fr or pt-br"
    if column == "duration":
        return f"{msg} (seconds, 6 to 120)"
    if column == "prompt" and err["type"] in ("missing", "string_too_short"):
        return "the prompt is empty: say what the ad is about"
    return msg


def _number(values: dict[str, str], key: str, kind: type, errors: list[str]) -> Any:
    raw = values.get(key, "")
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        errors.append(f"column {_LABELS.get(key, key)}: {raw!r} is not {what}")
        return None


class _Images:
    """Loads and stores each image cell; the same file is read and stored once per sheet."""

    def __init__(self, media: PutsBytes, base: Path | None, owner: str, fetch: FetchUrl) -> None:
        self.media, self.base, self.owner, self.fetch = media, base, owner, fetch
        self.done: dict[str, str] = {}

    def store(self, ref: str) -> tuple[str, str]:
        """(location, the name the person knows it by); raises a StudioError with the reason."""
        if ref not in self.done:
            if ref.lower().startswith(("http://", "https://")):
                data, name = self.fetch(ref), ref.rsplit("/", 1)[-1].split("?", 1)[0] or "image"
            elif ref.lower().startswith(("ftp:", "file:", "data:")):
                raise BadInput(f"{ref[:40]!r} is not a file path or an http(s) link")
            else:
                path = Path(ref).expanduser()
                if not path.is_absolute():
                    if self.base is None:
                        raise BadInput(f"{ref} is a file path: upload the images or link them by URL")
                    path = self.base / path
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    why = f"{exc.strerror}; paths start at the CSV's folder"
                    raise BadInput(f"cannot read {ref} ({why})") from None
                name = path.name
            self.done[ref] = store_upload(self.media, name, data, owner=self.owner)
        return self.done[ref], ref.rsplit("/", 1)[-1]


def _row(line: int, values: dict[str, str], images: _Images) -> SheetRow:
    row = SheetRow(line=line, prompt=values.get("prompt", ""))
    if "_extra" in values:  # every cell after a stray comma is shifted: say only that
        row.errors.append(
            f"{values['_extra']} cell(s) more than the header has columns; put a cell with a comma in quotes"
        )
        return row
    fields: dict[str, Any] = {"prompt": values.get("prompt", "")}
    for key in ("aspect_ratio", "framework", "resolution"):
        if values.get(key):
            fields[key] = values[key]
    for key, kind in (("duration_s", float), ("seed", int), ("scene_count", int)):
        number = _number(values, key, kind, row.errors)
        if number is not None:
            fields[key] = number
    language = values.get("language", "").lower() or None
    if language is not None:
        if "language" in Brief.model_fields:
            fields["language"] = language
        elif language not in LANGUAGES:
            row.errors.append(f"column language: {language!r} is not a language code; write one of "
                              f"{', '.join(LANGUAGES)}")  # fmt: skip
    row.language = language
    assets: dict[str, Any] = {"product_images": [], "upload_names": {}}
    for column, key in (("product_image", "product_images"), ("logo", "logo")):
        refs = [r.strip() for r in values.get(column, "").split(";") if r.strip()]
        if column == "logo" and len(refs) > 1:
            row.errors.append("column logo: one logo per row")
            continue
        for ref in refs:
            try:
                location, name = images.store(ref)
            except StudioError as exc:
                row.errors.append(f"column {column}: {exc}")
                continue
            assets["upload_names"][location] = name
            if key == "logo":
                assets["logo"] = location
            else:
                assets["product_images"].append(location)
    try:
        brief = Brief(**fields, mode="automated", assets=BrandAssets(**assets))
    except ValidationError as exc:
        row.errors.extend(_brief_errors(exc))
        return row
    if not row.errors:
        row.brief = brief
    return row


def read_sheet(
    data: bytes,
    name: str,
    *,
    media: PutsBytes,
    owner: str,
    base: Path | None = None,
    fetch: FetchUrl = fetch_url,
) -> Sheet:
    """Validate every row of a CSV sheet; raises BadInput only when the sheet as a whole is unreadable."""
    if len(data) > MAX_SHEET_BYTES:
        raise BadInput(f"{name} is over {MAX_SHEET_BYTES // (1024 * 1024)} MB: split it into smaller sheets")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"{name} is not UTF-8 text: save it as 'CSV UTF-8' and try again") from None
    _, rows = _read_rows(text)
    if not rows:
        raise BadInput(f"{name} has a header but no rows: add one row per ad")
    images = _Images(media, base, owner, fetch)
    return Sheet(name=name, sha256=sheet_hash(data), rows=[_row(line, v, images) for line, v in rows])
