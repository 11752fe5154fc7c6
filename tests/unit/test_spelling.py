"""Typos are read as the words meant before understanding; known words, names, ids and e-mails never change."""

from __future__ import annotations

import pytest

from hotline.dialogue.spelling import Speller, company_speller, speller_for
from hotline.store.memory import MemoryStore


class Catalogue:
    """A store with one product, as a tenant's would list it."""

    def list_product_types(self) -> dict[str, str]:
        return {"Garden Hose": "p1"}

    def product_details(self, product_id: str) -> dict[str, object]:
        return {"name": "Garden Hose", "variants": {"1": {"options": {"material": "rubber", "length": "50ft"}}}}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("plese cancle my order", "please cancel my order"),
        ("i want to retrun it", "i want to return it"),
        ("can i exchnage the lamp", "can i exchange the lamp"),
        ("refund to my paypall", "refund to my paypal"),
        ("отмените зкааз пожалуйста", "отмените заказ пожалуйста"),
        ("хочу венруть деньги", "хочу вернуть деньги"),
        ("хочу вернут деньги", "хочу вернут деньги"),  # a word of its own ("they will return"): kept
    ],
)
def test_one_slip_in_a_longer_word_is_read_as_the_word_meant(typed: str, meant: str) -> None:
    assert company_speller().correct(typed) == meant


def test_known_words_names_ids_and_emails_are_left_as_typed() -> None:
    speller = company_speller()
    for text in (
        "cancel order #W1234567 for Ivan Chen, zip 12345",
        "my email is mai.chenn@example.com",
        "верните лампу и бутылку",  # Russian endings are grammar, not slips ("лампу" is not "ламп")
        "the lunch break is over",
        "верните заказ целиком",  # not "великом": another first letter is another word
    ):
        assert speller.correct(text) == text


def test_the_stores_own_catalogue_joins_the_vocabulary() -> None:
    speller = speller_for(Catalogue())
    assert speller.correct("the garden hsoe in rubbr") == "the garden hose in rubber"
    assert Speller.from_texts(["garden hose"]).correct("the rubbr one") == "the rubbr one"


def test_the_in_memory_store_lists_its_products_for_the_vocabulary() -> None:
    store = MemoryStore({}, {"p1": {"name": "Tea Kettle", "variants": {}}}, {})
    assert store.list_product_types() == {"Tea Kettle": "p1"}


def test_a_short_word_is_only_read_with_a_letter_left_out_and_real_short_words_stay() -> None:
    speller = company_speller()
    assert speller.correct("refund to my gift crd") == "refund to my gift card"
    assert speller.correct("еси нет в наличии") == "если нет в наличии"
    assert speller.correct("typing on the bus") == "typing on the bus"


def test_a_russian_product_word_is_read_as_the_one_catalogue_stem_it_starts_like() -> None:
    assert company_speller().correct("верните рюкзк") == "верните рюкзак"


def test_the_likeliest_slip_wins_and_the_rules_own_words_are_known() -> None:
    speller = company_speller()
    assert speller.correct("money baack to my card") == "money back to my card"  # a doubled letter, not "black"
    assert speller.correct("i ordered it by acccident") == "i ordered it by accident"  # a word of a rule's pattern


def test_a_russian_inflection_of_a_known_word_is_not_read_as_another_word() -> None:
    text = "В заказе #W9077205 обменяйте пазл на синий. Если не получится, верните деньги."
    assert company_speller().correct(text) == text  # not "отменяйте": exchange is not cancel
