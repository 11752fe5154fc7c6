"""A plan's outcome before the customer says yes: the store's own policy code run on copies of the records.

The amounts a confirmation names (the refund, the price difference) are the ones the write will produce,
computed once, by the same function; a plan the policy would refuse (a gift card that does not cover the
difference, an item no longer available) is said at once instead of after the customer's yes.
"""

from __future__ import annotations

import copy
from typing import Any

from hotline.dialogue.flow_state import Store
from hotline.store import actions
from hotline.store.policy import PolicyViolation


def dry_run(store: Store, name: str, kwargs: dict[str, Any]) -> tuple[dict[str, Any] | None, PolicyViolation | None]:
    """(the result the write would return, None) or (None, why the policy refuses it: a code the language packs
    word in the customer's language, with its values)."""
    try:
        if actions.ACTIONS[name].status is None:  # an action on the account
            user = store.user_details(str(kwargs.get("user_id", "")))
            if user is None:
                return None, PolicyViolation("the account was not found", "user_not_found")
            return actions.apply(name, {}, copy.deepcopy(user), {}, kwargs), None
        order = store.order_details(str(kwargs.get("order_id", "")))
        if order is None:
            order_id = kwargs.get("order_id")
            return None, PolicyViolation(f"order {order_id} was not found", "order_not_found", order_id=order_id)
        user = store.user_details(order["user_id"]) or {}
        products = {
            item["product_id"]: product
            for item in order["items"]
            if (product := store.product_details(item["product_id"])) is not None
        }
        records = copy.deepcopy((order, user, products))  # whatever the store hands out is never changed
        return actions.apply(name, *records, kwargs), None
    except PolicyViolation as violation:
        return None, violation
    except (KeyError, TypeError) as error:
        return None, PolicyViolation(f"missing or malformed argument: {error}", "malformed")
