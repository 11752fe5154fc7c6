"""Everything a human agent needs, so the customer never repeats themselves: the handoff packet.

Built by code from what is stored (all text already PII-masked); persisted before anyone is told.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from hotline.dialogue.agent_view import intent_words, mood, packet_views, said_summary, state_summary
from hotline.dialogue.flow_phrases import phrase, policy_reason
from hotline.dialogue.flow_wording import result_sentence
from hotline.dialogue.language import conversation_language, follow
from hotline.dialogue.references import order_ids
from hotline.dialogue.sentences import join_sentences
from hotline.languages import languages, table
from hotline.store.actions import refused_because

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


def conversation_state(store: Any, conversation_id: str, flow: Any) -> dict[str, Any]:
    """What the flows know about this conversation, for the agent: the verified customer, the store actions done
    and failed in it (with their amounts, as the customer was told), the plan waiting for a yes, the request."""
    state: dict[str, Any] = {}
    user = store.user_details(flow.user_id) if flow.user_id else None
    if user is not None:
        name = user.get("name", {})
        state["customer"] = {
            "user_id": flow.user_id,
            "name": f"{name.get('first_name', '')} {name.get('last_name', '')}".strip(),
            "zip": user.get("address", {}).get("zip", ""),
            "email": user.get("email", ""),
        }
    done, failed = [], []
    for action in getattr(store, "actions", lambda _c: [])(conversation_id):
        about = action.arguments.get("order_id") or "the account"
        if action.error is None:
            said = {lang: result_sentence(action.name, True, action.result or {}, "", lang) for lang in languages()}
            texts = {lang: f"{about}: {text}" for lang, text in said.items()}
            done.append({"action": action.name, "order_id": about, "text": texts["en"], "texts": texts})
        else:
            code, values = refused_because(action.result)
            why = {lang: policy_reason(lang, code, values, action.error) for lang in languages()}
            texts = {lang: f"{about}: {text}" for lang, text in why.items()}
            failed.append({"action": action.name, "order_id": about, "text": texts["en"], "texts": texts})
    state["done"], state["failed"] = done, failed
    if flow.pending is not None:
        state["pending"] = flow.pending.summary  # as the customer read it
        state["pending_by_language"] = dict(flow.pending.summaries)  # as an agent reads it
    if flow.flow is not None:
        state["wants_by_language"] = {lang: phrase(lang, f"flow_{flow.flow}") for lang in languages()}
        state["wants"] = state["wants_by_language"]["en"]
    return state


def transcript_entries(messages: Sequence[Any], triggers: Sequence[int] = ()) -> list[dict[str, Any]]:
    """The transcript for the agent; ``trigger`` marks the turns (by seq) that led to the transfer."""
    return [
        {"seq": m.seq, "role": m.role, "text": m.text, "at": m.created_at.isoformat()}
        | ({"trigger": True} if m.seq in triggers else {})
        for m in messages
    ]


def triggering_turns(customer: Sequence[Any], redline_hits: Sequence[Any], threshold: float | None) -> list[int]:
    """The seqs of the customer's turns behind a transfer: the last one (the decision was made on it), those the
    red-line flagged, and those at or above the anger threshold of the customer's language."""
    flagged = {getattr(h, "message_id", None) for h in redline_hits if getattr(h, "direction", "input") == "input"}
    found = {m.seq for m in customer if getattr(m, "id", None) in flagged}
    if threshold is not None:
        found |= {m.seq for m in customer if m.anger is not None and m.anger >= threshold}
    if customer:
        found.add(customer[-1].seq)
    return sorted(found)


def build_packet(
    conversation_id: str,
    reason: str,
    messages: Sequence[Any],
    redline_hits: Sequence[Any],
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``state``: what the conversation's flows know (the verified customer, actions done and failed, a plan
    waiting for the customer's yes), from the session; its summary leads the packet's."""
    state = state or {}
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
    intent = last_intent or detect_intent(all_text)
    anger = [round(m.anger, 3) for m in customer if m.anger is not None]
    packet: dict[str, Any] = {
        "conversation_id": conversation_id,
        "reason": reason,
        "summary": join_sentences([state_summary(state), said_summary(customer_texts)], "en"),
        "customer": state.get("customer"),
        "done": state.get("done", []),
        "pending": state.get("pending"),
        "failed": state.get("failed", []),
        "intent": intent,
        "intent_words": intent_words(intent),
        "language": conversation_language(customer_texts),
        "anger_trend": anger,
        "sentiment": mood(anger, state.get("anger_threshold"), state.get("anger_calm_below")),
        "redline_hits": [
            {"rule_id": h.rule_id, "severity": h.severity, "direction": h.direction, "excerpt": h.excerpt}
            for h in redline_hits
        ],
        "kb_sources": [{"source_id": k, "heading": v} for k, v in kb_sources.items()],
        "orders": [{"order_id": k, "status": v} for k, v in orders.items()],
        "provided": {
            "identity": [state["customer"]["name"], state["customer"]["zip"]] if state.get("customer") else [],
            "order_ids": order_ids(all_text),
            "masked_details": sorted(
                set(re.findall(r"\[(email|phone|card|cn_resident_id|ru_inn|ru_snils)\]", all_text))
            ),
        },
        "photos": [],
        "trigger_turns": (triggers := triggering_turns(customer, redline_hits, state.get("anger_threshold"))),
        "transcript": transcript_entries(messages, triggers),
    }
    packet["views"] = packet_views(packet, state, customer_texts)  # the agent's language (agent_view.py)
    return packet


def photo_entry(
    conversation_id: str, photo_id: int, analysis: dict[str, Any], chosen: str | None = None
) -> dict[str, Any]:
    """A customer's photo as an agent sees it (in the packet, or live): where to fetch it, what OCR read, what the
    catalog matcher thought it shows, and the product the customer picked when the bot asked."""
    return {
        "chosen": chosen,
        "photo_id": photo_id,
        "url": f"/api/conversations/{conversation_id}/photos/{photo_id}",
        "ocr": analysis.get("ocr", []),
        "order_ids": analysis.get("order_ids", []),
        "matches": analysis.get("matches", [])[:3],
        "confident": analysis.get("confident"),
    }
