"""Agents, handoffs (with their persisted packets) and callback tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hotline.storage.schema import Agent, CallbackTicket, Conversation, Handoff, utcnow


@dataclass(frozen=True)
class AgentRecord:
    id: int
    username: str
    display_name: str
    tenant: str
    password_hash: str
    language: str | None = None


class HandoffStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # ---- agents ----

    def add_agent(
        self, username: str, display_name: str, password_hash: str, tenant: str, language: str | None = None
    ) -> int:
        """Create an agent, or update one of that username (their language only when one is given)."""
        with self._sessions.begin() as session:
            existing = session.scalar(select(Agent).where(Agent.username == username))
            if existing is not None:
                existing.password_hash, existing.display_name, existing.tenant = (
                    password_hash,
                    display_name,
                    tenant,
                )
                if language is not None:
                    existing.language = language
                return existing.id
            agent = Agent(
                username=username,
                display_name=display_name,
                password_hash=password_hash,
                tenant=tenant,
                language=language,
            )
            session.add(agent)
            session.flush()
            return agent.id

    def agent_language(self, agent_id: int) -> str | None:
        with self._sessions() as session:
            agent = session.get(Agent, agent_id)
            return agent.language if agent is not None else None

    def set_agent_language(self, agent_id: int, language: str | None) -> None:
        """The agent's language (None: none of their own, the browser's)."""
        with self._sessions.begin() as session:
            agent = session.get(Agent, agent_id)
            if agent is not None:
                agent.language = language

    def agent_display_name(self, agent_id: int) -> str:
        with self._sessions() as session:
            agent = session.get(Agent, agent_id)
            return agent.display_name if agent is not None else ""

    def agent(self, username: str) -> AgentRecord | None:
        with self._sessions() as session:
            row = session.scalar(select(Agent).where(Agent.username == username))
            if row is None:
                return None
            return AgentRecord(row.id, row.username, row.display_name, row.tenant, row.password_hash, row.language)

    # ---- handoffs ----

    def create(self, conversation_id: str, reason: str, packet: dict[str, Any]) -> int:
        """Persist the packet first: whatever happens next, the human has the context."""
        with self._sessions.begin() as session:
            handoff = Handoff(conversation_id=conversation_id, reason=reason, packet=packet, status="waiting")
            session.add(handoff)
            conversation = session.get(Conversation, conversation_id)
            if conversation is not None:
                conversation.status = "queued"
            session.flush()
            return handoff.id

    def get(self, handoff_id: int) -> Handoff | None:
        with self._sessions() as session:
            return session.get(Handoff, handoff_id)

    def waiting(self) -> list[Handoff]:
        with self._sessions() as session:
            return list(session.scalars(select(Handoff).where(Handoff.status == "waiting").order_by(Handoff.id)).all())

    def recent_waits(self, limit: int = 20) -> list[float]:
        """Seconds the last ``limit`` accepted customers waited for an agent."""
        with self._sessions() as session:
            rows = session.execute(
                select(Handoff.created_at, Handoff.accepted_at)
                .where(Handoff.accepted_at.is_not(None))
                .order_by(Handoff.id.desc())
                .limit(limit)
            ).all()
        return [
            max(0.0, (_aware(accepted) - _aware(created)).total_seconds())
            for created, accepted in rows
            if accepted is not None
        ]

    def latest_for(self, conversation_id: str) -> Handoff | None:
        with self._sessions() as session:
            return session.scalar(
                select(Handoff).where(Handoff.conversation_id == conversation_id).order_by(Handoff.id.desc()).limit(1)
            )

    def set_status(self, handoff_id: int, status: str, agent_id: int | None = None) -> None:
        """Move a handoff and its conversation together: waiting/accepted/returned/closed/timed_out."""
        conversation_status = {
            "waiting": "queued",
            "accepted": "agent",
            "returned": "bot",
            "closed": "closed",
            "timed_out": "bot",
        }[status]
        with self._sessions.begin() as session:
            handoff = session.get(Handoff, handoff_id)
            if handoff is None:
                return
            handoff.status = status
            if status == "accepted":
                handoff.agent_id, handoff.accepted_at = agent_id, utcnow()
            elif status == "waiting":
                handoff.agent_id = None
            else:
                handoff.ended_at = utcnow()
            conversation = session.get(Conversation, handoff.conversation_id)
            if conversation is not None:
                conversation.status = conversation_status
                if status == "closed":
                    conversation.ended_at = utcnow()

    def add_callback_ticket(self, conversation_id: str, handoff_id: int | None) -> int:
        with self._sessions.begin() as session:
            ticket = CallbackTicket(conversation_id=conversation_id, handoff_id=handoff_id, status="open")
            session.add(ticket)
            session.flush()
            return ticket.id

    def callback_tickets(self, conversation_id: str) -> list[CallbackTicket]:
        with self._sessions() as session:
            return list(
                session.scalars(select(CallbackTicket).where(CallbackTicket.conversation_id == conversation_id)).all()
            )


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive times (stored as UTC); PostgreSQL aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
