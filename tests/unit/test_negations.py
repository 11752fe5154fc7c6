"""What a customer says they do *not* want never picks their request: "I don't want to return anything, just exchange
…", "не возврат, а обмен", "我不要退款，我要换货"; "no problem, go ahead" is a yes; "not the whole order" is not
everything; "I don't want to keep the kettle" keeps nothing back."""

from __future__ import annotations

import pytest

from hotline.dialogue.answer_words import confirmation_answer
from hotline.dialogue.item_scope import says_every_item
from hotline.dialogue.message_reading import keyword_flow
from hotline.dialogue.negations import NEGATED_KEEP, without_negated_requests
from hotline.dialogue.request_kinds import keyword_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I don't want to return anything from order #W1, just exchange the mouse for white", "change"),
        ("I don't want a refund, I want to exchange an item", "change"),
        ("not a return — an exchange, please: the lamp for black", "change"),
        ("Ничего из заказа #W1 не возвращаю, только обменять пазл на 1000", "change"),
        ("не обмен, а возврат: верните лампу из #W1", "return"),
        ("我不要退款，我要换货", "change"),
        ("订单#W1我不退，只是换货：书架换成metal的", "change"),
        ("待发订单里选的商品我不要了，能换吗？", "change"),  # an item not wanted, to be changed: no cancellation
        ("订单#W1我不要了，请取消", "cancel"),
        ("Please don't ship order #W1 — cancel it instead", "cancel"),
        ("Not the address on file for order #W1234567: 12 Oak Street, Springfield, IL 62701", "address"),
        ("it's jo@x.com — no other address. I don't want order #W1234567 anymore, please cancel it", "cancel"),
        ("订单#W1只退平板电脑，别的不退", "return"),
    ],
)
def test_a_request_word_said_in_the_negative_does_not_pick_the_request(text: str, kind: str) -> None:
    assert keyword_kind(text, text) == kind


def test_a_message_whose_only_request_word_is_negated_names_none() -> None:
    assert not keyword_flow("I don't want to return it")
    assert without_negated_requests("не хочу отменять заказ").strip() == "заказ"


@pytest.mark.parametrize(
    "text",
    [
        "no problem, go ahead",
        "not a problem — do it",
        "I don't mind, go ahead",
        "нет проблем, делайте",
        "не возражаю, оформляйте",
        "ничего не имею против, да",
        "没问题，办吧",
        "不介意，办理吧",
        "没有异议，办吧",
    ],
)
def test_a_yes_said_through_a_negation_is_a_yes(text: str) -> None:
    assert confirmation_answer(text) == "yes"


@pytest.mark.parametrize(
    "text", ["no, not quite", "no — not that", "нет, не совсем", "нет — не то", "不太对", "不对，不是这个"]
)
def test_a_no_is_still_a_no(text: str) -> None:
    assert confirmation_answer(text) == "no"


@pytest.mark.parametrize(
    ("text", "every"),
    [
        ("Not the whole order #W1, just the lamp", False),
        ("Не весь заказ #W1, только пазл", False),
        ("不是整个订单，只退台灯", False),
        ("all of it, nothing left out", True),
        ("весь заказ целиком", True),
    ],
)
def test_not_the_whole_order_is_not_every_item(text: str, every: bool) -> None:
    assert says_every_item(text) is every


def test_not_wanting_to_keep_an_item_is_no_keeping() -> None:
    for text in ["I don't want to keep the kettle", "не хочу оставлять чайник", "水壶我不想留"]:
        assert NEGATED_KEEP.search(text)
    assert not NEGATED_KEEP.search("I want to keep the kettle")


def test_no_change_the_same_is_the_same_variant() -> None:
    from hotline.dialogue.variants import _SAME_VARIANT

    assert _SAME_VARIANT.search("the garden hose to no change, the same, nothing else")
    assert not _SAME_VARIANT.search("no change in price, please")


@pytest.mark.parametrize(
    "text",
    [
        "Order #W1234567 shouldn't go where it's going. The right address is the address of order #W7654321",
        "Заказ #W1234567 идёт не туда. Правильный адрес: адрес из заказа #W7654321",
        "订单#W1234567寄的地方不对。正确地址是订单#W7654321的地址",
    ],
)
def test_an_order_going_to_the_wrong_place_is_an_address_change(text: str) -> None:
    assert keyword_kind(text, text) == "address"


def test_a_zip_that_has_changed_asks_for_no_change() -> None:
    text = "订单是#W1234567别发货了，取消吧。不需要了 Isabella Santos，邮编10020——不是以前那个，已经改了"
    assert keyword_kind(text, text) == "cancel"
    assert keyword_kind("邮编不是以前那个，已经改了", "邮编不是以前那个，已经改了") is None


def test_office_words_for_keeping_cancelling_and_the_same_item() -> None:
    from hotline.dialogue.variants import _SAME_VARIANT

    text = "Просим аннулировать наш заказ #W1234567. Причина: заказано ошибочно"
    assert keyword_kind(text, text) == "cancel"
    assert _SAME_VARIANT.search("登山鞋换成相同商品")
