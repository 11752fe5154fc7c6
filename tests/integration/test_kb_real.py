"""Hybrid retrieval with the real embeddings over the demo company's help centre, policy and catalogue."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


@pytest.mark.parametrize(
    ("question", "headings"),
    [
        (
            "How do I send back something I received?",
            {"How do I return an item?", "Retail agent policy > Return delivered order"},
        ),
        (
            "can I cancel my order that hasn't shipped",
            {"Can I cancel my order?", "Retail agent policy > Cancel pending order"},
        ),
        (
            "I'd like to pay with a different card for my pending order",
            {
                "Can I pay for my order with a different payment method?",
                "Retail agent policy > Modify pending order > Modify payment",
            },
        ),
        ("what sizes does the t-shirt come in", {"Product catalogue > T-Shirt"}),
    ],
)
def test_hybrid_search_finds_the_right_section(real_services: Any, question: str, headings: set[str]) -> None:
    passages = real_services.retriever.search(question, 4, "en")
    assert headings & {p.heading for p in passages[:3]}, [p.heading for p in passages]
    assert all(p.source_id for p in passages)


def test_vector_half_alone_understands_paraphrase(real_services: Any) -> None:
    ranking = real_services.retriever.vector_ranking("send an item back for my money", 5)
    assert ranking, "vector index is empty"
    rows = [real_services.retriever.search("send an item back for my money", 5)]
    assert any("return" in p.heading.lower() for p in rows[0])
