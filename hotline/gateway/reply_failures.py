"""A bot turn that raised (a scorer, the store, a bug) costs that reply only, on every transport: the failure is
logged with its traceback, counted on /metrics (``hotline_turns_total{outcome="error"}``) and stored as the
conversation's ``reply_failed`` event; the transport tells the customer (``reply_failed_text``) and answers the next
message as usual."""

from __future__ import annotations

import asyncio
import logging

from hotline.conversation.failures import logged
from hotline.dialogue.flow_phrases import phrase
from hotline.gateway.services import Services

log = logging.getLogger(__name__)


async def reply_failed(services: Services, conversation_id: str, message_id: int | None) -> None:
    """Call from the ``except`` that caught the turn's exception."""
    log.exception("reply failed", extra={"conversation_id": conversation_id, "message_id": message_id})
    services.metrics.turns.labels(outcome="error").inc()
    payload = {"message_id": message_id}
    with logged("store reply_failed", services.metrics.delivery_failures, conversation_id=conversation_id):
        await asyncio.to_thread(services.conversations.add_event, conversation_id, "reply_failed", payload)


def reply_failed_text(language: str | None) -> str:
    """What the customer is told, in their language."""
    return phrase(language or "en", "reply_failed")
