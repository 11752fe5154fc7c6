"""End of turn: the words heard at a pause (does the caller stop there?) and the turn model's features."""

from __future__ import annotations

import numpy as np
import pytest

from hotline.speech.turn_end import TurnHold, last_window, log_mel, sounds_unfinished


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My order number is", "en"),
        ("My order number is 5, 4, 4.", "en"),  # part-way through an order number
        ("I'd like to return the lamp and", "en"),
        ("The zip code is 9 4 1", "en"),
        ("One,", "en"),
        ("1.", "en"),  # a lone digit is the start of a number read out
        ("one", "en"),  # "one… two three": the digit first in the turn
        ("My zip code is one", "en"),  # after a number cue
        ("Мой индекс один", "ru"),
        ("Пришлите это на мой", "ru"),
        ("Номер заказа 5 4 4", "ru"),
        ("Я хочу вернуть лампу и", "ru"),
        ("我的订单号是", "zh"),
        ("我的订单号是五四四", "zh"),
        ("我想退台灯和", "zh"),
        ("My order numbers.", "en"),  # "my order number is" as Whisper may hear it before a pause
        ("And the zip code", "en"),
        ("Мой номер", "ru"),
        ("我的订单号。", "zh"),
        ("是的，还有", "zh"),  # a yes that leads into more
        ("对，但是", "zh"),
        ("我想问一下我的", "zh"),
        ("Yes, and the", "en"),
        ("Да, и ещё", "ru"),
        # Russian names the value first: the name a few words from the end, no value after it yet
        ("Номер моего заказа", "ru"),
        ("Мой номер телефона", "ru"),
        ("Адрес моей почты", "ru"),
    ],
)
def test_a_caller_does_not_stop_here(text: str, language: str) -> None:
    assert sounds_unfinished(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My order number is 5442520.", "en"),
        ("The zip code is 94107", "en"),
        ("Cancel the order, please.", "en"),
        ("Yes, that's right.", "en"),
        ("How long does a refund take?", "en"),
        ("Could I swap my shirt for a bigger one?", "en"),  # "one" the pronoun, not a digit (#22 bench)
        ("I'll take the red one.", "en"),
        ("Хочу заменить на ещё один", "ru"),
        ("Да, всё верно.", "ru"),
        ("Сколько идёт возврат денег?", "ru"),
        ("我想退台灯和水瓶。", "zh"),
        ("对，没错。", "zh"),
        ("What's my order number?", "en"),  # a question is a whole turn
        ("Какой у меня номер?", "ru"),
        ("我的订单号？", "zh"),
        ("", "en"),
        # a whole turn of yes / no words is an answer, though 是, 对 and 嗯 also lead into more (#22)
        ("是的。", "zh"),
        ("是。", "zh"),
        ("对", "zh"),
        ("好的", "zh"),
        ("嗯，是的。", "zh"),
        ("不是。", "zh"),
        ("不对", "zh"),
        ("可以的。", "zh"),
        ("Yes.", "en"),
        ("Нет.", "ru"),
        ("Номер моего заказа #W9667707.", "ru"),  # the value said after its name
        ("Моя почта aarav.patel@example.com", "ru"),
        ("Номер моего заказа пять четыре четыре два пять два ноль.", "ru"),
        ("Какой номер у моего заказа?", "ru"),
        ("Хочу узнать статус заказа.", "ru"),
        # a last 的 ends a phrase said whole: "the blue one", "bought last month"
        ("蓝色的。", "zh"),
        ("是上个月买的。", "zh"),
        ("用信用卡付的", "zh"),
    ],
)
def test_a_finished_turn_is_not_held(text: str, language: str) -> None:
    assert not sounds_unfinished(text, language)


def test_the_model_hears_the_last_eight_seconds_as_whisper_features() -> None:
    short = np.ones(16_000, dtype=np.float32)
    window = last_window(short)
    assert len(window) == 8 * 16_000 and window[0] == 0 and window[-1] == 1  # silence before a short turn
    long = np.arange(10 * 16_000, dtype=np.float32)
    assert last_window(long)[0] == 2 * 16_000  # a long turn keeps its end
    features = log_mel(np.random.default_rng(0).standard_normal(8 * 16_000).astype(np.float32) * 0.1)
    assert features.shape == (80, 800) and features.dtype == np.float32
    assert features.min() > -1.5 and features.max() <= 1.5  # Whisper's scaled log-mel range


def test_held_words_join_what_the_caller_says_next() -> None:
    hold = TurnHold(wait_s=1.6)
    assert hold.offer("My order number is 5 4 4", "en", ended_at=10.0) is None  # read out in groups
    assert hold.due(11.0) is None  # still within the wait
    assert hold.offer("2 5 2 0.", "en", ended_at=12.0) == "My order number is 5 4 4 2 5 2 0."
    assert hold.due(99.0) is None  # nothing left


def test_held_words_are_answered_when_the_caller_stays_silent() -> None:
    hold = TurnHold(wait_s=1.6)
    assert hold.offer("I want to return the lamp and", "en", ended_at=10.0) is None
    assert hold.due(11.5) is None
    assert hold.due(11.6) == "I want to return the lamp and"
    assert hold.offer("Yes.", "en", ended_at=20.0) == "Yes."  # a finished turn is answered at once


def test_no_wait_means_no_hold() -> None:
    assert TurnHold(wait_s=0).offer("My order number is", "en", ended_at=1.0) == "My order number is"


@pytest.mark.parametrize(
    ("text", "language", "unfinished"),
    [
        ("Can you tell me where my package is?", "en", False),  # a question heard whole
        ("Can you tell me where my package is", "en", True),
        ("My card ends in 4421.", "en", False),  # the last four digits are all of it
        ("My card ends in 44", "en", True),
        ("Карта заканчивается на 4421.", "ru", False),
        ("卡号尾号是4421。", "zh", False),
        ("My zip is 4 4 2 1", "en", True),  # a zip code has five
    ],
)
def test_a_question_and_the_last_four_digits_are_heard_whole(text: str, language: str, unfinished: bool) -> None:
    assert sounds_unfinished(text, language) is unfinished


def test_a_pack_that_names_values_within_zero_words_reads_only_the_last() -> None:
    """``announces_within`` below one is read as one: the name must be the last word, not anywhere in the text."""
    from hotline.speech.turn_end import _announces_a_value

    speech = {"announces": ["number"], "announces_within": 0}
    assert _announces_a_value(["my", "order", "number"], "my order number", speech, "latin")
    assert not _announces_a_value(["the", "number", "was", "wrong"], "the number was wrong", speech, "latin")
