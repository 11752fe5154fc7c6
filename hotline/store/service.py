"""The store port over the project's database: reads for the dialogue, policy-checked writes for flows.

Every write is one transaction, recorded in ``store_actions`` with its arguments and the records before and
after; a retry with the same idempotency key returns the first outcome instead of writing twice. A rule
violation is an outcome with a reason, never an exception in the customer's face.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hotline.ports import OrderFacts
from hotline.store import actions
from hotline.store.actions import WRITE_ACTIONS, refusal, refused_because, same_request
from hotline.store.json_store import order_facts
from hotline.store.policy import PolicyViolation
from hotline.store.schema import StoreAction, StoreOrder, StoreProduct, StoreUser

log = logging.getLogger(__name__)

FILES = {
    "users": "retail_data_users.json",
    "products": "retail_data_products.json",
    "orders": "retail_data_orders.json",
}


@dataclass(frozen=True)
class ActionOutcome:
    ok: bool
    name: str
    result: dict[str, Any] = field(default_factory=dict)
    reason: str = ""  # why it was refused, in words the bot can say (English)
    reason_code: str = ""  # the same as a code the language packs word (store/policy.py's PolicyViolation)
    reason_values: dict[str, Any] = field(default_factory=dict)
    replayed: bool = False  # a retry: the first outcome, nothing written again


class StoreService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # ---- import / export ----

    def is_empty(self) -> bool:
        with self._sessions() as session:
            return not session.scalar(select(func.count()).select_from(StoreOrder))

    def import_dir(self, kb_dir: Path) -> dict[str, int]:
        """Replace the store's contents with the JSON files in ``kb_dir`` (the files are only read)."""
        data = {kind: json.loads((kb_dir / name).read_text()) for kind, name in FILES.items()}
        with self._sessions.begin() as session:
            for table in (StoreOrder, StoreProduct, StoreUser):
                session.execute(delete(table))
            for user_id, user in data["users"].items():
                session.add(
                    StoreUser(
                        user_id=user_id,
                        email=user["email"].lower(),
                        first_name=user["name"]["first_name"].lower(),
                        last_name=user["name"]["last_name"].lower(),
                        zip=user["address"]["zip"],
                        data=user,
                    )
                )
            for product_id, product in data["products"].items():
                session.add(StoreProduct(product_id=product_id, name=product["name"], data=product))
            for order_id, order in data["orders"].items():
                session.add(StoreOrder(order_id=order_id, user_id=order["user_id"], status=order["status"], data=order))
        counts = {kind: len(records) for kind, records in data.items()}
        log.info("store imported", extra=counts)
        return counts

    def add_department(self, department: dict[str, Any]) -> dict[str, int]:
        """Add a department's products and orders (store/grocery.py builds the demo's) to the imported store;
        each order joins its customer's order list. Ids already in the store are left as they are."""
        added = {"products": 0, "orders": 0}
        with self._sessions.begin() as session:
            for product_id, product in department.get("products", {}).items():
                if session.get(StoreProduct, product_id) is None:
                    session.add(StoreProduct(product_id=product_id, name=product["name"], data=product))
                    added["products"] += 1
            for order_id, order in department.get("orders", {}).items():
                user = session.get(StoreUser, order["user_id"])
                if user is None or session.get(StoreOrder, order_id) is not None:
                    continue
                session.add(StoreOrder(order_id=order_id, user_id=order["user_id"], status=order["status"], data=order))
                data = copy.deepcopy(user.data)
                data["orders"] = [*data.get("orders", []), order_id]
                user.data = data
                added["orders"] += 1
        log.info("store department added", extra=added)
        return added

    def snapshot(self) -> dict[str, dict[str, Any]]:
        with self._sessions() as session:
            return {
                "users": {u.user_id: u.data for u in session.scalars(select(StoreUser).order_by(StoreUser.user_id))},
                "products": {
                    p.product_id: p.data
                    for p in session.scalars(select(StoreProduct).order_by(StoreProduct.product_id))
                },
                "orders": {
                    o.order_id: o.data for o in session.scalars(select(StoreOrder).order_by(StoreOrder.order_id))
                },
            }

    def export_dir(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for kind, records in self.snapshot().items():
            (out_dir / FILES[kind]).write_text(json.dumps(records, indent=2))

    # ---- reads ----

    def find_user_id_by_email(self, email: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(StoreUser.user_id).where(StoreUser.email == email.strip().lower()))

    def find_user_id_by_name_zip(self, first_name: str, last_name: str, zip_code: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(
                select(StoreUser.user_id).where(
                    StoreUser.first_name == first_name.strip().lower(),
                    StoreUser.last_name == last_name.strip().lower(),
                    StoreUser.zip == zip_code.strip(),
                )
            )

    def users_with_zip(self, zip_code: str) -> list[tuple[str, str, str]]:
        """(user id, first name, last name) of the accounts at a zip code: names said anywhere in a message
        are checked against these, so "Hi. Yusuf Rossi, 19122" identifies without "my name is"."""
        with self._sessions() as session:
            rows = session.execute(
                select(StoreUser.user_id, StoreUser.first_name, StoreUser.last_name).where(StoreUser.zip == zip_code)
            )
            return [(r[0], r[1], r[2]) for r in rows]

    def user_details(self, user_id: str) -> dict[str, Any] | None:
        with self._sessions() as session:
            row = session.get(StoreUser, user_id)
            return copy.deepcopy(row.data) if row else None

    def order_details(self, order_id: str) -> dict[str, Any] | None:
        key = order_id if order_id.startswith("#") else f"#{order_id}"
        with self._sessions() as session:
            row = session.get(StoreOrder, key.upper())
            return copy.deepcopy(row.data) if row else None

    def product_details(self, product_id: str) -> dict[str, Any] | None:
        with self._sessions() as session:
            row = session.get(StoreProduct, product_id)
            return copy.deepcopy(row.data) if row else None

    def list_product_types(self) -> dict[str, str]:
        with self._sessions() as session:
            return {p.name: p.product_id for p in session.scalars(select(StoreProduct).order_by(StoreProduct.name))}

    # ---- the dialogue core's StoreAPI port ----

    def order(self, order_id: str) -> OrderFacts | None:
        order = self.order_details(order_id)
        return order_facts(order) if order else None

    def orders_for_email(self, email: str) -> list[OrderFacts]:
        user_id = self.find_user_id_by_email(email)
        user = self.user_details(user_id) if user_id else None
        return [facts for order_id in (user or {}).get("orders", []) if (facts := self.order(order_id))]

    # ---- writes ----

    def execute(
        self, name: str, kwargs: dict[str, Any], conversation_id: str | None = None, idempotency_key: str | None = None
    ) -> ActionOutcome:
        if name not in WRITE_ACTIONS:
            return ActionOutcome(False, name, reason=f"{name} is not an action the assistant can take")
        if idempotency_key:
            earlier = self._replay(idempotency_key, name, kwargs)
            if earlier is not None:
                return earlier
        try:
            with self._sessions.begin() as session:
                outcome, before, after = self._apply(session, name, kwargs)
                session.add(
                    StoreAction(
                        conversation_id=conversation_id,
                        idempotency_key=idempotency_key,
                        name=name,
                        arguments=kwargs,
                        before=before,
                        after=after,
                        result=outcome.result if outcome.ok else refusal(outcome.reason_code, outcome.reason_values),
                        error=outcome.reason or None,
                    )
                )
        except IntegrityError:  # the same key committed concurrently: report that outcome
            replay = self._replay(idempotency_key, name, kwargs) if idempotency_key else None
            if replay is None:
                raise
            return replay
        log.info(
            "store action",
            extra={"action": name, "ok": outcome.ok, "reason": outcome.reason, "conversation_id": conversation_id},
        )
        return outcome

    def _replay(self, key: str, name: str, kwargs: dict[str, Any]) -> ActionOutcome | None:
        """The first outcome of a retried request; a different request under a used key is refused, not
        answered with another action's result (and nothing is written)."""
        with self._sessions() as session:
            row = session.scalar(select(StoreAction).where(StoreAction.idempotency_key == key))
            if row is None:
                return None
            if not same_request(row.name, row.arguments, name, kwargs):
                log.warning("idempotency key reused for another request", extra={"key": key, "action": name})
                return ActionOutcome(
                    False, name, reason="this request conflicts with an earlier one; nothing was changed"
                )
            if row.error is None:
                return ActionOutcome(True, row.name, row.result or {}, replayed=True)
            code, values = refused_because(row.result)
            return ActionOutcome(False, row.name, {}, row.error, code, values, replayed=True)

    def _apply(self, session: Session, name: str, kwargs: dict[str, Any]) -> tuple[ActionOutcome, Any, Any]:
        def locked(model: Any, key: str) -> Any:
            return session.get(model, key, with_for_update=True)

        try:
            if actions.ACTIONS[name].status is None:  # an action on the account
                user_row = locked(StoreUser, kwargs["user_id"])
                if user_row is None:
                    raise PolicyViolation(f"user {kwargs['user_id']} not found", "user_not_found")
                user = copy.deepcopy(user_row.data)
                before = {"user": copy.deepcopy(user)}
                result = actions.apply(name, {}, user, {}, kwargs)
                user_row.data = user
                return ActionOutcome(True, name, result), before, {"user": user}

            order_row = locked(StoreOrder, str(kwargs.get("order_id", "")))
            if order_row is None:
                raise PolicyViolation(
                    f"order {kwargs.get('order_id')} not found", "order_not_found", order_id=kwargs.get("order_id")
                )
            user_row = locked(StoreUser, order_row.user_id)
            order, user = copy.deepcopy(order_row.data), copy.deepcopy(user_row.data)
            before = {"order": copy.deepcopy(order), "user": copy.deepcopy(user)}
            products: dict[str, Any] = {}
            if actions.ACTIONS[name].needs_products:
                ids = {item["product_id"] for item in order["items"]}
                products = {
                    p.product_id: p.data
                    for p in session.scalars(select(StoreProduct).where(StoreProduct.product_id.in_(ids)))
                }
            result = actions.apply(name, order, user, products, kwargs)
            order_row.data, order_row.status, user_row.data = order, order["status"], user
            return ActionOutcome(True, name, result), before, {"order": order, "user": user}
        except PolicyViolation as violation:
            refused = ActionOutcome(False, name, reason=str(violation), reason_code=violation.code)
            return replace(refused, reason_values=dict(violation.values)), None, None
        except (KeyError, TypeError) as error:
            return ActionOutcome(False, name, reason=f"missing or malformed argument: {error}"), None, None

    def apply_actions(self, actions: Iterable[dict[str, Any]]) -> list[ActionOutcome]:
        """Apply τ-bench style actions ({"name", "kwargs"}); reads are skipped. For building expected states."""
        return [self.execute(a["name"], a["kwargs"]) for a in actions if a["name"] in WRITE_ACTIONS]

    def actions(self, conversation_id: str | None = None) -> list[StoreAction]:
        with self._sessions() as session:
            query = select(StoreAction).order_by(StoreAction.id)
            if conversation_id is not None:
                query = query.where(StoreAction.conversation_id == conversation_id)
            return list(session.scalars(query))
