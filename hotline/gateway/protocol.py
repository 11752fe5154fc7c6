"""The web chat's JSON event protocol (``/ws/chat``), validated at the edge.

Client -> server
  {"type": "message",  "text": str, "client_id"?: str}      a customer message (client_id: for the ack)
  {"type": "feedback", "message_id": int, "rating": "up" | "down", "comment"?: str}
  {"type": "ping"}

Server -> client
  {"type": "disclosure", "conversation_id", "text", "token"} always the very first event; the token is the
                                                             customer's, bound to this conversation
  {"type": "ack", "client_id", "message_id", "seq"}          the customer message is stored (durably)
  {"type": "sources", "passages": [...], "orders": [...]}    what the answer may rest on: public articles only,
                                                             each {"title", "heading", "text", "lang"}
  {"type": "token", "text"}                                  reply text, released sentence by sentence
                                                             after each sentence passed its checks
  {"type": "sentence", "text"}                               one checked sentence (the TTS/red-line unit)
  {"type": "confirm", "action": {"id", "name", "kwargs", "summary"}}  the reply asks for an explicit yes
                                                             before this store write (answer "yes" or "no")
  {"type": "done", "message_id", "text", "failed", "metrics", "model", "adapter",
   "pending_action", "action_result", "lang", "more"}        "lang": the conversation's language (en/ru/zh);
                                                             "more": true when another reply to the same
                                                             message follows (an apology, "I'm an AI", then
                                                             the answer): the turn ends at "more": false
  {"type": "feedback_ack", "message_id", "rating"}
  {"type": "cancelled", "detail"}                            the reply in progress was stopped (a request
                                                             for a human or a risk outranked it)
  {"type": "handoff", "status", "text", ...}                 waiting | agent_joined | returned_to_bot |
                                                             timeout (with "ticket") | closed
  {"type": "queue_position", "position", "waiting", "expected_minutes"}  while waiting for a human: the place in
                                                             the queue (from 1), how many wait, and about how many
                                                             minutes (null until there is enough history)
  {"type": "agent_message", "text", "agent", "message_id"}   a human agent wrote
  {"type": "history", "messages": [{"role", "text", "message_id", "at"}]}   a reopened page: what was said so far
  {"type": "photo_identified", "photo_id", "product", "text"}  an uploaded photo shows this catalog product
  {"type": "photo_choices", "photo_id", "options", "text"}    the photo could be one of these: the customer picks
  {"type": "pong"}
  {"type": "error", "code", "detail"}                        the socket stays open and usable
     codes: bad_json, unknown_type, invalid, too_large, not_found, rate_limited;
     reply_failed (with "message_id": the reply to that stored message failed; send it again);
     unauthorized (no valid session token, or one for another conversation) closes the socket (4401)

Opening: ``POST /api/chat/sessions`` gives a short-lived session token; connect with ``?token=`` (and
``&lang=en|ru|zh``, the page's language: the disclosure and first replies use it until the customer's own words
say otherwise). A token bound to a conversation (from ``disclosure``, or renewed with it in ``Authorization:
Bearer``) resumes that conversation.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from hotline.conversation.events import Error

# Every event type the gateway sends, and where: "chat" (/ws/chat), "call" (the raw PCM bridge's text frames and
# a WebRTC call's data channel), "agent" (/ws/agent). The one list: a test checks that each event the gateway
# builds is here and that each chat event is in this module's reference above.
SERVER_EVENTS: dict[str, tuple[str, ...]] = {
    "disclosure": ("chat", "call"),
    "ack": ("chat",),
    "history": ("chat",),
    "sources": ("chat",),
    "token": ("chat",),
    "sentence": ("chat",),
    "confirm": ("chat",),
    "done": ("chat",),
    "feedback_ack": ("chat",),
    "cancelled": ("chat",),
    "handoff": ("chat", "call"),
    "queue_position": ("chat", "call"),
    "agent_message": ("chat", "call"),
    "photo_identified": ("chat",),
    "photo_choices": ("chat",),
    "pong": ("chat", "call"),
    "error": ("chat", "call", "agent"),
    "transcript": ("call",),
    "reply": ("call",),
    "barge_in": ("call",),
    "clear": ("call",),
    "mark": ("call",),
    "busy": ("call",),
    "agent_voice": ("call",),
    "hello": ("agent",),
    "queue": ("agent",),
    "conversation": ("agent",),
    "customer_message": ("agent",),
    "agent_voice_transcript": ("agent",),
    "agent_message_ack": ("agent",),
    "ended": ("agent",),
    "recording": ("agent",),
}


class _ClientEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MessageEvent(_ClientEvent):
    type: Literal["message"]
    text: str = Field(min_length=1)
    client_id: str | None = Field(default=None, max_length=100)


class FeedbackEvent(_ClientEvent):
    type: Literal["feedback"]
    message_id: int
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)


class PingEvent(_ClientEvent):
    type: Literal["ping"]


ClientEvent = Annotated[MessageEvent | FeedbackEvent | PingEvent, Field(discriminator="type")]
_CLIENT_EVENT: TypeAdapter[MessageEvent | FeedbackEvent | PingEvent] = TypeAdapter(ClientEvent)
CLIENT_TYPES = ("message", "feedback", "ping")


class ProtocolError(ValueError):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def event(self) -> Error:
        return {"type": "error", "code": self.code, "detail": self.detail}


def parse_client_event(
    frame: str | bytes, max_frame_bytes: int, max_message_chars: int
) -> MessageEvent | FeedbackEvent | PingEvent:
    size = len(frame.encode() if isinstance(frame, str) else frame)
    if size > max_frame_bytes:
        raise ProtocolError("too_large", f"frame of {size} bytes exceeds the limit of {max_frame_bytes}")
    try:
        data = json.loads(frame)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ProtocolError("bad_json", f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise ProtocolError("invalid", "an event must be a JSON object")
    kind = data.get("type")
    if kind not in CLIENT_TYPES:
        raise ProtocolError("unknown_type", f"unknown event type {kind!r}; expected one of {list(CLIENT_TYPES)}")
    try:
        event = _CLIENT_EVENT.validate_python(data)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'event'}: {e['msg']}" for e in error.errors())
        raise ProtocolError("invalid", problems) from None
    if isinstance(event, MessageEvent):
        if not event.text.strip():
            raise ProtocolError("invalid", "text: the message is empty")
        if len(event.text) > max_message_chars:
            raise ProtocolError(
                "too_large",
                f"message of {len(event.text)} characters exceeds the limit of {max_message_chars}",
            )
    return event
