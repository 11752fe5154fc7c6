"""The packet as an agent reads it, in the agent's language: every sentence from the packs, English included."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from hotline.dialogue.agent_view import intent_words, reason_words
from hotline.dialogue.escalation import Escalate, EscalationPolicy, EscalationState, TurnSignal, decide
from hotline.dialogue.handoff import build_packet
from hotline.languages import load_packs

LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")


def message(id_: int, role: str, text: str, anger: float | None = None, intent: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(
        id=id_, seq=id_, role=role, text=text, anger=anger, intent=intent, sources=[], created_at=datetime.now(UTC)
    )


SIGNALS = {  # one turn sequence per rule that hands a conversation over
    "asked_human": [TurnSignal(wants_human=True)],
    "redline": [TurnSignal(redline_severity=3, redline_rule="legal_threat")],
    "model_failed": [TurnSignal(model_failed=True)],
    "manipulation": [TurnSignal(attack=True, evidence="ignore your rules")] * 2,
    "very_angry": [TurnSignal(anger=0.95, evidence="this is a disgrace")],
    "angry": [TurnSignal(anger=0.6, lang="ru", evidence="безобразие")] * 2,
    "abusive": [TurnSignal(abuse=True, evidence="[profanity] bot")] * 2,
    "unhappy": [TurnSignal(retrieval_miss=True), TurnSignal(dissatisfied=0.9, evidence="still no refund")],
    "no_help": [TurnSignal(retrieval_miss=True), TurnSignal(repeated="bot", after_reply=True)],
}


def transfer(signals: list[TurnSignal]) -> Escalate:
    state, policy = EscalationState(), EscalationPolicy(dissatisfied_threshold=0.6)
    for signal in signals:
        state, decision = decide(state, signal, policy)
    assert isinstance(decision, Escalate)
    return decision


@pytest.mark.parametrize("kind", sorted(SIGNALS))
def test_every_reason_reads_in_every_language_and_english_is_the_stored_reason(kind: str) -> None:
    decision = transfer(SIGNALS[kind])
    assert decision.kind == kind
    assert reason_words(kind, decision.values, "en") == decision.reason  # one wording: the log's is the English view
    for lang in load_packs():
        said = reason_words(kind, decision.values, lang)
        assert "{" not in said and said.strip(), (lang, said)
        if lang != "en":
            assert said != decision.reason
            evidence = decision.values.get("said", "")
            assert not LATIN_WORD.findall(said.replace(evidence, "").replace("red-line", "")), (lang, said)


def test_intents_read_as_words_in_the_agents_language() -> None:
    assert intent_words("bitext:contact_human_agent") == "talk to a person"
    assert intent_words("bitext:contact_human_agent", "ru") == "поговорить с человеком"
    assert intent_words("bitext:track_refund", "zh") == "退款进度"
    assert intent_words("clinc:card_declined", "ru") == "карту отклонили"
    assert intent_words("clinc:card_declined", "zh") == "银行卡被拒"
    assert intent_words("someone:new_label", "ru") == "new label"  # a label no pack names: its own words
    assert intent_words(None, "zh") == "未识别"


def test_the_packet_carries_each_agents_view() -> None:
    messages = [
        message(1, "customer", "Здравствуйте, где мой заказ #W1234567?", anger=0.1, intent="bitext:track_order"),
        message(2, "bot", "Он в пути."),
        message(3, "customer", "Это безобразие, позовите оператора!", anger=0.7, intent="bitext:contact_human_agent"),
    ]
    state = {
        "customer": {"user_id": "u1", "name": "Yusuf Rossi", "zip": "19122", "email": "y@example.com"},
        "done": [{"action": "cancel", "order_id": "#W1", "text": "#W1: cancelled", "texts": {"ru": "#W1: отменён"}}],
        "wants_by_language": {"en": "cancel an order", "ru": "отменить заказ", "zh": "取消订单"},
        "anger_threshold": 0.6,
        "reason_kind": "asked_human",
        "reason_values": {},
    }
    packet = build_packet("c1", "customer asked for a human", messages, [], state)
    english, russian, chinese = (packet["views"][lang] for lang in ("en", "ru", "zh"))
    assert english["summary"] == packet["summary"] and english["reason"] == packet["reason"]
    assert english["summary"].startswith("Identified: Yusuf Rossi (zip 19122). Wants: cancel an order.")
    assert russian["summary"].startswith("Клиент: Yusuf Rossi (индекс 19122). Хочет: отменить заказ.")
    assert "Сделано: #W1: отменён." in russian["summary"] and "Клиент писал:" in russian["summary"]
    assert chinese["summary"].startswith("客户：Yusuf Rossi（邮编 19122）。诉求：取消订单。")
    assert "#W1: cancelled" in chinese["done"]  # a sentence without its Chinese wording falls back to English
    assert (russian["reason"], chinese["reason"]) == ("клиент попросил оператора", "客户要求转人工")
    assert (russian["intent"], chinese["intent"]) == ("поговорить с человеком", "转人工")
    assert (english["mood"], russian["mood"], chinese["mood"]) == (
        "angry (rising)",
        "злится (нарастает)",
        "愤怒（上升）",
    )
    assert "личность подтверждена ботом" in russian["customer"]


def test_every_intent_a_shipped_head_can_name_has_words_in_every_pack() -> None:
    """An agent reads each intent the shipped heads predict in their own language, never as a raw label."""
    import numpy as np

    from hotline.dialogue.head_files import HEAD_DIR
    from hotline.languages import pack

    heads = sorted(HEAD_DIR.glob("intents-*.npz"))
    assert heads
    for head in heads:
        classes = {str(c) for c in np.load(head, allow_pickle=True)["classes"]} - {"other", "out_of_scope"}
        for lang in ("en", "ru", "zh"):
            unnamed = sorted(c for c in classes if c not in pack(lang).intents)
            assert not unnamed, (head.name, lang, unnamed[:5])
