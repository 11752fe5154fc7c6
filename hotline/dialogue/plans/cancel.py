"""Cancelling a pending order: the reason, then the plan with the refund the policy computes."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.flow_state import FlowReply, FlowState, Store
from hotline.dialogue.flow_wording import money
from hotline.dialogue.plans.common import ask
from hotline.store.actions import Action
from hotline.store.catalog_names import shown_name


def plan(store: Store, action: Action, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
    reason = state.slots.get("reason")
    if reason is None:
        return FlowReply(phrase(state.lang, "cancel_reason", order_id=order["order_id"]))
    method = order["payment_history"][0]["payment_method_id"]

    def summary(result: dict[str, Any], lang: str) -> str:
        return phrase(
            lang,
            "cancel_summary",
            order_id=order["order_id"],
            items=listing(lang, [shown_name(item["name"], lang) for item in order["items"]]),
            reason=phrase(lang, "reason_" + reason.replace(" ", "_")),
            total=money(float(result["refunded"])),
            when=phrase(lang, "refund_immediately" if "gift_card" in method else "refund_5_7_days"),
        )

    return ask(store, state, action.name, {"order_id": order["order_id"], "reason": reason}, summary)
