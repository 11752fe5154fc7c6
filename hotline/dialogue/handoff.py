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


NOTICES = {
    "handoff_waiting": {
        "en": "I'm connecting you with a human agent now. They will see our whole conversation, so you won't "
        "need to repeat anything.",
        "ru": "Соединяю вас с оператором. Он увидит всю нашу переписку, повторять ничего не придётся.",
        "zh": "正在为您转接人工客服。客服会看到我们的全部对话，您无需重复说明。",
    },
    "agent_joined": {
        "en": "{agent} from our support team has joined the conversation.",
        "ru": "К разговору подключился оператор {agent}.",
        "zh": "人工客服 {agent} 已加入对话。",
    },
    "returned_to_bot": {
        "en": "You're back with the AI assistant. It has the whole conversation, including what the agent said.",
        "ru": "Вы снова общаетесь с ИИ-ассистентом. Он видит всю переписку, включая ответы оператора.",
        "zh": "您已回到AI助手。它能看到完整对话，包括人工客服的回复。",
    },
    "handoff_timeout": {
        "en": "I'm sorry, no agent is free right now. I've created callback ticket #{ticket}: an agent will "
        "contact you. Meanwhile I can keep helping here.",
        "ru": "К сожалению, сейчас нет свободных операторов. Я создал заявку на обратный звонок №{ticket}. "
        "Пока я могу продолжить помогать здесь.",
        "zh": "抱歉，目前没有空闲的客服。我已为您创建回电工单 #{ticket}，客服会联系您。在此期间我可以继续为您服务。",
    },
    "agent_left": {
        "en": "The agent was disconnected. You're back in the queue; the next free agent will pick up.",
        "ru": "Оператор отключился. Вы снова в очереди; вам ответит следующий свободный оператор.",
        "zh": "人工客服已断开。您已重新排队，下一位空闲的客服会接待您。",
    },
    "closed": {
        "en": "The agent has closed this conversation. Thank you for contacting us!",
        "ru": "Оператор завершил разговор. Спасибо за обращение!",
        "zh": "人工客服已结束对话。感谢您的咨询！",
    },
}


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
