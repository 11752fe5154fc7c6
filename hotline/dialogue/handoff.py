"""Everything a human agent needs, so the customer never repeats themselves: the handoff packet.

Built by code from what is stored (all text already PII-masked); persisted before anyone is told.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from hotline.dialogue.language import conversation_language, follow
from hotline.dialogue.references import order_ids
from hotline.dialogue.sentences import split_sentences
from hotline.languages import table

# Until the trained intent model lands (store-actions issue), a keyword intent is enough for routing.
_INTENTS = [
    ("cancel_order", r"\bcancel"),
    ("return_item", r"\b(return|send (it )?back)"),
    ("exchange_item", r"\bexchang"),
    ("refund", r"\b(refund|reimburs|money back|compensat)"),
    ("order_status", r"\b(where|status|track|arriv|deliver)"),
    ("change_address", r"\baddress"),
    ("payment", r"\b(payment|pay|card|paypal|gift card)"),
    ("product_info", r"\b(size|color|colour|option|available|stock|price)"),
    ("human_agent", r"\b(human|agent|person|operator)|оператор|人工"),
]


def detect_intent(text: str) -> str:
    lowered = text.lower()
    for intent, pattern in _INTENTS:
        if re.search(pattern, lowered):
            return intent
    return "other"


def detect_language(text: str, current: str = "en") -> str:
    """One message's language (the conversation's, ``current``, when the message is too short to tell)."""
    return follow(text, current)


NOTICES: dict[str, dict[str, str]] = table("notices")  # from the language packs: kind -> language -> text


def notice(kind: str, language: str, **values: Any) -> str:
    texts = NOTICES[kind]
    return texts.get(language, texts["en"]).format(**values)


def summarise(customer_texts: Sequence[str], max_items: int = 4) -> str:
    firsts = [(split_sentences(t) or [t])[0][:160] for t in customer_texts if t.strip()]
    if not firsts:
        return "No messages from the customer yet."
    picked = firsts[:1] + firsts[-(max_items - 1) :] if len(firsts) > max_items else firsts
    return "Customer said: " + " / ".join(dict.fromkeys(picked))


def transcript_entries(messages: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"seq": m.seq, "role": m.role, "text": m.text, "at": m.created_at.isoformat()} for m in messages]


def build_packet(
    conversation_id: str,
    reason: str,
    messages: Sequence[Any],
    redline_hits: Sequence[Any],
) -> dict[str, Any]:
    customer = [m for m in messages if m.role == "customer"]
    customer_texts = [m.text for m in customer]
    kb_sources: dict[str, str] = {}
    orders: dict[str, str] = {}
    for message in messages:
        for source in message.sources or []:
            if "source_id" in source:
                kb_sources[source["source_id"]] = source.get("heading", "")
            elif "order_id" in source:
                orders[source["order_id"]] = source.get("status", "")
    all_text = " ".join(customer_texts)
    last_intent = next((m.intent for m in reversed(customer) if m.intent), None)
    return {
        "conversation_id": conversation_id,
        "reason": reason,
        "summary": summarise(customer_texts),
        "intent": last_intent or detect_intent(all_text),
        "language": conversation_language(customer_texts),
        "anger_trend": [round(m.anger, 3) for m in customer if m.anger is not None],
        "redline_hits": [
            {"rule_id": h.rule_id, "severity": h.severity, "direction": h.direction, "excerpt": h.excerpt}
            for h in redline_hits
        ],
        "kb_sources": [{"source_id": k, "heading": v} for k, v in kb_sources.items()],
        "orders": [{"order_id": k, "status": v} for k, v in orders.items()],
        "provided": {
            "order_ids": order_ids(all_text),
            "masked_details": sorted(
                set(re.findall(r"\[(email|phone|card|cn_resident_id|ru_inn|ru_snils)\]", all_text))
            ),
        },
        "photos": [],
        "transcript": transcript_entries(messages),
    }
