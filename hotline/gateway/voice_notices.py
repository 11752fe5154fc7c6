"""What a call does with the hub's events for its caller — a human agent's words, handoff notices — decided once
here for every bridge (Twilio, raw PCM, AudioSocket, WebRTC); the transports only pass the event on.

Each event goes to the transport as it is (the page's or bridge's text side), then: an agent's words, or an agent
taking or closing the conversation, stop the bot's reply in progress and are said; any other notice (waiting for
an agent, no agent came, handed back to the bot) is said once that reply has been said — the turn may itself have
raised it. When the conversation goes back to the bot or is closed, an agent who was on the line by voice leaves
it first (the bot then speaks again). Nothing is said while a human talks on the line, nor what the agent said
there themselves.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol

from hotline.conversation.events import CustomerEvent
from hotline.gateway.voice_out import AudioOut

HUMAN_TAKES_OVER = ("agent_joined", "closed")  # the bot's reply in progress stops for the notice
HUMAN_LEAVES = ("returned_to_bot", "closed")  # an agent on the line by voice leaves it
REPLY_FINISH_S = 30.0  # the longest a notice waits for the reply in progress to be said


class NoticeLine(Protocol):
    out: AudioOut
    muted: bool  # a human agent talks on the line: the bot says nothing
    turn_task: asyncio.Task[None] | None
    agent_leaves: Callable[[str], Awaitable[None]] | None  # how the transport drops an agent's voice leg

    async def cancel_turn(self) -> None: ...
    async def say(self, text: str, on_first_audio: Callable[[], None] | None = None) -> bool: ...


async def hear(line: NoticeLine, event: CustomerEvent) -> None:
    """One hub event for the caller, delivered by the call's outbox (never inside whoever raised it)."""
    await line.out.event(event)
    if event["type"] == "handoff" and event["status"] in HUMAN_LEAVES and line.agent_leaves is not None:
        await line.agent_leaves(f"handoff_{event['status']}")
    if event["type"] == "agent_message":
        if event["spoken"] or line.muted or not event["text"]:  # the agent's own voice already reached the caller
            return
        await line.cancel_turn()
    elif event["type"] == "handoff" and event["text"] and not line.muted:
        if event["status"] in HUMAN_TAKES_OVER:
            await line.cancel_turn()
        elif line.turn_task is not None and not line.turn_task.done():
            await asyncio.wait({line.turn_task}, timeout=REPLY_FINISH_S)
    else:
        return
    await line.say(event["text"])
