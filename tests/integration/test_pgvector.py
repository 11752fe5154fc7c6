"""The knowledge base on PostgreSQL with pgvector: the vectors are written beside the blobs, searched in the
database (HNSW, cosine) instead of in each worker's memory, and rank the demo KB as the in-memory search does."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from hotline.kb.embeddings import load_embedder
from hotline.kb.ingest import demo_paths, ingest_paths
from hotline.kb.retrieval import HybridRetriever
from hotline.storage.database import make_engine, migrate, session_factory

pytestmark = [pytest.mark.models, pytest.mark.shared_data]

QUERIES = [
    "how long do refunds to a credit card take",
    "can I exchange an item for a different color",
    "what happens if I cancel a pending order",
    "my package was delivered damaged",
    "which payment methods can I use",
    "do you sell mechanical keyboards",
]


def test_pgvector_ranks_like_the_in_memory_search(pgvector_url: str, shared_data: Path, tmp_path: Path) -> None:
    embedder = load_embedder("packaged:all-minilm-l6-v2")
    paths = demo_paths(shared_data / "kb")
    assert paths
    postgres = make_engine(pgvector_url)
    migrate(postgres)
    with postgres.connect() as connection:
        assert connection.execute(text("SELECT extversion FROM pg_extension WHERE extname = 'vector'")).scalar()
    sqlite = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    migrate(sqlite)
    for engine in (postgres, sqlite):
        ingest_paths(paths, session_factory(engine), embedder)

    in_database, in_memory = HybridRetriever(postgres, embedder), HybridRetriever(sqlite, embedder)
    assert in_database._pgvector and len(in_database._ids) == 0  # nothing held in the worker's memory
    assert not in_memory._pgvector and len(in_memory._ids) > 0

    def ranking(retriever: HybridRetriever, query: str) -> list[str]:
        return [retriever._rows[i].source_id for i in retriever.vector_ranking(query, 5)]

    for query in QUERIES:
        assert ranking(in_database, query) == ranking(in_memory, query), query
        assert in_database.search(query, k=3) and in_database.search(query, k=3)[0].source_id

    # Chunks stored before the column existed are filled in when the retriever loads.
    with postgres.begin() as connection:
        connection.execute(text("UPDATE kb_chunks SET embedding_vec = NULL"))
    again = HybridRetriever(postgres, embedder)
    assert ranking(again, QUERIES[0]) == ranking(in_memory, QUERIES[0])
    with postgres.connect() as connection:
        assert not connection.execute(text("SELECT count(*) FROM kb_chunks WHERE embedding_vec IS NULL")).scalar()
        indexes = connection.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'kb_chunks'")).all()
    assert "ix_kb_chunks_hnsw_384" in {row[0] for row in indexes}
    postgres.dispose()
    sqlite.dispose()
