"""Keyword half of hybrid retrieval, on a real SQLite FTS5 index (no embedding model needed)."""

from pathlib import Path

import pytest

from hotline.kb.ingest import IngestError, expand_paths, ingest_file, ingest_paths
from hotline.kb.retrieval import HybridRetriever
from hotline.storage.database import make_engine, migrate, session_factory

DOC = """# Policy

## Returns
Delivered orders can be returned within 30 days to the original payment method.

## Shipping
Standard shipping takes 3 business days.
"""


def test_ingest_search_reingest(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    sessions = session_factory(engine)
    doc = tmp_path / "policy.md"
    doc.write_text(DOC)
    assert ingest_file(doc, sessions, None).chunks == 2
    assert ingest_file(doc, sessions, None).skipped  # unchanged content

    retriever = HybridRetriever(engine, None)
    top = retriever.search("how do I return an order?", k=2)
    assert top[0].heading == "Policy > Returns" and top[0].source_id == "policy.md#0"
    assert retriever.search("shipping days", k=1)[0].heading == "Policy > Shipping"
    assert retriever.search("???", k=1) == []

    doc.write_text(DOC.replace("3 business days", "5 business days") + "\n## Gifts\nWe wrap gifts.\n")
    assert ingest_file(doc, sessions, None).chunks == 3  # changed: old chunks replaced
    retriever.refresh()
    assert retriever.size == 3
    assert "5 business days" in retriever.search("shipping", k=1)[0].text


def test_bad_paths_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.exe").write_bytes(b"MZ")
    for path in (tmp_path / "missing.md", tmp_path / "a.exe"):
        try:
            expand_paths([path])
        except IngestError as error:
            assert str(path) in str(error)
        else:
            raise AssertionError("expected IngestError")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_text("# X\nx text\n")
    (tmp_path / "docs" / "skip.bin").write_bytes(b"\0")
    assert [p.name for p in expand_paths([tmp_path / "docs"])] == ["x.md"]


def test_pdf_with_a_text_layer_is_ingested(tmp_path: Path) -> None:
    pdf = tmp_path / "manual.pdf"
    pdf.write_bytes(_minimal_pdf("Warranty lasts 24 months from delivery."))
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    reports = ingest_paths([pdf], session_factory(engine), None)
    assert reports[0].chunks == 1
    assert "24 months" in HybridRetriever(engine, None).search("warranty", k=1)[0].text


def _minimal_pdf(line: str) -> bytes:
    """A one-page PDF with a real text layer, written by hand (no PDF writer dependency)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_an_article_asked_several_ways_is_found_by_any_and_returned_once(tmp_path: Path) -> None:
    from dataclasses import replace

    from hotline.kb.documents import from_text
    from hotline.kb.ingest import ingest_document

    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    sessions = session_factory(engine)
    text = "---\ntitle: How do I return an item?\nasked:\n  - Can I send a parcel back?\n  - Where do I post it?\n---\n"
    article = replace(from_text("help/en/returns", text + "Returns are free once delivered.", "returns"), whole=True)
    assert ingest_document(article, sessions, None).chunks == 3  # the title and each other way to ask
    other = replace(from_text("help/en/gifts", "---\ntitle: Do you wrap gifts?\n---\nWe wrap gifts.", "g"), whole=True)
    ingest_document(other, sessions, None)
    retriever = HybridRetriever(engine, None)
    found = retriever.search("send parcel back post", k=3)
    assert [p.source_id for p in found] == ["help/en/returns#0"]  # once, as the article (its title's chunk)
    assert found[0].heading == "How do I return an item?"
    assert found[0].questions == ("How do I return an item?", "Can I send a parcel back?", "Where do I post it?")
    assert retriever.search("wrap gifts", k=3)[0].questions == ()  # asked one way only: just its heading
    with pytest.raises(IngestError, match="whole article"):
        ingest_document(from_text("notes.md", "---\nasked:\n  - Why?\n---\nBecause.", "n"), sessions, None)
