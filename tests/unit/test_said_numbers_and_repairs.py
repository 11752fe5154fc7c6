"""How a caller says things on the phone, as the transcriber writes them: numbers digit by digit, a word taken back
mid-sentence, the price difference said as "if it's more", a fallback "if that doesn't work". Phrasings of my own,
not the simulated customers' templates; negatives alongside, so a rule that swallows ordinary speech fails."""

from __future__ import annotations

import pytest

from hotline.dialogue.answer_words import without_repairs
from hotline.dialogue.conditions import split_condition
from hotline.dialogue.message_reading import REASON_MISTAKE, payment_change
from hotline.dialogue.references import said_numbers
from hotline.dialogue.request_kinds import keyword_kind


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("my zip is nine four one oh two", "my zip is 94102"),
        ("zip code 9-4-1-0-2 and that's it", "zip code 94102 and that's it"),
        ("the zip is 7 6 1 1 4.", "the zip is 76114."),
        ("it ends in eight six oh nine", "it ends in 8609"),
        ("card ending 4, 2, 7, 5", "card ending 4275"),
        ("W five four four two one nine eight", "W 5442198"),
        ("индекс один ноль один девять девять", "индекс 10199"),
        ("карта на четыре два семь пять", "карта на 4275"),
        ("邮编是九五一五四", "邮编是95154"),
        ("尾号4 6 0 8那张卡", "尾号4608那张卡"),
        ("订单W三二八二一七七", "订单W3282177"),
        ("跟订单W一七八零五五二一样的地址", "跟订单W1780552一样的地址"),
        ("zip one zero zero two oh yeah that's me", "zip 10020 yeah that's me"),
    ],
)
def test_numbers_said_digit_by_digit_are_written_as_numbers(said: str, written: str) -> None:
    assert said_numbers(said) == written


@pytest.mark.parametrize(
    "text",
    [
        "one or two of them",
        "I have 2 3 things to return",
        "the 30-50 lbs dumbbells",
        "sizes 8, 9, 10",
        "call 1 800 555 1234",
        "一样的东西",
        "三四个",
        "oh and also the lamp",
        "two three-piece luggage sets",
        "12-10-2024",
        "Suite 6 9 9",
        "один из двух",
    ],
)
def test_ordinary_numbers_and_words_stay_as_they_were(text: str) -> None:
    assert said_numbers(text) == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("i want to exchange — sorry no, return the lamp", "i want to return the lamp"),
        ("please cancel — no, return the kettle", "please return the kettle"),
        ("I'd like to swap — I mean return the bookshelf", "I'd like to return the bookshelf"),
        ("хочу обменять — ой, нет, вернуть чайник", "хочу вернуть чайник"),
        ("давайте отменим — вернее, вернём лампу", "давайте вернём лампу"),
        ("我想换——不对，是退台灯", "我想退台灯"),
        ("我要换货——不是，退货", "我要退货"),
        ("帮我取消——我是说退掉这个订单", "帮我退掉这个订单"),
    ],
)
def test_a_word_taken_back_at_a_dash_is_dropped(text: str, kept: str) -> None:
    assert without_repairs(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "cancel order #W1234567 — no rush though",
        "хочу отменить — заказ #W1234567",
        "the lamp - no, the kettle",
        "No, I meant the black one.",
        "不对，我是说黑色的",
        "return the lamp, the kettle — and the mat",
    ],
)
def test_a_dash_without_taking_back_stays(text: str) -> None:
    assert without_repairs(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "switch the lamp to white, charge paypal if it's more",
        "swap the kettle for the 2L one, put whatever it costs on my gift card",
        "change the chair to black, any extra goes on the visa ending 1234",
        "exchange the watch to silver, charge the card ending 4012 if there's anything extra",
        "замените лампу на белую, если выйдет дороже — спишите с PayPal",
        "把台灯换成白色的，贵的话用礼品卡",
    ],
)
def test_paying_the_difference_of_an_item_change_is_no_payment_change(text: str) -> None:
    assert keyword_kind(text, text) == "change"


@pytest.mark.parametrize(
    "text",
    [
        "charge order #W1234567 to paypal instead",
        "I'd prefer to use my gift card balance for order #W1234567, could you switch it over?",
        "can we use the visa card for order #W1234567 instead",
        "one more thing — can u put #W1234567 on my card that ends in 9182 instead",
        "订单#W1234567能用尾号9182那张卡付吗",
        "订单#W1234567可以用PayPal付吗？",
        "можно оплатить заказ #W1234567 через PayPal?",
    ],
)
def test_paying_for_an_order_another_way_is_a_payment_change(text: str) -> None:
    assert payment_change(text)
    assert keyword_kind(text, text) == "payment"


@pytest.mark.parametrize(
    ("text", "fallback"),
    [
        ("swap the hose for a blue one, and if that doesn't work just return it", "return"),
        ("change the lamp to white; if that does not work, cancel the order", "cancel"),
        ("поменяйте на синий, а если нету — оформите возврат", "return"),
        ("поменяйте на синий, если нету в наличии, отмените заказ", "cancel"),
    ],
)
def test_a_fallback_said_as_it_not_working_is_read_apart(text: str, fallback: str) -> None:
    assert split_condition(text)[1] == fallback


@pytest.mark.parametrize("text", ["я не туда нажала", "нажал не туда, отмените", "I clicked the wrong thing"])
def test_a_wrong_click_is_a_mistake(text: str) -> None:
    assert REASON_MISTAKE.search(text)
