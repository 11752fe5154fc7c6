"""Plan builders, one per kind of request (the store's actions are data in ``hotline.store.actions``).

Each builder gets the action the registry chose for the order's status, the order (None for an action on the
account), the customer's record and the flow's state, and returns what to say next: the one missing thing to
ask for, or the plan with an explicit yes (after a dry run of the policy).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hotline.dialogue.flow_state import FlowReply, FlowState, Store
from hotline.dialogue.plans import cancel, item_changes, payment, returns, shipping_address, user_address
from hotline.store.actions import Action

Planner = Callable[[Store, Action, Any, dict[str, Any], FlowState], FlowReply]

PLANNERS: dict[str, Planner] = {
    "cancel": cancel.plan,
    "return": returns.plan,
    "change": item_changes.plan,
    "address": shipping_address.plan,
    "payment": payment.plan,
    "user_address": user_address.plan,
}

__all__ = ["PLANNERS", "Planner"]
