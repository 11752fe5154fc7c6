"""Returning a delivered order's items: which items (all, all but, the named ones), then the refund's way."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.addresses import payment_method_in
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.flow_state import FlowReply, FlowState, Store
from hotline.dialogue.flow_wording import money
from hotline.dialogue.message_reading import ORIGINAL_METHOD
from hotline.dialogue.order_items import match_items, options_of
from hotline.dialogue.plans.common import ask, ask_which_item, in_order
from hotline.store.actions import Action
from hotline.store.catalog_names import shown_name


def plan(store: Store, action: Action, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
    item_ids = in_order(state.slots.get("item_ids"), order) or match_items(state.slots.get("last_text", ""), order)
    if not item_ids and len(order["items"]) == 1:  # one item: that is what comes back (the confirmation names it)
        item_ids = [order["items"][0]["item_id"]]
    if item_ids:
        state.slots["item_ids"] = item_ids
    if not item_ids:
        contents = "; ".join(
            f"{shown_name(item['name'], state.lang)} {options_of(item, state.lang)}" for item in order["items"]
        )
        return FlowReply(phrase(state.lang, "which_return_items", order_id=order["order_id"], listing=contents))
    if (which := ask_which_item(state, order, item_ids)) is not None:
        return which
    original = order["payment_history"][0]["payment_method_id"]
    methods = user.get("payment_methods", {})
    gift_card = next((m for m in methods if "gift_card" in m), None)
    said = state.slots.get("flow_text", "")
    to = state.slots.get("refund_to") or (
        "original" if ORIGINAL_METHOD.search(said) or payment_method_in(said, methods) == original else None
    )
    if to is None and gift_card not in (None, original):  # the policy's two ways: the customer chooses
        return FlowReply(phrase(state.lang, "refund_where", order_id=order["order_id"]))
    method = gift_card if to == "gift_card" and gift_card is not None else original
    returned = [next(i["name"] for i in order["items"] if i["item_id"] == x) for x in item_ids]

    def summary(result: dict[str, Any], lang: str) -> str:
        return phrase(
            lang,
            "return_summary",
            items=listing(lang, [shown_name(name, lang) for name in returned]),
            order_id=order["order_id"],
            refund=money(float(result["refund"])),
            destination=phrase(lang, "to_gift_card" if "gift_card" in method else "to_original_method"),
        )

    kwargs = {"order_id": order["order_id"], "item_ids": item_ids, "payment_method_id": method}
    return ask(store, state, action.name, kwargs, summary)
