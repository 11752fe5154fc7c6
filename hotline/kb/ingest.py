"""``hotline kb ingest``: read documents, chunk them, embed the chunks and store both indexes.

A document whose content hash is unchanged is skipped; a changed one replaces its old chunks in one
transaction, so a search never sees half of a document.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from hotline.kb import pgvector
from hotline.kb.chunking import Chunk, chunk_document
from hotline.kb.documents import CATALOGUE_TITLE, SourceDocument, Visibility, from_text, help_centre
from hotline.ports import Embedder
from hotline.storage.schema import KBChunk, KBDocument

log = logging.getLogger(__name__)

SUPPORTED = {".md", ".markdown", ".txt", ".json", ".csv", ".pdf"}
# The demo company's knowledge: its policy and product catalogue. Orders and users are store data,
# read through the store API, not retrieved as text.
DEMO_FILES = ("retail_wiki.md", "retail_data_products.json")
# (title, visibility, language) of each. The policy is written for agents ("you have to authenticate the
# user…"): it informs agents and decisions, it is never quoted. The catalogue is in every language's reach.
DEMO_META: dict[str, tuple[str, Visibility, str | None]] = {
    "retail_wiki.md": ("Agent policy", "internal", "en"),
    "retail_data_products.json": (CATALOGUE_TITLE, "public", None),
}


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


def read_document(path: Path, visibility: Visibility | None = None) -> SourceDocument:
    """A file as a document: Markdown front matter gives its title, language and visibility."""
    text = read_text(path)
    if path.suffix.lower() in {".md", ".markdown", ".txt"}:
        return from_text(path.name, text, path.stem.replace("_", " "), visibility)
    return SourceDocument(path.name, text, path.stem.replace("_", " "), visibility=visibility or "public")


def ingest_file(
    path: Path, sessions: sessionmaker[Session], embedder: Embedder | None, max_chars: int = 700
) -> IngestReport:
    return ingest_document(read_document(path), sessions, embedder, max_chars)


def ingest_document(
    document: SourceDocument, sessions: sessionmaker[Session], embedder: Embedder | None, max_chars: int = 700
) -> IngestReport:
    # The chunk size, language and visibility are part of the identity: a change must re-index the document.
    meta = (
        f"\0chunk_chars={max_chars}\0{document.title}\0{document.lang}\0{document.visibility}\0{document.whole}"
        + "".join(f"\0asked={q}" for q in document.asked)
    )
    digest = hashlib.sha256((document.text + meta).encode()).hexdigest()
    name = document.name
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
    title = document.title
    if document.asked and not document.whole:
        raise IngestError(
            f"{name}: 'asked' questions belong to a whole article (a help-centre page), not a document in chunks"
        )
    if document.whole:
        # The article once under its title, and once under each other way customers ask it (same text): retrieval
        # finds it by any of them and returns it once (kb/retrieval.py)
        body = document.text.strip()
        chunks = [Chunk(question, body) for question in (title, *document.asked)] if body else []
    else:
        chunks = chunk_document(name, document.text, max_chars=max_chars, title=title)
    if not chunks:
        raise IngestError(f"{name}: no text to index")
    vectors = None
    if embedder is not None:
        vectors = np.asarray(embedder.embed_passages([f"{c.heading}\n{c.text}" for c in chunks]), dtype=np.float32)
    with sessions.begin() as session:
        existing = session.scalar(select(KBDocument).where(KBDocument.name == name))
        fields = {"sha256": digest, "title": title, "lang": document.lang, "visibility": document.visibility}
        if existing is not None:
            session.execute(delete(KBChunk).where(KBChunk.document_id == existing.id))
            for key, value in fields.items():
                setattr(existing, key, value)
            stored = existing
        else:
            stored = KBDocument(name=name, **fields)
            session.add(stored)
        session.flush()
        added = [
            KBChunk(
                document_id=stored.id,
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
    log.info(
        "ingested",
        extra={"document": name, "chunks": len(chunks), "lang": document.lang, "visibility": document.visibility},
    )
    return IngestReport(name, len(chunks), skipped=False)


def ingest_paths(
    paths: Iterable[Path],
    sessions: sessionmaker[Session],
    embedder: Embedder | None,
    max_chars: int = 700,
    progress: Callable[[IngestReport], None] | None = None,
) -> list[IngestReport]:
    # Each file is read when its turn comes (a PDF's text is not held while the others are indexed).
    documents = (read_document(path) for path in expand_paths(paths))
    return ingest_documents(documents, sessions, embedder, max_chars, progress)


def ingest_documents(
    documents: Iterable[SourceDocument],
    sessions: sessionmaker[Session],
    embedder: Embedder | None,
    max_chars: int = 700,
    progress: Callable[[IngestReport], None] | None = None,
) -> list[IngestReport]:
    reports = []
    for document in documents:
        report = ingest_document(document, sessions, embedder, max_chars)
        reports.append(report)
        if progress:
            progress(report)
    return reports


def demo_paths(kb_dir: Path) -> list[Path]:
    return [kb_dir / name for name in DEMO_FILES if (kb_dir / name).exists()]


def demo_documents(
    kb_dir: Path, help_centre_dir: Path | None, departments: Sequence[Path] = ()
) -> list[SourceDocument]:
    """The demo company's knowledge: its customer help centre (public, en/ru/zh), its agent policy (internal)
    and its catalogue (public) — with the products of the departments the store adds at import (the grocery
    department its customers photograph), so "do you sell avocados?" is answered from what the store sells."""
    documents = help_centre(help_centre_dir) if help_centre_dir and help_centre_dir.is_dir() else []
    for path in demo_paths(kb_dir):
        title, visibility, lang = DEMO_META[path.name]
        documents.append(replace(read_document(path, visibility), title=title, lang=lang))
    return documents + department_documents(departments)


def department_documents(departments: Sequence[Path]) -> list[SourceDocument]:
    """A department file's products (``store.departments``: the store imports them) in the public catalogue."""
    documents = []
    for path in departments:
        if path.exists():
            products = json.loads(path.read_text(encoding="utf-8"))["products"]
            text = json.dumps(products, ensure_ascii=False)
            documents.append(SourceDocument(path.name, text, DEMO_META["retail_data_products.json"][0]))
    return documents
