"""Which request a message names by its words: the keyword routing (the trained head comes first), a request
named in the middle of another one, and an order named besides the planned one."""

from __future__ import annotations

import re

from hotline.dialogue.addresses import names_payment_source, parse_address
from hotline.dialogue.flow_state import FlowState
from hotline.dialogue.message_reading import (
    ADDRESS_CHANGE,
    CANCEL,
    CHANGE,
    PRICE_DIFFERENCE,
    RETURN,
    instead_in_order,
    payment_change,
    says_user_address,
)
from hotline.dialogue.negations import without_negated_requests
from hotline.dialogue.references import order_ids
from hotline.dialogue.several_requests import ANOTHER_WORDS

# "yes, and also cancel #W2": a go-ahead, then another request about another order
_ANOTHER_REQUEST = re.compile(rf"{ANOTHER_WORDS}|\b(?:and then|another|one more)\b|\bа ещё\b|再", re.I)


def names_another_order(text: str, raw_text: str, planned: str) -> bool:
    """An order other than the planned one, named without announcing a request of its own."""
    return any(o != planned for o in order_ids(raw_text)) and not _ANOTHER_REQUEST.search(text)


def switched_request(text: str, raw_text: str, state: FlowState) -> str | None:
    """The request a message in the middle of another one names instead: a cancellation or a return (during a
    cancellation also a payment or an address change; during an item change whose items are not named yet, a
    payment change), said in words (an item change's words — "изменились",
    "换" — turn up in answers too often to switch on), and not about another order than this request's."""
    kind = keyword_kind(text, raw_text)
    # a cancellation asks only for an order, a reason and a yes: a payment or an address said then is a new request
    switchable: tuple[str, ...] = ("cancel", "return")
    if state.flow == "cancel":
        switchable = ("cancel", "return", "payment", "address")
    if state.flow in ("change", "return") and parse_address(raw_text):
        switchable = ("cancel", "return", "address")  # a postal address answers no item question
    elif state.flow == "change" and not state.slots.get("item_ids"):
        # no item named yet, so no price difference asked about: "pay for #W1 with my visa instead" is a new request
        switchable = ("cancel", "return", "payment")
    if kind not in switchable or kind == state.flow:
        return None
    if kind == "return" and _where_the_money_goes(text, state):
        return None  # "退到PayPal" asked how a change's difference is settled: the answer, not a return
    named = order_ids(raw_text)
    if named and state.slots.get("order_id") not in (None, *named):
        return None
    return kind


def _where_the_money_goes(text: str, state: FlowState) -> bool:
    """An item change whose items are named, not yet its payment, and a message that names a payment method and
    no product (``annotate`` marks products "[…]"): where the difference goes ("退到PayPal", "верните на PayPal")."""
    return (
        state.flow == "change"
        and bool(state.slots.get("item_ids"))
        and not state.slots.get("pay_with")
        and "[" not in text
        and names_payment_source(text)
    )


def keyword_kind(text: str, raw_text: str) -> str | None:
    """The request a message asks for by its words (the keyword routing; the trained head comes first), not those
    it says in the negative ("I don't want to return anything, just exchange …")."""
    text = without_negated_requests(text)
    if ADDRESS_CHANGE.search(text) or (parse_address(raw_text) and order_ids(raw_text)):
        return "user_address" if says_user_address(text) else "address"
    # "have the money go to my gift card" after "send them back", "差价用PayPal" in an exchange: where the money of
    # a return or a price difference goes, not a new payment method for the order
    if payment_change(text) and not (CANCEL.search(text) or RETURN.search(text) or PRICE_DIFFERENCE.search(text)):
        return "payment"
    cancel = CANCEL.search(text)
    if cancel and not (cancel.group(0) == "不要了" and CHANGE.search(text)):  # "选的商品我不要了，能换吗？" changes it
        return "cancel"
    if RETURN.search(text) and not PRICE_DIFFERENCE.search(text):  # "возврат разницы" settles an exchange
        return "return"
    if PRICE_DIFFERENCE.search(text) and order_ids(raw_text):
        return "change"  # "#W1 — она хочет гриль на rotisserie, разницу с подарочной карты": only a change has one
    # an address named: no item change
    if (CHANGE.search(text) or instead_in_order(text, raw_text)) and not ADDRESS_CHANGE.search(text):
        return "change"  # an exchange (delivered) or an item change (pending): decided by status
    return None
