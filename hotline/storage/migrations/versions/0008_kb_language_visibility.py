"""Knowledge documents carry their language (retrieval prefers the customer's) and visibility (public: citable
to customers; internal: informs agents and the bot's decisions, never quoted to a customer).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kb_documents") as batch:
        batch.add_column(sa.Column("lang", sa.String(8), nullable=True))
        batch.add_column(sa.Column("visibility", sa.String(16), nullable=False, server_default="public"))


def downgrade() -> None:
    with op.batch_alter_table("kb_documents") as batch:
        batch.drop_column("visibility")
        batch.drop_column("lang")
