"""Callers through speech recognition, against the demo store: a new address said while the bot asks about items
is an address change, and "to uh just the same" is the same variant."""

from __future__ import annotations

import pytest

from hotline.dialogue.understanding.head import UnderstandingHead
from hotline.evaluation.simulate.harness import BotTurn
from hotline.evaluation.simulate.runner import bots
from hotline.redline.rules import RedLine
from hotline.store.memory import MemoryStore

pytestmark = pytest.mark.shared_data


def talk(base: MemoryStore, head: UnderstandingHead, *messages: str) -> BotTurn:
    bot = bots(RedLine(), head)["hotline"](base.fresh())
    turn = BotTurn("")
    for message in messages:
        turn = bot(message)
    return turn


def test_an_address_said_while_items_are_asked_about_changes_the_address(
    base: MemoryStore, head: UnderstandingHead
) -> None:
    order = next(o for o in base.orders.values() if o["status"] == "pending")
    user = base.users[order["user_id"]]
    turn = talk(
        base,
        head,
        f"{user['email']} i need to change something in order {order['order_id']}",
        "yeah i moved and uh it needs to go to 137 Willow Lane, Suite 127, Charlotte, NC 28249 instead",
    )
    assert turn.confirm is not None and turn.confirm["name"] == "modify_pending_order_address", turn.text
    assert turn.confirm["kwargs"]["address1"] == "137 Willow Lane"


def test_to_uh_just_the_same_is_the_same_variant(base: MemoryStore, head: UnderstandingHead) -> None:
    order = next(
        o
        for o in base.orders.values()
        if o["status"] == "pending"
        and base.products[o["items"][0]["product_id"]]["variants"][o["items"][0]["item_id"]]["available"]
        and [i["name"] for i in o["items"]].count(o["items"][0]["name"]) == 1
    )
    user = base.users[order["user_id"]]
    item = order["items"][0]["name"].lower()
    turn = talk(base, head, f"{user['email']} order {order['order_id']} change the {item} to uh just the same")
    assert "which option" not in turn.text.lower(), turn.text


def test_no_and_another_orders_address_corrects_the_address(base: MemoryStore, head: UnderstandingHead) -> None:
    checked = 0
    for user in base.users.values():
        pending = [o for o in user["orders"] if base.orders[o]["status"] == "pending"]
        if not pending:
            continue
        order = base.orders[pending[0]]
        other = next((o for o in user["orders"] if base.orders[o]["address"] != order["address"]), None)
        if other is None or base.orders[other]["address"]["address1"] == "12 Oak Street":
            continue
        turn = talk(
            base,
            head,
            f"{user['email']} order {order['order_id']} should go to 12 Oak Street, Austin, TX 78701",
            f"no um where order {other} went",
        )
        assert turn.confirm is not None, turn.text
        assert turn.confirm["kwargs"]["order_id"] == order["order_id"]
        assert turn.confirm["kwargs"]["address1"] == base.orders[other]["address"]["address1"], turn.text
        checked += 1
        if checked == 4:
            break
    assert checked == 4
