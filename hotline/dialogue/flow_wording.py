"""How an action's outcome and a payment method are worded to the customer (phrases in flow_phrases)."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.flow_phrases import phrase


def money(value: float) -> str:
    return f"${value:,.2f}"


def describe_method(method: dict[str, Any], lang: str = "en") -> str:
    if method["source"] == "credit_card":
        return phrase(lang, "card_ending", last_four=method.get("last_four", "")).strip()
    if method["source"] == "gift_card":
        return phrase(lang, "gift_card_balance", balance=money(method.get("balance", 0.0)))
    return str(method["source"])


_DONE = {
    "cancel_pending_order": "done_cancel",
    "exchange_delivered_order_items": "done_exchange",
    "modify_pending_order_items": "done_modify_items",
    "modify_pending_order_address": "done_address",
    "modify_pending_order_payment": "done_payment",
    "modify_user_address": "done_user_address",
    "return_delivered_order_items": "done_return",
}


def result_sentence(name: str, outcome_ok: bool, result: dict[str, Any], reason: str, lang: str = "en") -> str:
    if not outcome_ok:
        return phrase(lang, "failed", reason=reason)
    refund = money(result.get("refunded", result.get("refund", 0.0)))
    return phrase(lang, _DONE.get(name, "done"), refund=refund)
