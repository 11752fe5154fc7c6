"""The shipped intent heads on real embeddings (MiniLM for the english profile, multilingual-e5 by default), and
the intent stored per customer turn."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I want to cancel my order", "bitext:cancel_order"),
        # Bitext's track_order and CLINC's order_status overlap in the merged label set; either is right.
        ("where is my package, it hasn't arrived", "bitext:track_order|clinc:order_status"),
        ("I need to speak with a real person", "bitext:contact_human_agent"),
        ("what's my credit score", "clinc:credit_score"),
    ],
)
def test_intents(english_head: Any, text: str, intent: str) -> None:
    assert english_head.predict(text)[0] in intent.split("|")


def test_out_of_scope(english_head: Any, real_services: Any) -> None:
    for head in (english_head, real_services.intents):  # the english profile's head and the default one
        predicted, confidence = head.predict("how do I build a treehouse for my kids")
        assert predicted == "out_of_scope", (predicted, confidence)


@pytest.fixture(scope="module")
def english_head() -> Any:
    """The english profile's head (MiniLM). The default (multilingual-e5) head is weaker on English requests
    (probe 10 of 12 against 11 of 12; "I want to cancel my order" falls under its out-of-scope threshold): the
    flows do not rest on it, they read requests with the understanding head trained on the company's data."""
    from hotline.dialogue.intents import IntentClassifier, intent_head_path
    from hotline.kb.embeddings import load_embedder

    embedder = load_embedder("packaged:all-minilm-l6-v2")
    return IntentClassifier(embedder, intent_head_path(embedder.name))


def test_the_multilingual_head_reads_russian_and_chinese_requests() -> None:
    """The multilingual profile's head (multilingual-e5, trained on English data only) on the probe of plain
    requests: cancel, return, where is my package, a human... in ru and zh (7 of 12 and 6 of 12 when trained;
    the MiniLM head gets 1 of 12). Requests for a human do not rest on this: the red-line rules catch them."""
    import json

    from hotline.dialogue.intents import IntentClassifier, intent_head_path
    from hotline.kb.embeddings import load_embedder
    from hotline.settings import REPO_ROOT

    embedder = load_embedder("packaged:multilingual-e5-small")
    head = IntentClassifier(embedder, intent_head_path(embedder.name))
    probe = [json.loads(line) for line in (REPO_ROOT / "eval" / "intent_probe.jsonl").read_text().splitlines()]
    for lang in ("ru", "zh"):
        rows = [p for p in probe if p["lang"] == lang]
        right = sum(head.predict(p["text"])[0] == p["intent"] for p in rows)
        assert right >= len(rows) // 2, (lang, right, len(rows))
