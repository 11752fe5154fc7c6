"""What the store-action flows say, in the customer's language (the language packs' ``phrases``).

The flows decide; these templates only word it. Facts (order ids, item names, amounts, option values) are
filled in by code from the store and stay as the store has them, so the output red-line and a human reading
the transcript see the same ids and amounts whatever the language. A missing translation falls back to English.
"""

from __future__ import annotations

from typing import Any

from hotline.languages import languages, pack, table

# Derived from the language packs (hotline/languages/packs/<code>.yaml): key -> language -> template.
LANGUAGES = languages()
PHRASES: dict[str, dict[str, str]] = table("phrases")
# Order statuses as the customer reads them; an unknown status is shown as the store has it.
STATUSES: dict[str, dict[str, str]] = table("statuses")


def phrase(lang: str, key: str, **values: Any) -> str:
    templates = PHRASES[key]
    return templates.get(lang, templates["en"]).format(**values)


def status_word(lang: str, status: str) -> str:
    return STATUSES.get(status, {}).get(lang, status)


def listing(lang: str, parts: list[str]) -> str:
    """ "a, b" — "a、b" in Chinese: the pack's list separator."""
    return pack(lang).list_separator.join(parts)
