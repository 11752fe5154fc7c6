"""bench voice's per-turn figures: a flow call's step reads its own voice_turn event and its own messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hotline.bench.voice_calls import call_result


@dataclass
class Message:
    role: str
    text: str


class Conversations:
    def events(self, conversation: str, kind: str) -> list[tuple[float, dict[str, Any]]]:
        assert kind == "voice_turn"
        return [(1.0, {"transcript_ms": 300.0, "first_audio_ms": 500.0}), (2.0, {"transcript_ms": 310.0})]

    def messages(self, conversation: str) -> list[Message]:
        return [
            Message("bot", "Hello, this is the store's AI assistant."),
            Message("customer", "I want to cancel my order."),
            Message("bot", "Sure. What is the email on your account?"),
            Message("customer", "My email is noah dot brown at example dot com."),
            Message("bot", "Thanks, Noah. Which order?"),
        ]


class Services:
    conversations = Conversations()


def test_each_step_of_a_flow_call_reads_its_own_turn() -> None:
    first = call_result(Services(), "c1", "flow:0:1", 1, 10.0, 10.8, "twilio", turn=0)
    second = call_result(Services(), "c1", "flow:0:2", 1, 20.0, 20.7, "twilio", turn=1)
    assert (first.heard, first.reply, first.first_audio_ms) == (
        "I want to cancel my order.",
        "Sure. What is the email on your account?",
        500.0,
    )
    assert second.heard.startswith("My email is") and second.reply == "Thanks, Noah. Which order?"
    assert second.transcript_ms == 310.0 and second.first_audio_ms is None
    assert round(second.voice_to_voice_ms or 0) == 700


def test_a_single_call_reads_its_last_turn_and_the_whole_call() -> None:
    result = call_result(Services(), "c1", "question:0", 1, 10.0, None, "twilio")
    assert result.transcript_ms == 310.0 and result.voice_to_voice_ms is None
    assert result.heard == "I want to cancel my order. My email is noah dot brown at example dot com."
    assert result.reply == "Thanks, Noah. Which order?"
    assert call_result(Services(), "c1", "flow:0:3", 1, 1.0, 2.0, "twilio", turn=2).heard == ""
