"""What a simulated customer wants, read from a τ-bench task: who they are and the store writes they expect.

Each expected write becomes a Goal holding the facts a person would say (items by name and options, never
item ids; the payment method by kind or card digits; the address in words), derived from the store as it
was before the conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hotline.store.memory import MemoryStore
from hotline.store.policy import ADDRESS_FIELDS

_NAME_ZIP = re.compile(r"Your name is (\w[\w'-]*) ([\w'-]+) and your zip code is (\d{5})")
_EMAIL = re.compile(r"your email is ([\w.+-]+@[\w.-]+\w)")


@dataclass
class Identity:
    first: str
    last: str
    zip: str | None
    email: str | None


@dataclass
class ItemRef:
    name: str
    options: dict[str, str]
    ambiguous: bool  # another item of the same name in the order: options must be said
    new_options: dict[str, str] = field(default_factory=dict)  # for a change: what differs in the new variant


@dataclass
class Goal:
    name: str  # the τ-bench action
    kwargs: dict[str, Any]
    order_id: str
    order_items: list[ItemRef]  # the whole order, for "everything" / "everything except"
    items: list[ItemRef]  # the items acted on
    reason: str | None = None
    payment: dict[str, Any] | None = None  # the customer's payment method record
    payment_is_original: bool = False
    address: dict[str, str] | None = None
    old_address: dict[str, str] | None = None
    same_as: str | None = None  # "the same address as order #W…": another order of theirs that ships there


@dataclass
class Profile:
    task_index: int
    user_id: str
    identity: Identity
    goals: list[Goal]
    expected_actions: list[dict[str, Any]]
    pending_orders: list[str] = field(default_factory=list)  # the customer's pending orders before the call


def identity_of(task: dict[str, Any], store: MemoryStore) -> Identity:
    user = store.users[task["user_id"]]
    first, last = user["name"]["first_name"], user["name"]["last_name"]
    email = m.group(1) if (m := _EMAIL.search(task["instruction"])) else None
    zip_code = m.group(3) if (m := _NAME_ZIP.search(task["instruction"])) else None
    if email is None and zip_code is None:
        zip_code = user["address"]["zip"]
    return Identity(first, last, zip_code, email)


def _item_refs(order: dict[str, Any], item_ids: list[str]) -> list[ItemRef]:
    names = [i["name"] for i in order["items"]]
    refs, pool = [], list(order["items"])
    for item_id in item_ids:
        item = next(i for i in pool if i["item_id"] == item_id)
        pool.remove(item)
        refs.append(ItemRef(item["name"], dict(item["options"]), names.count(item["name"]) > 1))
    return refs


def goals_of(task: dict[str, Any], store: MemoryStore) -> Profile:
    user = store.users[task["user_id"]]
    goals = []
    for action in task["actions"]:
        kwargs = action["kwargs"]
        order = store.orders.get(kwargs.get("order_id", ""))
        if order is None:
            continue
        all_refs = _item_refs(order, [i["item_id"] for i in order["items"]])
        goal = Goal(action["name"], kwargs, order["order_id"], all_refs, [])
        if "item_ids" in kwargs:
            goal.items = _item_refs(order, list(kwargs["item_ids"]))
        if "new_item_ids" in kwargs:
            for ref, item_id, new_id in zip(goal.items, kwargs["item_ids"], kwargs["new_item_ids"], strict=True):
                item = next(i for i in order["items"] if i["item_id"] == item_id)
                variant = store.products[item["product_id"]]["variants"][new_id]
                ref.new_options = {k: v for k, v in variant["options"].items() if item["options"].get(k) != v}
        if "reason" in kwargs:
            goal.reason = kwargs["reason"]
        if "payment_method_id" in kwargs:
            goal.payment = user["payment_methods"].get(kwargs["payment_method_id"])
            goal.payment_is_original = order["payment_history"][0]["payment_method_id"] == kwargs["payment_method_id"]
        if action["name"] == "modify_pending_order_address":
            goal.address = {k: kwargs[k] for k in ADDRESS_FIELDS}
            goal.old_address = dict(order["address"])
            hint = re.search(
                rf"{re.escape(order['order_id'])}, change address to \{{[^}}]*\}} \(same as (#W\d+)\)",
                task["instruction"],
            )
            goal.same_as = hint.group(1) if hint else None
        goals.append(goal)
    pending = [o for o in user["orders"] if store.orders.get(o, {}).get("status") == "pending"]
    return Profile(0, task["user_id"], identity_of(task, store), goals, task["actions"], pending)
