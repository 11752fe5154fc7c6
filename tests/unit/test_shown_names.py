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
