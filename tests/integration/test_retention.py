"""Retention purge and erasure on request, on a real SQLite database: everything hanging off an erased
conversation goes, other conversations stay, the store's action log is kept but unlinked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from hotline.retention import conversations_of_store_user, erase_conversations, expired_conversations
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import open_database
from hotline.storage.handoffs import HandoffStore
from hotline.storage.schema import Conversation, Event, Feedback, Message, RedLineHit
from hotline.store.schema import StoreAction
from tests.conftest import make_settings


def fill(store: ConversationStore, handoffs: HandoffStore, user: str) -> str:
    conversation = store.start("chat")
    question = store.add_message(conversation, "customer", f"hello from {user}")
    answer = store.add_message(conversation, "bot", "hi")
    store.add_feedback(conversation, answer.id, 1, "nice")
    hit = {"direction": "input", "rule_id": "x", "severity": "low", "action": "flag", "span": [0, 1], "excerpt": "h"}
    store.add_redline_hits(conversation, question.id, [hit], "v1")
    store.add_decision(conversation, question.id, "continue", "no trigger", 0.1)
    store.add_event(conversation, "identified", {"user_id": user})
    handoffs.create(conversation, "test", {"summary": "s"})
    return conversation


def test_erase_and_purge(tmp_path: Path) -> None:
    _db, sessions = open_database(make_settings(tmp_path, load_models=False))
    store, handoffs = ConversationStore(sessions), HandoffStore(sessions)
    alice = fill(store, handoffs, "alice_1")
    bob = fill(store, handoffs, "bob_2")
    with sessions.begin() as session:
        session.add(
            StoreAction(
                conversation_id=alice,
                name="cancel_pending_order",
                arguments={"order_id": "#W1"},
                created_at=datetime.now(UTC),
            )
        )

    assert conversations_of_store_user(sessions, "alice_1") == [alice]
    counts = erase_conversations(sessions, [alice])
    assert counts["conversations"] == 1 and counts["messages"] == 2 and counts["feedback"] == 1
    with sessions() as session:
        for model in (Message, Event, RedLineHit):
            assert session.scalar(select(func.count()).select_from(model).where(model.conversation_id == alice)) == 0
        assert session.scalar(select(func.count()).select_from(Feedback)) == 1  # bob's
        action = session.scalars(select(StoreAction)).one()
        assert action.conversation_id is None and action.name == "cancel_pending_order"
    assert [m.text for m in store.messages(bob)] == ["hello from bob_2", "hi"]

    assert expired_conversations(sessions, 30) == []
    store.set_status(bob, "closed")  # it was waiting for a human: kept until that is over
    with sessions.begin() as session:
        session.execute(
            update(Conversation).where(Conversation.id == bob).values(started_at=datetime.now(UTC) - timedelta(days=31))
        )
    assert expired_conversations(sessions, 30) == [bob]
    erase_conversations(sessions, expired_conversations(sessions, 30))
    assert not store.exists(bob)


def test_erasure_deletes_call_recordings(tmp_path: Path) -> None:
    """A recorded call's WAV goes with its conversation (the ``recording`` event names the file)."""
    _db, sessions = open_database(make_settings(tmp_path, load_models=False))
    store = ConversationStore(sessions)
    conversation, other = store.start("phone"), store.start("phone")
    files = []
    for owner in (conversation, other):
        wav = tmp_path / "recordings" / owner / "call-1.wav"
        wav.parent.mkdir(parents=True)
        wav.write_bytes(b"RIFF")
        store.add_event(owner, "recording", {"path": str(wav), "seconds": 1.0})
        files.append(wav)
    counts = erase_conversations(sessions, [conversation])
    assert counts["recordings"] == 1 and not files[0].exists() and files[1].exists()
