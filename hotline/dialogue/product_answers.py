"""A question about what the store sells, answered from the store, in the customer's language.

"Сколько стоят беспроводные наушники?", "你们卖牛油果吗？": the product words are marked with the catalogue's
English names (``catalog_terms.annotate``: the store's products and the grocery department's kinds), the products
they name are read from the store, and code writes their options, prices and availability in the customer's
language (the packs' ``product_*`` phrases; names and option values as the store keeps them). Only a question
that asks about products (the pack's ``product_question`` words) and is not about the policy (``policy_topic``:
returns, delivery…) is answered so; "можно ли вернуть чайник?" stays with the help centre. An English question
is answered by the catalogue's own entries in the knowledge base, as before — in chat.

On a call (``spoken``) a caller cannot scan a list, and ids are no use to an ear: an English question is answered
from the store too (the product of the catalogue entry the knowledge base found), and a product with more than
``MAX_SAID`` options — of those the caller named ("the black one"), else all — is summarised: how many, the price
range, how many are available, and each option that varies with its values ("color white or black").
"""

from __future__ import annotations

import re
from typing import Any, Protocol, runtime_checkable

from hotline.dialogue.catalog_terms import annotate, in_catalogue_terms_language
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.flow_wording import money
from hotline.dialogue.grounding import mentions
from hotline.dialogue.variants import says_value
from hotline.languages import pack
from hotline.store.catalog_names import shown_choice, shown_name, shown_option, shown_option_name

_MARKED = re.compile(r"\[([^\]]+)\]")
MAX_DESCRIBED = 2  # products described in full; more are listed by name
MAX_LISTED = 8
MAX_VARIANTS = 6  # a product's options said; the rest counted
MAX_SAID = 3  # on a call: a product's options said one by one; more are summarised


@runtime_checkable
class ProductCatalogue(Protocol):
    """The store's products as this module reads them (store/service.py's StoreService)."""

    def list_product_types(self) -> dict[str, str]: ...  # name -> product id

    def product_details(self, product_id: str) -> dict[str, Any] | None: ...


def asks_about_products(text: str, lang: str) -> bool:
    language = pack(lang)
    return mentions(text, language.product_question) and not mentions(text, language.policy_topic)


def products_named(text: str, names: dict[str, str]) -> tuple[str, list[str]]:
    """The term the customer used (a product's or a kind's English name) and the store's products it names, by
    name: "[Avocado]" -> ("Avocado", ["Avocado"]); "[Apple]" -> ("Apple", ["Golden Delicious Apple", …])."""
    if not in_catalogue_terms_language(text):
        return "", []  # English: the catalogue's own entries in the knowledge base answer (kb/chunking.py)
    lowered = text.lower()
    marked = _MARKED.findall(annotate(text)) + [name for name in names if name.lower() in lowered]  # "Desk Lamp"
    # the term marked most often, the last one on a tie: "электрическую [Electric Kettle] зубную [Electric
    # Toothbrush] щётку [Electric Toothbrush]" names a toothbrush (the noun comes after its adjectives)
    for term in sorted(dict.fromkeys(reversed(marked)), key=marked.count, reverse=True):
        if term in names:
            return term, [term]
        kind = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        found = sorted(name for name in names if kind.search(name))
        if found:
            return term, found
    return "", []


def product_sentences(lang: str, product: dict[str, Any], chosen: list[dict[str, Any]] | None = None) -> str:
    """The product's options (``chosen``, default all), each with its price and availability."""
    variants = []
    every = list(product.get("variants", {}).values()) if chosen is None else chosen
    for variant in every[:MAX_VARIANTS]:
        options = ", ".join(shown_option(k, v, lang) for k, v in variant.get("options", {}).items())
        available = phrase(lang, "product_available" if variant.get("available") else "product_out_of_stock")
        variants.append(
            phrase(
                lang, "product_variant", options=options, price=money(variant.get("price", 0.0)), availability=available
            )
        )
    if len(every) > MAX_VARIANTS:
        variants.append(phrase(lang, "product_more", count=len(every) - MAX_VARIANTS))
    return phrase(
        lang,
        "product_options",
        name=_capitalised(product["name"], lang),
        variants=phrase(lang, "product_separator").join(variants),
    )


def _capitalised(name: str, lang: str) -> str:
    shown = shown_name(name, lang)
    return shown[:1].upper() + shown[1:]


def named_variants(text: str, variants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The options matching most of the values the caller named ("a black wireless one", "чёрную", "黑色的": the
    store's values as ``annotate`` marks them); all when none is named."""
    marked = annotate(text)
    lowered = marked.lower()

    def named(variant: dict[str, Any]) -> int:
        options = variant.get("options", {}).items()
        return sum(says_value(marked, lowered, str(value).lower(), key.lower()) for key, value in options)

    best = max(map(named, variants), default=0)
    return [v for v in variants if named(v) == best] if best else variants


def _alternatives(lang: str, values: list[str]) -> str:
    """ "white, black or red", "белый, чёрный или красный", "白色、黑色或红色"."""
    if len(values) < 2:
        return "".join(values)
    return phrase(lang, "product_or", first=listing(lang, values[:-1]), last=values[-1])


def spoken_product(lang: str, product: dict[str, Any], text: str) -> str:
    """A product said on a call: its options one by one when few (of those the caller named), else a summary."""
    chosen = named_variants(text, list(product.get("variants", {}).values()))
    if len(chosen) <= MAX_SAID:
        return product_sentences(lang, product, chosen)
    choices = []
    for key in dict.fromkeys(k for variant in chosen for k in variant.get("options", {})):
        values = list(dict.fromkeys(str(v["options"][key]) for v in chosen if key in v.get("options", {})))
        if len(values) > 1:  # the same in every option is no choice
            said = [shown_choice(key, value, lang) for value in values]
            choices.append(
                phrase(lang, "product_choice", option=shown_option_name(key, lang), values=_alternatives(lang, said))
            )
    prices = [float(v.get("price", 0.0)) for v in chosen]
    low, high = min(prices), max(prices)
    return phrase(
        lang,
        "product_summary",
        name=_capitalised(product["name"], lang),
        count=len(chosen),
        price=money(low) if low == high else phrase(lang, "product_price_range", low=money(low), high=money(high)),
        available=sum(bool(v.get("available")) for v in chosen),
        choices=phrase(lang, "product_separator").join(choices),
    )


def product_answer(
    text: str, lang: str, catalogue: ProductCatalogue, spoken: bool = False, found_entries: tuple[str, ...] = ()
) -> list[str]:
    """Sentences answering a question about products, or none when it is not one (or names none the store has).
    ``found_entries``: the catalogue entries' product names the knowledge base found for it, best first — what an
    English question names (on a call; in chat those entries answer it themselves)."""
    if not asks_about_products(text, lang):
        return []
    names = catalogue.list_product_types()
    term, found = products_named(text, names)
    if not found and spoken:
        found = [name for name in found_entries[:1] if name in names]
    if not found:
        return []
    if len(found) > MAX_DESCRIBED:
        return [phrase(lang, "product_kinds", kind=term, names=listing(lang, found[:MAX_LISTED]))]
    details = [catalogue.product_details(names[name]) for name in found]
    if spoken:
        return [spoken_product(lang, d, text) for d in details if d]
    return [product_sentences(lang, d) for d in details if d]
