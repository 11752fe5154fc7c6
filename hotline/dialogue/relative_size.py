"""A size said relative to the one the customer has: "a size up", "one size smaller", "на размер больше",
"размером меньше", "大一码", "小一號" — read as the product's next size up or down from the item's own, so the
variant matchers downstream see the size by its value ("size 8" for boots in size 7). Grounded in the product:
only sizes it comes in, in their own order (numbers by value; XS…XXL; small, medium, large); nothing changes when
the item has no size, the size has no neighbour that way, or the sizes have no order.
"""

from __future__ import annotations

import re
from typing import Any

_NOTE = r"(?:\s*\[[^\]]*\])?"  # "больше [large]": the catalogue's reading of "больше" goes with the phrase


def _relative(way: str, adjectives: str, russian: str, chinese: str, extra: str = "") -> re.Pattern[str]:
    """One direction's phrases: "a size up/bigger", "a bigger size", "на размер больше", "大一码"."""
    return re.compile(
        rf"(?:\b(?:a|one)\s+size\s+(?:{way}|{adjectives})\b|\bsize\s+{way}\b"
        rf"|\b(?:a|one|the\s+next)\s+(?:{adjectives})\s+size\b{extra}|\b(?:{adjectives})\s+size\b"
        rf"|(?<!\w)на\s+(?:один\s+)?размер\s+(?:{russian})|(?<!\w)размером\s+(?:{russian})"
        rf"|(?<!\w)(?:{russian})\s+на\s+(?:один\s+)?размер(?!\w)"
        rf"|{chinese}一(?:个|個)?(?:码|碼|号|號))" + _NOTE,
        re.IGNORECASE,
    )


_UP = _relative("up", "bigger|larger", "больше|побольше", "大", extra=r"|\bnext\s+size\s+up\b")
_DOWN = _relative("down", "smaller", "меньше|поменьше", "小")
_LETTERS = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"]
_WORDS = ["small", "medium", "large"]


def _ordered(sizes: set[str]) -> list[str] | None:
    """The sizes in their own order, or None when they have none (mixed kinds, "portable")."""
    try:
        return sorted(sizes, key=float)
    except ValueError:
        pass
    for scale in (_LETTERS, _WORDS):
        if all(s in scale for s in sizes):
            return sorted(sizes, key=scale.index)
    return None


def with_relative_size(item: dict[str, Any], product: dict[str, Any], text: str) -> str:
    """``text`` with a relative size replaced by the size it means for this item ("size 8"), else as it is."""
    current = item.get("options", {}).get("size")
    if current is None:
        return text
    for pattern, step in ((_UP, 1), (_DOWN, -1)):
        match = pattern.search(text)
        if match is None:
            continue
        sizes = {str(v["options"]["size"]) for v in product.get("variants", {}).values() if "size" in v["options"]}
        order = _ordered(sizes | {str(current)})
        if order is None:
            return text
        at = order.index(str(current)) + step
        if not 0 <= at < len(order):
            return text  # no bigger (smaller) size: the flow asks which option
        return f"{text[: match.start()]} size {order[at]} {text[match.end() :]}"
    return text
