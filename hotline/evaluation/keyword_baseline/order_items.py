"""Which items of an order the customer means, and which variant they want instead.

"the clicky keyboard, full size", "the mouse in white and the bookshelf taller", "both lamps": item
descriptions are matched against the order's item names and options; two items of the same product that the
customer did not tell apart are reported as ambiguous so the flow asks instead of guessing.
"""

from __future__ import annotations

import re
from typing import Any

_ALL_ITEMS = re.compile(
    r"\b(all|everything|the whole order|entire order|all (the )?items|все|всё|весь заказ)\b|所有|全部", re.I
)
_BOTH = re.compile(r"\b(both|each|all|two|оба|обе|все|два|две)\b|两|都", re.I)
_CHEAPEST = re.compile(r"cheap|don'?t care|doesn'?t matter|whichever|дешевле|не важно|便宜|无所谓", re.I)


def match_items(text: str, order: dict[str, Any]) -> list[str]:
    """Item descriptions ("the keyboard", "the blue water bottle") to item ids; all items on "everything"."""
    items = order["items"]
    if _ALL_ITEMS.search(text):
        return sorted(item["item_id"] for item in items)
    lowered = text.lower()
    chosen = []
    for item in items:
        words = [w for w in re.findall(r"[a-z]+", item["name"].lower()) if len(w) > 2]
        options = [str(v).lower() for v in item["options"].values()]
        if item["item_id"] in text or (words and all(w in lowered or w.rstrip("s") in lowered for w in words)):
            chosen.append((item, sum(1 for o in options if o in lowered)))
    if not chosen:
        return []
    # Several items of the same product: keep those whose options the customer named best.
    best: dict[str, int] = {}
    for item, score in chosen:
        best[item["name"]] = max(best.get(item["name"], 0), score)
    return sorted(item["item_id"] for item, score in chosen if score == best[item["name"]])


def options_of(item: dict[str, Any]) -> str:
    return f"({', '.join(str(v) for v in item['options'].values())})"


def ambiguous_group(text: str, order: dict[str, Any], item_ids: list[str]) -> list[dict[str, Any]]:
    """Chosen items that share a product name but differ in options, unless the customer meant them all."""
    if _BOTH.search(text) or _ALL_ITEMS.search(text):
        return []
    by_name: dict[str, list[dict[str, Any]]] = {}
    for item in order["items"]:
        if item["item_id"] in item_ids:
            by_name.setdefault(item["name"], []).append(item)
    for items in by_name.values():
        if len({tuple(sorted(i["options"].items())) for i in items}) > 1:
            return items
    return []


def clauses_about(item: dict[str, Any], text: str, items: list[dict[str, Any]] | None = None) -> str:
    """The parts of the message about this item ("the mouse in white, and the bookshelf taller"), so one
    item's wishes are not applied to another. A part that names no item belongs to the item named before it
    ("the watch with the silicone strap and the blue dial"). The whole text when no part names this item."""

    def words_of(thing: dict[str, Any]) -> list[str]:
        return [w for w in re.findall(r"[a-z]+", thing["name"].lower()) if len(w) > 2]

    own = words_of(item)
    others = [words_of(i) for i in (items or []) if i["item_id"] != item["item_id"] and i["name"] != item["name"]]
    clauses = re.split(r"[,;]|\.(?!\d)|\band\b|\balso\b", text.lower())  # "1.5L" is not a clause end
    about, current = [], False
    for clause in clauses:
        if own and any(w in clause for w in own):
            current = True
        elif any(o and any(w in clause for w in o) for o in others):
            current = False
        if current:
            about.append(clause)
    return " ".join(about) if about else text


def resolve_variant(item: dict[str, Any], product: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The available variant the customer described: the option values they named that differ from the item's,
    the other options kept where possible, the cheaper on a tie. None when nothing new was named."""
    lowered = text.lower()
    wanted: dict[str, str] = {}
    for variant in product["variants"].values():
        for key, value in variant["options"].items():
            value_text = str(value).lower()
            if item["options"].get(key) == value:
                continue
            if re.search(rf"(?<![\w.]){re.escape(value_text)}(?!\w)", lowered) and len(value_text) > len(
                wanted.get(key, "")
            ):
                wanted[key] = value
    if not wanted:
        return None
    candidates = [
        v
        for v in product["variants"].values()
        if v["available"]
        and v["item_id"] != item["item_id"]
        and all(v["options"].get(k) == val for k, val in wanted.items())
    ]
    if not candidates:
        return None

    cheapest = bool(_CHEAPEST.search(lowered))  # "wired or not, whichever is cheaper"

    def closeness(variant: dict[str, Any]) -> tuple[int, float]:
        same = sum(1 for k, v in item["options"].items() if k not in wanted and variant["options"].get(k) == v)
        return (0 if cheapest else same), -variant["price"]

    return max(candidates, key=closeness)
