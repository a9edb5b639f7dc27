"""ad versions: every finished ad kept, how the current one is assembled, a change waiting for a yes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("generations") as batch_op:
        batch_op.add_column(sa.Column("versions", _JSON, nullable=True))
        batch_op.add_column(sa.Column("assembly", _JSON, nullable=True))
        batch_op.add_column(sa.Column("pending_change", _JSON, nullable=True))
    # An ad finished before versions existed is its version 1 (its file stays where it is).
    conn = op.get_bind()
    gens = sa.table(
        "generations",
        sa.column("id", sa.String),
        sa.column("ad", sa.JSON),
        sa.column("overall_score", sa.Float),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("versions", sa.JSON),
    )
    rows = conn.execute(sa.select(gens.c.id, gens.c.ad, gens.c.overall_score, gens.c.created_at)).all()
    for gen_id, ad, score, created in rows:
        if ad:
            first = {
                "number": 1,
                "ad": ad,
                "settings": {},
                "change": "first cut",
                "overall_score": score,
            }
            if created is not None:
                first["created_at"] = created.isoformat()
            conn.execute(sa.update(gens).where(gens.c.id == gen_id).values(versions=[first]))


def downgrade() -> None:
    with op.batch_alter_table("generations") as batch_op:
        batch_op.drop_column("pending_change")
        batch_op.drop_column("assembly")
        batch_op.drop_column("versions")
