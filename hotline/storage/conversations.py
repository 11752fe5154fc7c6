"""Conversation records: every customer message is written before any work is done on it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hotline.ports import ChatTurn, Role
from hotline.storage.schema import (
    Conversation,
    Customer,
    EscalationDecision,
    Event,
    Feedback,
    Message,
    RedLineHit,
    utcnow,
)


class FeedbackRejected(ValueError):
    """Feedback names a message that is not a bot message of this conversation."""


@dataclass(frozen=True)
class StoredMessage:
    id: int
    seq: int


class ConversationStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def start(self, channel: str, customer_name: str | None = None, tenant: str = "demo") -> str:
        conversation_id = str(uuid.uuid4())
        with self._sessions.begin() as session:
            customer = Customer(id=str(uuid.uuid4()), display_name=customer_name)
            session.add(customer)
            session.flush()
            session.add(Conversation(id=conversation_id, customer_id=customer.id, channel=channel, tenant=tenant))
        return conversation_id

    def tenant_of(self, conversation_id: str) -> str | None:
        with self._sessions() as session:
            conversation = session.get(Conversation, conversation_id)
            return conversation.tenant if conversation is not None else None

    def exists(self, conversation_id: str) -> bool:
        with self._sessions() as session:
            return session.get(Conversation, conversation_id) is not None

    def close(self, conversation_id: str) -> None:
        with self._sessions.begin() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is not None and conversation.ended_at is None:
                conversation.status = "closed"
                conversation.ended_at = utcnow()

    def add_message(self, conversation_id: str, role: Role, text: str, **fields: Any) -> StoredMessage:
        # The per-conversation sequence number is unique; retry if two writers race for the same one.
        for _attempt in range(5):
            try:
                with self._sessions.begin() as session:
                    seq = (
                        session.scalar(select(func.max(Message.seq)).where(Message.conversation_id == conversation_id))
                        or 0
                    ) + 1
                    message = Message(conversation_id=conversation_id, seq=seq, role=role, text=text, **fields)
                    session.add(message)
                    session.flush()
                    return StoredMessage(id=message.id, seq=seq)
            except IntegrityError:
                continue
        raise RuntimeError(f"could not allocate a message sequence number in {conversation_id}")

    def add_event(self, conversation_id: str | None, kind: str, payload: dict[str, Any] | None = None) -> None:
        with self._sessions.begin() as session:
            session.add(Event(conversation_id=conversation_id, kind=kind, payload=payload))

    def events(self, conversation_id: str, kind: str | None = None) -> list[tuple[str, dict[str, Any] | None]]:
        with self._sessions() as session:
            query = select(Event).where(Event.conversation_id == conversation_id)
            if kind is not None:
                query = query.where(Event.kind == kind)
            return [(e.kind, e.payload) for e in session.scalars(query.order_by(Event.id)).all()]

    def find_by_event(self, kind: str, key: str, value: str) -> str | None:
        """The conversation whose ``kind`` event has ``payload[key] == value`` (a call by its bridge call id)."""
        with self._sessions() as session:
            for event in session.scalars(select(Event).where(Event.kind == kind).order_by(Event.id.desc())).all():
                if event.payload and event.payload.get(key) == value:
                    return event.conversation_id
        return None

    def add_feedback(self, conversation_id: str, message_id: int, rating: int, comment: str | None) -> int:
        with self._sessions.begin() as session:
            message = session.get(Message, message_id)
            if message is None or message.conversation_id != conversation_id or message.role != "bot":
                raise FeedbackRejected(f"message {message_id} is not a bot reply in this conversation")
            feedback = Feedback(message_id=message_id, rating=rating, comment=comment)
            session.add(feedback)
            session.flush()
            return feedback.id

    def history(self, conversation_id: str, limit: int = 50) -> list[ChatTurn]:
        with self._sessions() as session:
            rows = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id, Message.status == "ok")
                .order_by(Message.seq.desc())
                .limit(limit)
            ).all()
        return [ChatTurn(role=row.role, text=row.text) for row in reversed(rows)]  # type: ignore[arg-type]

    def messages(self, conversation_id: str) -> list[Message]:
        """The conversation's messages in order, but for a call's turns taken back (their words were said again
        with the rest, in a later message: ``conversation.take_back``)."""
        with self._sessions() as session:
            where = (Message.conversation_id == conversation_id, Message.status != "taken_back")
            return list(session.scalars(select(Message).where(*where).order_by(Message.seq)).all())

    # ---- red-line audit and escalation decisions ----

    def add_redline_hits(
        self, conversation_id: str, message_id: int | None, hits: list[dict[str, Any]], rules_version: str
    ) -> None:
        if not hits:
            return
        with self._sessions.begin() as session:
            for hit in hits:
                session.add(
                    RedLineHit(
                        conversation_id=conversation_id,
                        message_id=message_id,
                        direction=hit["direction"],
                        rule_id=hit["rule_id"],
                        severity=hit["severity"],
                        action=hit["action"],
                        span_start=hit["span"][0],
                        span_end=hit["span"][1],
                        excerpt=hit["excerpt"],
                        rules_version=rules_version,
                    )
                )

    def redline_hits(self, conversation_id: str) -> list[RedLineHit]:
        with self._sessions() as session:
            return list(
                session.scalars(
                    select(RedLineHit).where(RedLineHit.conversation_id == conversation_id).order_by(RedLineHit.id)
                ).all()
            )

    def add_decision(
        self, conversation_id: str, message_id: int | None, decision: str, reason: str, anger: float | None
    ) -> None:
        with self._sessions.begin() as session:
            session.add(
                EscalationDecision(
                    conversation_id=conversation_id,
                    message_id=message_id,
                    decision=decision,
                    reason=reason,
                    anger=anger,
                )
            )

    def take_back(self, conversation_id: str, message_id: int) -> list[int]:
        """A call's turn taken back (``conversation.take_back``): its customer message and the bot's replies stored
        after it are marked ``taken_back`` (out of ``messages`` and ``history``); the replies' ids."""
        with self._sessions.begin() as session:
            message = session.get(Message, message_id)
            if message is None or message.conversation_id != conversation_id:
                return []
            message.status = "taken_back"
            later = (Message.conversation_id == conversation_id, Message.seq > message.seq, Message.role == "bot")
            replies = list(session.scalars(select(Message).where(*later).order_by(Message.seq)).all())
            for reply in replies:
                reply.status = "taken_back"
            return [reply.id for reply in replies]

    def set_message_fields(self, message_id: int, **fields: Any) -> None:
        with self._sessions.begin() as session:
            message = session.get(Message, message_id)
            if message is not None:
                for key, value in fields.items():
                    setattr(message, key, value)

    def set_status(self, conversation_id: str, status: str) -> None:
        with self._sessions.begin() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is not None:
                conversation.status = status

    def status(self, conversation_id: str) -> str | None:
        with self._sessions() as session:
            conversation = session.get(Conversation, conversation_id)
            return conversation.status if conversation else None
