"""Read-only store API over the demo company's order and user files (the τ-bench retail store).

The dialogue core states order facts only from here. Writes (cancel, return...) arrive with the store
actions issue, on the project's own database; this adapter never edits the JSON files.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from hotline.ports import OrderFacts

log = logging.getLogger(__name__)


def order_facts(order: dict[str, Any]) -> OrderFacts:
    items = tuple(
        f"{item['name']} ({', '.join(str(v) for v in item.get('options', {}).values())})"
        for item in order.get("items", [])
    )
    tracking = tuple(
        tracking_id for fulfilment in order.get("fulfillments", []) for tracking_id in fulfilment.get("tracking_id", [])
    )
    total = round(sum(float(item.get("price", 0.0)) for item in order.get("items", [])), 2)
    return OrderFacts(order["order_id"], order["status"], items, tracking, total, str(order.get("user_id", "")))


class JsonStore:
    def __init__(self, orders: dict[str, Any], users: dict[str, Any]) -> None:
        self._orders = orders
        self._users_by_email = {user["email"].lower(): user for user in users.values() if "email" in user}

    @classmethod
    def from_dir(cls, kb_dir: Path) -> JsonStore:
        orders_path, users_path = kb_dir / "retail_data_orders.json", kb_dir / "retail_data_users.json"
        if not orders_path.exists() or not users_path.exists():
            log.warning("demo store data not found; order lookups disabled", extra={"dir": str(kb_dir)})
            return cls({}, {})
        return cls(json.loads(orders_path.read_text()), json.loads(users_path.read_text()))

    def order(self, order_id: str) -> OrderFacts | None:
        key = order_id if order_id.startswith("#") else f"#{order_id}"
        order = self._orders.get(key.upper())
        return order_facts(order) if order else None

    def orders_for_email(self, email: str) -> list[OrderFacts]:
        user = self._users_by_email.get(email.lower())
        if not user:
            return []
        return [facts for order_id in user.get("orders", []) if (facts := self.order(order_id))]
