"""Retention and erasure: delete conversations older than the retention period, or one customer's
conversations on request, with everything hanging off them (messages, feedback, events, red-line hits,
escalation decisions, handoffs, callback tickets, photos and call recordings on disk). The store's action log is
the company's business record: it is kept, unlinked from the erased conversation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from hotline.storage.schema import (
    CallbackTicket,
    Conversation,
    EscalationDecision,
    Event,
    Feedback,
    Handoff,
    Message,
    Photo,
    RedLineHit,
)
from hotline.store.schema import StoreAction


def _rows(session: Session, statement: Any) -> int:
    result = session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


def erase_conversations(sessions: sessionmaker[Session], conversation_ids: Sequence[str]) -> dict[str, int]:
    """One transaction: all of it goes, or none."""
    counts: Counter[str] = Counter()
    ids = list(conversation_ids)
    if not ids:
        return {}
    with sessions.begin() as session:
        files = [Path(p) for p in session.scalars(select(Photo.path).where(Photo.conversation_id.in_(ids))).all()]
        recorded = select(Event.payload).where(Event.conversation_id.in_(ids), Event.kind == "recording")
        recordings = [Path(str(payload["path"])) for payload in session.scalars(recorded).all() if payload]
        counts["recordings"] = len(recordings)
        files += recordings
        counts["photos"] = _rows(session, delete(Photo).where(Photo.conversation_id.in_(ids)))
        message_ids = select(Message.id).where(Message.conversation_id.in_(ids))
        counts["feedback"] = _rows(session, delete(Feedback).where(Feedback.message_id.in_(message_ids)))
        for model in (RedLineHit, EscalationDecision, CallbackTicket, Event):
            counts[model.__tablename__] = _rows(session, delete(model).where(model.conversation_id.in_(ids)))
        counts["handoffs"] = _rows(session, delete(Handoff).where(Handoff.conversation_id.in_(ids)))
        counts["messages"] = _rows(session, delete(Message).where(Message.conversation_id.in_(ids)))
        counts["store actions unlinked"] = _rows(
            session, update(StoreAction).where(StoreAction.conversation_id.in_(ids)).values(conversation_id=None)
        )
        counts["conversations"] = _rows(session, delete(Conversation).where(Conversation.id.in_(ids)))
    for file in files:  # after the commit: a failed erasure leaves no row pointing at a deleted file
        file.unlink(missing_ok=True)
    return {k: v for k, v in counts.items() if v}


def expired_conversations(sessions: sessionmaker[Session], days: float) -> list[str]:
    """Conversations started before the retention period and no longer with a human."""
    cutoff = datetime.now(UTC) - timedelta(days=days)
    with sessions() as session:
        return list(
            session.scalars(
                select(Conversation.id).where(
                    Conversation.started_at < cutoff, Conversation.status.not_in(("agent", "queued"))
                )
            ).all()
        )


def conversations_of_store_user(sessions: sessionmaker[Session], user_id: str) -> list[str]:
    """Conversations in which the customer proved to be this store user (the flows record it)."""
    with sessions() as session:
        events = session.scalars(select(Event).where(Event.kind == "identified")).all()
        return sorted(
            {e.conversation_id for e in events if e.conversation_id and (e.payload or {}).get("user_id") == user_id}
        )
