"""Every phrasing family of the simulated customers says every thing the first one says, in every language, with
the same fields: a family missing a key or a field would fail a simulated conversation, not the bot."""

from __future__ import annotations

import random
import string

import pytest

from hotline.evaluation.simulate.phrasebook import LATER_FAMILIES, NOISE, T


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("family", sorted(LATER_FAMILIES))
def test_a_later_family_has_every_key_and_field(family: int) -> None:
    table = LATER_FAMILIES[family][0]
    noise = NOISE.get(family)
    for lang, keys in T.items():
        extra = set(noise(lang, random.Random(0))) if noise else set()  # the numbers nobody asked for
        assert set(table[lang]) == set(keys), (family, lang)
        for key in keys:  # the fields the simulated customer fills for this key (in any language)
            expected = set().union(*(_fields(t) for by_lang in T.values() for opts in by_lang[key] for t in opts))
            for template in table[lang][key]:
                assert _fields(template) <= expected | extra, (family, lang, key, template)


def test_an_order_word_is_said_once() -> None:
    """A template's order word before an order reference that brings its own is said once, as a customer would."""
    from hotline.evaluation.simulate.phrasebook import _one_order_word

    assert (
        _one_order_word("你好，订单订单号：#W7602708的付款方式改成礼品卡")
        == "你好，订单号：#W7602708的付款方式改成礼品卡"
    )
    assert _one_order_word("Отмените заказ номер заказа: #W1234567") == "Отмените заказ #W1234567"
    assert _one_order_word("Please cancel order Order ID: #W1234567") == "Please cancel order #W1234567"
    for kept in ("I have an order, order #W1 is late", "заказ #W1 и заказ #W2", "订单号：#W1"):
        assert _one_order_word(kept) == kept


def test_every_later_family_is_a_split_the_simulator_runs() -> None:
    from hotline.evaluation.simulate.runner import plan, splits

    assert {f"family{family}" for family in LATER_FAMILIES} <= set(splits())
    for split in splits():
        assert plan(20, {"en": 2}, split, ["patient"], 1), split


def test_a_noisy_family_fills_its_numbers_by_seed() -> None:
    """Family 19's customers bring prices, dates and case numbers that differ from one seed to the next."""
    from hotline.evaluation.simulate.phrasebook import Voice

    said = {Voice("en", 19, random.Random(seed)).say("cancel_gist") for seed in range(12)}
    assert len(said) > 6 and not any("{" in text for text in said)
