"""A customer asking for a person in words the red-line does not know is handed over, on the real stack: the
person head (``hotline train escalation-person``) at its own threshold. Talking *about* something, or mentioning
someone, is not asking for anyone."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from websockets.sync.client import connect

from hotline.redline.rules import RedLine
from tests.conftest import LiveServer

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def until_answered(ws: Any, text: str) -> list[dict[str, Any]]:
    """The events of one turn: up to the reply's end, or the hand-over."""
    ws.send(json.dumps({"type": "message", "text": text}))
    events: list[dict[str, Any]] = []
    deadline = time.monotonic() + 120
    while not events or events[-1]["type"] not in ("done", "handoff"):
        events.append(json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic()))))
    return events


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Could someone from your team take over this chat, please?", True),
        ("Пусть моим вопросом займётся живой сотрудник", True),
        ("我想让客服专员跟进一下", True),
        ("I want to talk about the warranty on my lamp", False),
        ("Ваш сотрудник вчера всё объяснил, спасибо", False),
    ],
)
def test_a_request_for_a_person_in_other_words_is_handed_over(
    real_server: LiveServer, real_services: Any, text: str, asks: bool
) -> None:
    assert real_services.person is not None, "no person head: run `hotline train escalation-person`"
    assert not RedLine().check_input(text).wants_human  # the red-line's phrases alone would not hand it over
    with connect(real_server.chat_url()) as ws:
        conversation = json.loads(ws.recv(timeout=30))["conversation_id"]
        events = until_answered(ws, text)
    handed = [e for e in events if e["type"] == "handoff"]
    assert bool(handed) == asks, (text, real_services.person.score(text), events[-1])
    assert (real_services.handoffs.latest_for(conversation) is not None) == asks
