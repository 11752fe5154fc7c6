"""Which of an order's items a message names: names shared in part ("electric"), products called by words the
catalogue does not list (matched against this order's items only), and "the same one" in three languages."""

from __future__ import annotations

from typing import Any

import pytest

from hotline.dialogue.catalog_terms import annotate, annotate_for_items
from hotline.dialogue.order_items import clauses_about, match_items
from hotline.dialogue.references import customer_text
from hotline.dialogue.request_kinds import keyword_kind
from hotline.dialogue.variants import _SAME_VARIANT


def item(item_id: str, name: str, **options: str) -> dict[str, Any]:
    return {"item_id": item_id, "name": name, "product_id": name, "options": options}


KETTLE = item("1", "Electric Kettle", capacity="1.5L", color="white")
BRUSH = item("2", "Electric Toothbrush", color="black", speed="high")
VACUUM = item("3", "Vacuum Cleaner", type="upright")
BOTTLE = item("4", "Water Bottle", capacity="500ml")
ORDER = {"order_id": "#W1", "items": [KETTLE, BRUSH, VACUUM, BOTTLE]}


@pytest.mark.parametrize("word", ["电热壶", "热水壶", "快煮壺", "電熱水壺"])
def test_more_chinese_words_for_a_kettle_taiwans_too(word: str) -> None:
    assert match_items(annotate(customer_text(f"想退{word}")), ORDER) == ["1"]


@pytest.mark.parametrize(
    ("text", "product"), [("退人体工学椅", "Office Chair"), ("верните кофеварочку", "Coffee Maker")]
)
def test_an_ergonomic_chair_and_a_diminutive_coffee_maker_are_named(text: str, product: str) -> None:
    assert f"[{product}]" in annotate(text)


def test_a_word_shared_with_an_item_named_in_full_is_that_items() -> None:
    text = "the electric kettle for the 1L one, the black high electric toothbrush for the white one"
    assert "black" not in clauses_about(KETTLE, text, ORDER["items"])
    assert "black" in clauses_about(BRUSH, text, ORDER["items"])


def test_options_before_the_next_items_name_are_the_next_items() -> None:
    text = annotate("电热水壶换1L的、black、high的电动牙刷换白色的")
    assert "black" not in clauses_about(KETTLE, text, ORDER["items"])


def test_unlisted_words_for_this_orders_items() -> None:
    assert match_items(annotate("吸尘机换robotic的"), ORDER) == ["3"]
    assert match_items(annotate("пылесосик поменять на canister"), ORDER) == ["3"]
    assert match_items(annotate("бутылочку для воды верните"), ORDER) == ["4"]


def test_a_near_word_that_fits_two_items_names_neither() -> None:
    two_kettles = [KETTLE, item("5", "Tea Kettle", material="glass")]
    assert "[" not in annotate_for_items("水壶", [i["name"] for i in two_kettles])


def test_no_guess_for_a_product_the_order_does_not_hold() -> None:
    assert annotate_for_items("吸尘机", ["Water Bottle"]) == "吸尘机"


@pytest.mark.parametrize(
    "text",
    [
        "return the electric kettle and the vacuum cleaner; please do not include the water bottle",
        "return the electric kettle and the vacuum cleaner (excluding the water bottle)",
        "Товары к возврату: чайник и пылесос; бутылку прошу не включать",
        "退货商品：电热水壶和吸尘器；水瓶不在此次范围内",
        # a clause that asks for its item in its own words acts on it, whatever its neighbours make the head read
        "Hello, with reference to order #W9999999: I wish to return the kettle and the vacuum cleaner; please do "
        "not include the water bottle",
    ],
)
def test_an_item_said_to_be_left_out_in_so_many_words_is_left_out(text: str) -> None:
    assert match_items(annotate(text), ORDER) == ["1", "3"]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("оформите возврат: пылесос — а чайник, будьте добры, оставьте", ["3"]),
        ("return the vacuum cleaner, but the kettle, please, keep it", ["3"]),
        ("退吸尘器，不过电热水壶，麻烦您，先留着", ["3"]),
        ("верните пылесос, а чайник, пожалуйста, тоже верните", ["1", "3"]),  # no word of keeping: both
    ],
)
def test_a_contrasted_item_kept_after_a_courtesy_is_left_out(text: str, meant: list[str]) -> None:
    assert match_items(annotate(text), ORDER) == meant


def test_an_arrow_says_what_an_item_becomes() -> None:
    # a form written as an e-mail: "Changes: the vacuum cleaner → cordless"
    assert set(match_items(annotate("Changes: kettle → white, vacuum cleaner → cordless"), ORDER)) == {"1", "3"}
    assert keyword_kind("Changes: grill → charcoal", "Changes: grill → charcoal") == "change"


def test_a_catalogue_word_for_a_product_the_order_lacks_names_the_one_it_holds() -> None:
    # "手表" is the catalogue's Wristwatch; an order with a Smart Watch (智能手表) and no wristwatch means that one
    assert annotate_for_items(annotate("手表换成银色的"), ["Smart Watch", "E-Reader"]).startswith("手表 [Smart Watch]")
    assert annotate_for_items(annotate("手表换成银色的"), ["Wristwatch", "Smart Watch"]).startswith("手表 [Wristwatch]")
    assert annotate_for_items(annotate("手表换成银色的"), ["E-Reader"]).startswith("手表 [Wristwatch]")


def test_the_same_one_in_other_words() -> None:
    for text in (
        "just the same model",
        "the exact same one",
        "ту же модель",
        "такую же",
        "换同一款的",
        "一样的",
        "相同型号",
        "аналогичный товар",
        "на вариант тот же  что   раньше",  # "…, что и раньше" as the item's clause keeps it (commas cut)
        "модель такая же, как сейчас",
    ):
        assert _SAME_VARIANT.search(text), text


def test_a_listed_name_is_not_read_again_as_a_near_one() -> None:
    # "蓝牙音箱" is a Bluetooth Speaker; its "蓝牙" must not make it the Wireless Earbuds ("蓝牙耳机") too
    text = annotate("订单里蓝牙音箱改成blue款")
    assert annotate_for_items(text, ["Bluetooth Speaker", "Wireless Earbuds"]).count("[") == 1


def test_everything_in_other_words_and_a_hedge_after_a_dash() -> None:
    for text in ("every item in it", "the whole thing", "весь заказ целиком", "整单"):
        assert match_items(text, ORDER) == ["1", "2", "3", "4"], text
    hedged = match_items("the electric kettle and the vacuum cleaner — the water bottle stays as it is for now", ORDER)
    assert hedged == ["1", "3"]


@pytest.mark.parametrize(
    "text",
    [
        "swap the kettle, i want the same one instead and the vacuum cleaner to cordless",
        "the electric kettle, I'd rather have 2L, and the water bottle to 1000ml",
        "поменяйте чайник на такой же и пылесос на cordless",
        "电热水壶换个一样的，吸尘器换成cordless的",
        "не могли бы вы поменять чайник на белый, пожалуйста и пылесос на точно такой же",  # "белый [white]": a value
    ],
)
def test_an_item_whose_new_variant_is_said_is_in_the_plan(text: str) -> None:
    # a clause that says what its item becomes acts on it, whatever the clause-role head makes of its neighbours
    assert {"1", "3"} <= set(match_items(annotate(text), ORDER)) or {"1", "4"} <= set(
        match_items(annotate(text), ORDER)
    )


@pytest.mark.parametrize(
    "text",
    [
        "return the kettle and the water bottle, but keep the vacuum cleaner as it is",
        "верните чайник и бутылку для воды, а пылесос не трогайте",
        "电热水壶和水瓶退了，吸尘器先别动",
    ],
)
def test_an_item_held_back_stays_out_even_among_wishes(text: str) -> None:
    assert "3" not in match_items(annotate(text), ORDER)


def test_an_except_reading_needs_an_all_or_except_word() -> None:
    # "but, sadly, the kettle didn't suit me": a return of the kettle — not of everything but the kettle
    order = {"order_id": "#W1", "items": [KETTLE, BOTTLE]}
    for text in (
        "но, к сожалению, электрочайник мне не подошёл, могу ли я его вернуть",
        "but sadly the electric kettle did not work out, can I send it back",
    ):
        assert match_items(annotate(text), order) in ([], ["1"])  # never the bottle alone
    for text in ("everything except the electric kettle", "всё, кроме электрочайника", "除了电热水壶都退"):
        assert match_items(annotate(text), order) == ["4"]
    for text in (
        "return the water bottle, not the electric kettle — keep that",
        "верните бутылку для воды, а не чайник",
    ):
        assert match_items(annotate(text), order) == ["4"]


def test_nothing_is_held_back_without_a_word_that_holds_it() -> None:
    """The clause head read "I'd like to return electric kettle" after "From order #W1." as held (family 7): without
    a word of keeping, waiting or not doing in the message, every named item is meant."""
    said = "From order The order #W1., I'd like to return electric kettle and water bottle."
    assert sorted(match_items(said, ORDER)) == [KETTLE["item_id"], BOTTLE["item_id"]]


@pytest.mark.parametrize(
    "said",
    [
        "I'd like to return the electric kettle and the water bottle, but leave the vacuum cleaner alone for now",
        "вернуть электрочайник, а пылесос пусть остаётся как есть",
        "我要退电热水壶。吸尘器保持原样",
    ],
)
def test_a_hold_said_in_other_words_still_holds(said: str) -> None:
    assert VACUUM["item_id"] not in match_items(said, ORDER)


def test_the_things_own_first_word_names_it() -> None:
    assert match_items("canister的vacuum换成same", ORDER) == [VACUUM["item_id"]]
    assert match_items("change the vacuum to robotic", ORDER) == [VACUUM["item_id"]]


SET = item("5", "Dumbbell Set", weight="5-25 lbs")
GRILL = item("6", "Grill", type="electric")


@pytest.mark.parametrize(
    "text",
    [
        "My grandson set it up with my e-mail. I'd like the charcoal one in place of the grill",
        "my son set me up with an account; the grill should be the charcoal one",
        "we set up the account last year. grill to charcoal please",
    ],
)
def test_set_up_is_a_verb_not_the_set(text: str) -> None:
    assert match_items(text, {"order_id": "#W2", "items": [SET, GRILL]}) == ["6"]


@pytest.mark.parametrize(
    "text",
    [
        "Почта, на которую всё оформлялось, — [email]. Чайник поменяйте на белый.",
        "It's all under jo.bloggs@example.org. The kettle to the white one, please.",
        "所有东西都是用[email]注册的。电热水壶换白色的。",
    ],
)
def test_all_in_the_sentence_that_gives_the_e_mail_is_not_all_the_items(text: str) -> None:
    assert match_items(annotate(text), ORDER) == ["1"]


def test_all_the_items_still_means_all_beside_an_e_mail() -> None:
    assert match_items("I'm jo.bloggs@example.org. Return everything in the order.", ORDER) == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    "text",
    [
        "у меня аккаунт на [email] здравствуйте, хочу вернуть из заказа #W1: всё целиком",
        "account是[email] hi，订单#W1里的全部我想退",
        "Return everything, my e-mail is jo.bloggs@example.org",
    ],
)
def test_all_said_after_the_e_mail_or_beside_the_ask_is_all_the_items(text: str) -> None:
    assert match_items(text, ORDER) == ["1", "2", "3", "4"]


def test_a_set_of_something_else_is_not_a_makeup_kit() -> None:
    kit = item("6", "Makeup Kit", brand="Brand A")
    assert "[" not in annotate_for_items("拉杆箱套装换成softshell", [kit["name"]])  # a trolley-case set: not 化妆套装
    assert "[Makeup Kit]" in annotate_for_items("化妆箱套装", [kit["name"]])  # 化妆 still names it


def test_a_wish_that_names_no_item_of_the_order_is_found() -> None:
    from hotline.dialogue.order_items import unnamed_changes

    text = annotate("把拉杆箱套装换成softshell和把电热水壶换成1L的")
    parts = unnamed_changes(text, ORDER["items"])
    assert len(parts) == 1 and "softshell" in parts[0]  # the kettle's part names the kettle
    assert unnamed_changes(annotate("the kettle to 1L and the toothbrush to white"), ORDER["items"]) == []
