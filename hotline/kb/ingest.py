"""``hotline kb ingest``: read documents, chunk them, embed the chunks and store both indexes.

A document whose content hash is unchanged is skipped; a changed one replaces its old chunks in one
transaction, so a search never sees half of a document.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from hotline.kb import pgvector
from hotline.kb.chunking import chunk_document
from hotline.ports import Embedder
from hotline.storage.schema import KBChunk, KBDocument

log = logging.getLogger(__name__)

SUPPORTED = {".md", ".markdown", ".txt", ".json", ".csv", ".pdf"}
# The demo company's knowledge: its policy and product catalogue. Orders and users are store data,
# read through the store API, not retrieved as text.
DEMO_FILES = ("retail_wiki.md", "retail_data_products.json")


class IngestError(ValueError):
    pass


@dataclass(frozen=True)
class IngestReport:
    document: str
    chunks: int
    skipped: bool


def read_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        text = "\n\n".join(pages)
        if not text.strip():
            raise IngestError(f"{path}: the PDF has no text layer (scanned pages need OCR first)")
        return text
    return path.read_text(encoding="utf-8")


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise IngestError(f"{path}: no such file or folder")
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED))
        elif path.suffix.lower() in SUPPORTED:
            files.append(path)
        else:
            raise IngestError(f"{path}: unsupported type {path.suffix!r} (supported: {sorted(SUPPORTED)})")
    return files


def ingest_file(
    path: Path, sessions: sessionmaker[Session], embedder: Embedder | None, max_chars: int = 700
) -> IngestReport:
    raw = path.read_bytes()
    # The chunk size is part of the identity: a new size must re-chunk an unchanged file.
    digest = hashlib.sha256(raw + f"\0chunk_chars={max_chars}".encode()).hexdigest()
    name = path.name
    embedding_model = embedder.name if embedder else None
    with sessions() as session:
        existing = session.scalar(select(KBDocument).where(KBDocument.name == name))
        if existing is not None and existing.sha256 == digest:
            # Same content, but embedded by another model than the one configured now: re-embed.
            stale = session.scalar(
                select(KBChunk.id)
                .where(
                    KBChunk.document_id == existing.id,
                    KBChunk.embedding_model.is_distinct_from(embedding_model),
                )
                .limit(1)
            )
            if stale is None:
                return IngestReport(name, 0, skipped=True)
    title = path.stem.replace("_", " ")
    chunks = chunk_document(name, read_text(path), max_chars=max_chars, title=title)
    if not chunks:
        raise IngestError(f"{path}: no text to index")
    vectors = None
    if embedder is not None:
        vectors = np.asarray(embedder.embed_passages([f"{c.heading}\n{c.text}" for c in chunks]), dtype=np.float32)
    with sessions.begin() as session:
        existing = session.scalar(select(KBDocument).where(KBDocument.name == name))
        if existing is not None:
            session.execute(delete(KBChunk).where(KBChunk.document_id == existing.id))
            existing.sha256, existing.title = digest, title
            document = existing
        else:
            document = KBDocument(name=name, sha256=digest, title=title)
            session.add(document)
        session.flush()
        added = [
            KBChunk(
                document_id=document.id,
                chunk_index=index,
                source_id=f"{name}#{index}",
                heading=chunk.heading,
                text=chunk.text,
                embedding=vectors[index].tobytes() if vectors is not None else None,
                embedding_model=embedding_model,
            )
            for index, chunk in enumerate(chunks)
        ]
        session.add_all(added)
        session.flush()
        if vectors is not None and pgvector.available(session.get_bind()):  # type: ignore[arg-type]
            pgvector.store(session.connection(), [c.id for c in added], vectors)
    log.info("ingested", extra={"document": name, "chunks": len(chunks)})
    return IngestReport(name, len(chunks), skipped=False)


def ingest_paths(
    paths: Iterable[Path],
    sessions: sessionmaker[Session],
    embedder: Embedder | None,
    max_chars: int = 700,
    progress: Callable[[IngestReport], None] | None = None,
) -> list[IngestReport]:
    reports = []
    for path in expand_paths(paths):
        report = ingest_file(path, sessions, embedder, max_chars)
        reports.append(report)
        if progress:
            progress(report)
    return reports


def demo_paths(kb_dir: Path) -> list[Path]:
    return [kb_dir / name for name in DEMO_FILES if (kb_dir / name).exists()]
