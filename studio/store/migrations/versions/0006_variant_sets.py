"""variant sets: 2 to 6 variants of one brief, what differs in each, their generations and the winner

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "variant_sets",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("brief", _JSON, nullable=False),
        sa.Column("axes", _JSON, nullable=False),
        sa.Column("members", _JSON, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("winner", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_variant_sets_owner", "variant_sets", ["owner"])


def downgrade() -> None:
    op.drop_index("ix_variant_sets_owner", table_name="variant_sets")
    op.drop_table("variant_sets")
