"""Customers who tell the story before the request: what is not needed is what goes ("it turns out she doesn't need
the kettle"), what is kept is said in a word of keeping ("oh, but we're keeping the bottle"), a yes may be hummed
("mm-hm", "uh-huh", "嗯，那就这样吧"), a reason in other words ("we won't use it", "нам это уже не очень нужно"), a
Chinese product described with 的 ("墙上挂的钟"), and "my son set the account up" names no set."""

from __future__ import annotations

from typing import Any

import pytest

from hotline.dialogue.answer_words import confirmation_answer
from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.message_reading import REASON_NOT_NEEDED, is_request
from hotline.dialogue.order_items import match_items, tied_items
from hotline.dialogue.request_kinds import keyword_kind
from hotline.dialogue.side_questions import without_side_questions


def item(item_id: str, name: str, **options: str) -> dict[str, Any]:
    return {"item_id": item_id, "name": name, "product_id": name, "options": options}


KETTLE = item("1", "Electric Kettle", capacity="1.5L", color="white")
VACUUM = item("2", "Vacuum Cleaner", type="upright")
BOTTLE = item("3", "Water Bottle", capacity="500ml")
ORDER = {"order_id": "#W1", "items": [KETTLE, VACUUM, BOTTLE]}


@pytest.mark.parametrize(
    "text",
    [
        "my nephew picked these, and it turns out he doesn't need the kettle or the vacuum. Could we return them?",
        "we had a look and we really don't need the kettle and the vacuum, so please take them back",
        "the kettle and the vacuum just aren't working out for us; I'd like to send them back",
    ],
)
def test_what_is_not_needed_is_what_goes(text: str) -> None:
    assert match_items(text, ORDER) == ["1", "2"]


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to return the kettle and the vacuum, oh, but we're keeping the water bottle",
        "return all of it, though the bottle we'll hang on to",
        "please return everything, but we're keeping the bottle",
    ],
)
def test_an_item_kept_in_a_word_of_keeping_stays(text: str) -> None:
    assert match_items(text, ORDER) == ["1", "2"]


def test_a_negated_request_is_no_not_needed() -> None:
    assert match_items("I'd like to return the kettle; I don't want the vacuum returned", ORDER) == ["1"]


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("mm-hm, that's it", "yes"),
        ("Mm-hmm", "yes"),
        ("uh-huh, go on", "yes"),
        ("uh-uh", "no"),
        ("hmm, no, that's not quite it", "no"),
        ("嗯，那就这样吧", "yes"),
        ("那行", "yes"),
        ("嗯，不对", "no"),
        ("ну да, пожалуй, давайте", "yes"),
    ],
)
def test_a_hummed_answer(text: str, answer: str) -> None:
    assert confirmation_answer(text) == answer


@pytest.mark.parametrize(
    "text",
    [
        "It turns out we won't use it.",
        "Honestly we'll never use it, we won't be using it.",
        "Нам это уже не очень нужно.",
        "Мне он не особо нужен.",
    ],
)
def test_not_needed_in_other_words(text: str) -> None:
    assert REASON_NOT_NEEDED.search(text)


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("墙上挂的钟她用不上", "Wall Clock"),
        ("只退墙上的钟", "Wall Clock"),
        ("喝水的瓶子", "Water Bottle"),
        ("煮咖啡的机器", "Coffee Maker"),
    ],
)
def test_a_chinese_product_described_with_de(text: str, product: str) -> None:
    assert f"[{product}]" in annotate(text)


def test_the_de_form_names_no_product_by_chance() -> None:
    assert "[" not in annotate("我的邮箱是jo@x.com，那个包子")


SET = item("5", "Dumbbell Set", weight="5-25 lbs")
BOOTS = item("6", "Hiking Boots", size="10")


def test_a_son_who_set_the_account_up_names_no_set() -> None:
    order = {"order_id": "#W2", "items": [SET, BOOTS]}
    assert match_items("my son set the account up, but it's in my name. The boots in 9, please", order) == ["6"]


def test_items_named_by_a_shared_word_are_a_tie() -> None:
    cams = [item("7", "Action Camera", color="black"), item("8", "Digital Camera", zoom="10x"), KETTLE]
    assert match_items("the camera, but 5x", {"items": cams}) == []  # match_items takes neither
    assert [[i["item_id"] for i in group] for group in tied_items("the camera, but 5x", cams)] == [["7", "8"]]
    assert tied_items("the digital camera, but 5x", cams) == []


def test_a_variant_picked_wrong_is_a_change() -> None:
    assert keyword_kind("Order #W1 came and I realised I'd picked wrong. What I'd like is the boots in 9", "") == (
        "change"
    )


def test_an_order_that_should_go_on_a_card_is_a_payment_change() -> None:
    text = "Long story short, I'd rather order #W1234567 went on my mastercard, the one ending 9838. Possible?"
    assert keyword_kind(text, text) == "payment"


def test_a_question_of_where_the_money_goes_is_part_of_the_request() -> None:
    text = "I was hoping to send back the kettle from #W1. Could the money go back the same way I paid?"
    kept, _, questions = without_side_questions(text, text, lambda sentence: True, is_request)
    assert (kept, questions) == (text, [])


@pytest.mark.parametrize(
    ("text", "answer"),
    [("👍", "yes"), ("✅✅", "yes"), ("👌", "yes"), ("❌", "no"), ("👎", "no"), ("🙂", None), ("👍❌", None)],
)
def test_a_reaction_alone_is_an_answer(text: str, answer: str | None) -> None:
    assert confirmation_answer(text) == answer


def test_a_reaction_beside_words_is_read_by_the_words() -> None:
    assert confirmation_answer("👍 but put it on paypal instead") is None
    assert confirmation_answer("whoops 🙈 I meant the lamp") == "no"


def test_a_card_ending_is_no_new_variant_of_a_held_item() -> None:
    kettle, lamp = item("5019835484", "Electric Kettle", color="white"), item("8917609800", "Desk Lamp", color="black")
    order = {"order_id": "#W3", "items": [kettle, lamp, item("9624127908", "Vacuum Cleaner", type="upright")]}
    text = "want to return all but the lamp from order #W1234567 refund to my visa ending 4171 pls"
    assert match_items(text, order) == ["5019835484", "9624127908"]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("return the kettle, the vacuum is fine, keep it", ["1"]),
        ("return the kettle and the vacuum, keep the receipt", ["1", "2"]),
    ],
)
def test_a_bare_keep_keeps_what_was_just_named(text: str, meant: list[str]) -> None:
    assert match_items(text, ORDER) == meant


def test_a_bare_keep_in_chat_ends_at_its_emoji() -> None:
    text = "хочу вернуть электрочайник — пылесос норм, оставьте 🙂 деньги на подарочную карту 🎁"
    assert match_items(annotate(text), ORDER) == ["1"]
