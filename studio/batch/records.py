"""The batch record in the store: the sheet (by content hash) and each row's line, brief, generation, status.

A row's generation id is written before the generation is created (`claim`), so a process killed at
any moment leaves at most that one id to create or resume: a row never gets two generations.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.dialects.postgresql
from pydantic import BaseModel
from sqlalchemy.engine import Engine

from studio.batch.sheet import Sheet
from studio.errors import NotFound
from studio.models import Brief, utcnow
from studio.store.tables import BatchLineRow, BatchTableRow

B = BatchTableRow.__table__
R = BatchLineRow.__table__

RowStatus = str
"""invalid (never runs), queued, running, completed, failed, stopped."""


class BatchRecord(BaseModel):
    """One stored row of a batch."""

    line: int
    prompt: str
    brief: Brief | None
    language: str | None
    status: RowStatus
    generation_id: str | None
    error: str | None
    updated_at: datetime


class BatchInfo(BaseModel):
    id: str
    owner: str
    name: str
    sha256: str
    created_at: datetime


class BatchRecords:
    """Batches and their rows, in the studio's database (tables from migration 0005)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, sheet: Sheet, owner: str) -> str:
        """Store a validated sheet as a new batch; returns its id."""
        batch_id = uuid.uuid4().hex[:16]
        now = utcnow()
        rows = [
            {
                "batch_id": batch_id,
                "line": r.line,
                "prompt": r.prompt,
                "brief": r.brief.model_dump(mode="json") if r.brief else None,
                "language": r.language,
                "status": "queued" if r.ok else "invalid",
                "generation_id": None,
                "error": None if r.ok else r.message(),
                "updated_at": now,
            }
            for r in sheet.rows
        ]
        with self.engine.begin() as conn:
            conn.execute(
                sa.insert(B).values(
                    id=batch_id, owner=owner, name=sheet.name[:300], sha256=sheet.sha256, created_at=now
                )
            )
            if rows:
                conn.execute(sa.insert(R), rows)
        return batch_id

    def find(self, owner: str, sha256: str) -> str | None:
        """The newest batch this person made from a sheet with these bytes."""
        q = sa.select(B.c.id).where(B.c.owner == owner, B.c.sha256 == sha256).order_by(B.c.created_at.desc())
        with self.engine.connect() as conn:
            return conn.execute(q).scalars().first()

    def info(self, batch_id: str) -> BatchInfo:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(B).where(B.c.id == batch_id)).mappings().first()
        if row is None:
            raise NotFound(f"No batch {batch_id}: check the id the batch command printed")
        return BatchInfo(**dict(row))

    def rows(self, batch_id: str) -> list[BatchRecord]:
        """Every row of the batch in sheet order."""
        q = sa.select(R).where(R.c.batch_id == batch_id).order_by(R.c.line)
        with self.engine.connect() as conn:
            found = conn.execute(q).mappings().all()
        return [_record(dict(r)) for r in found]

    def claim(self, batch_id: str, line: int, generation_id: str) -> bool:
        """Give the row this generation id unless it has one; True if this call gave it."""
        q = (
            sa.update(R)
            .where(R.c.batch_id == batch_id, R.c.line == line, R.c.generation_id.is_(None))
            .values(generation_id=generation_id, status="running", error=None, updated_at=utcnow())
        )
        with self.engine.begin() as conn:
            return conn.execute(q).rowcount == 1

    def set_status(self, batch_id: str, line: int, status: RowStatus, error: str | None = None) -> None:
        q = (
            sa.update(R)
            .where(R.c.batch_id == batch_id, R.c.line == line)
            .values(status=status, error=error, updated_at=utcnow())
        )
        with self.engine.begin() as conn:
            conn.execute(q)


def _record(row: dict[str, Any]) -> BatchRecord:
    brief = Brief.model_validate(row["brief"]) if row["brief"] else None
    updated = row["updated_at"]
    if updated.tzinfo is None:  # SQLite hands back naive datetimes; we write UTC
        updated = updated.replace(tzinfo=UTC)
    return BatchRecord(
        line=row["line"], prompt=row["prompt"], brief=brief, language=row["language"], status=row["status"],
        generation_id=row["generation_id"], error=row["error"], updated_at=updated,
    )  # fmt: skip
