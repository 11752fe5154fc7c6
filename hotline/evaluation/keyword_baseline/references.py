"""Find what a customer refers to in free text: order ids and email addresses."""

from __future__ import annotations

import re

_ORDER_ID = re.compile(r"(?<![\w#])#?\s?(W\d{7})\b", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def order_ids(text: str) -> list[str]:
    return list(dict.fromkeys(f"#{match.upper()}" for match in _ORDER_ID.findall(text)))


def emails(text: str) -> list[str]:
    return list(dict.fromkeys(match.lower() for match in _EMAIL.findall(text)))
