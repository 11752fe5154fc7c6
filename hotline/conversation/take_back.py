"""Taking a turn back: a caller who goes on talking before the bot has said a word of its reply (or talks over its
first moment) was not finished ("I want to return the desk lamp … and the water bottle"). The reply is dropped and
the session forgets the turn, so the words heard so far join what the caller says next and are answered as one
turn — as if the bot had waited.

What the session remembers between turns (the flow, the escalation state, the repetition window, the photos, the
calm acknowledgement) is copied before the turn and put back. The stored customer message is kept but marked
``taken_back`` (out of the transcript, the history and the agent's packet: the words are in the next message), and so
is any reply the bot stored to it (a reply made by code is stored before its first audio is heard); a
``turn_taken_back`` event names them. A turn that may have changed something outside the session is never taken
back: one answered while an action awaited the customer's yes (this turn may have run it), or one after which a
human holds the conversation or is awaited.
"""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hotline.conversation.session import ConversationSession


@dataclass(frozen=True)
class Before:
    """The session's memory before a turn."""

    memory: dict[str, Any]


_REMEMBERED = ("flow", "escalation", "repetition", "photos", "_acknowledged")


def before_turn(session: ConversationSession) -> Before | None:
    """A copy of what the turn may change, or None when the turn cannot be taken back (an action awaits the
    customer's yes: this turn's words may run it)."""
    if session.flow.pending is not None:
        return None
    return Before({name: copy.deepcopy(getattr(session, name)) for name in _REMEMBERED})


async def take_back(session: ConversationSession, before: Before, message_id: int) -> bool:
    """Forget the turn (its reply already cancelled): True, or False when a human now holds the conversation or is
    awaited (a handover is not taken back)."""
    if await session.services.hub.held_by_human(session.conversation_id):
        return False
    for name, value in before.memory.items():
        setattr(session, name, copy.deepcopy(value))
    conversations = session.services.conversations
    replies = await asyncio.to_thread(conversations.take_back, session.conversation_id, message_id)
    event = {"message_id": message_id, "replies": replies}
    await asyncio.to_thread(conversations.add_event, session.conversation_id, "turn_taken_back", event)
    return True
