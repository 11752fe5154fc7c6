"""Find what a customer refers to in free text: order ids and email addresses."""

from __future__ import annotations

import re

# ASCII classes, not \w: in unspaced Chinese ("订单#W6619432里", "邮箱是a.b@qq.com。") a Chinese character is a
# word character, so \w would swallow it into the id or the address.
_ORDER_ID = re.compile(r"(?<![A-Za-z0-9#])#?\s?(W\d{7})(?!\d)", re.IGNORECASE)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"
)


def order_ids(text: str) -> list[str]:
    return list(dict.fromkeys(f"#{match.upper()}" for match in _ORDER_ID.findall(text)))


# "noah dot ito4296 at example dot com", as an address is said on the phone or typed by some
_SPOKEN_EMAIL = re.compile(
    r"(?<![A-Za-z0-9.])([A-Za-z0-9_+-]+(?:\s+dot\s+[A-Za-z0-9_+-]+)*)\s+at\s+([A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)+)",
    re.I,
)


def emails(text: str) -> list[str]:
    found = [match.lower() for match in _EMAIL.findall(text)]
    for local, domain in _SPOKEN_EMAIL.findall(text):
        found.append(re.sub(r"\s+dot\s+", ".", f"{local}@{domain}", flags=re.I).lower())
    return list(dict.fromkeys(found))
