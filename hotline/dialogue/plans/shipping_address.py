"""A pending order's shipping address: as said, as another of the customer's orders has it, or relative to the
order's own ("same street, only the suite")."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.addresses import describe_address, relative_address
from hotline.dialogue.flow_phrases import phrase
from hotline.dialogue.flow_state import FlowReply, FlowState, Store
from hotline.dialogue.message_reading import SAME_AS, referenced_orders
from hotline.dialogue.plans.common import ask
from hotline.dialogue.references import order_ids
from hotline.store.actions import Action
from hotline.store.policy import ADDRESS_FIELDS


def plan(store: Store, action: Action, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
    said = state.slots.get("flow_text", "")
    address = (
        state.slots.get("address")
        or _address_of_other_order(store, said, order, state)
        or relative_address(said, order["address"])
    )
    if address is None:
        state.slots["asked"] = "address"  # the answer's order, if it names one with "address", is the source
        return FlowReply(phrase(state.lang, "new_shipping_address", order_id=order["order_id"]))
    return ask(
        store,
        state,
        action.name,
        {"order_id": order["order_id"], **address},
        lambda _result, lang: phrase(
            lang, "address_summary", order_id=order["order_id"], address=describe_address(address)
        ),
    )


def _address_of_other_order(store: Store, text: str, order: dict[str, Any], state: FlowState) -> dict[str, str] | None:
    """ "the same address as my order #W2166301", "туда же, куда заказ #W…": that order's address (only one of
    the customer's own orders)."""
    this = {order["order_id"]}
    others = sorted(referenced_orders(text) - this or (set(order_ids(text)) - this if SAME_AS.search(text) else set()))
    if not others and state.slots.get("address_from") not in (None, order["order_id"]):
        others = [state.slots["address_from"]]
    if len(others) != 1:
        return None
    other = store.order_details(others[0])
    if other is None or other["user_id"] != state.user_id:
        return None
    return {k: str(other["address"].get(k, "")) for k in ADDRESS_FIELDS}
