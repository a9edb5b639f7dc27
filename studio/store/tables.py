"""The tables. The schema is created and upgraded by the Alembic migrations in `migrations/`.

Clips have a table of their own rather than a JSON column on `generations`: parallel workers write
their progress several times a second, and one row per clip keeps them from contending on the
generation row's version (which guards the person's edits).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _json(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=sa.Column(JSON, nullable=nullable))


def _tz(nullable: bool = False, index: bool = False) -> Any:
    return Field(
        default=None,
        sa_column=sa.Column(sa.DateTime(timezone=True), nullable=nullable, index=index),
    )


class GenerationRow(SQLModel, table=True):
    __tablename__ = "generations"
    __table_args__ = (sa.Index("ix_generations_owner_created", "owner", "deleted_at", "created_at"),)

    id: str = Field(primary_key=True, max_length=32)
    owner: str = Field(default="local", max_length=200)
    status: str = Field(max_length=32, index=True)
    stage: str = Field(max_length=32)
    prompt: str
    title: str = ""
    brief: dict = _json(nullable=False)
    seed: int | None = Field(default=None, sa_column=sa.Column(sa.BigInteger, nullable=True))
    story: dict | None = _json()
    story_history: list | None = _json()
    story_approved: bool = False
    references: list | None = _json()
    context: dict | None = _json()
    scenes: list | None = _json()
    scenes_approved: bool = False
    references_approved: bool = False
    scenes_outdated: bool = False
    keyframes: list | None = _json()
    storyboard_approved: bool = False
    ad: dict | None = _json()
    versions: list | None = _json()
    assembly: dict | None = _json()
    pending_change: dict | None = _json()
    final_video: str | None = None
    poster: str | None = None
    overall_score: float | None = None
    scoring_failed: bool = False
    config: dict | None = _json()
    cost_usd: float = 0.0
    error: str | None = None
    created_at: datetime = _tz()
    updated_at: datetime = _tz()
    completed_at: datetime | None = _tz(nullable=True)
    deleted_at: datetime | None = _tz(nullable=True)
    heartbeat_at: datetime | None = _tz(nullable=True)
    worker: str | None = Field(default=None, max_length=100)
    progress: float | None = None
    progress_note: str | None = Field(default=None, max_length=200)
    version: int = 1


class ClipRow(SQLModel, table=True):
    __tablename__ = "clips"
    __table_args__ = (sa.UniqueConstraint("generation_id", "scene_id", name="uq_clips_generation_scene"),)

    id: int | None = Field(default=None, primary_key=True)
    generation_id: str = Field(foreign_key="generations.id", index=True, max_length=32)
    scene_id: int
    status: str = Field(default="queued", max_length=16)
    progress: float = 0.0
    data: dict = _json(nullable=False)
    """The rest of the Clip model (location, error, attempts, seed ...)."""
    updated_at: datetime = _tz()


class QualityMetricRow(SQLModel, table=True):
    __tablename__ = "quality_metrics"

    id: int | None = Field(default=None, primary_key=True)
    generation_id: str = Field(foreign_key="generations.id", index=True, max_length=32)
    clip_index: int | None = None
    overall: float | None = None
    composition: float | None = None
    coherence: float | None = None
    motion: float | None = None
    visual_appeal: float | None = None
    dimensions: dict | None = _json()
    model_based: list | None = _json()
    error: str | None = None
    scored_at: datetime = _tz()
    duration_s: float = 0.0


class MessageRow(SQLModel, table=True):
    __tablename__ = "messages"

    id: int | None = Field(default=None, primary_key=True)
    generation_id: str = Field(foreign_key="generations.id", index=True, max_length=32)
    role: str = Field(max_length=16)
    stage: str = Field(max_length=32)
    text: str
    created_at: datetime = _tz()


class ApiCallRow(SQLModel, table=True):
    __tablename__ = "api_calls"

    id: int | None = Field(default=None, primary_key=True)
    generation_id: str | None = Field(default=None, index=True, max_length=32)
    provider: str = Field(max_length=64)
    model: str = Field(max_length=200)
    purpose: str = Field(max_length=64)
    started_at: datetime = _tz()
    duration_s: float = 0.0
    status: str = Field(max_length=16)
    cost_usd: float = 0.0
    error: str | None = None


class BatchTableRow(SQLModel, table=True):
    """A sheet of briefs run as one batch (migration 0005); keyed by owner and the file's hash."""

    __tablename__ = "batches"
    __table_args__ = (sa.Index("ix_batches_owner_sha256", "owner", "sha256"),)

    id: str = Field(primary_key=True, max_length=32)
    owner: str = Field(max_length=200)
    name: str = Field(max_length=300)
    sha256: str = Field(max_length=64)
    created_at: datetime = _tz()


class BatchLineRow(SQLModel, table=True):
    """One row of a batch's sheet: its line, validated brief (None if invalid), generation and status."""

    __tablename__ = "batch_rows"
    __table_args__ = (sa.UniqueConstraint("batch_id", "line", name="uq_batch_rows_batch_line"),)

    id: int | None = Field(default=None, primary_key=True)
    batch_id: str = Field(foreign_key="batches.id", index=True, max_length=32)
    line: int
    prompt: str
    brief: dict | None = _json()
    language: str | None = Field(default=None, max_length=16)
    status: str = Field(max_length=16)
    generation_id: str | None = Field(default=None, max_length=32)
    error: str | None = None
    updated_at: datetime = _tz()


class VariantSetRow(SQLModel, table=True):
    """Variants of one brief compared side by side (migration 0006): the axes, the members, the winner."""

    __tablename__ = "variant_sets"

    id: str = Field(primary_key=True, max_length=32)
    owner: str = Field(default="local", max_length=200, index=True)
    brief: dict = _json(nullable=False)
    axes: list = _json(nullable=False)
    members: list | None = _json()
    """One entry per variant: its index, generation id and what differs (studio/variants/records.py)."""
    status: str = Field(max_length=16)
    winner: str | None = Field(default=None, max_length=32)
    error: str | None = None
    created_at: datetime = _tz()
    updated_at: datetime = _tz()


class SignInFailureRow(SQLModel, table=True):
    """Failed shared-password sign-ins per person or address (migration 0007; rules in studio/sign_in.py)."""

    __tablename__ = "sign_in_failures"

    kind: str = Field(primary_key=True, max_length=16)
    """`person` (the name typed, lower-cased) or `address` (the client's IP)."""
    key: str = Field(primary_key=True, max_length=200)
    failures: int = 0
    last_failure_at: datetime = _tz()
