"""Initial schema: conversations, messages, feedback, events, knowledge base with full-text index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("display_name", sa.String(200)),
        sa.Column("email", sa.String(320), index=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(36), sa.ForeignKey("customers.id"), nullable=False, index=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("ended_at", TS),
    )
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(36), sa.ForeignKey("conversations.id"), nullable=False, index=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("model", sa.String(200)),
        sa.Column("adapter", sa.String(200)),
        sa.Column("retrieval_ms", sa.Float),
        sa.Column("first_token_ms", sa.Float),
        sa.Column("total_ms", sa.Float),
        sa.Column("tokens", sa.Integer),
        sa.Column("tokens_per_s", sa.Float),
        sa.Column("sources", sa.JSON),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("conversation_id", "seq", name="uq_message_seq"),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.Integer, sa.ForeignKey("messages.id"), nullable=False, index=True),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(36), sa.ForeignKey("conversations.id"), index=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "kb_documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(500), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("ingested_at", TS, nullable=False),
    )
    op.create_table(
        "kb_chunks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("kb_documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("chunk_index", sa.Integer, nullable=False),
        sa.Column("source_id", sa.String(600), nullable=False, unique=True),
        sa.Column("heading", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("embedding", sa.LargeBinary),
        sa.Column("embedding_model", sa.String(200)),
    )
    if op.get_bind().dialect.name == "sqlite":
        # External-content FTS5 index kept in step with kb_chunks by triggers.
        op.execute(
            "CREATE VIRTUAL TABLE kb_chunks_fts USING fts5(heading, text, content='kb_chunks', "
            "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER kb_chunks_ai AFTER INSERT ON kb_chunks BEGIN "
            "INSERT INTO kb_chunks_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER kb_chunks_ad AFTER DELETE ON kb_chunks BEGIN "
            "INSERT INTO kb_chunks_fts(kb_chunks_fts, rowid, heading, text) "
            "VALUES ('delete', old.id, old.heading, old.text); END"
        )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_kb_chunks_fulltext ON kb_chunks USING GIN (to_tsvector('english', heading || ' ' || text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS kb_chunks_fts")
    for table in (
        "kb_chunks",
        "kb_documents",
        "events",
        "feedback",
        "messages",
        "conversations",
        "customers",
    ):
        op.drop_table(table)
