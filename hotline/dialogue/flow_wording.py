"""How an action's outcome and a payment method are worded to the customer (phrases in flow_phrases)."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.flow_phrases import phrase
from hotline.store.actions import ACTIONS


def money(value: float) -> str:
    return f"${value:,.2f}"


def describe_method(method: dict[str, Any], lang: str = "en") -> str:
    if method["source"] == "credit_card":
        return phrase(lang, "card_ending", last_four=method.get("last_four", "")).strip()
    if method["source"] == "gift_card":
        return phrase(lang, "gift_card_balance", balance=money(method.get("balance", 0.0)))
    return str(method["source"])


def result_sentence(name: str, outcome_ok: bool, result: dict[str, Any], reason: str, lang: str = "en") -> str:
    if not outcome_ok:
        return phrase(lang, "failed", reason=reason)
    refund = money(result.get("refunded", result.get("refund", 0.0)))
    action = ACTIONS.get(name)
    return phrase(lang, action.done_phrase if action else "done", refund=refund)
