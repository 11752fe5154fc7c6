"""A question about what the store sells, in Russian or Chinese, answered from the store in that language."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hotline.dialogue.product_answers import asks_about_products, product_answer, products_named


def _variant(item: str, price: float, available: bool, **options: str) -> dict[str, Any]:
    return {"item_id": item, "price": price, "available": available, "options": options}


PRODUCTS = {
    "1": {"name": "Electric Kettle", "variants": {"a": _variant("a", 99.5, True, capacity="1L")}},
    "2": {"name": "Electric Toothbrush", "variants": {"b": _variant("b", 183.11, False, color="white")}},
    "3": {"name": "Avocado", "variants": {"c": _variant("c", 1.94, True, pack="500 g")}},
    "4": {"name": "Golden Delicious Apple", "variants": {}},
    "5": {"name": "Granny Smith Apple", "variants": {}},
    "6": {"name": "Pink Lady Apple", "variants": {}},
    "7": {
        "name": "Backpack",
        "variants": {str(i): _variant(str(i), 100 + i, True, size=str(i)) for i in range(9)},
    },
}


class Catalogue:
    def list_product_types(self) -> dict[str, str]:
        return {p["name"]: key for key, p in PRODUCTS.items()}

    def product_details(self, product_id: str) -> dict[str, Any] | None:
        return PRODUCTS.get(product_id)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "Сколько стоит электрический чайник?", True),
        ("ru", "Можно ли вернуть чайник, если он не понравился?", False),  # the policy's question
        ("zh", "你们卖牛油果吗？", True),
        ("zh", "电热水壶不喜欢可以退吗？", False),
        ("ru", "Спасибо, всё понятно", False),
    ],
)
def test_which_questions_ask_about_products(lang: str, text: str, expected: bool) -> None:
    assert asks_about_products(text, lang) is expected


def test_the_noun_names_the_product_not_its_adjective() -> None:
    names = Catalogue().list_product_types()
    assert products_named("Подскажите цену на электрическую зубную щётку", names)[1] == ["Electric Toothbrush"]
    assert products_named("Сколько стоит электрический чайник?", names)[1] == ["Electric Kettle"]
    assert products_named("Сколько стоит Electric Kettle?", names)[1] == ["Electric Kettle"]  # the store's name


def test_a_kind_names_every_product_of_that_kind() -> None:
    names = Catalogue().list_product_types()
    assert products_named("Какие яблоки у вас есть?", names) == (
        "Apple",
        ["Golden Delicious Apple", "Granny Smith Apple", "Pink Lady Apple"],
    )
    said = product_answer("Какие яблоки у вас есть?", "ru", Catalogue())
    assert said == [
        "Apple: у нас есть Golden Delicious Apple, Granny Smith Apple, Pink Lady Apple. "
        "Спросите о любом — назову варианты и цены."
    ]


def test_options_prices_and_availability_in_the_customers_language() -> None:
    assert product_answer("你们卖牛油果吗？", "zh", Catalogue()) == ["Avocado有这些款式：pack 500 g：$1.94，有货。"]
    russian = product_answer("Сколько стоит электрическая зубная щётка?", "ru", Catalogue())
    assert russian == [
        "Электрическая зубная щётка (Electric Toothbrush) — варианты: цвет белый: $183.11, нет в наличии."
    ]
    many = product_answer("Какие рюкзаки у вас есть?", "ru", Catalogue())[0]
    assert many.count("$") == 6 and many.endswith("и ещё 3.")  # six options said, the rest counted


def test_no_answer_when_nothing_the_store_sells_is_named() -> None:
    assert product_answer("Сколько стоит доставка в Казань?", "ru", Catalogue()) == []
    assert product_answer("How much are the avocados?", "en", Catalogue()) == []  # English: the catalogue's articles


MOUSE = {
    "name": "Gaming Mouse",
    "variants": {
        str(i): _variant(str(8896479680 + i), 140.0 + i, i % 3 != 0, color=color, connectivity=link)
        for i, (color, link) in enumerate(
            [("white", "wireless"), ("black", "wireless"), ("black", "wired"), ("RGB", "wired"), ("white", "wired")]
        )
    },
}


class SpokenCatalogue(Catalogue):
    def list_product_types(self) -> dict[str, str]:
        return {**super().list_product_types(), "Gaming Mouse": "m"}

    def product_details(self, product_id: str) -> dict[str, Any] | None:
        return MOUSE if product_id == "m" else super().product_details(product_id)


def test_on_a_call_an_english_question_is_answered_from_the_store_as_a_summary_without_ids() -> None:
    # In chat the catalogue's own entry (the knowledge base) answers an English question; on a call the store does,
    # for the product of the entry that was found — and five options are more than a caller can take in.
    assert product_answer("Do you have any gaming mice?", "en", SpokenCatalogue(), False, ("Gaming Mouse",)) == []
    [said] = product_answer("Do you have any gaming mice?", "en", SpokenCatalogue(), True, ("Gaming Mouse",))
    assert said == (
        "Gaming Mouse comes in 5 options, from $140.00 to $144.00, 3 of them available: "
        "color white, black or RGB; connectivity wireless or wired."
    )
    assert "88964796" not in said


def test_on_a_call_the_options_the_caller_named_are_said_one_by_one() -> None:
    [said] = product_answer("Do you have the gaming mouse in black?", "en", SpokenCatalogue(), True, ("Gaming Mouse",))
    assert said.startswith("Gaming Mouse: color black, connectivity wireless: $141.00, available; color black")
    assert "white" not in said


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ru",
            "Есть ли у вас рюкзаки?",
            "Рюкзак (Backpack): вариантов — 9, цена от $100.00 до $108.00, в наличии — 9.",
        ),
        ("zh", "你们有背包吗？", "背包（Backpack）共有9款，价格$100.00至$108.00，其中9款有货"),
    ],
)
def test_a_spoken_summary_is_in_the_callers_language(lang: str, text: str, expected: str) -> None:
    [said] = product_answer(text, lang, Catalogue(), True)
    assert said.startswith(expected)


def test_the_engine_says_the_found_catalogue_entry_as_a_summary_on_a_call_and_quotes_it_in_chat() -> None:
    import asyncio

    from hotline.dialogue.engine import DialogueEngine, EngineConfig
    from hotline.kb.chunking import chunk_json
    from hotline.kb.documents import CATALOGUE_TITLE
    from hotline.ports import Passage, ReplyStyle, SentenceEvent
    from tests.unit.engine_rig import FixedRetriever

    [chunk] = chunk_json(json.dumps({"m": {**MOUSE, "product_id": "m"}}), max_chars=2_000, title=CATALOGUE_TITLE)
    entry = Passage("catalogue#0", CATALOGUE_TITLE, chunk.heading, chunk.text, 0.9)

    class Store(SpokenCatalogue):
        def order(self, order_id: str) -> None:
            return None

        def orders_for_email(self, email: str) -> list[Any]:
            return []

    engine = DialogueEngine(EngineConfig(company="Acme", source_first=True), None, FixedRetriever([entry]), Store())

    def said(spoken: bool) -> str:
        async def collect() -> list[object]:
            style = ReplyStyle(spoken=spoken)
            return [e async for e in engine.respond("c1", "Do you have any gaming mice?", [], style=style)]

        return " ".join(e.text for e in asyncio.run(collect()) if isinstance(e, SentenceEvent))

    assert "(item 8896479680)" in said(False)  # chat: the entry itself, ids a customer can pick from
    on_a_call = said(True)
    assert on_a_call.startswith("Gaming Mouse comes in 5 options") and "item" not in on_a_call
