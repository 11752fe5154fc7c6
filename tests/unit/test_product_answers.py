"""A question about what the store sells, in Russian or Chinese, answered from the store in that language."""

from __future__ import annotations

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
