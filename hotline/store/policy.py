"""The demo store's write operations as pure functions over its data, enforcing retail_wiki.md's rules.

Each function takes the records it needs (plain dicts in the store's JSON shape), changes them in place
and returns a short result, or raises ``PolicyViolation`` with a reason the bot can say to the customer.
The effects follow τ-bench's retail tools, so a store state reached through Hotline can be compared with
the state τ-bench's expected actions produce.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

Record = dict[str, Any]
CANCEL_REASONS = ("no longer needed", "ordered by mistake")
ADDRESS_FIELDS = ("address1", "address2", "city", "state", "country", "zip")


class PolicyViolation(ValueError):
    """The request breaks a store rule; ``str(error)`` explains which in English, and ``code`` + ``values`` let
    the language packs (``policy_reasons``) say it in the customer's language."""

    def __init__(self, message: str, code: str = "other", **values: Any) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


def _require_status(order: Record, status: str, action: str) -> None:
    if order["status"] != status:
        raise PolicyViolation(
            f"order {order['order_id']} is '{order['status']}'; only a '{status}' order can be {action}",
            "wrong_status",
            order_id=order["order_id"],
            status=order["status"],
            required=status,
        )


def _require_items(order: Record, item_ids: list[str]) -> None:
    if not item_ids:
        raise PolicyViolation("no items were named", "no_items")
    have = Counter(item["item_id"] for item in order["items"])
    for item_id, count in Counter(item_ids).items():
        if count > have[item_id]:
            raise PolicyViolation(
                f"item {item_id} is not in order {order['order_id']}",
                "item_not_in_order",
                item_id=item_id,
                order_id=order["order_id"],
            )


def _payment_method(user: Record, payment_method_id: str) -> Record:
    method = user["payment_methods"].get(payment_method_id)
    if method is None:
        raise PolicyViolation(
            f"payment method {payment_method_id} is not one of the customer's",
            "unknown_payment",
            method=payment_method_id,
        )
    return method


def _round(value: float) -> float:
    return round(value + 0.0, 2)


def _price_difference(order: Record, product: dict[str, Record], item_ids: list[str], new_item_ids: list[str]) -> float:
    if len(item_ids) != len(new_item_ids):
        raise PolicyViolation("each item needs exactly one replacement", "replacement_count")
    difference = 0.0
    remaining = list(order["items"])
    for item_id, new_item_id in zip(item_ids, new_item_ids, strict=True):
        item = next(i for i in remaining if i["item_id"] == item_id)
        remaining.remove(item)
        variants = product[item["product_id"]]["variants"]
        new = variants.get(new_item_id)
        if new is None:
            raise PolicyViolation(
                f"item {new_item_id} is not a {item['name']}: "
                "an item can only change to another option of the same product",
                "other_product",
                name=item["name"],
            )
        if not new["available"]:
            raise PolicyViolation(
                f"item {new_item_id} ({item['name']}) is not available",
                "unavailable",
                item_id=new_item_id,
                name=item["name"],
            )
        difference += new["price"] - item["price"]
    return _round(difference)


def _check_gift_card(method: Record, amount: float, what: str) -> None:
    """``what``: "total" (the order's) or "difference" (an exchange's price difference)."""
    if method["source"] == "gift_card" and method.get("balance", 0.0) < amount:
        balance = method.get("balance", 0.0)
        covered = "order total" if what == "total" else "price difference"
        raise PolicyViolation(
            f"the gift card balance ({balance:.2f}) does not cover the {covered} ({amount:.2f})",
            f"gift_card_short_{what}",
            balance=f"${balance:,.2f}",
            amount=f"${amount:,.2f}",
        )


def _item_change(
    order: Record,
    user: Record,
    products: dict[str, Record],
    status: str,
    action: str,
    item_ids: list[str],
    new_item_ids: list[str],
    payment_method_id: str,
) -> tuple[float, Record]:
    """The checks a pending item change and a delivered exchange share; the price difference and the method."""
    _require_status(order, status, action)
    _require_items(order, item_ids)
    difference = _price_difference(order, products, item_ids, new_item_ids)
    method = _payment_method(user, payment_method_id)
    _check_gift_card(method, difference, "difference")
    return difference, method


def cancel_pending_order(order: Record, user: Record, reason: str) -> Record:
    _require_status(order, "pending", "cancelled")
    if reason not in CANCEL_REASONS:
        raise PolicyViolation("the reason must be 'no longer needed' or 'ordered by mistake'", "cancel_reason")
    refunds = []
    for payment in order["payment_history"]:
        refunds.append(
            {
                "transaction_type": "refund",
                "amount": payment["amount"],
                "payment_method_id": payment["payment_method_id"],
            }
        )
        if "gift_card" in payment["payment_method_id"]:  # gift cards are refunded at once
            method = user["payment_methods"][payment["payment_method_id"]]
            method["balance"] = _round(method["balance"] + payment["amount"])
    order["status"] = "cancelled"
    order["cancel_reason"] = reason
    order["payment_history"].extend(refunds)
    return {"status": "cancelled", "refunded": _round(sum(r["amount"] for r in refunds))}


def modify_pending_order_address(order: Record, address: Record) -> Record:
    _require_status(order, "pending", "modified")
    order["address"] = {field: address.get(field, "") for field in ADDRESS_FIELDS}
    return {"status": order["status"], "address": order["address"]}


def modify_pending_order_payment(order: Record, user: Record, payment_method_id: str) -> Record:
    _require_status(order, "pending", "modified")
    method = _payment_method(user, payment_method_id)
    history = order["payment_history"]
    if len(history) != 1 or history[0]["transaction_type"] != "payment":
        raise PolicyViolation("the payment of this order was already changed", "payment_changed_before")
    old_id = history[0]["payment_method_id"]
    if old_id == payment_method_id:
        raise PolicyViolation("that is already the order's payment method", "same_payment")
    amount = history[0]["amount"]
    _check_gift_card(method, amount, "total")
    history.extend(
        [
            {"transaction_type": "payment", "amount": amount, "payment_method_id": payment_method_id},
            {"transaction_type": "refund", "amount": amount, "payment_method_id": old_id},
        ]
    )
    if method["source"] == "gift_card":
        method["balance"] = _round(method["balance"] - amount)
    if "gift_card" in old_id:
        old = user["payment_methods"][old_id]
        old["balance"] = _round(old["balance"] + amount)
    return {"status": order["status"], "payment_method_id": payment_method_id, "amount": amount}


def modify_pending_order_items(
    order: Record,
    user: Record,
    products: dict[str, Record],
    item_ids: list[str],
    new_item_ids: list[str],
    payment_method_id: str,
) -> Record:
    # 'pending (item modified)' fails the status check: items change only once
    difference, method = _item_change(
        order, user, products, "pending", "modified", item_ids, new_item_ids, payment_method_id
    )
    order["payment_history"].append(
        {
            "transaction_type": "payment" if difference > 0 else "refund",
            "amount": abs(difference),
            "payment_method_id": payment_method_id,
        }
    )
    if method["source"] == "gift_card":
        method["balance"] = _round(method["balance"] - difference)
    for item_id, new_item_id in zip(item_ids, new_item_ids, strict=True):
        item = next(i for i in order["items"] if i["item_id"] == item_id)
        variant = products[item["product_id"]]["variants"][new_item_id]
        item.update(item_id=new_item_id, price=variant["price"], options=variant["options"])
    order["status"] = "pending (item modified)"
    return {"status": order["status"], "price_difference": difference}


def return_delivered_order_items(order: Record, user: Record, item_ids: list[str], payment_method_id: str) -> Record:
    _require_status(order, "delivered", "returned")
    _payment_method(user, payment_method_id)
    original = order["payment_history"][0]["payment_method_id"]
    if "gift_card" not in payment_method_id and payment_method_id != original:
        raise PolicyViolation(
            "a refund goes to the original payment method or to an existing gift card", "refund_destination"
        )
    _require_items(order, item_ids)
    order["status"] = "return requested"
    order["return_items"] = sorted(item_ids)
    order["return_payment_method_id"] = payment_method_id
    refund = _round(sum(next(i["price"] for i in order["items"] if i["item_id"] == x) for x in item_ids))
    return {"status": order["status"], "refund": refund}


def exchange_delivered_order_items(
    order: Record,
    user: Record,
    products: dict[str, Record],
    item_ids: list[str],
    new_item_ids: list[str],
    payment_method_id: str,
) -> Record:
    difference, _ = _item_change(
        order, user, products, "delivered", "exchanged", item_ids, new_item_ids, payment_method_id
    )
    order["status"] = "exchange requested"
    order["exchange_items"] = sorted(item_ids)
    order["exchange_new_items"] = sorted(new_item_ids)
    order["exchange_payment_method_id"] = payment_method_id
    order["exchange_price_difference"] = difference
    return {"status": order["status"], "price_difference": difference}


def modify_user_address(user: Record, address: Record) -> Record:
    user["address"] = {field: address.get(field, "") for field in ADDRESS_FIELDS}
    return {"address": user["address"]}
