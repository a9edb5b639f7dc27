"""The variant set record and its queries (table `variant_sets`, migration 0006).

A set is written by one job at a time (its planning job), then only its winner changes: plain updates,
no versioning needed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field

from studio.errors import NotFound
from studio.models import Brief, utcnow
from studio.store.repo import Store, _as_utc
from studio.store.tables import VariantSetRow

V = VariantSetRow.__table__
SetStatus = Literal["planning", "rendering", "failed"]


class VariantMember(BaseModel):
    """One variant of the set: its place, its generation and what differs from variant 1."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0)
    generation_id: str
    differs: dict[str, str] = Field(default_factory=dict)
    label: str = ""


class VariantSet(BaseModel):
    """Variants of one brief compared side by side."""

    model_config = ConfigDict(extra="forbid")

    id: str
    owner: str = "local"
    brief: Brief
    """The parent brief, as the person wrote it."""
    axes: list[str]
    n: int = Field(ge=2, le=6)
    members: list[VariantMember] = Field(default_factory=list)
    status: SetStatus = "planning"
    """planning: the shared story and references are being made; rendering: every variant was started."""
    winner: str | None = None
    """The generation id the person marked as the winner."""
    error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def generation_ids(self) -> list[str]:
        return [m.generation_id for m in self.members]


def _values(vs: VariantSet) -> dict[str, Any]:
    return {
        "owner": vs.owner,
        "brief": vs.brief.model_dump(mode="json"),
        "axes": {"axes": vs.axes, "n": vs.n},
        "members": [m.model_dump(mode="json") for m in vs.members],
        "status": vs.status,
        "winner": vs.winner,
        "error": vs.error,
        "created_at": vs.created_at,
        "updated_at": vs.updated_at,
    }


def _from_row(row: Any) -> VariantSet:
    axes = row["axes"] or {}
    return VariantSet(
        id=row["id"],
        owner=row["owner"],
        brief=Brief.model_validate(row["brief"]),
        axes=list(axes.get("axes", [])),
        n=int(axes.get("n", 2)),
        members=[VariantMember.model_validate(m) for m in row["members"] or []],
        status=row["status"],
        winner=row["winner"],
        error=row["error"],
        created_at=_as_utc(row["created_at"]),
        updated_at=_as_utc(row["updated_at"]),
    )


def create_set(store: Store, vs: VariantSet) -> VariantSet:
    """Store a new variant set."""
    with store.engine.begin() as conn:
        conn.execute(sa.insert(V).values(id=vs.id, **_values(vs)))
    return vs


def get_set(store: Store, set_id: str) -> VariantSet:
    """The variant set with this id, or NotFound."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(V).where(V.c.id == set_id)).mappings().first()
    if row is None:
        raise NotFound(f"No variant set with id {set_id!r}")
    return _from_row(row)


def save_set(store: Store, vs: VariantSet) -> VariantSet:
    """Write the set's members, status, winner and error."""
    vs = vs.model_copy(update={"updated_at": utcnow()})
    with store.engine.begin() as conn:
        conn.execute(sa.update(V).where(V.c.id == vs.id).values(**_values(vs)))
    return vs


def list_sets(store: Store, owner: str | None = None, limit: int = 20) -> list[VariantSet]:
    """Newest first; `owner=None` lists everyone's."""
    q = sa.select(V)
    if owner is not None:
        q = q.where(V.c.owner == owner)
    with store.engine.connect() as conn:
        return [_from_row(r) for r in conn.execute(q.order_by(V.c.created_at.desc()).limit(limit)).mappings()]
