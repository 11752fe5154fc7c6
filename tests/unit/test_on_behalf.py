"""A customer writing for someone else (a wife's, a father's order): the word rules read third-person requests as
they read first-person ones — "how he paid" is the original method, "switch his order to her gift card" a payment
change, "она хочет колонку на красную" an item change, "没有的话她宁愿取消" a fallback."""

from __future__ import annotations

import pytest

from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.conditions import split_condition
from hotline.dialogue.message_reading import ORIGINAL_METHOD, payment_change
from hotline.dialogue.request_kinds import keyword_kind


@pytest.mark.parametrize(
    "text",
    [
        "the refund should go back to how he paid",
        "refund it the way she paid",
        "whatever they originally paid with… the way they paid",
        "деньги верните туда, откуда она платила",
        "верните так, как он платил",
        "how I paid",
    ],
)
def test_whoever_paid_the_original_method_is_meant(text: str) -> None:
    assert ORIGINAL_METHOD.search(text)


@pytest.mark.parametrize("text", ["как платить за заказ?", "how do i pay for an order?", "she paid late"])
def test_asking_how_to_pay_is_no_original_method(text: str) -> None:
    assert not ORIGINAL_METHOD.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "please switch his order #W7602708 to her gift card",
        "please switch his order #W3746173 to his mastercard card ending in 9838",
        "charge it to her paypal",
        "переключите его заказ #W7602708 на её подарочную карту",
    ],
)
def test_another_persons_payment_method_is_a_payment_change(text: str) -> None:
    assert payment_change(text)
    assert keyword_kind(text, text) == "payment"


@pytest.mark.parametrize(
    "text",
    [
        "заказ жены #W7147989 ещё не отправлен - она хочет гриль на rotisserie, разницу с её подарочной карты",
        "заказ #W6030855 ещё не отправлен - она хочет колонку на красную",
        "Поменяйте в его заказе #W6030855: она хочет колонку (чёрный) на красный",
        "his order #W1234567 - whatever the difference is goes on his visa, the lamp in black",
    ],
)
def test_an_item_change_said_without_a_verb_of_changing(text: str) -> None:
    annotated = annotate(text)
    assert keyword_kind(annotated, annotated) == "change"


@pytest.mark.parametrize(
    "text",
    [
        "верните колонку на карту, заказ #W6030855",  # a return to a card: the return's words decide
        "она хочет колонку на красную",  # no order named: a question about the policy may be meant
    ],
)
def test_a_product_on_something_is_no_change_without_an_order_or_with_a_return(text: str) -> None:
    annotated = annotate(text)
    assert keyword_kind(annotated, annotated) != "change"


def test_a_chinese_if_not_with_dehua_is_a_fallback() -> None:
    text = "我老婆的订单#W2286993还没发货，她想改一下：滑板换成plastic custom，差价走礼品卡，没有的话她宁愿取消订单"
    request, fallback = split_condition(text)
    assert fallback == "cancel" and "取消" not in request and "滑板换成" in request


def test_and_one_more_from_someone_starts_another_request() -> None:
    from hotline.dialogue.several_requests import split_requests

    text = (
        "my wife's order #W3482034 hasn't shipped yet - she wants the grill for charcoal, difference on his visa "
        "and one more from my husband - send back the sunglasses from order #W9628587"
    )
    first, _, rest, _ = split_requests(text, text, keyword_kind)
    assert keyword_kind(first, first) == "change" and rest.startswith("and one more from my husband")
    kept = "order #W3482034 hasn't shipped - the boots and one more size up, difference on my visa"
    assert split_requests(kept, kept, keyword_kind)[2] == ""
