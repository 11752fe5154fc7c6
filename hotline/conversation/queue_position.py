"""The queue for a human as agents and waiting customers see it: the waiting handoffs by company, and where a
waiting customer stands in it, and about how long it may take.

The position is the customer's place among their company's waiting handoffs (oldest first). The expected wait is
the median time recent customers waited before an agent accepted them, times the position, in whole minutes
rounded up — only once there are at least ``MIN_HISTORY`` such waits (else none is promised).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Iterable
from statistics import median
from typing import Any

from hotline.conversation.events import QueuePosition
from hotline.storage.conversations import ConversationStore
from hotline.storage.handoffs import HandoffStore

MIN_HISTORY = 3


def positions(waiting: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """conversation id -> (place in the queue, from 1; how many wait) for one company's queue, oldest first."""
    return {item["conversation_id"]: (place, len(waiting)) for place, item in enumerate(waiting, start=1)}


def expected_minutes(recent_waits_s: list[float], place: int) -> int | None:
    """About how many minutes until an agent takes this customer, or None without enough history."""
    if len(recent_waits_s) < MIN_HISTORY:
        return None
    return max(1, math.ceil(median(recent_waits_s) * place / 60))


def position_event(place: int, waiting: int, minutes: int | None) -> QueuePosition:
    return {"type": "queue_position", "position": place, "waiting": waiting, "expected_minutes": minutes}


class WaitingQueue:
    """The waiting handoffs, read from the database (off the event loop), by tenant."""

    def __init__(
        self, conversations: ConversationStore, handoffs: HandoffStore, language: Callable[[str], str]
    ) -> None:
        self._conversations = conversations
        self._handoffs = handoffs
        self._language = language  # a conversation's language as the hub last knew it
        self._tenants: dict[str, str] = {}  # conversation -> tenant (never changes: cached)

    async def tenant_of(self, conversation_id: str) -> str | None:
        if conversation_id not in self._tenants:
            tenant = await asyncio.to_thread(self._conversations.tenant_of, conversation_id)
            if tenant is None:
                return None
            self._tenants[conversation_id] = tenant
        return self._tenants[conversation_id]

    async def items(self) -> dict[str, list[dict[str, Any]]]:
        """The waiting handoffs as the console lists them, by tenant, oldest first."""
        by_tenant: dict[str, list[dict[str, Any]]] = {}
        for h in await asyncio.to_thread(self._handoffs.waiting):
            tenant = await self.tenant_of(h.conversation_id) or ""
            by_tenant.setdefault(tenant, []).append(
                {
                    "handoff_id": h.id,
                    "conversation_id": h.conversation_id,
                    "reason": h.reason,
                    "summary": h.packet.get("summary", ""),
                    "views": {  # the reason and summary in each agent's language (dialogue/agent_view.py)
                        lang: {"reason": view["reason"], "summary": view["summary"]}
                        for lang, view in h.packet.get("views", {}).items()
                    },
                    "intent": h.packet.get("intent"),
                    "since": h.created_at.isoformat(),
                    "language": self._language(h.conversation_id),
                }
            )
        return by_tenant

    async def position_events(
        self, by_tenant: dict[str, list[dict[str, Any]]], held_here: Iterable[str]
    ) -> dict[str, QueuePosition]:
        """For each waiting customer among ``held_here`` (their pages are on this worker): their place in the
        queue and the expected wait, as the ``queue_position`` event."""
        places = {cid: place for items in by_tenant.values() for cid, place in positions(items).items()}
        here = [cid for cid in held_here if cid in places]
        if not here:
            return {}
        waits = await asyncio.to_thread(self._handoffs.recent_waits)
        return {
            cid: position_event(places[cid][0], places[cid][1], expected_minutes(waits, places[cid][0])) for cid in here
        }
