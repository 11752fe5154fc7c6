"""Hybrid retrieval: full-text BM25 (SQLite FTS5 / PostgreSQL full text) fused with embedding search.

The knowledge base of one company is small (thousands of chunks), so the vector index is a NumPy matrix
loaded from the database; ``refresh()`` reloads it after an ingest.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from hotline.kb import pgvector
from hotline.kb.coverage import KnowledgeVocabulary
from hotline.kb.stopwords import STOPWORDS
from hotline.ports import Embedder, Passage
from hotline.storage.schema import KBChunk, KBDocument

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str) -> list[str]:
    terms = [w.lower() for w in _WORD.findall(query)]
    kept = [t for t in terms if t not in STOPWORDS and len(t) > 1]
    return list(dict.fromkeys(kept or terms))


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: int = 60) -> list[tuple[int, float]]:
    """Fuse ranked id lists: score(id) = sum over lists of 1 / (k + rank), rank from 1."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


@dataclass(frozen=True)
class _ChunkRow:
    source_id: str
    document: str
    heading: str
    text: str
    lang: str | None
    visibility: str
    questions: tuple[str, ...] = ()


class HybridRetriever:
    def __init__(self, engine: Engine, embedder: Embedder | None, rrf_k: int = 60) -> None:
        self._engine = engine
        self._embedder = embedder
        self._rrf_k = rrf_k
        self._lock = threading.Lock()
        self._ids = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, 1), dtype=np.float32)
        self._rows: dict[int, _ChunkRow] = {}
        self._canonical: dict[int, int] = {}  # chunk id -> the id of its article's first chunk (same text)
        self._vocabulary = KnowledgeVocabulary([])
        # PostgreSQL with pgvector: vectors are searched in the database, not held by every worker.
        self._pgvector = pgvector.available(engine)
        self.refresh()

    def refresh(self) -> None:
        with Session(self._engine) as session:
            rows = session.execute(
                select(
                    KBChunk.id,
                    KBChunk.source_id,
                    KBDocument.title,
                    KBDocument.lang,
                    KBDocument.visibility,
                    KBChunk.heading,
                    KBChunk.text,
                    KBChunk.embedding,
                    KBChunk.embedding_model,
                )
                .join(KBDocument, KBDocument.id == KBChunk.document_id)
                .order_by(KBChunk.id)
            ).all()
        chunk_rows = {
            row.id: _ChunkRow(row.source_id, row.title, row.heading, row.text, row.lang, row.visibility or "public")
            for row in rows
        }
        # An article indexed under its title and the other ways customers ask it: chunks of one document with the
        # same text. Each maps to the first (the title's), which carries every question.
        first: dict[tuple[str, str], int] = {}
        canonical: dict[int, int] = {}
        for row in rows:
            key = (row.source_id.rsplit("#", 1)[0], row.text)
            canonical[row.id] = first.setdefault(key, row.id)
        questions: dict[int, list[str]] = {}
        for chunk_id, head in canonical.items():
            questions.setdefault(head, []).append(chunk_rows[chunk_id].heading)
        for head, asked in questions.items():
            if len(asked) > 1:
                chunk_rows[head] = replace(chunk_rows[head], questions=tuple(asked))
        vocabulary = KnowledgeVocabulary(f"{row.title} {row.heading} {row.text}" for row in rows)
        name = self._embedder.name if self._embedder else None
        vectors = [(row.id, row.embedding) for row in rows if row.embedding and row.embedding_model == name]
        if self._pgvector:
            filled = pgvector.backfill(self._engine)
            with self._lock:
                self._rows, self._canonical, self._vocabulary = chunk_rows, canonical, vocabulary
            log.info("kb index loaded", extra={"chunks": len(chunk_rows), "pgvector": len(vectors), "filled": filled})
            return
        if vectors:
            ids = np.array([i for i, _ in vectors], dtype=np.int64)
            matrix = np.stack([np.frombuffer(blob, dtype=np.float32) for _, blob in vectors])
        else:
            ids, matrix = np.zeros(0, dtype=np.int64), np.zeros((0, 1), dtype=np.float32)
        with self._lock:
            self._rows, self._canonical, self._ids, self._matrix = chunk_rows, canonical, ids, matrix
            self._vocabulary = vocabulary
        log.info("kb index loaded", extra={"chunks": len(chunk_rows), "vectors": len(ids)})

    @property
    def size(self) -> int:
        return len(self._rows)

    def articles(self) -> list[Passage]:
        """Every article once (its first chunk, carrying each question it answers)."""
        with self._lock:
            rows, canonical = self._rows, self._canonical
        heads = dict.fromkeys(canonical.get(i, i) for i in rows)
        return [
            Passage(r.source_id, r.document, r.heading, r.text, 0.0, r.lang, r.visibility, r.questions)
            for i in heads
            if (r := rows.get(i)) is not None
        ]

    def unknown_names(self, question: str) -> list[str]:
        """Names in the question that no passage of the knowledge base mentions (see kb/coverage.py)."""
        return self._vocabulary.unknown_names(question)

    def keyword_ranking(self, query: str, limit: int) -> list[int]:
        terms = query_terms(query)
        if not terms:
            return []
        with self._engine.connect() as connection:
            if self._engine.dialect.name == "sqlite":
                match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
                result = connection.execute(
                    text(
                        "SELECT rowid FROM kb_chunks_fts WHERE kb_chunks_fts MATCH :q "
                        "ORDER BY bm25(kb_chunks_fts, 2.0, 1.0) LIMIT :n"
                    ),
                    {"q": match, "n": limit},
                )
            else:
                tsquery = " | ".join(re.sub(r"[^\w]", "", t) for t in terms if re.sub(r"[^\w]", "", t))
                result = connection.execute(
                    text(
                        "SELECT id FROM kb_chunks, to_tsquery('english', :q) query "
                        "WHERE to_tsvector('english', heading || ' ' || text) @@ query "
                        "ORDER BY ts_rank(to_tsvector('english', heading || ' ' || text), query) DESC "
                        "LIMIT :n"
                    ),
                    {"q": tsquery, "n": limit},
                )
            return [int(row[0]) for row in result]

    def vector_ranking(self, query: str, limit: int) -> list[int]:
        with self._lock:
            ids, matrix = self._ids, self._matrix
        if self._embedder is not None and self._pgvector:
            query_vector = np.asarray(self._embedder.embed_queries([query]), dtype=np.float32)[0]
            return pgvector.nearest(self._engine, query_vector, self._embedder.name, limit)
        if self._embedder is None or len(ids) == 0:
            return []
        query_vector = np.asarray(self._embedder.embed_queries([query]), dtype=np.float32)[0]
        scores = matrix @ query_vector
        order = np.argsort(-scores)[:limit]
        return [int(ids[i]) for i in order]

    def search(self, query: str, k: int = 4, lang: str | None = None) -> list[Passage]:
        depth = max(k * 5, 20)
        rankings = [
            self._by_article(self.keyword_ranking(query, depth)),
            self._by_article(self.vector_ranking(query, depth)),
        ]
        if lang is not None:
            # The customer's language is a third ranking: its passages (and language-neutral ones, such as a
            # catalogue), in the order the other two put them. A passage in the customer's language that matches
            # about as well as one in another wins; one in another language still answers when the customer's
            # language has nothing close (the fallback).
            fused = reciprocal_rank_fusion(rankings, self._rrf_k)
            own = [i for i, _ in fused if (row := self._rows.get(i)) is not None and row.lang in (lang, None)]
            rankings.append(own)
        passages = []
        for chunk_id, score in reciprocal_rank_fusion(rankings, self._rrf_k):
            row = self._rows.get(chunk_id)
            if row is None:
                continue
            passages.append(
                Passage(
                    row.source_id, row.document, row.heading, row.text, score, row.lang, row.visibility, row.questions
                )
            )
            if len(passages) == k:
                break
        return passages

    def _by_article(self, ranking: Sequence[int]) -> list[int]:
        """A chunk ranking with each article once, at its best-ranked question, as its first chunk."""
        with self._lock:
            canonical = self._canonical
        return list(dict.fromkeys(canonical.get(i, i) for i in ranking))
