"""The demo company's grocery department: the products its customers photograph, in the store and in orders.

The photo catalogue (the Grocery Store Dataset's 81 products) is what the vision matcher recognises; the τ-bench
store sells electronics and furniture. This builds, once and reproducibly (``hotline store grocery --seed 7``),
the department the demo store adds at import: one store product per photo product (named by
``vision.catalog.Product.store_name``, so a photo and an order line name the product the same way), two pack
sizes each, prices drawn per kind, and orders for customers of the store whom no τ-bench task mentions (the
tasks' expected end states stay exactly τ-bench's). The dataset has no prices: they are invented by the seed.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol


class CatalogProduct(Protocol):
    """A photo catalogue product as this module reads it (vision/catalog.py's Product)."""

    @property
    def store_name(self) -> str: ...
    @property
    def department(self) -> str: ...  # Fruit, Vegetables, Packages
    @property
    def description(self) -> str: ...


# Pack sizes per department: (options, price factor against the smallest).
PACKS: dict[str, list[tuple[dict[str, str], float]]] = {
    "Fruit": [({"pack": "500 g"}, 1.0), ({"pack": "1 kg"}, 1.85)],
    "Vegetables": [({"pack": "500 g"}, 1.0), ({"pack": "1 kg"}, 1.85)],
    "Packages": [({"pack": "1 carton"}, 1.0), ({"pack": "4 cartons"}, 3.6)],
}
PRICE_RANGE = {"Fruit": (1.2, 4.5), "Vegetables": (0.9, 3.5), "Packages": (1.1, 3.2)}
ORDERS = 60  # customers with a grocery order
DELIVERED_SHARE = 0.7  # the rest are pending: a return needs a delivered order, a cancellation a pending one


def _digits(text: str, length: int) -> str:
    """A stable id of ``length`` digits from a name (products and items keep their ids across rebuilds)."""
    return str(int(hashlib.sha256(text.encode()).hexdigest(), 16))[:length]


def task_users(task_files: Iterable[Path]) -> set[str]:
    return {task["user_id"] for path in task_files if path.exists() for task in json.loads(path.read_text())}


def products(catalog: Sequence[CatalogProduct], rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for product in catalog:
        low, high = PRICE_RANGE.get(product.department, (1.0, 4.0))
        base = rng.uniform(low, high)
        product_id = _digits(f"grocery:{product.store_name}", 10)
        variants = {}
        for options, factor in PACKS.get(product.department, PACKS["Packages"]):
            item_id = _digits(f"grocery:{product.store_name}:{json.dumps(options)}", 10)
            variants[item_id] = {
                "item_id": item_id,
                "options": dict(options),
                "available": rng.random() > 0.1,
                "price": round(base * factor, 2),
            }
        out[product_id] = {
            "name": product.store_name,
            "product_id": product_id,
            "department": "grocery",
            "description": _first_sentences(product),
            "variants": variants,
        }
    return out


def _first_sentences(product: CatalogProduct, limit: int = 240) -> str:
    text = " ".join(product.description.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(". ", 1)[0]
    return cut if cut.endswith(".") else cut + "."


def orders(
    catalog_products: dict[str, Any], users: dict[str, Any], existing: set[str], excluded: set[str], rng: random.Random
) -> dict[str, Any]:
    """Orders of 1–3 grocery items for customers no task mentions, paid with one of their own methods."""
    candidates = sorted(u for u, user in users.items() if u not in excluded and user.get("payment_methods"))
    chosen = rng.sample(candidates, min(ORDERS, len(candidates)))
    product_list = sorted(catalog_products.values(), key=lambda p: p["product_id"])
    out: dict[str, Any] = {}
    for user_id in chosen:
        user = users[user_id]
        while (order_id := f"#W{rng.randrange(10**6, 10**7)}") in existing or order_id in out:
            pass
        items = []
        for product in rng.sample(product_list, rng.randint(1, 3)):
            variant = rng.choice(sorted(product["variants"].values(), key=lambda v: v["item_id"]))
            items.append(
                {
                    "name": product["name"],
                    "product_id": product["product_id"],
                    "item_id": variant["item_id"],
                    "price": variant["price"],
                    "options": dict(variant["options"]),
                }
            )
        method = rng.choice(sorted(user["payment_methods"]))
        total = round(sum(item["price"] for item in items), 2)
        delivered = rng.random() < DELIVERED_SHARE
        out[order_id] = {
            "order_id": order_id,
            "user_id": user_id,
            "address": dict(user["address"]),
            "items": items,
            "fulfillments": (
                [{"tracking_id": [_digits(f"track:{order_id}", 12)], "item_ids": [i["item_id"] for i in items]}]
                if delivered
                else []
            ),
            "status": "delivered" if delivered else "pending",
            "payment_history": [{"transaction_type": "payment", "amount": total, "payment_method_id": method}],
        }
    return out


def build_department(catalog: Sequence[CatalogProduct], kb_dir: Path, seed: int = 7) -> dict[str, Any]:
    """The department as data: ``{"seed", "source", "products", "orders"}`` (orders name their users)."""
    rng = random.Random(seed)
    users = json.loads((kb_dir / "retail_data_users.json").read_text())
    existing = set(json.loads((kb_dir / "retail_data_orders.json").read_text()))
    excluded = task_users([kb_dir / "tau_retail_tasks_train.json", kb_dir / "tau_retail_tasks_dev.json"])
    grocery = products(catalog, rng)
    return {
        "seed": seed,
        "source": "Grocery Store Dataset (MIT): classes.csv and the product descriptions; prices invented by the seed",
        "products": grocery,
        "orders": orders(grocery, users, existing, excluded, rng),
    }
