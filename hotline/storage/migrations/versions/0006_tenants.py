"""Tenants: each conversation belongs to one; agents see only their tenant's.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as table:
        table.add_column(sa.Column("tenant", sa.String(64), nullable=False, server_default="demo"))
        table.create_index("ix_conversations_tenant", ["tenant"])


def downgrade() -> None:
    with op.batch_alter_table("conversations") as table:
        table.drop_index("ix_conversations_tenant")
        table.drop_column("tenant")
