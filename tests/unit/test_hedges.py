"""A customer's doubts read past (dialogue/hedges.py): they qualify what is said, never change it."""

from __future__ import annotations

import pytest

from hotline.dialogue.hedges import without_hedges
from hotline.dialogue.message_reading import REASON_NOT_NEEDED, payment_change


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        (
            "I'd like to cancel my order — let me check the number... ah, here it is: #W1234567, if I'm reading it "
            "right. I ordered it by accident",
            "I'd like to cancel my order — #W1234567. I ordered it by accident",
        ),
        (
            "could order I think it's #W1234567 be paid with I think my visa?",
            "could order it's #W1234567 be paid with my visa?",
        ),
        ("the account is probably in my name, Mia Davis", "the account is in my name, Mia Davis"),
        ("щас гляну... заказ #W1234567, если не ошибаюсь", "заказ #W1234567"),
        ("кажется, хочу вернуть лампу", "хочу вернуть лампу"),
        ("我看看……订单#W1234567", "订单#W1234567"),
        ("I think so", "I think so"),  # the answer itself: a yes
        ("I think that's right, yes, go ahead", "that's right, yes, go ahead"),
    ],
)
def test_doubts_and_looking_up_are_read_past(said: str, meant: str) -> None:
    assert without_hedges(said) == meant


def test_a_hedged_payment_change_and_a_hedged_reason_are_read() -> None:
    assert payment_change(without_hedges("I'd rather pay for order let me look... #W1234567 with I think my visa"))
    assert REASON_NOT_NEEDED.search("I don't think I need it anymore")
    assert REASON_NOT_NEEDED.search("не думаю, что он мне теперь нужен")
    assert not REASON_NOT_NEEDED.search("I think I need a bigger size")
