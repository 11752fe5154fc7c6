"""PII masking: card numbers (Luhn), phone numbers, e-mails, CN resident ids, RU INN and SNILS (check digits).

Masking happens before text is stored, logged or given to a model; the raw value lives only in memory
for the turn that needs it (an order lookup by e-mail).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PIIMatch:
    kind: str
    start: int
    end: int


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def cn_resident_id_valid(text: str) -> bool:
    """GB 11643-1999: 17 digits, then a check character from a weighted sum mod 11."""
    if not re.fullmatch(r"\d{17}[\dXx]", text):
        return False
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    checks = "10X98765432"
    total = sum(int(d) * w for d, w in zip(text[:17], weights, strict=True))
    return checks[total % 11] == text[17].upper()


def ru_inn_valid(digits: str) -> bool:
    def check(values: str, weights: list[int]) -> int:
        return sum(int(v) * w for v, w in zip(values, weights, strict=False)) % 11 % 10

    if len(digits) == 10:
        return check(digits, [2, 4, 10, 3, 5, 9, 4, 6, 8]) == int(digits[9])
    if len(digits) == 12:
        first = check(digits, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
        second = check(digits, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
        return first == int(digits[10]) and second == int(digits[11])
    return False


def ru_snils_valid(digits: str) -> bool:
    if len(digits) != 11:
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits[:9]))
    if total > 101:
        total %= 101
    control = 0 if total in (100, 101) else total
    return control == int(digits[9:])


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# Boundaries are ASCII letters and digits, not "word characters": Chinese is written without spaces, so in
# "我的邮箱是zhang.wei@qq.com" or "请打+86-10-6552-9988找我" the neighbouring characters are words of their own.
_NOT_ALNUM_BEFORE = r"(?<![A-Za-z0-9])"
_NOT_ALNUM_AFTER = r"(?![A-Za-z0-9])"
_MAIL_CHAR = r"[A-Za-z0-9._%+\-\u0400-\u04ff]"  # Latin or Cyrillic (почта.рф), never Chinese
# A pattern with a group named "value" masks only that group ("ИНН организации <value>").
_PATTERNS: list[tuple[str, re.Pattern[str], Callable[[str], bool]]] = [
    (
        "email",
        re.compile(
            rf"(?<![A-Za-z0-9._%+\-\u0400-\u04ff]){_MAIL_CHAR}+@[A-Za-z0-9\-\u0400-\u04ff]+"
            r"(?:\.[A-Za-z0-9\-\u0400-\u04ff]+)*\.[A-Za-z\u0400-\u04ff]{2,}(?![A-Za-z0-9\-\u0400-\u04ff])"
        ),
        lambda s: True,
    ),
    ("cn_resident_id", re.compile(r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])"), cn_resident_id_valid),
    (
        "ru_snils",
        re.compile(r"(?<!\d)\d{3}-\d{3}-\d{3}[ -]\d{2}(?!\d)"),
        lambda s: ru_snils_valid(_digits(s)),
    ),
    (
        "card",
        re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])"),
        lambda s: 13 <= len(_digits(s)) <= 19 and luhn_valid(_digits(s)),
    ),
    # Bare 10-12 digit runs are also product, item and tracking numbers: an INN or SNILS without its
    # separators counts only after its name (up to two words between: "ИНН организации 7707083893").
    (
        "ru_inn",
        re.compile(r"(?:ИНН|INN)(?:\s+[^\s\d]+){0,2}?[\s:№#]{1,3}(?P<value>\d{12}|\d{10})(?!\d)", re.I),
        lambda s: ru_inn_valid(_digits(s)),
    ),
    (
        "ru_snils",
        re.compile(r"(?:СНИЛС|SNILS)(?:\s+[^\s\d]+){0,2}?[\s:№#]{1,3}(?P<value>\d{11})(?!\d)", re.I),
        lambda s: ru_snils_valid(_digits(s)),
    ),
    (
        "phone",
        re.compile(
            rf"{_NOT_ALNUM_BEFORE}(?<!#)(?:\+\d{{1,3}}[ .-]?)?(?:\(\d{{2,4}}\)[ .-]?)?"
            rf"\d{{2,4}}(?:[ .-]\d{{2,4}}){{1,4}}(?![A-Za-z0-9-])"
            rf"|{_NOT_ALNUM_BEFORE}(?<!#)\+\d{{10,13}}{_NOT_ALNUM_AFTER}"
        ),
        lambda s: 9 <= len(_digits(s)) <= 15,
    ),
    # Mobile numbers written as one run of digits: Chinese (1[3-9] + 9 digits) and Russian (8/7 9.. + 9 digits).
    # Store ids are 10 digits (items, products) and 12 (tracking), so an 11-digit run of these shapes is a phone.
    ("phone", re.compile(r"(?<![\d#])(?:1[3-9]\d{9}|[78]9\d{9})(?!\d)"), lambda s: True),
]


def find_pii(text: str) -> list[PIIMatch]:
    matches: list[PIIMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, valid in _PATTERNS:
        for found in pattern.finditer(text):
            value = "value" if "value" in pattern.groupindex else 0
            start, end = found.span(value)
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            if valid(found.group(value)):
                matches.append(PIIMatch(kind, start, end))
                taken.append((start, end))
    return sorted(matches, key=lambda m: m.start)


def mask_pii(text: str) -> tuple[str, list[PIIMatch]]:
    """Replace each PII span with a typed placeholder such as ``[card]``; return the masked text and spans."""
    matches = find_pii(text)
    out, cursor = [], 0
    for match in matches:
        out.append(text[cursor : match.start])
        out.append(f"[{match.kind}]")
        cursor = match.end
    out.append(text[cursor:])
    return "".join(out), matches
