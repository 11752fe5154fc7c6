"""What speech recognition hands over from a caller: hesitation sounds, an order number read out before the new
address, "oh and" between two requests, "where my order is going" (pure functions)."""

from __future__ import annotations

import pytest

from hotline.dialogue.addresses import parse_address
from hotline.dialogue.message_reading import ORIGINAL_METHOD
from hotline.dialogue.references import customer_text
from hotline.dialogue.request_kinds import keyword_kind
from hotline.dialogue.several_requests import split_requests


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("hi so um i placed an order and uh i want to cancel it", "hi so i placed an order and i want to cancel it"),
        ("refund to um however i paid", "refund to however i paid"),
        ("ну э-э заказ хм отмените", "ну заказ отмените"),
        ("嗯 我叫Omar 嗯嗯，邮编", "我叫Omar 邮编"),
        ("summer umbrella hummus uh-huh", "summer umbrella hummus uh-huh"),  # words that only contain the sounds
    ],
)
def test_hesitation_sounds_are_left_out(said: str, read: str) -> None:
    assert customer_text(said) == read


def test_an_order_number_said_before_the_address_is_not_its_house_number() -> None:
    said = customer_text(
        "so the address on order w 6-0-0-2-4-6-7 um can you change it to 544 Sunset Drive, Suite 337, "
        "Jacksonville, FL 32205"
    )
    address = parse_address(said)
    assert address is not None and address["address1"] == "544 Sunset Drive" and address["zip"] == "32205"


def test_oh_and_starts_another_request() -> None:
    text = "i need to cancel order #W1234567 because i ordered it by accident oh and order #W7654321 change the boots"
    first, _, rest, _ = split_requests(text, text, keyword_kind)
    assert "#W7654321" not in first and rest.startswith("oh and")


@pytest.mark.parametrize("said", ["i need to change where my order is going", "i moved, order #W1234567 has to follow"])
def test_where_the_order_goes_is_an_address_change(said: str) -> None:
    assert keyword_kind(said, said) == "address"


def test_an_order_number_read_out_right_after_its_w() -> None:
    assert "W6067464" in customer_text("就是订单W6-0-6-7-4-6-4的1.5L的电热水壶")
    assert customer_text("new5 6 7 8") == "new5 6 7 8"  # a word that ends in w or has digits is no order number


def test_a_hesitation_between_chinese_clauses_leaves_their_break() -> None:
    assert customer_text("那个办公椅不动嗯 我要退货") == "那个办公椅不动 我要退货"


@pytest.mark.parametrize(
    "said",
    [
        "refund to however i paid please",
        "деньги туда откуда платил",
        "как платил так и верните",
        "钱退怎么付的就怎么退",
    ],
)
def test_the_original_method_said_the_way_a_caller_says_it(said: str) -> None:
    assert ORIGINAL_METHOD.search(said)
