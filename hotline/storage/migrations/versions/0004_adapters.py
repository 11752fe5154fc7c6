"""The adapter registry: LoRA adapter versions, their eval metrics, and which one is live.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "adapters",
        sa.Column("version", sa.String(100), primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("base_model", sa.String(300), nullable=False),
        sa.Column("data_hash", sa.String(64)),
        sa.Column("metrics", sa.JSON),
        sa.Column("promotable", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("live", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("promoted_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("adapters")
