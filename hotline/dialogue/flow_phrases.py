"""What the store-action flows say, in the customer's language (the language packs' ``phrases``).

The flows decide; these templates only word it. Facts (order ids, item names, amounts, option values) are
filled in by code from the store and stay as the store has them, so the output red-line and a human reading
the transcript see the same ids and amounts whatever the language. A missing translation falls back to English.
"""

from __future__ import annotations

from typing import Any

from hotline.dialogue.sentences import join_sentences
from hotline.languages import languages, pack, table
from hotline.ports import OrderFacts

# Derived from the language packs (hotline/languages/packs/<code>.yaml): key -> language -> template.
LANGUAGES = languages()
PHRASES: dict[str, dict[str, str]] = table("phrases")
# Order statuses as the customer reads them; an unknown status is shown as the store has it.
STATUSES: dict[str, dict[str, str]] = table("statuses")
# Why the store's policy refuses a plan, by the violation's code (store/policy.py).
POLICY_REASONS: dict[str, dict[str, str]] = table("policy_reasons")


def phrase(lang: str, key: str, **values: Any) -> str:
    templates = PHRASES[key]
    return templates.get(lang, templates["en"]).format(**values)


def policy_reason(lang: str, code: str, values: dict[str, Any], english: str) -> str:
    """Why the store's policy refuses a plan, in ``lang``: the pack's ``policy_reasons`` template for the
    violation's ``code`` (statuses in the customer's words); the policy's ``english`` message where none fits."""
    template = POLICY_REASONS.get(code, {}).get(lang)
    if template is None:
        return english
    values = dict(values)
    for key in ("status", "required"):
        if key in values:
            values[key] = status_word(lang, str(values[key]))
    try:
        return template.format(**values)
    except (KeyError, IndexError):  # a pack naming a value this violation lacks: still say why, in English
        return english


def status_word(lang: str, status: str) -> str:
    return STATUSES.get(status, {}).get(lang, status)


def order_description(lang: str, order: OrderFacts) -> str:
    """What the store says about one order, in ``lang``: status in the customer's words, items as the store names
    them (the ids and names a human reading the transcript looks up), the tracking numbers."""
    status = status_word(lang, order.status)
    if order.items:
        text = phrase(
            lang, "order_facts", order_id=order.order_id, status=status, items=listing(lang, list(order.items))
        )
    else:
        text = phrase(lang, "order_no_items", order_id=order.order_id, status=status)
    tracking = phrase(lang, "order_tracking", ids=listing(lang, list(order.tracking_ids))) if order.tracking_ids else ""
    return join_sentences([text, tracking], lang)


def listing(lang: str, parts: list[str]) -> str:
    """ "a, b" — "a、b" in Chinese: the pack's list separator."""
    return pack(lang).list_separator.join(parts)
