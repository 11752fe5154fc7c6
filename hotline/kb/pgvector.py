"""The knowledge base's vectors in PostgreSQL with pgvector: written beside the float32 blob at ingest, searched
with the cosine distance operator over an HNSW index (one per dimension: the column takes any embedder's
vectors, the index casts to its own). Used only where migration 0007 found the extension."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine


def available(engine: Engine) -> bool:
    """True on PostgreSQL whose kb_chunks has the pgvector column."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as connection:
        return bool(
            connection.execute(
                text(
                    "SELECT 1 FROM information_schema.columns "
                    "WHERE table_name = 'kb_chunks' AND column_name = 'embedding_vec'"
                )
            ).scalar()
        )


def literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(v):.7g}" for v in vector) + "]"


def store(connection: Connection, ids: Sequence[int], vectors: np.ndarray) -> None:
    """Write the chunks' vectors and make sure the index for their dimension exists."""
    dimension = int(vectors.shape[1])
    for chunk_id, vector in zip(ids, vectors, strict=True):
        connection.execute(
            text("UPDATE kb_chunks SET embedding_vec = CAST(:v AS vector) WHERE id = :id"),
            {"v": literal(vector), "id": chunk_id},
        )
    connection.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS ix_kb_chunks_hnsw_{dimension} ON kb_chunks "
            f"USING hnsw ((embedding_vec::vector({dimension})) vector_cosine_ops) "
            f"WHERE vector_dims(embedding_vec) = {dimension}"
        )
    )


def nearest(engine: Engine, query: np.ndarray, model: str, limit: int) -> list[int]:
    """Chunk ids by cosine distance to ``query`` among the chunks embedded by ``model``."""
    dimension = int(query.shape[0])
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                f"SELECT id FROM kb_chunks WHERE embedding_model = :model AND vector_dims(embedding_vec) = {dimension} "
                f"ORDER BY embedding_vec::vector({dimension}) <=> CAST(:q AS vector({dimension})) LIMIT :n"
            ),
            {"model": model, "q": literal(query), "n": limit},
        )
        return [int(row[0]) for row in rows]


def backfill(engine: Engine) -> int:
    """Chunks embedded before the column existed (or by an older gateway) get their vector column filled."""
    with engine.begin() as connection:
        rows = connection.execute(
            text("SELECT id, embedding FROM kb_chunks WHERE embedding IS NOT NULL AND embedding_vec IS NULL")
        ).all()
        by_dimension: dict[int, list[tuple[int, np.ndarray]]] = {}
        for chunk_id, blob in rows:
            vector = np.frombuffer(blob, dtype=np.float32)
            by_dimension.setdefault(len(vector), []).append((int(chunk_id), vector))
        for pairs in by_dimension.values():
            store(connection, [i for i, _ in pairs], np.stack([v for _, v in pairs]))
    return len(rows)
