"""Customers who paste what the shop sent around their request: the shop's quoted lines ("> Order #W1 - shipping
to the address on file", «Заказ … оформлен», 【您的订单…】) and an order's present destination are no request about
the account's address; the refund "to the method used for the order"; a go-ahead in a written voice ("Please
proceed.", "Выполняйте.", "请执行。"); "ту же позицию ещё раз" is the same variant; "планшет прошу не трогать из
заказа выше" keeps the tablet. Phrasings here are not the simulated family's own."""

from __future__ import annotations

from typing import Any

import pytest

from hotline.dialogue.answer_words import confirmation_answer
from hotline.dialogue.message_reading import ORIGINAL_METHOD, says_user_address
from hotline.dialogue.order_items import match_items
from hotline.dialogue.request_kinds import keyword_kind
from hotline.dialogue.variants import _SAME_VARIANT


@pytest.mark.parametrize(
    "text",
    [
        "> Order #W1234567 - ships to: address on file\nPlease send it to 12 Oak Street, Austin, TX 78701 instead.",
        "Your order #W1234567 is headed to the default address. I need it at 12 Oak Street, Austin, TX 78701.",
        "Fwd: Order #W1234567 will be delivered to your profile address -- ship it to 12 Oak Street, Austin, TX 78701",
        "«Заказ #W1234567 будет доставлен по адресу из профиля». Доставьте его на 12 Oak Street, Austin, TX 78701.",
        "> Заказ #W1234567 — отправка на основной адрес\nНовый адрес: 12 Oak Street, Austin, TX 78701",
        "【订单#W1234567将发往默认地址】请改寄到12 Oak Street, Austin, TX 78701",
        "订单#W1234567现在寄到账户地址，请改寄到12 Oak Street, Austin, TX 78701",
    ],
)
def test_the_shops_words_and_where_an_order_goes_are_no_account_address(text: str) -> None:
    assert not says_user_address(text)
    assert keyword_kind(text.lower(), text) == "address"


@pytest.mark.parametrize(
    "text",
    [
        "please update the default address on my account to 12 Oak Street, Austin, TX 78701",
        "> Order #W1234567 - delivered\nAlso, my profile address should be 12 Oak Street, Austin, TX 78701",
        "смените, пожалуйста, основной адрес на 12 Oak Street, Austin, TX 78701",
        "请把我的默认地址改成12 Oak Street, Austin, TX 78701",
    ],
)
def test_the_customers_own_words_about_the_account_address_still_count(text: str) -> None:
    assert says_user_address(text)


@pytest.mark.parametrize(
    "text",
    [
        "Refund: whatever method was used for this order",
        "send the money back to the card I paid with",
        "the refund should go to the account we used to pay for the order",
        "верните на карту, с которой я платил",
        "деньги — тем способом, которым был оплачен заказ",
        "退到下单时用的那张卡",
        "钱退回购买时使用的支付方式",
    ],
)
def test_the_refund_to_the_method_the_order_was_paid_with(text: str) -> None:
    assert ORIGINAL_METHOD.search(text)


@pytest.mark.parametrize("text", ["use my card for the order", "pay with the gift card", "用PayPal付款"])
def test_a_way_to_pay_now_is_no_original_method(text: str) -> None:
    assert not ORIGINAL_METHOD.search(text)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("Please proceed with it.", "yes"),
        ("You may proceed.", "yes"),
        ("Go for it!", "yes"),
        ("Approved.", "yes"),
        ("Выполните, пожалуйста.", "yes"),
        ("Действуйте.", "yes"),
        ("Приступайте.", "yes"),
        ("请办理。", "yes"),
        ("照办吧", "yes"),
        ("就这么办。", "yes"),
        ("Сделайте лучше обмен", None),
        ("继续问一下运费", None),
    ],
)
def test_a_go_ahead_in_a_written_voice(text: str, answer: str | None) -> None:
    assert confirmation_answer(text) == answer


@pytest.mark.parametrize(
    "text", ["на тот же товар", "на ту же самую позицию", "ровно тот же артикул", "то же изделие ещё раз"]
)
def test_the_same_position_again_is_the_same_variant(text: str) -> None:
    assert _SAME_VARIANT.search(text)


def item(item_id: str, name: str, **options: str) -> dict[str, Any]:
    return {"item_id": item_id, "name": name, "product_id": name, "options": options}


ORDER = {
    "order_id": "#W1",
    "items": [item("1", "Tablet", screen="10-inch"), item("2", "Jigsaw Puzzle", pieces="1000"), item("3", "Kettle")],
}


@pytest.mark.parametrize(
    "text",
    [
        "Хочу вернуть пазл [Jigsaw Puzzle] и чайник [Kettle]; планшет [Tablet] прошу не трогать из заказа выше.",
        "Верните пазл [Jigsaw Puzzle] и чайник [Kettle], а планшет [Tablet] не трогайте, он из того же заказа.",
        "退拼图 [Jigsaw Puzzle] 和水壶 [Kettle]，平板 [Tablet] 不要动。",
    ],
)
def test_an_item_not_to_be_touched_stays_whatever_follows(text: str) -> None:
    assert match_items(text, ORDER) == ["2", "3"]
