"""Family 15's customers type in a hurry: slips in longer words, never in what they copy (ids, e-mails, numbers)
or in names; the same seed types the same slips."""

from __future__ import annotations

import random

from hotline.evaluation.simulate.phrasebook_typos import typed_in_a_hurry

MESSAGE = "hey quick one, order #W1234567 - sending back the desk lamp, refund to sofia.rossi@example.com. Sofia Rossi"


def test_copied_values_and_names_are_never_mistyped() -> None:
    for seed in range(30):
        typed = typed_in_a_hurry(MESSAGE, "en", random.Random(seed), 1.0)
        assert "#W1234567" in typed and "sofia.rossi@example.com" in typed and "Sofia Rossi" in typed
        assert typed.split()[0] == "hey"  # three letters: left alone


def test_every_longer_word_slips_at_rate_one_and_none_at_rate_zero() -> None:
    assert typed_in_a_hurry(MESSAGE, "en", random.Random(1), 0.0) == MESSAGE
    typed = typed_in_a_hurry("return the lamp please", "en", random.Random(1), 1.0)
    assert [a != b for a, b in zip(typed.split(), ["return", "the", "lamp", "please"], strict=False)].count(True) >= 2
    assert typed.split()[0][0] == "r" and typed.split()[0][-1] == "n"  # first and last letters kept


def test_the_same_seed_types_the_same_slips() -> None:
    first = typed_in_a_hurry("хочу вернуть настольную лампу", "ru", random.Random(7), 0.5)
    assert first == typed_in_a_hurry("хочу вернуть настольную лампу", "ru", random.Random(7), 0.5)


def test_chinese_slips_are_homophones_from_the_input_method() -> None:
    typed = typed_in_a_hurry("我想取消订单#W1234567，收货地址不对", "zh", random.Random(2), 1.0)
    assert typed == "我想取销定单#W1234567，收获地止不对"
