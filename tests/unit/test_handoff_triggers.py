"""The handoff packet marks the customer's turns that led to the transfer, for the agent."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from hotline.dialogue.handoff import build_packet


def message(id_: int, role: str, text: str, anger: float | None = None) -> SimpleNamespace:
    return SimpleNamespace(
        id=id_, seq=id_, role=role, text=text, anger=anger, intent=None, sources=[], created_at=datetime.now(UTC)
    )


def test_angry_flagged_and_last_turns_are_marked() -> None:
    messages = [
        message(1, "customer", "Where is my order #W1234567?", anger=0.1),
        message(2, "bot", "It is on its way."),
        message(3, "customer", "This is a joke, three weeks late!", anger=0.7),
        message(4, "bot", "I'm sorry this has been frustrating."),
        message(5, "customer", "Useless [profanity] service", anger=0.2),
        message(6, "customer", "Still waiting.", anger=0.3),
    ]
    hits = [SimpleNamespace(rule_id="profanity", severity="medium", direction="input", excerpt="x", message_id=5)]
    packet = build_packet("c1", "angry for 2 turns in a row", messages, hits, {"anger_threshold": 0.6})
    marked = [entry["seq"] for entry in packet["transcript"] if entry.get("trigger")]
    assert marked == [3, 5, 6]  # angry, flagged by the red-line, and the turn the decision was made on
    assert packet["anger_trend"] == [0.1, 0.7, 0.2, 0.3]


def test_without_a_threshold_only_flagged_and_last_turns() -> None:
    messages = [message(1, "customer", "hello", anger=0.9), message(2, "customer", "agent please")]
    packet = build_packet("c1", "customer asked for a human", messages, [], {})
    assert [e["seq"] for e in packet["transcript"] if e.get("trigger")] == [2]
