"""The same storage and KB code on a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from hotline.kb.ingest import ingest_file
from hotline.kb.retrieval import HybridRetriever
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import make_engine, migrate, session_factory


def test_conversations_and_keyword_search_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    engine = make_engine(postgres_url)
    migrate(engine)
    migrate(engine)
    assert engine.dialect.name == "postgresql"
    sessions = session_factory(engine)
    store = ConversationStore(sessions)
    conversation = store.start("chat")
    store.add_message(conversation, "customer", "hello")
    store.add_message(conversation, "bot", "hi", sources=[{"source_id": "policy.md#0"}], total_ms=3.5)
    assert [(m.seq, m.role) for m in store.messages(conversation)] == [(1, "customer"), (2, "bot")]
    assert store.messages(conversation)[1].sources == [{"source_id": "policy.md#0"}]

    doc = tmp_path / "policy.md"
    doc.write_text("# Policy\n\n## Returns\nDelivered orders can be returned.\n\n## Shipping\nWe ship fast.\n")
    assert ingest_file(doc, sessions, None).chunks == 2
    retriever = HybridRetriever(engine, None)
    assert retriever.search("how do I return my order", k=1)[0].heading == "Policy > Returns"
    engine.dispose()
