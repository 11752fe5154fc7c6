"""Products and their options named in the customer's language, and every shown word read back."""

import pytest

from hotline.dialogue.catalog_terms import annotate
from hotline.store.catalog_names import OPTION_VALUES, SHOWN_VALUES, shown_option, shown_options, shown_value


@pytest.mark.parametrize(
    ("lang", "options", "expected"),
    [
        ("en", {"color": "black", "material": "leather", "size": "9"}, "black, leather, 9"),
        ("ru", {"color": "black", "material": "leather", "size": "9"}, "чёрный, кожа, 9"),
        ("zh", {"color": "black", "material": "leather", "size": "9"}, "黑色、皮质、9"),
        ("ru", {"pack": "500 g", "color": "drip"}, "500 g, drip"),  # no name known: the store's own value
    ],
)
def test_an_items_options_are_said_in_the_customers_language(lang: str, options: dict[str, str], expected: str) -> None:
    assert shown_options(options, lang) == expected


def test_an_offered_option_keeps_its_name_in_each_language() -> None:
    assert shown_option("color", "red", "en") == "color red"
    assert shown_option("color", "red", "ru") == "цвет красный"
    assert shown_option("material", "leather", "zh") == "材质 皮质"
    assert shown_option("pack", "500 g", "zh") == "pack 500 g"


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_shown_value_is_understood_when_the_customer_says_it_back(lang: str) -> None:
    """A customer who answers "which option?" with the bot's own word is read as the store's value."""
    for value in sorted({*SHOWN_VALUES, *OPTION_VALUES}):
        said = shown_value(value, lang)
        if said == value:
            continue  # said as the store says it
        read = annotate(f"хочу {said}" if lang == "ru" else f"我要{said}")
        same = {v for v in {*SHOWN_VALUES, *OPTION_VALUES} if shown_value(v, lang) == said}  # "gray" and "grey"
        assert any(f"[{v}]" in read for v in same), (value, said, read)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("could I trade the headphones I got for a speaker?", "item", "could I trade the item I got for a item?"),
        ("Can I swap a T-shirt for a pair of shoes?", "item", "Can I swap a item for a pair of item?"),
        ("How long until I get my refund?", "item", "How long until I get my refund?"),
        ("can I set up a watch list?", "item", "can I set up a watch list?"),  # everyday words stay
        ("Можно поменять куртку на лампу?", "товар", "Можно поменять товар на товар?"),
        ("хочу красную куртку", "товар", "хочу красную товар"),  # an option value is not a product
        ("买的耳机能换成音箱吗？", "商品", "买的商品能换成商品吗？"),
    ],
)
def test_products_named_in_a_question_become_the_help_centres_word(text: str, word: str, expected: str) -> None:
    from hotline.dialogue.catalog_terms import generic_products

    assert generic_products(text, word) == expected


def test_a_yes_no_or_none_option_is_said_with_what_it_is_about() -> None:
    boots = {"size": "7", "material": "leather", "waterproof": "no"}
    assert shown_options(boots, "ru") == "7, кожа, не водонепроницаемые"
    assert shown_options(boots, "zh") == "7、皮质、不防水"
    assert shown_option("backlight", "none", "ru") == "без подсветки"
    assert shown_options(boots, "en") == "7, leather, not waterproof"
    assert shown_option("armrest", "none", "en") == "no armrests"


@pytest.mark.parametrize(
    ("said", "key", "value"),
    [
        ("the waterproof ones, size 8", "waterproof", "yes"),
        ("8, leather, not waterproof", "waterproof", "no"),
        ("a water-resistant one", "water resistance", "yes"),
        ("not water-resistant", "water resistance", "no"),
    ],
)
def test_the_words_shown_for_a_yes_or_no_option_are_read_back(said: str, key: str, value: str) -> None:
    from hotline.dialogue.variants import says_value

    assert says_value(said, said.lower(), value, key)
    assert not says_value(said, said.lower(), "no" if value == "yes" else "yes", key)
