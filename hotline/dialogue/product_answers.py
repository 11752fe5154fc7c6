"""A question about what the store sells, answered from the store, in the customer's language.

"Сколько стоят беспроводные наушники?", "你们卖牛油果吗？": the product words are marked with the catalogue's
English names (``catalog_terms.annotate``: the store's products and the grocery department's kinds), the products
they name are read from the store, and code writes their options, prices and availability in the customer's
language (the packs' ``product_*`` phrases; names and option values as the store keeps them). Only a question
that asks about products (the pack's ``product_question`` words) and is not about the policy (``policy_topic``:
returns, delivery…) is answered so; "можно ли вернуть чайник?" stays with the help centre. An English question
is answered by the catalogue's own entries in the knowledge base, as before.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, runtime_checkable

from hotline.dialogue.catalog_terms import annotate, in_catalogue_terms_language
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.flow_wording import money
from hotline.dialogue.grounding import mentions
from hotline.languages import pack
from hotline.store.catalog_names import shown_name, shown_option

_MARKED = re.compile(r"\[([^\]]+)\]")
MAX_DESCRIBED = 2  # products described in full; more are listed by name
MAX_LISTED = 8
MAX_VARIANTS = 6  # a product's options said; the rest counted


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


def product_sentences(lang: str, product: dict[str, Any]) -> str:
    variants = []
    every = list(product.get("variants", {}).values())
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
    shown = shown_name(product["name"], lang)
    return phrase(
        lang,
        "product_options",
        name=shown[:1].upper() + shown[1:],
        variants=phrase(lang, "product_separator").join(variants),
    )


def product_answer(text: str, lang: str, catalogue: ProductCatalogue) -> list[str]:
    """Sentences answering a question about products, or none when it is not one (or names none the store has)."""
    if not asks_about_products(text, lang):
        return []
    names = catalogue.list_product_types()
    term, found = products_named(text, names)
    if not found:
        return []
    if len(found) > MAX_DESCRIBED:
        return [phrase(lang, "product_kinds", kind=term, names=listing(lang, found[:MAX_LISTED]))]
    details = [catalogue.product_details(names[name]) for name in found]
    return [product_sentences(lang, d) for d in details if d]
