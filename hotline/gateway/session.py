"""One conversation, whatever the transport: store what the customer says, answer, store the answer.

Transports (web chat now; telephony and WebRTC later) turn their input into ``customer_message`` calls
and render the dialogue events they get back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import asdict

from hotline.ports import DialogueEvent, SourcesEvent, TurnDone
from hotline.services import Services
from hotline.storage.conversations import StoredMessage

log = logging.getLogger(__name__)

DISCLOSURE = (
    "Hi! I'm {company}'s AI assistant — an automated system, not a person. I can answer questions about our "
    "policies, products and your orders. You can reach a human agent at any time: {human_hint}."
)


class ConversationSession:
    def __init__(self, services: Services, conversation_id: str, channel: str) -> None:
        self.services = services
        self.conversation_id = conversation_id
        self.channel = channel

    @classmethod
    async def open(
        cls, services: Services, channel: str, conversation_id: str | None = None
    ) -> ConversationSession | None:
        """Start a new conversation, or resume an existing one by id (None if that id is unknown)."""
        store = services.conversations
        if conversation_id is None:
            conversation_id = await asyncio.to_thread(store.start, channel)
            await asyncio.to_thread(store.add_event, conversation_id, "started", {"channel": channel})
        elif not await asyncio.to_thread(store.exists, conversation_id):
            return None
        return cls(services, conversation_id, channel)

    def disclosure(self) -> str:
        chat = self.services.settings.chat
        return DISCLOSURE.format(company=chat.company_name, human_hint=chat.human_hint)

    async def customer_message(self, text: str) -> StoredMessage:
        """Persist first: a customer message is durable before any work is done on it."""
        return await asyncio.to_thread(
            self.services.conversations.add_message, self.conversation_id, "customer", text
        )

    async def answer(self, text: str) -> AsyncIterator[DialogueEvent]:
        """Run one bot turn for ``text`` (already stored) and persist the reply, failed or not."""
        store = self.services.conversations
        history = await asyncio.to_thread(store.history, self.conversation_id, 40)
        # The newest stored turn is this very message; the engine gets it separately.
        if history and history[-1].role == "customer" and history[-1].text == text:
            history = history[:-1]
        sources: SourcesEvent | None = None
        async for event in self.services.dialogue.respond(self.conversation_id, text, history):
            if isinstance(event, SourcesEvent):
                sources = event
            if isinstance(event, TurnDone):
                cited = []
                if sources is not None:
                    cited = [
                        {"source_id": p.source_id, "heading": p.heading, "score": round(p.score, 5)}
                        for p in sources.passages
                    ]
                    cited += [{"order_id": o.order_id, "status": o.status} for o in sources.orders]
                stored = await asyncio.to_thread(
                    store.add_message,
                    self.conversation_id,
                    "bot",
                    event.reply,
                    status="failed" if event.failed else "ok",
                    error=event.error,
                    model=event.model or None,
                    adapter=event.adapter,
                    retrieval_ms=event.metrics.retrieval_ms,
                    first_token_ms=event.metrics.first_token_ms,
                    total_ms=event.metrics.total_ms,
                    tokens=event.metrics.tokens,
                    tokens_per_s=event.metrics.tokens_per_s,
                    sources=cited,
                )
                self.services.metrics.observe_turn(event.metrics, event.failed)
                if event.failed:
                    await asyncio.to_thread(
                        store.add_event, self.conversation_id, "generation_failed", {"error": event.error}
                    )
                log.info(
                    "turn done",
                    extra={
                        "conversation_id": self.conversation_id,
                        "message_id": stored.id,
                        "failed": event.failed,
                        **asdict(event.metrics),
                    },
                )
                event.extra["message_id"] = stored.id
            yield event

    async def feedback(self, message_id: int, rating: int, comment: str | None) -> int:
        feedback_id = await asyncio.to_thread(
            self.services.conversations.add_feedback, self.conversation_id, message_id, rating, comment
        )
        self.services.metrics.feedback.labels(rating="up" if rating > 0 else "down").inc()
        return feedback_id

    async def close(self) -> None:
        await asyncio.to_thread(
            self.services.conversations.add_event, self.conversation_id, "disconnected", None
        )
