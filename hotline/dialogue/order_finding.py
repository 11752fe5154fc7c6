"""Which of the customer's own orders a request is about, when no order id was said: by what is in it, by the
digits it ends with, by the photo, or the only one the request can act on (the statuses come from the action
registry); and the choices to offer when it is not clear."""

from __future__ import annotations

from typing import Any

from hotline.dialogue.flow_phrases import listing, phrase, status_word
from hotline.dialogue.flow_state import FlowState, Store
from hotline.dialogue.message_reading import ALL_ORDERS, DELIVERED_WORDS, ENDS_WITH, PENDING_WORDS
from hotline.dialogue.order_items import match_items
from hotline.store.actions import statuses_for
from hotline.store.catalog_names import shown_name


def orders_of(store: Store, user: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in (store.order_details(i) for i in user.get("orders", [])) if o is not None]


def statuses_acted_on(state: FlowState) -> set[str]:
    """Which orders a described order is looked for among: those in a status the request can act on; a
    "change" is of a pending or a delivered order, unless the customer said which."""
    statuses = statuses_for(state.flow or "")
    if len(statuses) > 1:
        said = state.slots.get("flow_text", "")
        if PENDING_WORDS.search(said) and "pending" in statuses:
            return {"pending"}
        if DELIVERED_WORDS.search(said) and "delivered" in statuses:
            return {"delivered"}
    return statuses


def order_from_description(store: Store, state: FlowState, user: dict[str, Any]) -> str | None:
    """ "the one ending in 66", "my tea kettle order": the one order of this customer that fits."""
    text = state.slots.get("last_text", "")
    orders = orders_of(store, user)
    if match := ENDS_WITH.search(text):
        fitting = [o["order_id"] for o in orders if o["order_id"].endswith(match.group(1))]
        return fitting[0] if len(fitting) == 1 else None
    statuses = statuses_acted_on(state)
    candidates = [o for o in orders if o["status"] in statuses]
    if state.flow == "cancel" and ALL_ORDERS.search(state.slots.get("flow_text", "")) and len(candidates) > 1:
        queue = [o["order_id"] for o in candidates]  # "cancel all my pending orders": one plan each, in turn
        state.slots["queue"] = queue[1:]
        return queue[0]
    for said in (text, state.slots.get("flow_text", "")):  # this message first, then the whole request
        fitting = [o["order_id"] for o in candidates if match_items(said, o)]
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            return None
    if len(candidates) == 1 and not ENDS_WITH.search(state.slots.get("flow_text", "")):
        return str(candidates[0]["order_id"])  # the only order it can be: the plan names it for the yes
    return None


def order_from_photos(store: Store, state: FlowState, user: dict[str, Any]) -> str | None:
    """The one order of this customer holding the product their photo shows (and those items)."""
    if not state.photo_products:
        return None
    shown = " ".join(state.photo_products)
    statuses = statuses_acted_on(state)
    fitting = [
        (o, items) for o in orders_of(store, user) if o["status"] in statuses and (items := match_items(shown, o))
    ]
    if len(fitting) != 1:
        return None
    return str(fitting[0][0]["order_id"])


def items_from_photos(state: FlowState, order: dict[str, Any]) -> None:
    """A return or exchange whose items are not named yet takes the items of ``order`` the customer's photos show,
    however the order was found (shown, described, or the only one it can be)."""
    if not state.photo_products or state.flow not in ("return", "change") or "item_ids" in state.slots:
        return
    shown = " ".join(state.photo_products)
    if items := match_items(shown, order):
        state.slots["item_ids"] = items
        state.slots["items_text"] = shown


def order_choices(store: Store, state: FlowState, user: dict[str, Any]) -> str:
    """The customer's orders this request can be about, with what is in them, so they can tell them apart."""
    statuses = statuses_acted_on(state)
    orders = [o for o in orders_of(store, user) if o["status"] in statuses] or orders_of(store, user)
    described = [
        f"{o['order_id']} ({status_word(state.lang, o['status'])}: "
        f"{', '.join(shown_name(i['name'], state.lang) for i in o['items'])})"
        for o in orders
    ]
    return listing(state.lang, described) or phrase(state.lang, "no_orders")
