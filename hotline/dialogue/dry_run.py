"""A plan's outcome before the customer says yes: the store's own policy code run on copies of the records.

The amounts a confirmation names (the refund, the price difference) are the ones the write will produce,
computed once, by the same function; a plan the policy would refuse (a gift card that does not cover the
difference, an item no longer available) is said at once instead of after the customer's yes.
"""

from __future__ import annotations

import copy
from typing import Any

from hotline.dialogue.flow_state import Store
from hotline.store import policy
from hotline.store.policy import PolicyViolation


def dry_run(store: Store, name: str, kwargs: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """(the result the write would return, "") or (None, why the policy refuses it)."""
    try:
        if name == "modify_user_address":
            user = store.user_details(str(kwargs.get("user_id", "")))
            if user is None:
                return None, "the account was not found"
            return policy.modify_user_address(copy.deepcopy(user), kwargs), ""
        order = store.order_details(str(kwargs.get("order_id", "")))
        if order is None:
            return None, f"order {kwargs.get('order_id')} was not found"
        user = store.user_details(order["user_id"]) or {}
        products = {
            item["product_id"]: product
            for item in order["items"]
            if (product := store.product_details(item["product_id"])) is not None
        }
        records = copy.deepcopy((order, user, products))  # whatever the store hands out is never changed
        return policy.apply(name, *records, kwargs), ""
    except PolicyViolation as violation:
        return None, str(violation)
    except (KeyError, TypeError) as error:
        return None, f"missing or malformed argument: {error}"
