"""The shipped intent head on the real MiniLM embeddings, and the intent stored per customer turn."""

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
def test_intents(real_services: Any, text: str, intent: str) -> None:
    assert real_services.intents is not None
    assert real_services.intents.predict(text)[0] in intent.split("|")


def test_out_of_scope(real_services: Any) -> None:
    predicted, confidence = real_services.intents.predict("how do I build a treehouse for my kids")
    assert predicted == "out_of_scope", (predicted, confidence)
