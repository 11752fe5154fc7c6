"""A size said relative to the item's own ("a size up", "на размер больше", "大一码"), in the product's own order."""

from __future__ import annotations

from typing import Any

import pytest

from hotline.dialogue.relative_size import with_relative_size
from hotline.dialogue.variants import resolve_variant


def product(sizes: list[str], available: set[str] | None = None) -> dict[str, Any]:
    return {
        "variants": {
            f"v{s}": {"item_id": f"v{s}", "options": {"size": s, "color": "black"}, "available": True, "price": 10.0}
            | ({"available": s in available} if available is not None else {})
            for s in sizes
        }
    }


def item(size: str) -> dict[str, Any]:
    return {"item_id": f"v{size}", "name": "Hiking Boots", "options": {"size": size, "color": "black"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I need them a size up please", "8"),
        ("can I get one size bigger?", "8"),
        ("the next size up", "8"),
        ("a smaller size would fit", "6"),
        ("хочу на размер больше", "8"),
        ("можно размером поменьше?", "6"),
        ("на размер больше [large] пожалуйста", "8"),  # the catalogue's reading of "больше" goes with the phrase
        ("换大一码的", "8"),
        ("要小一號", "6"),
    ],
)
def test_a_relative_size_is_the_products_next_size_that_way(text: str, expected: str) -> None:
    boots = product(["6", "7", "8", "10"])
    said = with_relative_size(item("7"), boots, text)
    assert f"size {expected}" in said
    chosen = resolve_variant(item("7"), boots, said)
    assert chosen is not None and chosen["options"]["size"] == expected


def test_letter_and_word_sizes_keep_their_order_and_ends_change_nothing() -> None:
    shirts = product(["XL", "S", "M", "L"])
    assert "size L" in with_relative_size(item("M"), shirts, "one size bigger")
    assert "size S" in with_relative_size(item("M"), shirts, "a size down")
    assert with_relative_size(item("XL"), shirts, "a size up") == "a size up"  # no bigger one: the flow asks
    assert "size large" in with_relative_size(item("medium"), product(["small", "medium", "large"]), "size up")
    mixed = product(["portable", "full size"])
    assert with_relative_size(item("portable"), mixed, "a size up") == "a size up"  # sizes without an order
    no_size = {"item_id": "x", "name": "Lamp", "options": {"color": "black"}}
    assert with_relative_size(no_size, shirts, "a size up") == "a size up"
    assert with_relative_size(item("7"), product(["7", "8"]), "a bigger box") == "a bigger box"
