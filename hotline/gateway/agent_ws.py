"""``/ws/agent``: the agent console's live channel (queue, accept, chat, hand back, close).

Agent -> server
  {"type": "accept", "handoff_id"}
  {"type": "message", "conversation_id", "text"}
  {"type": "hand_back", "conversation_id", "outcome"?, "note"?}   the bot resumes with the whole history
  {"type": "close", "conversation_id", "outcome"?, "note"?}       outcome: resolved | follow_up | not_resolved
  {"type": "language", "language"}   the console's language (en | ru | zh), kept with the agent's account
Server -> agent
  {"type": "hello", "agent", "language"?}, {"type": "queue", "items": [...]},   language: the account's, if set
  {"type": "conversation", "handoff_id", "conversation_id", "packet"}   after accept: the handoff packet
  {"type": "customer_message", "conversation_id", "message_id", "text"}
  {"type": "agent_voice_transcript", "conversation_id", "message_id", "text"}   what was heard of the agent on a call
  {"type": "agent_message_ack", ...}, {"type": "ended", "conversation_id", "status"}, {"type": "error", ...}
  {"type": "recording", "conversation_id", "name", "seconds", "url"}   a call of theirs ended and was recorded
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect

from hotline.conversation.events import AgentEvent
from hotline.conversation.hub import AgentConnection, HandoffError
from hotline.gateway.agent_auth import COOKIE, agent_tenant, read_token
from hotline.gateway.guards import origin_allowed
from hotline.gateway.services import Services
from hotline.languages import languages

log = logging.getLogger(__name__)


async def agent_endpoint(websocket: WebSocket, services: Services) -> None:
    if not origin_allowed(websocket, services.settings.security):
        await websocket.close(code=1008)  # a web page from elsewhere: refused before the handshake
        return
    claims = read_token(websocket.cookies.get(COOKIE), services.settings.auth)
    await websocket.accept()
    if claims is None:
        await websocket.send_json({"type": "error", "code": "unauthorized", "detail": "log in first"})
        await websocket.close(code=4401)
        return
    lock = asyncio.Lock()

    async def send(event: AgentEvent) -> None:
        async with lock:
            await websocket.send_json(event)

    hub = services.hub
    agent_id = int(claims["aid"])
    agent = AgentConnection(
        agent_id,
        str(claims["sub"]),
        str(claims.get("name", claims["sub"])),
        send,
        tenant=agent_tenant(claims, services),
        language=await asyncio.to_thread(services.handoffs.agent_language, agent_id),
    )
    await hub.register_agent(agent)
    log.info("agent connected", extra={"agent": agent.username})
    try:
        while True:
            frame = await websocket.receive_text()
            try:
                event = json.loads(frame)
                kind = event.get("type")
                if kind == "accept":
                    await send(await hub.accept(agent.agent_id, int(event["handoff_id"])))
                elif kind == "message":
                    text = str(event.get("text", "")).strip()
                    if not text or len(text) > services.settings.chat.max_message_chars:
                        raise HandoffError("the message is empty or too long")
                    await send(await hub.agent_said(agent.agent_id, str(event["conversation_id"]), text))
                elif kind == "hand_back":
                    await hub.hand_back(agent.agent_id, str(event["conversation_id"]), wrap_up(event))
                    await send({"type": "ended", "conversation_id": event["conversation_id"], "status": "returned"})
                elif kind == "language":  # the console's language, kept with the account for every browser
                    language = str(event.get("language", ""))
                    if language not in languages():
                        raise HandoffError(f"language must be one of {', '.join(languages())}")
                    await asyncio.to_thread(services.handoffs.set_agent_language, agent.agent_id, language)
                elif kind == "close":
                    await hub.close(agent.agent_id, str(event["conversation_id"]), wrap_up(event))
                    await send({"type": "ended", "conversation_id": event["conversation_id"], "status": "closed"})
                else:
                    raise HandoffError(f"unknown event type {kind!r}")
            except (json.JSONDecodeError, KeyError, ValueError, AttributeError, TypeError) as error:
                await send({"type": "error", "code": "invalid", "detail": str(error) or type(error).__name__})
    except WebSocketDisconnect:
        pass
    finally:
        await hub.unregister_agent(agent.agent_id, agent)
        log.info("agent disconnected", extra={"agent": agent.username})


OUTCOMES = ("resolved", "follow_up", "not_resolved")


def wrap_up(event: dict[str, Any]) -> dict[str, str]:
    """The agent's wrap-up of a hand-back or close: an outcome and a short note (both optional)."""
    found: dict[str, str] = {}
    if (outcome := event.get("outcome")) is not None:
        if outcome not in OUTCOMES:
            raise HandoffError(f"outcome must be one of {', '.join(OUTCOMES)}")
        found["outcome"] = str(outcome)
    note = str(event.get("note") or "").strip()
    if len(note) > 1000:
        raise HandoffError("the wrap-up note is over 1000 characters")
    if note:
        found["note"] = note
    return found
