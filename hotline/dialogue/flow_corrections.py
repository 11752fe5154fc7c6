"""A "no" that corrects a part of the plan ("No, I meant the black one", "нет, на подарочную карту", "不对，我是说#W…"):
which part it names, and what of the refused plan it replaces. ``FlowManager._corrected`` plans again with it."""

from __future__ import annotations

from hotline.dialogue.addresses import parse_address, payment_method_in
from hotline.dialogue.flow_state import FlowState, PendingAction, Store
from hotline.dialogue.message_reading import names_a_reason, names_a_way_of_paying
from hotline.dialogue.order_items import match_items
from hotline.dialogue.references import order_ids
from hotline.dialogue.variants import resolve_variant


def correction_names(store: Store, text: str, raw_text: str, state: FlowState, refused: PendingAction) -> set[str]:
    """What a "no …" names of the plan: "items" (of the order the plan was about), "payment", "options" (a
    variant of its items), "other" (an order, address or reason). Empty: a plain no."""
    named = set()
    if order_ids(raw_text) or parse_address(raw_text) or names_a_reason(text):
        named.add("other")
    user = store.user_details(state.user_id or "") or {}
    if names_a_way_of_paying(text) or payment_method_in(raw_text, user.get("payment_methods", {})) is not None:
        named.add("payment")
    order = store.order_details(str(refused.kwargs.get("order_id", "")))
    if order is not None and match_items(text, order):
        named.add("items")
    elif order is not None:
        for item in order["items"]:
            product = store.product_details(item["product_id"]) or {"variants": {}}
            if resolve_variant(item, product, text, in_stock_only=False) is not None:
                named.add("options")
                break
    return named


def forget_corrected(state: FlowState, refused: PendingAction, named: set[str]) -> None:
    """Drop what the correction replaces: the items when it names items, the new options of a change (the
    planned items stay unless it names others), the payment when it names one, the new shipping address when it
    names an order or an address ("no, where order #W2 went")."""
    if state.flow == "address" and "other" in named:
        state.slots.pop("address", None)
    if "items" in named:
        for key in ("item_ids", "items_text", "ambiguous_text"):
            state.slots.pop(key, None)
    if state.flow == "change":
        if "items" not in named and "item_ids" in refused.kwargs:
            state.slots["item_ids"] = list(refused.kwargs["item_ids"])
        if "payment" not in named and "payment_method_id" in refused.kwargs:  # the method named before stays
            state.slots["pay_with_id"] = refused.kwargs["payment_method_id"]
        state.slots["change_text"] = ""
    if "payment" in named:
        for key in ("pay_with", "pay_with_id", "payment_text", "refund_to"):
            state.slots.pop(key, None)
