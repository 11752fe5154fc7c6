"""The demo store sells what its customers photograph: the grocery department (built by `hotline store grocery`,
seeded) is in the store with orders for customers no τ-bench task mentions; a real photo of a product in a
customer's delivered order leads to the return of exactly that item, and a product picked from a photo's choices
is answered about that product — never a text search ("Pink Lady" is not the pink Yoga Mat)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import connect

from hotline.settings import REPO_ROOT
from hotline.store.grocery import build_department, task_users
from hotline.vision.catalog import ProductCatalog
from tests.conftest import LiveServer, upload_photo

pytestmark = [pytest.mark.shared_data]
SHIPPED = REPO_ROOT / "demo" / "grocery_department.json"


def test_the_shipped_department_is_the_seeded_build_and_leaves_the_tasks_alone(shared_data: Path) -> None:
    catalog = ProductCatalog(shared_data / "images")
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert build_department(catalog.products, shared_data / "kb", seed=shipped["seed"]) == shipped  # reproducible
    assert {p["name"] for p in shipped["products"].values()} == {p.store_name for p in catalog.products}
    kb = shared_data / "kb"
    tasks = task_users([kb / "tau_retail_tasks_train.json", kb / "tau_retail_tasks_dev.json"])
    assert not tasks & {o["user_id"] for o in shipped["orders"].values()}  # τ-bench's end states stay its own
    assert not set(shipped["orders"]) & set(json.loads((kb / "retail_data_orders.json").read_text()))
    for order in shipped["orders"].values():
        paid = order["payment_history"][0]["amount"]
        assert paid == round(sum(item["price"] for item in order["items"]), 2)


def _events_until(ws: Any, *types: str, timeout: float = 120) -> list[dict[str, Any]]:
    seen = []
    while True:
        event = json.loads(ws.recv(timeout=timeout))
        seen.append(event)
        if event["type"] in types:
            return seen


def _say(ws: Any, text: str) -> tuple[str, dict[str, Any] | None]:
    """The bot's reply to ``text`` and the confirmation it asks for, if any."""
    ws.send(json.dumps({"type": "message", "text": text}))
    events = _events_until(ws, "done")
    confirm = next((e for e in events if e["type"] == "confirm"), None)
    return events[-1]["text"], confirm


@pytest.mark.models
def test_a_photo_of_a_delivered_grocery_item_leads_to_its_return(real_server: LiveServer, real_services: Any) -> None:
    store, catalog = real_services.store, real_services.catalog
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    by_name = {p.store_name: p for p in catalog.products}
    val = catalog.split("val")
    # a delivered one-item grocery order whose product has a val photo the matcher names with confidence
    for order in sorted(shipped["orders"].values(), key=lambda o: o["order_id"]):
        if order["status"] != "delivered" or len(order["items"]) != 1:
            continue
        product = by_name[order["items"][0]["name"]]
        photos = [p for p in val if p.class_id == product.class_id][:3]
        matched = [p for p in photos if real_services.matcher.match(p.path.read_bytes()).best.class_id == p.class_id]
        if matched:
            break
    else:
        pytest.fail("no delivered grocery order with a photo the matcher names")
    user = store.user_details(order["user_id"])
    item = order["items"][0]

    with connect(real_server.chat_url()) as ws:
        hello = json.loads(ws.recv(timeout=10))
        body = upload_photo(real_server, hello["conversation_id"], hello["token"], matched[0].path)
        event = _events_until(ws, "photo_identified", "photo_choices")[-1]
        picked = event["type"] == "photo_choices"
        if picked:  # the page's button sends the pack's "It's the {name}."
            reply, _ = _say(ws, f"It's the {body['matches'][0]['name']}.")
            assert product.store_name in reply and "Yoga" not in reply
        reply, confirm = _say(ws, "It arrived damaged, I'd like my money back")
        for _ in range(6):
            if confirm is not None:
                break
            if "e-mail" in reply or "zip" in reply:
                reply, confirm = _say(ws, f"my email is {user['email']}")
            else:  # the refund method, or anything else it needs: the original payment
                reply, confirm = _say(ws, "to the original payment method please")
        assert confirm is not None, reply
        action = confirm["action"]
        assert action["name"] == "return_delivered_order_items" and action["kwargs"]["order_id"] == order["order_id"]
        assert action["kwargs"]["item_ids"] == [item["item_id"]]
        assert item["name"] in reply and f"{item['price']:.2f}" in reply
        _say(ws, "yes")
        assert store.order_details(order["order_id"])["status"] == "return requested"
        ws.send(json.dumps({"type": "message", "text": "I want to talk to a human"}))
        while json.loads(ws.recv(timeout=60)).get("status") != "waiting":
            pass
    packet = real_services.handoffs.latest_for(hello["conversation_id"]).packet
    assert packet["photos"][0]["chosen"] == (product.store_name if picked else None)  # what the customer picked
    assert any("return" in done["text"].lower() for done in packet["done"]), packet["done"]
