"""Every event the gateway sends, typed: one declaration per ``{"type": …}``, checked by mypy wherever one is built.

They stay plain JSON objects on the wire and on the bus (a TypedDict is a dict at run time), so the pages, the
phone bridges and the Redis bus read exactly what they read before; what changes is that a misspelt field or a
missing one is a type error at the line that builds it. A leaf module: nothing heavier than ``typing``.

**System events** survive what data events do not (Pipecat's SystemFrame and DataFrame): a channel that falls
behind loses its oldest *data* events first (tokens, sentences, marks), never a handoff notice, an agent's
message, a cancellation or an error while a data event is there to drop. ``SYSTEM_EVENTS`` says which.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

# ---- to the customer: chat page (/ws/chat), and the call's text side (raw PCM frames, WebRTC data channel) ----


class Disclosure(TypedDict):
    type: Literal["disclosure"]
    conversation_id: str
    text: str
    token: NotRequired[str]  # chat: the customer's token, bound to this conversation
    lang: NotRequired[str]  # call: the language the greeting was said in


class Ack(TypedDict):
    type: Literal["ack"]
    client_id: str | None
    message_id: int
    seq: int


class History(TypedDict):
    type: Literal["history"]
    messages: list[dict[str, Any]]


class Sources(TypedDict):
    type: Literal["sources"]
    passages: list[dict[str, Any]]
    orders: list[dict[str, Any]]


class Token(TypedDict):
    type: Literal["token"]
    text: str


class Sentence(TypedDict):
    type: Literal["sentence"]
    text: str


class Confirm(TypedDict):
    type: Literal["confirm"]
    action: dict[str, Any]


class Done(TypedDict):
    type: Literal["done"]
    message_id: int | None
    more: bool  # another reply to the same customer message follows (an apology or "I'm an AI" before the answer)
    text: str
    failed: bool
    metrics: dict[str, Any]
    model: str
    adapter: str | None
    pending_action: dict[str, Any] | None
    action_result: dict[str, Any] | None
    lang: str


class FeedbackAck(TypedDict):
    type: Literal["feedback_ack"]
    message_id: int
    rating: str


class Cancelled(TypedDict):
    type: Literal["cancelled"]
    detail: str


HandoffStatus = Literal["waiting", "agent_joined", "returned_to_bot", "timeout", "closed"]


class Handoff(TypedDict):
    type: Literal["handoff"]
    status: HandoffStatus
    text: str  # the notice, in the customer's language
    handoff_id: NotRequired[int]
    agent: NotRequired[str]  # agent_joined: the agent's name
    ticket: NotRequired[int]  # timeout: the callback ticket


class QueuePosition(TypedDict):
    type: Literal["queue_position"]
    position: int
    waiting: int
    expected_minutes: int | None


class AgentMessage(TypedDict):
    type: Literal["agent_message"]
    text: str
    agent: str
    message_id: int
    spoken: bool  # the agent said it on the call themselves: not to be synthesised again


class PhotoIdentified(TypedDict):
    type: Literal["photo_identified"]
    photo_id: int
    product: dict[str, Any]
    text: str
    message_id: NotRequired[int]  # the bot's stored words


class PhotoChoices(TypedDict):
    type: Literal["photo_choices"]
    photo_id: int
    options: list[dict[str, Any]]
    text: str
    message_id: NotRequired[int]


class Pong(TypedDict):
    type: Literal["pong"]


class Error(TypedDict):
    type: Literal["error"]
    code: str
    detail: str
    client_id: NotRequired[str | None]  # a refused message: which one
    message_id: NotRequired[int]  # a stored message whose reply failed ("reply_failed"): which one


# ---- the call's text side only ----


class Transcript(TypedDict):
    type: Literal["transcript"]
    text: str
    message_id: int
    language: str | None
    keyed: bool  # keyed on the keypad, not heard
    replaces: int | None  # a turn taken back (the caller went on before the reply): these words include its own


class Reply(TypedDict):
    type: Literal["reply"]
    text: str
    message_id: int | None


class BargeIn(TypedDict):
    type: Literal["barge_in"]


class Clear(TypedDict):
    type: Literal["clear"]


class Mark(TypedDict):
    type: Literal["mark"]
    name: str


class Busy(TypedDict):
    type: Literal["busy"]
    text: str
    lang: str


class AgentVoice(TypedDict):
    type: Literal["agent_voice"]
    status: Literal["joined", "left"]
    reason: NotRequired[str]


# ---- to an agent's console (/ws/agent) ----


class Hello(TypedDict):
    type: Literal["hello"]
    agent: str
    language: NotRequired[str]  # the agent's own language (their account's), when they have one


class Queue(TypedDict):
    type: Literal["queue"]
    items: list[dict[str, Any]]


class Conversation(TypedDict):
    type: Literal["conversation"]
    handoff_id: int
    conversation_id: str
    packet: dict[str, Any]


class CustomerMessage(TypedDict):
    type: Literal["customer_message"]
    conversation_id: str
    role: str
    text: str
    message_id: NotRequired[int]
    photo: NotRequired[dict[str, Any]]


class AgentVoiceTranscript(TypedDict):
    type: Literal["agent_voice_transcript"]
    conversation_id: str
    message_id: int
    text: str


class AgentMessageAck(TypedDict):
    type: Literal["agent_message_ack"]
    conversation_id: str
    message_id: int


class Ended(TypedDict):
    type: Literal["ended"]
    conversation_id: str
    status: Literal["returned", "closed"]


class Recording(TypedDict):
    type: Literal["recording"]
    conversation_id: str
    name: str
    seconds: float | None
    url: str


CustomerEvent = (
    Disclosure
    | Ack
    | History
    | Sources
    | Token
    | Sentence
    | Confirm
    | Done
    | FeedbackAck
    | Cancelled
    | Handoff
    | QueuePosition
    | AgentMessage
    | PhotoIdentified
    | PhotoChoices
    | Pong
    | Error
    | Transcript
    | Reply
    | BargeIn
    | Clear
    | Mark
    | Busy
    | AgentVoice
)
AgentEvent = (
    Hello | Queue | Conversation | CustomerMessage | AgentVoiceTranscript | AgentMessageAck | Ended | Recording | Error
)
ServerEvent = CustomerEvent | AgentEvent

# What a channel keeps when it falls behind (see the module's docstring).
SYSTEM_EVENTS = frozenset(
    {"disclosure", "ack", "cancelled", "handoff", "agent_message", "error", "barge_in", "clear", "conversation"}
    | {"customer_message", "agent_message_ack", "ended", "busy", "agent_voice", "done", "confirm", "hello"}
)


def is_system(event: ServerEvent | dict[str, Any]) -> bool:
    return event.get("type") in SYSTEM_EVENTS


def handoff_event(
    status: HandoffStatus, text: str, handoff_id: int | None = None, agent: str | None = None, ticket: int | None = None
) -> Handoff:
    """A ``handoff`` notice with the fields its status has (the handoff's id, the agent's name, the ticket)."""
    event: Handoff = {"type": "handoff", "status": status, "text": text}
    if handoff_id is not None:
        event["handoff_id"] = handoff_id
    if agent is not None:
        event["agent"] = agent
    if ticket is not None:
        event["ticket"] = ticket
    return event


def customer_message(
    conversation_id: str, text: str, message_id: int | None = None, photo: dict[str, Any] | None = None
) -> CustomerMessage:
    """What the customer said (or the photo they sent) for the agent who holds, or will hold, the conversation."""
    event: CustomerMessage = {
        "type": "customer_message",
        "conversation_id": conversation_id,
        "role": "customer",
        "text": text,
    }
    if message_id is not None:
        event["message_id"] = message_id
    if photo is not None:
        event["photo"] = photo
    return event
