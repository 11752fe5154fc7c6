"""``/ws/chat``: the web chat transport. Frames in, protocol events out; the session does the work.

A reader task validates frames and stores each customer message at once (then acks it); a turn worker
answers them in order. A bad frame gets an error event and the socket stays usable; so does a reply that fails
(``reply_failed``, logged and stored as an event): the next message is answered.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import HTTPException, WebSocket, WebSocketDisconnect

from hotline.conversation.events import CustomerEvent, Done, Sources
from hotline.conversation.received import Received
from hotline.conversation.session import ConversationSession
from hotline.gateway import reply_failures
from hotline.gateway.customer_auth import customer_conversation, issue_customer_token
from hotline.gateway.guards import CLOSE_POLICY, CLOSE_TRY_AGAIN, ClientLimits, origin_allowed
from hotline.gateway.protocol import FeedbackEvent, MessageEvent, PingEvent, ProtocolError, parse_client_event
from hotline.gateway.services import Services
from hotline.ports import SentenceEvent, SourcesEvent, TokenEvent, TurnDone
from hotline.storage.conversations import FeedbackRejected
from hotline.tasks import cancel_and_wait

log = logging.getLogger(__name__)
CLOSE_UNAUTHORIZED = 4401


def _sources_event(event: SourcesEvent) -> Sources:
    """What the customer may see of the sources: public articles by title (internal documents and file names
    stay with the agents, in the stored reply's sources)."""
    return {
        "type": "sources",
        "passages": [
            {"title": p.document, "heading": p.heading, "text": p.text, "lang": p.lang}
            for p in event.passages
            if p.public
        ],
        "orders": [
            {
                "order_id": o.order_id,
                "status": o.status,
                "items": list(o.items),
                "tracking_ids": list(o.tracking_ids),
            }
            for o in event.orders
        ],
    }


def _done_event(event: TurnDone, lang: str) -> Done:
    m = event.metrics
    return {
        "type": "done",
        "lang": lang,
        "pending_action": event.extra.get("pending_action"),
        "action_result": event.extra.get("action_result"),
        "message_id": event.extra.get("message_id"),
        "more": bool(event.extra.get("more")),
        "text": event.reply,
        "failed": event.failed,
        "model": event.model,
        "adapter": event.adapter,
        "metrics": {
            "retrieval_ms": round(m.retrieval_ms, 1),
            "first_token_ms": None if m.first_token_ms is None else round(m.first_token_ms, 1),
            "total_ms": round(m.total_ms, 1),
            "tokens": m.tokens,
            "tokens_per_s": round(m.tokens_per_s, 1),
        },
    }


async def chat_endpoint(websocket: WebSocket, services: Services) -> None:
    if not origin_allowed(websocket, services.settings.security):
        services.metrics.protocol_errors.labels(code="bad_origin").inc()
        await websocket.close(code=CLOSE_POLICY)  # before accept: the browser sees HTTP 403
        return
    limits = services.limits or ClientLimits(services.settings.security)
    client = limits.client_of(websocket)
    await websocket.accept()
    if not limits.admit(client):
        services.metrics.protocol_errors.labels(code="too_many_sessions").inc()
        await websocket.close(code=CLOSE_TRY_AGAIN, reason="too many open conversations from this address")
        return
    try:
        await _chat(websocket, services, limits)
    finally:
        limits.release(client)


async def _chat(websocket: WebSocket, services: Services, limits: ClientLimits) -> None:
    settings = services.settings.chat
    auth = services.settings.auth
    bucket = limits.message_bucket()
    try:
        claims, requested = customer_conversation(websocket, auth, websocket.query_params.get("conversation_id"))
    except HTTPException as refused:
        services.metrics.protocol_errors.labels(code="unauthorized").inc()
        await websocket.send_json({"type": "error", "code": "unauthorized", "detail": refused.detail})
        await websocket.close(code=CLOSE_UNAUTHORIZED)
        return
    session = await ConversationSession.open(services, "chat", requested, claims.get("tenant"))
    if session is None:
        await websocket.send_json({"type": "error", "code": "not_found", "detail": f"no conversation {requested!r}"})
        await websocket.close(code=4404)
        return
    # The page's language (one the gateway serves) until the customer's own words say otherwise.
    page_lang = websocket.query_params.get("lang")
    page_lang = page_lang if page_lang in services.settings.voice.languages else None
    if page_lang is not None:
        session.flow.lang = page_lang
    token = issue_customer_token(auth, session.conversation_id, claims["sub"], claims.get("tenant"))
    services.metrics.active_sessions.labels(channel="chat").inc()
    send_lock = asyncio.Lock()

    async def send(event: CustomerEvent) -> None:
        async with send_lock:
            await websocket.send_json(event)

    await session.attach(send)
    if page_lang is not None:
        await services.hub.set_language(session.conversation_id, page_lang)
    turns: asyncio.Queue[Received] = asyncio.Queue()

    answering = asyncio.Event()

    async def answer_turns() -> None:
        while True:
            received = await turns.get()
            answering.set()
            try:
                await answer_one(received)
            except Exception:  # one failed reply is told and logged; the conversation goes on
                await reply_failed(received)
            finally:
                answering.clear()

    async def reply_failed(received: Received) -> None:
        message_id = received.stored.id
        await reply_failures.reply_failed(services, session.conversation_id, message_id)
        detail = reply_failures.reply_failed_text(session.flow.lang)
        await send({"type": "error", "code": "reply_failed", "message_id": message_id, "detail": detail})

    async def answer_one(received: Received) -> None:
        async for event in session.answer(received):
            if isinstance(event, SourcesEvent):
                await send(_sources_event(event))
            elif isinstance(event, TokenEvent):
                await send({"type": "token", "text": event.text})
            elif isinstance(event, SentenceEvent):
                await send({"type": "sentence", "text": event.text})
            elif isinstance(event, TurnDone):
                if "pending_action" in event.extra:
                    await send({"type": "confirm", "action": event.extra["pending_action"]})
                await send(_done_event(event, session.flow.lang))

    worker = asyncio.create_task(answer_turns())
    try:
        await send(
            {
                "type": "disclosure",
                "conversation_id": session.conversation_id,
                "text": session.disclosure(),
                "token": token,  # resumes this conversation, uploads photos into it, starts a call on it
            }
        )
        if requested is not None:  # a page reloaded or reopened: what was said so far, as stored (masked)
            await send({"type": "history", "messages": await _history(services, session.conversation_id)})
            if (human := await services.hub.resume_notice(session.conversation_id)) is not None:
                await send(human)  # waiting for an agent, or with one
                if human["status"] == "waiting":
                    await services.hub.broadcast_queue()  # and their place in the queue, on this new page
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            frame: str | bytes = message.get("text") or message.get("bytes") or b""
            try:
                event = parse_client_event(frame, settings.max_frame_bytes, settings.max_message_chars)
            except ProtocolError as error:
                services.metrics.protocol_errors.labels(code=error.code).inc()
                await send(error.event())
                continue
            if isinstance(event, MessageEvent):
                if not bucket.take():  # not stored: the client is told and may send it again
                    services.metrics.protocol_errors.labels(code="rate_limited").inc()
                    await send(
                        {
                            "type": "error",
                            "code": "rate_limited",
                            "client_id": event.client_id,
                            "detail": "too many messages: wait a moment and send it again",
                        }
                    )
                    continue
                received = await session.receive(event.text)
                stored = received.stored
                await send({"type": "ack", "client_id": event.client_id, "message_id": stored.id, "seq": stored.seq})
                if received.handled_by_human:
                    continue
                if received.outranks_reply and (answering.is_set() or not turns.empty()):
                    await cancel_and_wait(worker)
                    answering.clear()
                    while not turns.empty():
                        turns.get_nowait()
                    await send({"type": "cancelled", "detail": "the reply in progress was stopped"})
                    worker = asyncio.create_task(answer_turns())
                turns.put_nowait(received)
            elif isinstance(event, FeedbackEvent):
                try:
                    await session.feedback(event.message_id, 1 if event.rating == "up" else -1, event.comment)
                except FeedbackRejected as rejected:
                    await send({"type": "error", "code": "invalid", "detail": str(rejected)})
                    continue
                await send({"type": "feedback_ack", "message_id": event.message_id, "rating": event.rating})
            elif isinstance(event, PingEvent):
                await send({"type": "pong"})
            if worker.done() and worker.exception() is not None:
                raise RuntimeError("turn worker stopped") from worker.exception()
    except WebSocketDisconnect:
        pass
    finally:
        await cancel_and_wait(worker)
        services.metrics.active_sessions.labels(channel="chat").dec()
        await session.close()
        log.info("chat closed", extra={"conversation_id": session.conversation_id})


async def _history(services: Services, conversation_id: str) -> list[dict[str, Any]]:
    stored = await asyncio.to_thread(services.conversations.messages, conversation_id)
    return [
        {"role": m.role, "text": m.text, "message_id": m.id, "at": m.created_at.isoformat()}
        for m in stored
        if m.role in ("customer", "bot", "agent", "system") and m.text
    ]
