"""Requests said as a need or a state of affairs, in the passive or the negative ("I'd like it altered", "they can
go back", "it isn't needed", "anything extra can go on PayPal"), and an e-mail given as "the address …" — which is
no shipping address. My own phrasings (not the simulated customers' templates), with negatives beside them."""

from __future__ import annotations

import pytest

from hotline.dialogue.message_reading import ADDRESS_CHANGE, REASON_NOT_NEEDED, REQUEST
from hotline.dialogue.request_kinds import keyword_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The account was set up with the address mary.lee@example.com, please cancel #W1234567", "cancel"),
        ("the address is [email]. I'd like #W1234567 cancelled", "cancel"),
        ("адрес [email], отмените заказ #W1234567", "cancel"),
        ("注册的地址是[email]，订单#W1234567取消", "cancel"),
        ("My address changed to 12 Oak Street, Boston, MA 02110 for #W1234567", "address"),
        ("please send #W1234567 to the address on my other order", "address"),
        ("Could the mug in #W1234567 be altered to the blue one?", "change"),
        ("the lamp changed to the brass one, please", "change"),
        ("The boots don't fit; they can go back and the money should go to my gift card", "return"),
        ("I'd like the kettle changed to the black one; anything extra can be charged to PayPal", "change"),
        ("Please pay for #W1234567 with PayPal instead", "payment"),
        ("В заказе #W1234567 хотелось бы вместо чайника — белый", "change"),
        ("Хотелось бы оплатить заказ #W1234567 через PayPal вместо карты", "payment"),
        ("Нельзя ли, чтобы заказ #W1234567 оплатили с подарочной карты?", "payment"),
        ("订单#W1234567改用礼物卡付款", "payment"),  # 禮物卡, Taiwan's word for a gift card
        ("Верните чайник из #W1234567, деньги с карты не списывайте", "return"),
    ],
)
def test_what_a_need_asks_for(text: str, kind: str) -> None:
    assert keyword_kind(text, text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "my e-mail address is [email]",
        "the address was jo.bloggs@example.org",
        "the address is jo dot b at mail dot com",
    ],
)
def test_an_email_given_as_the_address_is_no_shipping_address(text: str) -> None:
    assert not ADDRESS_CHANGE.search(text)


@pytest.mark.parametrize("text", ["it turns out it isn't needed", "they weren't really wanted", "it wasnt necessary"])
def test_not_needed_said_in_the_passive(text: str) -> None:
    assert REASON_NOT_NEEDED.search(text)


@pytest.mark.parametrize("text", ["I wonder if I can go back to the old one", "the alternative colour"])
def test_going_back_or_an_alternative_is_no_request(text: str) -> None:
    assert keyword_kind(text, text) is None


@pytest.mark.parametrize("text", ["Хотелось бы, чтобы заказ был отменён", "Я хотела бы вернуть чайник"])
def test_a_wish_in_the_conditional_is_a_request(text: str) -> None:
    assert REQUEST.search(text)


def test_instead_without_an_order_is_no_item_change() -> None:
    """ "можно … вместо него взять пылесос?" asks what the policy allows; with an order named it is a change."""
    assert keyword_kind("можно взять вместо чайника пылесос?", "можно взять вместо чайника пылесос?") is None
