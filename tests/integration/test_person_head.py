"""A customer asking for a person in words the red-line does not know is handed over, on the real stack: the
person head (``hotline train escalation-person``) at its own threshold. Talking *about* something, or mentioning
someone, is not asking for anyone."""

from __future__ import annotations

import json
import time
from pathlib import Path
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


class HashedEmbedder:
    """An embedder double (a fixed vector per text): the training pipeline's plumbing, not its quality, is tested
    here; the shipped head's quality is its report's and the test above's."""

    name = "hashed"

    def embed_queries(self, texts: list[str]) -> Any:
        import hashlib

        import numpy as np

        seeds = [int.from_bytes(hashlib.sha1(t.encode()).digest()[:4], "little") for t in texts]
        return np.array([np.random.default_rng(s).normal(size=16) for s in seeds], dtype=np.float32)


def test_the_person_head_trains_chooses_its_threshold_and_loads(shared_data: Path, tmp_path: Path) -> None:
    """``hotline train escalation-person`` end to end on the shared data (small draws): a head file the gateway
    loads, its threshold at least the floor, every language's held-out phrasings measured."""
    from hotline.dialogue.escalation import SignalHead
    from hotline.training.escalation_person import PersonTraining, train_person_head

    embedder = HashedEmbedder()
    messages = {
        "train": {"en": ["where is my order"], "ru": ["где мой заказ"], "zh": ["我的订单在哪"]},
        "calibration": {"en": ["cancel it please"], "ru": ["отмените заказ"], "zh": ["取消订单"]},
    }
    out = tmp_path / "person-hashed.npz"
    config = PersonTraining(bitext_others=200, chatter_per_language=100)
    report = train_person_head(embedder, shared_data, messages, out, lambda _: None, config)
    assert report["threshold"] >= config.min_threshold
    assert set(report["held_phrasings"]) == {"en", "ru", "zh"}
    assert report["train_examples"]["bitext_person"] > 0 and report["train_examples"]["composed_ru"] > 0
    head = SignalHead(embedder, out)
    assert head.threshold == pytest.approx(report["threshold"], abs=1e-4) and head.lexical is not None
    assert 0.0 <= head.score("connect me to a live agent") <= 1.0
