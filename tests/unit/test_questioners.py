"""Customers who ask for everything in questions: a list an asking clause began goes on after "and" whatever the
next clause keeps ("return the kettle and the wall clock — could the chair stay, though?"); an order sent "wherever
order #W2 went" or "туда же, куда …" is an address change; "订单#W2寄去的那个地址" names where to. Phrasings here are
not the simulated family's own."""

from __future__ import annotations

from typing import Any

import pytest

from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.message_reading import referenced_orders
from hotline.dialogue.order_items import match_items
from hotline.dialogue.request_kinds import keyword_kind


def item(item_id: str, name: str, **options: str) -> dict[str, Any]:
    return {"item_id": item_id, "name": name, "product_id": name, "options": options}


ORDER = {
    "order_id": "#W1",
    "items": [item("1", "Electric Kettle"), item("2", "Wall Clock"), item("3", "Office Chair"), item("4", "Tablet")],
}


@pytest.mark.parametrize(
    "text",
    [
        "Could I send back the kettle and the wall clock — is it OK if the office chair and the tablet stay?",
        "would you return the kettle, and also the wall clock? I'd like to keep the office chair and the tablet",
        "Можно вернуть чайник [Electric Kettle] и настенные часы [Wall Clock]? Кресло [Office Chair] и планшет "
        "[Tablet] оставлю себе.",
    ],
)
def test_a_list_goes_on_after_and_whatever_the_next_clause_keeps(text: str) -> None:
    assert sorted(match_items(annotate(text), ORDER)) == ["1", "2"]


@pytest.mark.parametrize(
    "text",
    [
        "keep the kettle and the wall clock, return the rest",
        "return everything except the kettle and the wall clock",
    ],
)
def test_and_after_a_keeping_or_leaving_out_clause_is_still_kept(text: str) -> None:
    assert sorted(match_items(annotate(text), ORDER)) == ["3", "4"]


@pytest.mark.parametrize(
    "text",
    [
        "Is there a way to get #W1234567 shipped wherever #W7654321 went?",
        "Could you redirect order #W1234567 to the same place as #W7654321?",
        "Would you send #W1234567 to where my order #W7654321 was delivered?",
        "А можно отправить #W1234567 туда же, куда ушёл #W7654321?",
        "Получится перенаправить заказ #W1234567 туда же, что и #W7654321?",
    ],
)
def test_an_order_sent_where_another_went_is_an_address_change(text: str) -> None:
    assert keyword_kind(annotate(text), text) == "address"
    assert "#W7654321" in referenced_orders(text)


@pytest.mark.parametrize(
    "text",
    ["能改成订单#W7654321寄去的那个地址吗？", "请寄到订单#W7654321送去的地址", "改成#W7654321发去的那个地址"],
)
def test_the_address_another_order_was_sent_to_in_chinese(text: str) -> None:
    assert "#W7654321" in referenced_orders(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want to return the kettle and the wall clock, and please don't touch the office chair yet",
        "return the kettle, the wall clock, and leave the office chair alone",
        "верните чайник [Electric Kettle], настенные часы [Wall Clock] и не трогайте кресло [Office Chair]",
        "верните чайник [Electric Kettle] — он лишний, пожалуйста и настенные часы [Wall Clock], спасибо",
    ],
)
def test_a_list_before_and_a_keeping_clause_is_still_returned(text: str) -> None:
    assert sorted(match_items(annotate(text), ORDER)) == ["1", "2"]
