"""What impatient customers say, read against the demo store: "the same" as the new option, an answer to "what is
the new address?" that names another order's address, a complaint before the request, an item change paid "用X付",
and "if you can't even do that, cancel it all" after a change that worked (the fallback is not taken)."""

from __future__ import annotations

from typing import Any

import pytest

from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.order_items import match_items
from hotline.dialogue.understanding.head import UnderstandingHead
from hotline.evaluation.simulate.harness import Bot, BotTurn
from hotline.evaluation.simulate.runner import bots
from hotline.redline.rules import RedLine
from hotline.store.memory import MemoryStore

pytestmark = pytest.mark.shared_data


def who(base: MemoryStore, order: dict[str, Any]) -> str:
    user = base.users[order["user_id"]]
    return f"{user['name']['first_name']} {user['name']['last_name']}, {user['address']['zip']}."


def conversation(base: MemoryStore, head: UnderstandingHead) -> Bot:
    """The bot as the simulator runs it: the red-line's masking first, writes executed on the store."""
    return bots(RedLine(), head)["hotline"](base.fresh())


def talk(base: MemoryStore, head: UnderstandingHead, *messages: str) -> BotTurn:
    bot = conversation(base, head)
    turn = BotTurn("")
    for message in messages:
        turn = bot(message)
    return turn


def _pending_with_other_address(base: MemoryStore) -> list[tuple[dict[str, Any], str]]:
    found = []
    for user in base.users.values():
        pending = [o for o in user["orders"] if base.orders[o]["status"] == "pending"]
        for order_id in pending[:1]:
            order = base.orders[order_id]
            other = next((o for o in user["orders"] if base.orders[o]["address"] != order["address"]), None)
            if other is not None:
                found.append((order, other))
    return found


@pytest.mark.parametrize(
    "answer",
    ["the address on order {b}", "same place as order {b}", "адрес из заказа {b}", "订单{b}的地址", "跟订单{b}一样"],
)
def test_an_answer_naming_another_orders_address_is_where_to_ship(
    base: MemoryStore, head: UnderstandingHead, answer: str
) -> None:
    cases = _pending_with_other_address(base)[:6]
    assert len(cases) >= 3
    for order, other in cases:
        opening = f"{who(base, order)} Order {order['order_id']} is going to the wrong address, change it."
        turn = talk(base, head, opening, answer.format(b=other))
        assert turn.confirm is not None, (answer, turn.text)
        assert turn.confirm["kwargs"]["order_id"] == order["order_id"], answer
        assert turn.confirm["kwargs"]["address1"] == base.orders[other]["address"]["address1"], answer


def test_a_complaint_before_the_request_is_its_preamble(base: MemoryStore, head: UnderstandingHead) -> None:
    order = next(
        o
        for o in base.orders.values()
        if o["status"] == "delivered" and [i["name"] for i in o["items"]].count("Hiking Boots") == 1
    )
    item = next(i for i in order["items"] if i["name"] == "Hiking Boots")
    size = "9" if item["options"]["size"] != "9" else "11"
    said = f"Order {order['order_id']} came wrong. I want swap hiking boots for {size}. Simple as that."
    turn = talk(base, head, f"{who(base, order)} {said}")
    assert "which item" not in turn.text.lower(), turn.text


def test_a_fallback_after_a_change_that_worked_is_not_taken(base: MemoryStore, head: UnderstandingHead) -> None:
    order = next(
        o
        for o in base.orders.values()
        if o["status"] == "pending"
        and [i["name"] for i in o["items"]].count("Hiking Boots") == 1
        and any(m.startswith("paypal") for m in base.users[o["user_id"]]["payment_methods"])
    )
    bot = conversation(base, head)
    turn = bot(
        f"{who(base, order)} Заказ {order['order_id']} ещё не отправлен? Тогда поменяйте походные ботинки на такие"
        " же. Разницу с PayPal. Если даже этого не можете — отмените весь заказ."
    )
    assert turn.confirm is not None and turn.confirm["name"] == "modify_pending_order_items", turn.text
    done = bot("Да.")
    assert done.executed is not None and done.executed[2], done.text
    assert done.confirm is None and "отменить" not in done.text, done.text


@pytest.mark.parametrize(
    ("said", "everything"),
    [
        ("Хочу {a} поменять на другой. Всё просто.", False),
        ("swap the {a}, that's all I ask", False),
        ("{a} на другой, это всё, о чём я прошу", False),
        ("Верните всё.", True),
        ("return all of it", True),
        ("都退我要退，钱退到礼品卡。", True),
        ("裡面每一樣我不需要了，可以退回去", True),
        ("我都说过了，{a}换一下", False),
    ],
)
def test_all_as_a_way_of_speaking_is_not_every_item(base: MemoryStore, said: str, everything: bool) -> None:
    order = next(o for o in base.orders.values() if len({i["name"] for i in o["items"]}) >= 3)
    first = order["items"][0]
    text = annotate(said.format(a=first["name"].lower()))
    assert match_items(text, order) == (
        sorted(i["item_id"] for i in order["items"]) if everything else [first["item_id"]]
    )


def test_the_same_one_as_always_of_an_e_mail_is_no_same_variant(base: MemoryStore, head: UnderstandingHead) -> None:
    order = next(o for o in base.orders.values() if o["status"] == "pending" and len(o["items"]) >= 2)
    email = base.users[order["user_id"]]["email"]
    turn = talk(
        base, head, "I need to change what's in an order.", f"{email}. it's the same one as always", order["order_id"]
    )
    assert turn.confirm is None, turn.text


def test_of_two_orders_named_for_an_address_the_pending_one_changes(base: MemoryStore, head: UnderstandingHead) -> None:
    checked = 0
    for order, other in _pending_with_other_address(base):
        if base.orders[other]["status"] == "pending":
            continue
        said = f"{who(base, order)}订单{order['order_id']}的地址：\n订单{other}的地址\n不是旧的那个。"
        turn = talk(base, head, said)
        assert turn.confirm is not None, turn.text
        assert turn.confirm["kwargs"]["order_id"] == order["order_id"]
        assert turn.confirm["kwargs"]["address1"] == base.orders[other]["address"]["address1"]
        checked += 1
        if checked == 4:
            break
    assert checked >= 2


@pytest.mark.parametrize(
    "said",
    [
        "hello, before dispatch of order no. it is {o} please change {a} to same as earlier. difference with paypal",
        "Dear team, in order {o} I want exchange {a} I want in same only. kindly check with {email}",
    ],
)
def test_the_same_again_in_a_whole_conversation(base: MemoryStore, head: UnderstandingHead, said: str) -> None:
    checked = 0
    for order in base.orders.values():
        item = order["items"][0]
        product = base.products[item["product_id"]]
        if order["status"] not in ("pending", "delivered") or not product["variants"][item["item_id"]]["available"]:
            continue
        if [i["name"] for i in order["items"]].count(item["name"]) > 1:
            continue
        user = base.users[order["user_id"]]
        text = said.format(o=order["order_id"], a=item["name"].lower(), email=user["email"])
        turn = talk(base, head, f"{who(base, order)} {text}")
        assert "which option" not in turn.text.lower(), (text, turn.text)
        checked += 1
        if checked == 6:
            break
    assert checked == 6
