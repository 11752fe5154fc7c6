"""Keypad digits (DTMF) gather into one entry: at "#" or after a pause (an injected clock, no sleeping)."""

from __future__ import annotations

from hotline.dialogue.references import keyed_text, order_ids
from hotline.speech.keypad import Keypad


def test_hash_ends_the_entry() -> None:
    pad = Keypad(pause_s=3.0)
    assert [pad.press(k, t) for t, k in enumerate("5442520")] == [None] * 7
    assert pad.press("#", 7.5) == "5442520"
    assert pad.digits == [] and pad.press("#", 8.0) is None  # "#" alone is nothing


def test_a_pause_ends_the_entry() -> None:
    pad = Keypad(pause_s=3.0)
    for t, key in enumerate("19122"):
        pad.press(key, float(t))
    assert pad.due(5.0) is None  # 1 s after the last key: still keying
    assert pad.due(7.0) == "19122"
    assert pad.due(20.0) is None


def test_unknown_keys_are_ignored() -> None:
    pad = Keypad()
    assert pad.press("x", 0.0) is None and pad.press("", 0.0) is None and pad.digits == []


def test_seven_digits_are_an_order_number() -> None:
    assert keyed_text("5442520") == "#W5442520" and order_ids(keyed_text("5442520")) == ["#W5442520"]
    assert keyed_text("19122") == "19122" and keyed_text("1234") == "1234"
