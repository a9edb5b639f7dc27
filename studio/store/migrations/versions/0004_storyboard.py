"""storyboard: keyframes per scene, the references and storyboard stops, scenes out of date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("generations") as batch_op:
        batch_op.add_column(
            sa.Column("references_approved", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("scenes_outdated", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "keyframes",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("storyboard_approved", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # Generations made before the stops existed went past them: do not stop them there on resume.
    op.execute(
        "UPDATE generations SET references_approved = story_approved, storyboard_approved = scenes_approved"
    )


def downgrade() -> None:
    with op.batch_alter_table("generations") as batch_op:
        batch_op.drop_column("storyboard_approved")
        batch_op.drop_column("keyframes")
        batch_op.drop_column("scenes_outdated")
        batch_op.drop_column("references_approved")
