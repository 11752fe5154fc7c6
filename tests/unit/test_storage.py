from pathlib import Path

import pytest
from sqlalchemy import text

from hotline.storage.conversations import ConversationStore, FeedbackRejected
from hotline.storage.database import make_engine, migrate, session_factory


@pytest.fixture
def store(tmp_path: Path) -> ConversationStore:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    migrate(engine)  # idempotent
    return ConversationStore(session_factory(engine))


def test_sqlite_runs_in_wal_with_full_sync(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_messages_get_sequence_numbers_and_metrics(store: ConversationStore) -> None:
    conversation = store.start("chat")
    first = store.add_message(conversation, "customer", "hello")
    second = store.add_message(conversation, "bot", "hi", total_ms=12.5, sources=[{"source_id": "a#1"}])
    assert (first.seq, second.seq) == (1, 2)
    rows = store.messages(conversation)
    assert [r.text for r in rows] == ["hello", "hi"]
    assert rows[1].total_ms == 12.5 and rows[1].sources == [{"source_id": "a#1"}]
    assert [t.role for t in store.history(conversation)] == ["customer", "bot"]


def test_failed_turns_are_stored_but_left_out_of_history(store: ConversationStore) -> None:
    conversation = store.start("chat")
    store.add_message(conversation, "customer", "question")
    store.add_message(conversation, "bot", "sorry", status="failed", error="timeout")
    assert [t.text for t in store.history(conversation)] == ["question"]
    assert store.messages(conversation)[1].error == "timeout"


def test_feedback_only_on_bot_messages_of_the_same_conversation(store: ConversationStore) -> None:
    a, b = store.start("chat"), store.start("chat")
    customer = store.add_message(a, "customer", "q")
    bot = store.add_message(a, "bot", "answer")
    assert store.add_feedback(a, bot.id, 1, None) > 0
    with pytest.raises(FeedbackRejected):
        store.add_feedback(a, customer.id, 1, None)
    with pytest.raises(FeedbackRejected):
        store.add_feedback(b, bot.id, -1, None)
    with pytest.raises(FeedbackRejected):
        store.add_feedback(a, 999_999, -1, None)


def test_conversation_lifecycle(store: ConversationStore) -> None:
    conversation = store.start("chat")
    assert store.exists(conversation) and not store.exists("nope")
    store.add_event(conversation, "started", {"channel": "chat"})
    store.close(conversation)
