"""The account's default address (not an order's)."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.addresses import describe_address
from hotline.dialogue.flow_phrases import phrase
from hotline.dialogue.flow_state import FlowReply, FlowState, Store
from hotline.dialogue.plans.common import ask
from hotline.store.actions import Action


def plan(store: Store, action: Action, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
    address = state.slots.get("address")
    if address is None:
        return FlowReply(phrase(state.lang, "new_user_address"))
    return ask(
        store,
        state,
        action.name,
        {"user_id": state.user_id, **address},
        lambda _result, lang: phrase(lang, "user_address_summary", address=describe_address(address)),
    )
