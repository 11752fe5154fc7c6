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
_UP = re.compile(
    r"(?:\b(?:a|one)\s+size\s+(?:up|bigger|larger)\b|\bsize\s+up\b|\b(?:a|one|the\s+next)\s+(?:bigger|larger)\s+size\b"
    r"|\bnext\s+size\s+up\b|\bbigger\s+size\b|\blarger\s+size\b"
    r"|(?<!\w)на\s+(?:один\s+)?размер\s+(?:больше|побольше)|(?<!\w)размером\s+(?:больше|побольше)"
    r"|(?<!\w)(?:больше|побольше)\s+на\s+(?:один\s+)?размер(?!\w)"
    r"|大一(?:个|個)?(?:码|碼|号|號))" + _NOTE,
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"(?:\b(?:a|one)\s+size\s+(?:down|smaller)\b|\bsize\s+down\b|\b(?:a|one|the\s+next)\s+smaller\s+size\b"
    r"|\bsmaller\s+size\b"
    r"|(?<!\w)на\s+(?:один\s+)?размер\s+(?:меньше|поменьше)|(?<!\w)размером\s+(?:меньше|поменьше)"
    r"|(?<!\w)(?:меньше|поменьше)\s+на\s+(?:один\s+)?размер(?!\w)"
    r"|小一(?:个|個)?(?:码|碼|号|號))" + _NOTE,
    re.IGNORECASE,
)
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
