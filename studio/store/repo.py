"""Queries: the store is the truth about a generation.

`Store.update` is the only way a generation row changes: it reads the row, applies a function to the
`Generation` model and writes it back only if nobody else wrote in between (optimistic locking on
`version`); on a conflict it retries on fresh data, so two writers never lose each other's change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Engine

from studio.errors import ConflictError, NotFound
from studio.models import RUNNING, Clip, Generation, Message, QualityReport, utcnow
from studio.run import ApiCall, stage_of
from studio.store.db import create_engine, migrate
from studio.store.tables import ApiCallRow, ClipRow, GenerationRow, MessageRow, QualityMetricRow

log = logging.getLogger(__name__)

G = GenerationRow.__table__
C = ClipRow.__table__
Q = QualityMetricRow.__table__
M = MessageRow.__table__
A = ApiCallRow.__table__

# Generation fields stored as JSON and how to read them back.
_JSON_FIELDS = (
    "brief", "story", "story_history", "references", "context", "scenes", "keyframes", "ad", "config",
    "versions", "assembly", "pending_change",
)  # fmt: skip
_COLUMN_FIELDS = (
    "owner", "status", "stage", "seed", "story_approved", "scenes_approved", "overall_score",
    "scoring_failed", "error", "created_at", "updated_at", "completed_at",
    "references_approved", "scenes_outdated", "storyboard_approved",
)  # fmt: skip
# cost_usd is not among them: only `record` changes it, by increment, so versioned writes never undo it.


class GenerationSummary(BaseModel):
    """One line of the library: what the list shows, without the heavy JSON."""

    id: str
    owner: str
    status: str
    stage: str
    prompt: str
    title: str
    poster: str | None
    final_video: str | None
    overall_score: float | None
    cost_usd: float = 0.0
    created_at: datetime
    versions: list[dict] | None = None
    """Every version of the finished ad (AdVersion as JSON: number, ad, change, score)."""


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


REPORT_DETAILS_KEY = "_details"
"""A quality report's fields beyond the columns (checklist, text read back, group notes) ride in the
dimensions JSON under this key, so they need no schema change."""
_REPORT_DETAILS = ("group_notes", "overall_covers", "text_readback", "brand_sightings", "checklist")


def _dimensions_json(report: QualityReport) -> dict[str, Any]:
    out: dict[str, Any] = {k: v.model_dump(mode="json") for k, v in report.dimensions.items()}
    out[REPORT_DETAILS_KEY] = report.model_dump(mode="json", include=set(_REPORT_DETAILS))
    return out


def _as_utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything we write is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Store:
    """Generations, their clips, messages, scores and API calls, in SQLite or Postgres."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        engine = create_engine(url)
        migrate(engine)
        return cls(engine)

    # ── generations ──────────────────────────────────────────────────────────────────────────────

    def _row_values(self, gen: Generation) -> dict[str, Any]:
        values: dict[str, Any] = {f: _dump(getattr(gen, f)) for f in _JSON_FIELDS}
        values.update({f: getattr(gen, f) for f in _COLUMN_FIELDS})
        values["prompt"] = gen.brief.prompt
        values["title"] = gen.story.title if gen.story else ""
        # While a new version is made, the library keeps the last finished one: never unlinked.
        finished = gen.finished_ad
        values["final_video"] = finished.location if finished else None
        values["poster"] = finished.poster if finished else None
        return values

    def create(self, gen: Generation) -> Generation:
        with self.engine.begin() as conn:
            conn.execute(sa.insert(G).values(id=gen.id, version=1, **self._row_values(gen)))
        return gen

    def _load(self, conn: sa.Connection, gen_id: str) -> Generation:
        row = conn.execute(sa.select(G).where(G.c.id == gen_id, G.c.deleted_at.is_(None))).mappings().first()
        if row is None:
            raise NotFound(f"No generation with id {gen_id!r}")
        data = {f: row[f] for f in _JSON_FIELDS if row[f] is not None}
        data.update({f: row[f] for f in _COLUMN_FIELDS})
        data["cost_usd"] = row["cost_usd"]
        data["progress"], data["progress_note"] = row["progress"], row["progress_note"] or ""
        for f in ("created_at", "updated_at", "completed_at"):
            data[f] = _as_utc(data[f])
        clips = conn.execute(
            sa.select(C).where(C.c.generation_id == gen_id).order_by(C.c.scene_id)
        ).mappings()
        data["clips"] = [self._clip_from_row(c) for c in clips]
        return Generation.model_validate({"id": row["id"], "version": row["version"], **data})

    def get(self, gen_id: str) -> Generation:
        with self.engine.connect() as conn:
            return self._load(conn, gen_id)

    def update(self, gen_id: str, change: Callable[[Generation], None], attempts: int = 8) -> Generation:
        """Apply `change` to the freshest copy and write it if the version is unchanged; else retry."""
        for attempt in range(attempts):
            gen = self.get(gen_id)
            version = gen.version
            change(gen)
            gen.updated_at = utcnow()
            values = self._row_values(gen)
            with self.engine.begin() as conn:
                result = conn.execute(
                    sa.update(G)
                    .where(G.c.id == gen_id, G.c.version == version)
                    .values(version=version + 1, **values)
                )
            if result.rowcount == 1:
                gen.version = version + 1
                return gen
            log.info(
                "generation %s changed under us (attempt %d); retrying on fresh data", gen_id, attempt + 1
            )
            time.sleep(0.01 * (attempt + 1))
        raise ConflictError(f"Generation {gen_id} kept changing while we tried to save it; try again.")

    def set_progress(self, gen_id: str, fraction: float | None, note: str = "") -> None:
        """How far the running stage is (0..1) and what it is doing; not versioned, like a heartbeat."""
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(G).where(G.c.id == gen_id).values(progress=fraction, progress_note=note[:200])
            )

    def heartbeat(self, gen_id: str, worker: str | None) -> None:
        """Mark which process drives the generation (recovery looks for stale heartbeats)."""
        with self.engine.begin() as conn:
            conn.execute(sa.update(G).where(G.c.id == gen_id).values(heartbeat_at=utcnow(), worker=worker))

    def release(self, gen_id: str) -> None:
        """This process lets go of a running generation (it is exiting): the next start picks it up."""
        with self.engine.begin() as conn:
            conn.execute(sa.update(G).where(G.c.id == gen_id).values(heartbeat_at=None, worker=None))

    def unfinished(self, stale_before: datetime | None = None) -> list[str]:
        """Generations still running whose driver has not reported since `stale_before`."""
        q = sa.select(G.c.id).where(G.c.status.in_(sorted(RUNNING)), G.c.deleted_at.is_(None))
        if stale_before is not None:
            q = q.where(sa.or_(G.c.heartbeat_at.is_(None), G.c.heartbeat_at < stale_before))
        with self.engine.connect() as conn:
            return list(conn.execute(q.order_by(G.c.created_at)).scalars())

    def list_generations(
        self, owner: str | None = None, search: str = "", limit: int = 50, offset: int = 0
    ) -> list[GenerationSummary]:
        """Newest first; `owner=None` lists everyone's (admins)."""
        cols = [G.c[f] for f in GenerationSummary.model_fields]
        q = sa.select(*cols).where(G.c.deleted_at.is_(None))
        if owner is not None:
            q = q.where(G.c.owner == owner)
        if search.strip():
            pattern = f"%{search.strip()}%"
            q = q.where(sa.or_(G.c.prompt.ilike(pattern), G.c.title.ilike(pattern)))
        q = q.order_by(G.c.created_at.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [
                GenerationSummary.model_validate({**r, "created_at": _as_utc(r["created_at"])})
                for r in conn.execute(q).mappings()
            ]

    def count_since(self, owner: str, since: datetime) -> tuple[int, datetime | None]:
        """How many generations `owner` started since `since`, and the oldest of them."""
        q = sa.select(sa.func.count(), sa.func.min(G.c.created_at)).where(
            G.c.owner == owner, G.c.created_at >= since
        )
        with self.engine.connect() as conn:
            count, oldest = conn.execute(q).one()
        return int(count), _as_utc(oldest)

    def soft_delete(self, gen_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.update(G).where(G.c.id == gen_id).values(deleted_at=utcnow()))

    # ── clips ────────────────────────────────────────────────────────────────────────────────────

    @staticmethod
    def _clip_from_row(row: Any) -> Clip:
        return Clip.model_validate(
            {**row["data"], "scene_id": row["scene_id"], "status": row["status"], "progress": row["progress"]}
        )

    def save_clip(self, gen_id: str, clip: Clip) -> None:
        """Insert or replace one clip's row."""
        data = clip.model_dump(mode="json", exclude={"scene_id", "status", "progress"})
        values = dict(status=clip.status, progress=clip.progress, data=data, updated_at=utcnow())
        with self.engine.begin() as conn:
            updated = conn.execute(
                sa.update(C)
                .where(C.c.generation_id == gen_id, C.c.scene_id == clip.scene_id)
                .values(**values)
            )
            if updated.rowcount == 0:
                conn.execute(sa.insert(C).values(generation_id=gen_id, scene_id=clip.scene_id, **values))

    def set_clip_progress(self, gen_id: str, scene_id: int, progress: float, status: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(C)
                .where(C.c.generation_id == gen_id, C.c.scene_id == scene_id)
                .values(progress=round(min(100.0, max(0.0, progress)), 1), status=status, updated_at=utcnow())
            )

    def clip(self, gen_id: str, scene_id: int) -> Clip:
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(C).where(C.c.generation_id == gen_id, C.c.scene_id == scene_id))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound(f"Generation {gen_id} has no clip for scene {scene_id}")
        return self._clip_from_row(row)

    def clips(self, gen_id: str) -> list[Clip]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(C).where(C.c.generation_id == gen_id).order_by(C.c.scene_id)
            ).mappings()
            return [self._clip_from_row(r) for r in rows]

    def delete_clips(self, gen_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.delete(C).where(C.c.generation_id == gen_id))

    # ── messages, scores, api calls ─────────────────────────────────────────────────────────────

    def add_message(self, gen_id: str, message: Message) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.insert(M).values(generation_id=gen_id, **message.model_dump()))

    def messages(self, gen_id: str) -> list[Message]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(M).where(M.c.generation_id == gen_id).order_by(M.c.id)).mappings()
            return [
                Message(role=r["role"], stage=r["stage"], text=r["text"], created_at=_as_utc(r["created_at"]))
                for r in rows
            ]

    def save_quality(
        self, gen_id: str, report: QualityReport | None, clip_index: int | None, error: str = ""
    ) -> None:
        """Store a score; `report=None` stores a failed scoring (NULL figures and the reason)."""
        same_clip = Q.c.clip_index.is_(None) if clip_index is None else Q.c.clip_index == clip_index
        with self.engine.begin() as conn:
            conn.execute(sa.delete(Q).where(Q.c.generation_id == gen_id, same_clip))
            if report is None:
                conn.execute(
                    sa.insert(Q).values(
                        generation_id=gen_id,
                        clip_index=clip_index,
                        error=error or "scoring failed",
                        scored_at=utcnow(),
                    )
                )
                return
            conn.execute(
                sa.insert(Q).values(
                    generation_id=gen_id,
                    clip_index=clip_index,
                    overall=report.overall,
                    composition=report.composition,
                    coherence=report.coherence,
                    motion=report.motion,
                    visual_appeal=report.visual_appeal,
                    dimensions=_dimensions_json(report),
                    model_based=sorted(k for k, v in report.dimensions.items() if v.model_based),
                    scored_at=report.scored_at,
                    duration_s=report.scoring_seconds,
                )
            )

    def quality(self, gen_id: str) -> dict[int | None, QualityReport | None]:
        """Scores by clip index (None for the whole ad); a None value means scoring failed."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(Q).where(Q.c.generation_id == gen_id).order_by(Q.c.id)).mappings()
            out: dict[int | None, QualityReport | None] = {}
            for r in rows:
                if r["error"]:
                    out[r["clip_index"]] = None
                    continue
                dims = dict(r["dimensions"] or {})
                details = dims.pop(REPORT_DETAILS_KEY, None) or {}
                out[r["clip_index"]] = QualityReport(
                    **details,
                    clip_index=r["clip_index"],
                    dimensions=dims,
                    composition=r["composition"],
                    coherence=r["coherence"],
                    motion=r["motion"],
                    visual_appeal=r["visual_appeal"],
                    overall=r["overall"],
                    scoring_seconds=r["duration_s"],
                    scored_at=_as_utc(r["scored_at"]),
                )
            return out

    def record(self, call: ApiCall) -> None:
        """The Meter port: one api_calls row, and the cost added to the generation's total."""
        gen_id = call.generation_id
        values = call.model_dump(exclude={"generation_id"})
        with self.engine.begin() as conn:
            conn.execute(sa.insert(A).values(generation_id=gen_id, **values))
            if gen_id and call.cost_usd:
                # An increment, not a read-modify-write: safe alongside the versioned updates.
                conn.execute(
                    sa.update(G).where(G.c.id == gen_id).values(cost_usd=G.c.cost_usd + call.cost_usd)
                )

    def cost_by_stage(self, gen_id: str) -> dict[str, float]:
        """What the generation's calls cost so far, per stage (story, references, scenes, clips, chat)."""
        q = (
            sa.select(A.c.purpose, sa.func.sum(A.c.cost_usd))
            .where(A.c.generation_id == gen_id)
            .group_by(A.c.purpose)
        )
        totals: dict[str, float] = {}
        with self.engine.connect() as conn:
            for purpose, cost in conn.execute(q):
                stage = stage_of(purpose)
                totals[stage] = totals.get(stage, 0.0) + float(cost or 0.0)
        return totals

    def api_calls(self, gen_id: str) -> list[ApiCall]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(A).where(A.c.generation_id == gen_id).order_by(A.c.id)).mappings()
            return [
                ApiCall.model_validate(
                    {**{k: v for k, v in r.items() if k != "id"}, "started_at": _as_utc(r["started_at"])}
                )
                for r in rows
            ]
