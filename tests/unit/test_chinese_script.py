"""Chinese is read in simplified characters: Whisper often writes traditional ones, and customers in Taiwan and
Hong Kong type them (訂單, 退貨, 麻煩您); the phrase tables, catalogue names and heads are in simplified."""

from __future__ import annotations

import random

import pytest

from hotline.dialogue.references import customer_text
from hotline.evaluation.simulate.phrasebook import Voice
from hotline.languages.script import simplified


def test_traditional_chinese_is_converted_to_simplified() -> None:
    assert simplified("我住在廣州，請幫我查訂單號碼") == "我住在广州，请帮我查订单号码"
    assert simplified("退款需要多长时间？") == "退款需要多长时间？"  # already simplified: unchanged
    assert simplified("這個軟體的退貨運費誰出？") == "这个软件的退货运费谁出？"  # Taiwan's word for software too


@pytest.mark.parametrize(
    "text",
    ["Cancel order #W1234567, please", "Отмените заказ #W1234567", "zhang.wei@qq.com", ""],
)
def test_text_without_chinese_is_left_as_it_is(text: str) -> None:
    assert simplified(text) == text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("麻煩您，訂單#W1234567我想取消，是下錯單了。", "麻烦您，订单#W1234567我想取消，是下错单了。"),
        ("尾號四六零八的信用卡", "尾号4608的信用卡"),  # numbers said as words, in traditional characters
        ("郵遞區號九五一五四", "邮递区号95154"),
        ("my zip is nine four one oh two", "my zip is 94102"),
        ("Хочу вернуть наушники из заказа #W7654321", "Хочу вернуть наушники из заказа #W7654321"),
    ],
)
def test_a_customers_message_is_read_in_simplified_with_numbers_written(typed: str, read: str) -> None:
    assert customer_text(typed) == read


def test_the_taiwan_family_of_simulated_customers_types_traditional_characters() -> None:
    voice = Voice("zh", 10, random.Random(3))
    message = voice.written(voice.say("cancel", order="#W1234567", reason=voice.say("reason_ordered_by_mistake")))
    assert "訂單" in message or "取消" in message
    assert simplified(message) != message  # something in it is traditional
    assert Voice("zh", 9, random.Random(3)).written("订单") == "订单"  # other families: as written
    assert Voice("en", 10, random.Random(3)).written("order") == "order"
