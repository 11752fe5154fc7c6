"""A pending order's payment method: one of the customer's own, named by kind or card digits."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.addresses import payment_method_in
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.flow_state import FlowReply, FlowState, Store
from hotline.dialogue.flow_wording import describe_method
from hotline.dialogue.plans.common import ask
from hotline.store.actions import Action


def plan(store: Store, action: Action, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
    methods = user.get("payment_methods", {})
    method = payment_method_in(state.slots.get("payment_text", ""), methods)
    if method is None:
        described = listing(state.lang, [describe_method(d, state.lang) for d in methods.values()])
        return FlowReply(phrase(state.lang, "which_payment", order_id=order["order_id"], methods=described))
    kwargs = {"order_id": order["order_id"], "payment_method_id": method}
    return ask(
        store,
        state,
        action.name,
        kwargs,
        lambda _result, lang: phrase(
            lang, "payment_summary", order_id=order["order_id"], method=describe_method(methods[method], lang)
        ),
    )
