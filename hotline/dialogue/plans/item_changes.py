"""Items of an order for other variants: a pending order's items changed, a delivered order's exchanged (which
of the two, the registry decides by the order's status). Which items, which new option, and the method that
pays or receives the difference."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.addresses import payment_method_in
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.flow_state import FlowReply, FlowState, Store
from hotline.dialogue.flow_wording import describe_method, money
from hotline.dialogue.order_items import clauses_about, match_items, options_of, tied_items, unnamed_changes
from hotline.dialogue.plans.common import ask, ask_which_item, in_order
from hotline.dialogue.variants import resolve_variant
from hotline.store.actions import Action
from hotline.store.catalog_names import shown_name, shown_option, shown_value


def plan(store: Store, action: Action, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
    text = state.slots.get("change_text", "")
    item_ids = in_order(state.slots.get("item_ids"), order) or match_items(text, order)
    if not item_ids:  # "change the deck material to bamboo": the one item that has such an option
        item_ids = [one] if (one := _the_one_fitting(store, [(i, text) for i in order["items"]])) else []
    unnamed = _found_by_options(store, order, text, item_ids) if item_ids else {}
    item_ids = [*item_ids, *unnamed, *_told_apart(store, order, text, [*item_ids, *unnamed])]
    if not item_ids:
        return FlowReply(phrase(state.lang, "which_item_change", order_id=order["order_id"]))
    if (which := ask_which_item(state, order, item_ids)) is not None:
        return which
    changes: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for item_id in item_ids:
        item = next(i for i in order["items"] if i["item_id"] == item_id)
        product = store.product_details(item["product_id"]) or {"variants": {}}
        shown = shown_name(item["name"], state.lang)
        said = unnamed.get(item_id) or clauses_about(item, text, order["items"])
        new = resolve_variant(item, product, said)
        if new is None and (wanted := resolve_variant(item, product, said, in_stock_only=False)) is not None:
            differing = [str(v) for k, v in wanted["options"].items() if item["options"].get(k) != v]
            asked = [v for v in differing if v.lower() in said.lower()] or differing  # what was asked
            values = ", ".join(shown_value(v, state.lang) for v in asked)
            if state.slots.get("fallback"):  # "if that isn't available, cancel the order": the flow takes it
                state.slots["item_ids"] = item_ids
                state.slots["unavailable"] = (shown, values or options_of(wanted, state.lang))
                return FlowReply("")
            options = _other_options(item, product, state)
            return FlowReply(phrase(state.lang, "option_unavailable", item=shown, wanted=values, options=options))
        if new is None:
            return FlowReply(
                phrase(state.lang, "which_option", item=shown, options=_other_options(item, product, state))
            )
        changes.append((item, new))
    methods = user.get("payment_methods", {})
    method = (
        state.slots.get("pay_with_id")
        or payment_method_in(text, methods)  # the whole request, read again now that the account is known
        or next((m for m, d in methods.items() if d["source"] == state.slots.get("pay_with")), None)
    )
    if method is None:  # the policy: the customer names the method that pays or receives the difference
        described = listing(state.lang, [describe_method(d, state.lang) for d in methods.values()])
        return FlowReply(phrase(state.lang, "which_difference_method", methods=described))

    def summary(result: dict[str, Any], lang: str) -> str:
        described = "; ".join(
            phrase(
                lang,
                "item_for",
                old=f"{shown_name(item['name'], lang)} {options_of(item, lang)}",
                new=options_of(new, lang),
            )
            for item, new in changes
        )
        what = phrase(lang, "exchange_in" if action.status == "delivered" else "change_in", order_id=order["order_id"])
        difference = float(result["price_difference"])  # what the write will charge or refund
        if abs(difference) < 0.005:  # the same variant again, or one at the same price: no money moves
            return phrase(lang, "items_summary_same_price", what=what, changes=described)
        if difference > 0:
            settled = phrase(lang, "you_pay", amount=money(difference))
        else:
            settled = phrase(lang, "you_get_back", amount=money(abs(difference)))  # never "$-0.00"
        return phrase(
            lang,
            "items_summary",
            what=what,
            changes=described,
            money=settled,
            method=describe_method(methods[method], lang) if method in methods else method.replace("_", " "),
        )

    kwargs = {
        "order_id": order["order_id"],
        "item_ids": [i["item_id"] for i, _ in changes],
        "new_item_ids": [n["item_id"] for _, n in changes],
        "payment_method_id": method,
    }
    return ask(store, state, action.name, kwargs, summary)


def _found_by_options(store: Store, order: dict[str, Any], text: str, chosen: list[str]) -> dict[str, str]:
    """Items the customer changes without a name the order knows ("把拉杆箱套装换成softshell" beside "把哑铃换成…"):
    each such part of the request goes to the one other item of the order that has the values it names (None of
    them, or two: the part is left out, as before). Item id -> the part that describes its new variant."""
    found: dict[str, str] = {}
    for part in unnamed_changes(text, order["items"]):
        others = [i for i in order["items"] if i["item_id"] not in chosen and i["item_id"] not in found]
        if one := _the_one_fitting(store, [(i, part) for i in others], in_stock_only=False):
            found[one] = part
    return found


def _told_apart(store: Store, order: dict[str, Any], text: str, chosen: list[str]) -> list[str]:
    """Of items named only by a word their products share ("the camera, but 5x" with an action and a digital
    camera in the order), the one whose product has what the customer wants it to become; none when both or
    neither have it (the flow then asks which)."""
    found: list[str] = []
    for group in tied_items(text, order["items"]):
        if any(i["item_id"] in chosen for i in group):
            continue
        described = [(i, clauses_about(i, text, order["items"])) for i in group]
        if one := _the_one_fitting(store, described, in_stock_only=False):
            found.append(one)
    return found


def _the_one_fitting(
    store: Store, described: list[tuple[dict[str, Any], str]], in_stock_only: bool = True
) -> str | None:
    """Of (item, what is said of it) pairs, the id of the one item whose product has the variant said; None for
    none or two."""
    fitting = [
        i["item_id"]
        for i, said in described
        if resolve_variant(i, store.product_details(i["product_id"]) or {"variants": {}}, said, in_stock_only)
    ]
    return fitting[0] if len(fitting) == 1 else None


def _other_options(item: dict[str, Any], product: dict[str, Any], state: FlowState) -> str:
    options = sorted(
        {
            shown_option(k, v, state.lang)
            for variant in product["variants"].values()
            if variant["available"]
            for k, v in variant["options"].items()
            if item["options"].get(k) != v
        }
    )[:8]
    return listing(state.lang, options)
