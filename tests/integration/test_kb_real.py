"""Hybrid retrieval with the real MiniLM embeddings over the demo company's policy and catalogue."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("How do I send back something I received?", "Retail agent policy > Return delivered order"),
        ("can I cancel my order that hasn't shipped", "Retail agent policy > Cancel pending order"),
        (
            "I'd like to pay with a different card for my pending order",
            "Retail agent policy > Modify pending order > Modify payment",
        ),
        ("what sizes does the t-shirt come in", "retail data products > T-Shirt"),
    ],
)
def test_hybrid_search_finds_the_right_section(real_services: Any, question: str, heading: str) -> None:
    passages = real_services.retriever.search(question, 4)
    assert heading in [p.heading for p in passages[:3]]
    assert all(p.source_id for p in passages)


def test_vector_half_alone_understands_paraphrase(real_services: Any) -> None:
    ranking = real_services.retriever.vector_ranking("send an item back for my money", 5)
    assert ranking, "vector index is empty"
    rows = [real_services.retriever.search("send an item back for my money", 5)]
    assert any("Return" in p.heading for p in rows[0])
