"""A customer angry with the company, in words of their own, is handed to a person within two turns on the real
stack (the anger signal: the comments' head and the angry customers' head, at the calibrated per-language
thresholds); a customer asking the same calmly is not. The signal's recall is ``hotline bench escalation``'s."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from websockets.sync.client import connect

from tests.conftest import LiveServer

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def handed_over(ws: Any, turns: tuple[str, ...]) -> bool:
    """Says the turns one after another (each once the gateway took it), then reads until the hand-over, or until
    every turn was answered (a turn ends at the ``done`` with no more to follow: an angry turn that does not
    transfer is answered twice, the apology, then the reply) and the line went quiet."""
    answered = 0
    for text in turns:
        ws.send(json.dumps({"type": "message", "text": text}))
        while (kind := (event := json.loads(ws.recv(timeout=30)))["type"]) != "ack":
            if kind == "handoff":  # on the first turn: very angry
                return True
            answered += kind == "done" and not event["more"]
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            event = json.loads(ws.recv(timeout=120 if answered < len(turns) else 5))
        except TimeoutError:
            return False
        if event["type"] == "handoff":
            return True
        answered += event["type"] == "done" and not event["more"]
    return False


@pytest.mark.parametrize(
    ("turns", "angry"),
    [
        (("Перестаньте мне врать, посылка не пришла!", "Вы вообще слышите, что я говорю?! Мне нужен возврат!"), True),
        (("别骗我了，包裹根本没到！", "你到底有没有在听我说话？！我要退款！"), True),
        (("Stop lying to me, the package never arrived!", "Are you even listening to me?! I need a refund!"), True),
        (("Здравствуйте, посылка ещё не пришла.", "Подскажите, пожалуйста, как оформить возврат?"), False),
        (("你好，我的包裹还没到。", "请问怎么申请退款？"), False),
    ],
)
def test_an_angry_customer_is_handed_over_and_a_calm_one_is_not(
    real_server: LiveServer, real_services: Any, turns: tuple[str, str], angry: bool
) -> None:
    assert real_services.anger is not None and len(real_services.anger.heads) == 2, "run the escalation trainings"
    with connect(real_server.chat_url()) as ws:
        json.loads(ws.recv(timeout=30))
        handed = handed_over(ws, turns)
    assert handed == angry, [(t, round(real_services.anger.score(t), 3)) for t in turns]
