"""pgvector for the knowledge base on PostgreSQL: a ``vector`` column beside the float32 blob, searched in the
database instead of in each worker's memory. Only where the server has the extension; SQLite and PostgreSQL
without it keep the in-memory search.

Revision ID: 0007
Revises: 0006
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
log = logging.getLogger(__name__)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    available = bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).scalar()
    if not available:
        log.warning("PostgreSQL has no pgvector extension: the knowledge base is searched in memory")
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.execute("ALTER TABLE kb_chunks ADD COLUMN IF NOT EXISTS embedding_vec vector")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE kb_chunks DROP COLUMN IF EXISTS embedding_vec")
