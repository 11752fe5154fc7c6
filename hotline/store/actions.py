"""The store's write actions as data: one entry each.

An entry says what the action acts on (an order in one status, or the account), which request of a customer
it answers, the arguments it needs, the policy function that runs it (the same for the store, the in-memory
store of the simulations and the dry run behind every confirmation) and the phrase keys that word it in the
language packs. Adding an action is one entry here, its phrases in each pack, and a plan builder in
``hotline.dialogue.plans``; everything else (the list of writes, the request kinds, which orders a request
can be about, which action a "change" becomes) is derived from this table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hotline.store import policy

Record = dict[str, Any]


@dataclass(frozen=True)
class Action:
    name: str
    kind: str  # the customer's request it answers: cancel | return | change | address | payment | user_address
    status: str | None  # the order status it acts on; None: the account, not an order
    arguments: tuple[str, ...]
    run: Callable[[Record, Record, Record, Record], Record]  # (order, user, products, kwargs) -> result
    done_phrase: str  # the result, said after the write
    wrong_status_phrase: str = ""  # said when the order is in another status
    needs_products: bool = False  # reads the catalogue (new variants, prices)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "cancel_pending_order",
            "cancel",
            "pending",
            ("order_id", "reason"),
            lambda order, user, products, kw: policy.cancel_pending_order(order, user, kw["reason"]),
            "done_cancel",
            "only_pending_cancel",
        ),
        Action(
            "modify_pending_order_address",
            "address",
            "pending",
            ("order_id", *policy.ADDRESS_FIELDS),
            lambda order, user, products, kw: policy.modify_pending_order_address(order, kw),
            "done_address",
            "only_pending_address",
        ),
        Action(
            "modify_pending_order_payment",
            "payment",
            "pending",
            ("order_id", "payment_method_id"),
            lambda order, user, products, kw: policy.modify_pending_order_payment(order, user, kw["payment_method_id"]),
            "done_payment",
            "only_pending_payment",
        ),
        Action(
            "modify_pending_order_items",
            "change",
            "pending",
            ("order_id", "item_ids", "new_item_ids", "payment_method_id"),
            lambda order, user, products, kw: policy.modify_pending_order_items(
                order, user, products, list(kw["item_ids"]), list(kw["new_item_ids"]), kw["payment_method_id"]
            ),
            "done_modify_items",
            "only_pending_or_delivered_change",
            needs_products=True,
        ),
        Action(
            "return_delivered_order_items",
            "return",
            "delivered",
            ("order_id", "item_ids", "payment_method_id"),
            lambda order, user, products, kw: policy.return_delivered_order_items(
                order, user, list(kw["item_ids"]), kw["payment_method_id"]
            ),
            "done_return",
            "only_delivered_return",
        ),
        Action(
            "exchange_delivered_order_items",
            "change",
            "delivered",
            ("order_id", "item_ids", "new_item_ids", "payment_method_id"),
            lambda order, user, products, kw: policy.exchange_delivered_order_items(
                order, user, products, list(kw["item_ids"]), list(kw["new_item_ids"]), kw["payment_method_id"]
            ),
            "done_exchange",
            "only_pending_or_delivered_change",
            needs_products=True,
        ),
        Action(
            "modify_user_address",
            "user_address",
            None,
            ("user_id", *policy.ADDRESS_FIELDS),
            lambda order, user, products, kw: policy.modify_user_address(user, kw),
            "done_user_address",
        ),
    )
}

WRITE_ACTIONS = tuple(ACTIONS)
# What kind of request each write about an order answers, as a customer would put it (the bot's trained head
# and the simulated customers).
REQUEST_KINDS = {a.name: a.kind for a in ACTIONS.values() if a.status is not None}
KINDS = tuple(dict.fromkeys(a.kind for a in ACTIONS.values()))


def statuses_for(kind: str) -> set[str]:
    """The order statuses a request of this kind can act on ("change": a pending or a delivered order)."""
    return {a.status for a in ACTIONS.values() if a.kind == kind and a.status is not None}


def action_for(kind: str, status: str | None) -> Action | None:
    """The action that answers this kind of request for an order in this status (None: the status allows none)."""
    return next((a for a in ACTIONS.values() if a.kind == kind and a.status == status), None)


def apply(name: str, order: Record, user: Record, products: Record, kwargs: Record) -> Record:
    """Run the write action ``name`` on the records (changed in place; ``order`` is ignored by an action on the
    account); one place for every caller: the store service, the in-memory store and any dry run."""
    return ACTIONS[name].run(order, user, products, kwargs)


def same_request(name_a: str, kwargs_a: dict[str, Any], name_b: str, kwargs_b: dict[str, Any]) -> bool:
    """Two action requests are the same when name and arguments agree (item lists in any order)."""

    def normal(kwargs: dict[str, Any]) -> str:
        return json.dumps({k: sorted(v) if isinstance(v, list) else v for k, v in kwargs.items()}, sort_keys=True)

    return name_a == name_b and normal(kwargs_a) == normal(kwargs_b)


def refusal(code: str, values: dict[str, Any]) -> dict[str, Any]:
    """What the action log keeps of a refusal besides its English words: the policy's code and values, so that a
    retry and the agent's packet can word it in any language (``dialogue.flow_phrases.policy_reason``)."""
    return {"refused": {"code": code, "values": values}} if code else {}


def refused_because(result: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """The policy's code and values of a logged refusal (empty for one without a code, or logged before codes)."""
    refused = (result or {}).get("refused") or {}
    return str(refused.get("code", "")), dict(refused.get("values") or {})
