"""Postal addresses and payment methods named in free text, for the store-action flows."""

from __future__ import annotations

import re
from typing import Any

_STREET = (
    r"street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|way|court|ct|place|pl|parkway|pkwy|circle|cir|"
    r"terrace|ter|trail|trl|highway|hwy|square|sq|loop|path|row|alley|plaza"
)
_ADDRESS = re.compile(
    # a house number of up to six digits and a few words to the street's kind ("… order 6002467 um can you change it
    # to 544 Sunset Drive": the address starts at 544)
    rf"(?P<address1>(?<![A-Za-z0-9])\d{{1,6}}[A-Za-z]?\s+(?:[A-Za-z0-9.'-]+\s+){{0,4}}?(?i:{_STREET})\b\.?)\s*,?\s*"
    r"(?:(?P<address2>(?i:suite|ste|apt|apartment|unit|floor|fl|room|#)\.?\s*#?\s*[\w-]+)\s*,?\s*)?"
    r"(?P<city>[A-Za-z][A-Za-z .'-]*?)\s*,\s*(?P<state>[A-Z]{2})\s*,?\s*(?P<zip>\d{5})(?:-\d{4})?"
    r"(?:\s*,?\s*(?P<country>USA|US|U\.S\.A?\.?|United States(?: of America)?)\b)?",
)
_METHOD_ID = re.compile(r"\b(paypal|credit_card|gift_card)_\d+\b", re.I)
# Payment kinds as customers say them; flows use the same table to read "pay with ..." in item changes.
PAYMENT_SOURCES = {
    "paypal": re.compile(r"pay ?pal|п[еэ]йп[аэ]л|贝宝", re.I),
    "gift_card": re.compile(r"gift[ -]?card|store credit|website credit|подарочн|гифт|礼品卡|礼物卡|购物卡", re.I),
    "credit_card": re.compile(
        r"credit card|my card\b|\bcard (?:ending|that ends|which ends|ends)\b|visa|mastercard|кредитн|карт[уаойе]\b|"
        r"карточк|信用卡|银行卡|尾号\s*\d{4}\s*的?卡",
        re.I,
    ),
}


def names_payment_source(text: str) -> bool:
    """Whether ``text`` names a kind of payment (PayPal, a gift card, a card) in any of the ways above."""
    return any(pattern.search(text) for pattern in PAYMENT_SOURCES.values())


LAST_FOUR = re.compile(r"\b(?:ending|ends?)(?: in| with)? (\d{4})\b", re.I)  # a card said by its last four digits


def parse_address(text: str) -> dict[str, str] | None:
    """The first US-style postal address in ``text`` in the store's shape, or None."""
    match = _ADDRESS.search(text)
    if match is None:
        return None
    parts = match.groupdict()
    return {
        "address1": parts["address1"].strip(" ,."),
        "address2": (parts["address2"] or "").strip(" ,."),
        "city": parts["city"].strip(" ,."),
        "state": parts["state"],
        "country": "USA",
        "zip": parts["zip"],
    }


# "same street, just a different suite: 581", "same address but apartment 12", "тот же адрес, только квартира 5"
_SAME_PLACE = re.compile(
    r"\bsame (street|address|building|place)\b|тот же (адрес|дом)|та же улица|同一(个)?地址|地址不变|同一条街", re.I
)
_UNIT = re.compile(
    r"\b(suite|ste|apt|apartment|unit|room)\.?[\s:#№]*(\d\w*)|(?:квартира|кв\.?|офис)[\s:#№]*(\d\w*)|(\d+)\s*(?:室|号房|单元)",
    re.I,
)


def relative_address(text: str, current: dict[str, Any]) -> dict[str, str] | None:
    """A new address said relative to the order's current one: the same street with another suite or apartment.
    None unless the customer says it is the same place and names the new unit."""
    if not _SAME_PLACE.search(text) or (unit := _UNIT.search(text)) is None:
        return None
    if unit.group(1):
        word = "Suite" if unit.group(1).lower() in ("suite", "ste") else unit.group(1).capitalize()
        address2 = f"{word} {unit.group(2)}"
    else:
        number = unit.group(3) or unit.group(4)
        old = str(current.get("address2", ""))
        word = old.split()[0] if old else "Suite"
        address2 = f"{word} {number}"
    return {
        "address1": str(current.get("address1", "")),
        "address2": address2,
        "city": str(current.get("city", "")),
        "state": str(current.get("state", "")),
        "country": str(current.get("country", "USA")),
        "zip": str(current.get("zip", "")),
    }


def describe_address(address: dict[str, Any]) -> str:
    parts = [
        address.get("address1"),
        address.get("address2"),
        address.get("city"),
        f"{address.get('state', '')} {address.get('zip', '')}".strip(),
        address.get("country"),
    ]
    return ", ".join(str(p) for p in parts if p)


def payment_method_in(text: str, methods: dict[str, dict[str, Any]]) -> str | None:
    """The customer's payment method that ``text`` names: its id, its kind (when they have one of that kind) or
    a card's last four digits."""
    if (match := _METHOD_ID.search(text)) and match.group(0).lower() in methods:
        return match.group(0).lower()
    if (four := LAST_FOUR.search(text)) is not None:
        fitting = [m for m, d in methods.items() if str(d.get("last_four", "")) == four.group(1)]
        if len(fitting) == 1:
            return fitting[0]
    for digits in re.findall(r"(?<!\d)(\d{4})(?!\d)", text):  # "my card 7287", "尾号7287": one of theirs
        fitting = [m for m, d in methods.items() if str(d.get("last_four", "")) == digits]
        if len(fitting) == 1:
            return fitting[0]
    for source, pattern in PAYMENT_SOURCES.items():
        if pattern.search(text):
            fitting = [m for m, d in methods.items() if d.get("source") == source]
            if len(fitting) == 1:
                return fitting[0]
    return None
