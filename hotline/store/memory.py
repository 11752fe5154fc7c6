"""The store in memory, for simulations: the same reads and the same policy code as ``StoreService``.

Hundreds of simulated conversations each start from the demo company's store; copying three dicts is a
thousand times cheaper than re-importing a database. Writes go through ``actions.apply`` exactly as the
database-backed store's do, with the same idempotency rule, so a simulated resolution is a real one.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hotline.store import actions
from hotline.store.actions import WRITE_ACTIONS, same_request
from hotline.store.policy import PolicyViolation
from hotline.store.service import FILES, ActionOutcome


@dataclass
class LoggedAction:
    name: str
    arguments: dict[str, Any]
    ok: bool
    conversation_id: str | None
    idempotency_key: str | None
    outcome: ActionOutcome


@dataclass
class MemoryStore:
    users: dict[str, Any]
    products: dict[str, Any]
    orders: dict[str, Any]
    log: list[LoggedAction] = field(default_factory=list)

    @classmethod
    def from_dir(cls, kb_dir: Path) -> MemoryStore:
        data = {kind: json.loads((kb_dir / name).read_text()) for kind, name in FILES.items()}
        return cls(data["users"], data["products"], data["orders"])

    def fresh(self) -> MemoryStore:
        """A copy to run one conversation on (products are never written: shared)."""
        return MemoryStore(copy.deepcopy(self.users), self.products, copy.deepcopy(self.orders))

    def comparable(self) -> dict[str, Any]:
        return {"users": self.users, "orders": self.orders}

    # ---- reads (the flows' Store port) ----

    def find_user_id_by_email(self, email: str) -> str | None:
        wanted = email.strip().lower()
        return next((uid for uid, user in self.users.items() if user["email"].lower() == wanted), None)

    def find_user_id_by_name_zip(self, first_name: str, last_name: str, zip_code: str) -> str | None:
        first, last = first_name.strip().lower(), last_name.strip().lower()
        for user_id, user in self.users.items():
            name = user["name"]
            if (
                name["first_name"].lower() == first
                and name["last_name"].lower() == last
                and user["address"]["zip"] == zip_code.strip()
            ):
                return user_id
        return None

    def users_with_zip(self, zip_code: str) -> list[tuple[str, str, str]]:
        return [
            (uid, u["name"]["first_name"].lower(), u["name"]["last_name"].lower())
            for uid, u in self.users.items()
            if u["address"]["zip"] == zip_code
        ]

    def user_details(self, user_id: str) -> dict[str, Any] | None:
        user = self.users.get(user_id)
        return copy.deepcopy(user) if user else None

    def order_details(self, order_id: str) -> dict[str, Any] | None:
        key = (order_id if order_id.startswith("#") else f"#{order_id}").upper()
        order = self.orders.get(key)
        return copy.deepcopy(order) if order else None

    def product_details(self, product_id: str) -> dict[str, Any] | None:
        product = self.products.get(product_id)
        return copy.deepcopy(product) if product else None

    def list_product_types(self) -> dict[str, str]:
        return {p["name"]: pid for pid, p in sorted(self.products.items(), key=lambda e: e[1]["name"])}

    # ---- writes ----

    def execute(
        self, name: str, kwargs: dict[str, Any], conversation_id: str | None = None, idempotency_key: str | None = None
    ) -> ActionOutcome:
        if idempotency_key:
            earlier = next((a for a in self.log if a.idempotency_key == idempotency_key), None)
            if earlier is not None:
                if not same_request(earlier.name, earlier.arguments, name, kwargs):
                    return ActionOutcome(False, name, reason="this request conflicts with an earlier one")
                return replace(earlier.outcome, replayed=True)
        outcome = self._apply(name, kwargs)
        self.log.append(
            LoggedAction(name, copy.deepcopy(kwargs), outcome.ok, conversation_id, idempotency_key, outcome)
        )
        return outcome

    def _apply(self, name: str, kwargs: dict[str, Any]) -> ActionOutcome:
        if name not in WRITE_ACTIONS:
            return ActionOutcome(False, name, reason=f"{name} is not an action the assistant can take")
        try:
            if actions.ACTIONS[name].status is None:  # an action on the account
                user = self.users.get(kwargs.get("user_id", ""))
                if user is None:
                    raise PolicyViolation(f"user {kwargs.get('user_id')} not found", "user_not_found")
                return ActionOutcome(True, name, actions.apply(name, {}, user, {}, kwargs))
            order = self.orders.get(str(kwargs.get("order_id", "")))
            if order is None:
                raise PolicyViolation(
                    f"order {kwargs.get('order_id')} not found", "order_not_found", order_id=kwargs.get("order_id")
                )
            # policy functions change records in place and raise before changing anything: work on copies
            work_order, work_user = copy.deepcopy(order), copy.deepcopy(self.users[order["user_id"]])
            result = actions.apply(name, work_order, work_user, self.products, kwargs)
            self.orders[order["order_id"]], self.users[order["user_id"]] = work_order, work_user
            return ActionOutcome(True, name, result)
        except PolicyViolation as violation:
            return ActionOutcome(
                False, name, reason=str(violation), reason_code=violation.code, reason_values=violation.values
            )
        except (KeyError, TypeError) as error:
            return ActionOutcome(False, name, reason=f"missing or malformed argument: {error}")
