"""The flows' state and replies: what the conversation knows so far, the plan awaiting a yes, and the store port."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class Store(Protocol):
    def find_user_id_by_email(self, email: str) -> str | None: ...
    def find_user_id_by_name_zip(self, first_name: str, last_name: str, zip_code: str) -> str | None: ...
    def users_with_zip(self, zip_code: str) -> list[tuple[str, str, str]]: ...
    def user_details(self, user_id: str) -> dict[str, Any] | None: ...
    def order_details(self, order_id: str) -> dict[str, Any] | None: ...
    def product_details(self, product_id: str) -> dict[str, Any] | None: ...


@dataclass
class PendingAction:
    id: str
    name: str
    kwargs: dict[str, Any]
    summary: str  # in the customer's language
    summaries: dict[str, str] = field(default_factory=dict)  # the same plan in every served language (for agents)

    def as_event(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kwargs": self.kwargs, "summary": self.summary}


@dataclass
class FlowState:
    user_id: str | None = None
    flow: str | None = None  # cancel | return
    slots: dict[str, Any] = field(default_factory=dict)
    pending: PendingAction | None = None
    last_order_id: str | None = None  # the order the last action was about: "also change..." means that one
    lang: str = "en"  # the customer's language: what the flow's replies are worded in
    photo_products: list[str] = field(default_factory=list)  # what the customer's photos show ("Granny Smith Apple")
    last_reply: str = ""  # never the same words twice in a row
    stalled: int = 0  # turns in a row without progress: two, and a human is offered
    later: tuple[str, str] | None = None  # the next request of a message that held several (text, raw text)


_PROGRESS_NOISE = ("last_text", "flow_text", "change_text", "payment_text", "items_text", "ambiguous_text")


def progress_mark(state: FlowState) -> str:
    slots = {k: v for k, v in state.slots.items() if k not in _PROGRESS_NOISE}
    return repr((state.user_id, state.flow, sorted(slots.items()), state.pending.kwargs if state.pending else None))


@dataclass
class FlowReply:
    text: str
    pending: PendingAction | None = None  # set when the reply asks for an explicit yes
    execute: PendingAction | None = None  # set when the customer said yes: the session runs it
    offer_human: str = ""  # the reason, when the flow is stuck and offers a human (an escalation signal)
