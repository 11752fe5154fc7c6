"""Phrasings customers really use, en/ru/zh mixed, against the flows on the demo store (in memory).

Cases are built from the store (users, their orders, their items), so each category runs over many customers,
not one scripted sentence: identity anywhere, "everything except", "both / all", lists of three, order by
description, questions vs requests, "don't do anything about X", Russian and Chinese product names, e-mails as
said on the phone, another customer's order, gibberish and very long messages.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from hotline.dialogue.flows import FlowManager, FlowReply, FlowState
from hotline.dialogue.understanding.head import UnderstandingHead
from hotline.evaluation.simulate.phrasebook import PRODUCTS
from hotline.store.memory import MemoryStore

pytestmark = pytest.mark.shared_data


def orders_with(base: MemoryStore, status: str, min_items: int, distinct: bool = True) -> list[dict[str, Any]]:
    """Orders of a status whose items all have different product names (so a name picks one item)."""
    found = []
    for order in base.orders.values():
        names = [i["name"] for i in order["items"]]
        if order["status"] == status and len(names) >= min_items and (not distinct or len(set(names)) == len(names)):
            found.append(order)
    return found


def talk(base: MemoryStore, head: UnderstandingHead, *messages: str) -> tuple[FlowReply | None, FlowState]:
    flows, state = FlowManager(base.fresh(), head), FlowState()
    reply = None
    for message in messages:
        reply = flows.handle(message, message, state)
    return reply, state


def identity(base: MemoryStore, order: dict[str, Any]) -> tuple[str, str, str, str]:
    user = base.users[order["user_id"]]
    return user["name"]["first_name"], user["name"]["last_name"], user["address"]["zip"], user["email"]


IDENTITY_FORMS = [
    "Hi. {f} {l}, zip code {z}. I want to cancel an order.",
    "{f} {l} here, {z}. Please cancel an order of mine.",
    "zip {z}, name {f} {l} — I need to cancel an order",
    "It's {l}... {f} {l}, {z}. Cancel my order please.",
    "hello this is {f} {l} from {z} and i want to cancel something",
    "我是{f} {l}，邮编{z}，我要取消订单。",
    "{f} {l}，{z}。请帮我取消订单",
    "Это {f} {l}, индекс {z}. Хочу отменить заказ.",
    "Здравствуйте, {f} {l} ({z}), нужно отменить заказ",
    "Cancel an order for {f} {l}? Zip is {z}.",
    "my email is {e_spoken}, I want to cancel an order",
    "{e} — cancel my order please",
]


@pytest.mark.parametrize("form", IDENTITY_FORMS)
def test_identity_anywhere_in_the_message(base: MemoryStore, head: UnderstandingHead, form: str) -> None:
    for order in orders_with(base, "pending", 1)[:6]:
        first, last, z, e = identity(base, order)
        spoken = e.replace("@", " at ").replace(".", " dot ")
        _, state = talk(base, head, form.format(f=first, l=last, z=z, e=e, e_spoken=spoken))
        assert state.user_id == order["user_id"], form


def test_a_name_the_store_does_not_know_at_that_zip_identifies_nobody(
    base: MemoryStore, head: UnderstandingHead
) -> None:
    order = orders_with(base, "pending", 1)[0]
    _f, _l, z, _e = identity(base, order)
    reply, state = talk(base, head, f"Hi. Nobody Atall, zip {z}. Cancel my order.")
    assert state.user_id is None and reply is not None and "e-mail" in reply.text


EXCEPT_FORMS = [
    "Return everything in {o} except the {x}, refund to the original payment method.",
    "I want to return all of it apart from the {x} from {o}, original payment method please.",
    "return the whole order {o} but not the {x}, to the original method",
    "Please return all items of {o}, excluding the {x}. Original payment method.",
    "Верните всё из заказа {o}, кроме {x_ru}, на исходный способ оплаты.",
    "Хочу вернуть все товары заказа {o}, за исключением {x_ru}. Деньги на исходный способ оплаты.",
    "订单{o}除了{x_zh}都退，退到原支付方式。",
    "{o}里除了{x_zh}以外的全部退货，退款到原支付方式",
    "Return {o}: everything besides the {x}. Original payment method.",
    "From {o} return it all, other than the {x}, refund to the original payment method",
]


@pytest.mark.parametrize("form", EXCEPT_FORMS)
def test_everything_except_never_plans_the_excluded_item(base: MemoryStore, head: UnderstandingHead, form: str) -> None:
    for order in orders_with(base, "delivered", 3)[:5]:
        first, last, z, _e = identity(base, order)
        excluded = order["items"][1]
        ru, zh = PRODUCTS[excluded["name"]]
        text = form.format(o=order["order_id"], x=excluded["name"].lower(), x_ru=ru[0], x_zh=zh[0])
        reply, _ = talk(base, head, f"{first} {last}, {z}. {text}")
        assert reply is not None and reply.pending is not None, (form, reply)
        wanted = sorted(i["item_id"] for i in order["items"] if i["item_id"] != excluded["item_id"])
        assert sorted(reply.pending.kwargs["item_ids"]) == wanted, form


HEDGE_FORMS = [
    "Return the {a} from {o} (but don't do anything about the {b} yet), original payment method.",
    "Return the {a} from {o}, leave the {b} alone for now. Original payment method.",
    "I'd like to return the {a} in {o}; keep the {b}. Refund to the original payment method.",
    "Return the {a} from {o}. Don't touch the {b}. Original payment method please.",
    "Верните {a_ru} из заказа {o}, а {b_ru} пока не трогайте. На исходный способ оплаты.",
    "Хочу вернуть {a_ru} из {o}, {b_ru} оставьте. Деньги на исходный способ оплаты.",
    "把{o}里的{a_zh}退了（{b_zh}先别动），退到原支付方式。",
    "{o}的{a_zh}要退，{b_zh}暂时不用处理，退款到原支付方式",
    "Return the {a} ({o}), but don't return the {b}, original payment method",
    "Please return {o}'s {a}; do not change the {b}. Original payment method.",
]


@pytest.mark.parametrize("form", HEDGE_FORMS)
def test_an_item_the_customer_holds_back_is_never_in_the_plan(
    base: MemoryStore, head: UnderstandingHead, form: str
) -> None:
    for order in orders_with(base, "delivered", 2)[:5]:
        first, last, z, _e = identity(base, order)
        a, b = order["items"][0], order["items"][1]
        text = form.format(
            o=order["order_id"],
            a=a["name"].lower(),
            b=b["name"].lower(),
            a_ru=PRODUCTS[a["name"]][0][0],
            b_ru=PRODUCTS[b["name"]][0][0],
            a_zh=PRODUCTS[a["name"]][1][0],
            b_zh=PRODUCTS[b["name"]][1][0],
        )
        reply, _ = talk(base, head, f"{first} {last}, {z}. {text}")
        assert reply is not None and reply.pending is not None, (form, reply)
        assert reply.pending.kwargs["item_ids"] == [a["item_id"]], form


LIST_FORMS = [
    "Return the {a}, the {b} and the {c} from {o}, original payment method.",
    "Return {a}, {b}, {c} ({o}); refund to the original payment method",
    "I'm sending back the {c}, the {a} and also the {b} from {o}. Original payment method.",
    "Верните {a_ru}, {b_ru} и {c_ru} из заказа {o}, на исходный способ оплаты.",
    "把{o}里的{a_zh}、{b_zh}和{c_zh}退了，退到原支付方式。",
    "Return both the {a} and the {b} from {o}, original payment method",
    "Return all the items in {o}, original payment method",
    "Return everything from {o}, to the original payment method",
    "Верните все товары из заказа {o}, на исходный способ оплаты",
    "{o}的全部商品都退，退到原支付方式",
]


@pytest.mark.parametrize("form", LIST_FORMS)
def test_lists_both_and_all(base: MemoryStore, head: UnderstandingHead, form: str) -> None:
    for order in orders_with(base, "delivered", 3)[:5]:
        first, last, z, _e = identity(base, order)
        a, b, c = order["items"][:3]
        text = form.format(
            o=order["order_id"],
            **{k: i["name"].lower() for k, i in zip("abc", (a, b, c), strict=True)},
            **{f"{k}_ru": PRODUCTS[i["name"]][0][0] for k, i in zip("abc", (a, b, c), strict=True)},
            **{f"{k}_zh": PRODUCTS[i["name"]][1][0] for k, i in zip("abc", (a, b, c), strict=True)},
        )
        reply, _ = talk(base, head, f"{first} {last}, {z}. {text}")
        assert reply is not None and reply.pending is not None, (form, reply)
        if "{c" in form:
            wanted = [a, b, c]
        elif "{a" in form:
            wanted = [a, b]
        else:
            wanted = order["items"]
        assert sorted(reply.pending.kwargs["item_ids"]) == sorted(i["item_id"] for i in wanted), form


DESCRIPTION_FORMS = [
    "I want to cancel my order with the {x}, I no longer need it.",
    "cancel the {x} order please, ordered it by mistake",
    "Please cancel the order that has the {x} in it — I don't need it anymore",
    "Хочу отменить заказ, где {x_ru}, он мне больше не нужен.",
    "Отмените заказ с {x_ru}, я заказал по ошибке",
    "帮我取消有{x_zh}的那个订单，我不需要了。",
    "{x_zh}那个订单不要了，下错单了",
    "The order with my {x}: cancel it, no longer needed.",
    "Can you cancel the {x} order? I no longer need it.",
    "Cancel the pending order containing the {x}; ordered by mistake.",
]


@pytest.mark.parametrize("form", DESCRIPTION_FORMS)
def test_order_by_description_among_the_customers_own(base: MemoryStore, head: UnderstandingHead, form: str) -> None:
    checked = 0
    for order in orders_with(base, "pending", 1):
        user = base.users[order["user_id"]]
        item = order["items"][0]
        others = [base.orders[o] for o in user["orders"] if o != order["order_id"]]
        if any(o["status"] == "pending" and any(i["name"] == item["name"] for i in o["items"]) for o in others):
            continue  # two pending orders hold it: asking is right, not this test
        first, last, z, _e = identity(base, order)
        ru, zh = PRODUCTS[item["name"]]
        reply, _ = talk(
            base, head, f"{first} {last}, {z}. " + form.format(x=item["name"].lower(), x_ru=ru[0], x_zh=zh[0])
        )
        assert reply is not None and reply.pending is not None, (form, reply)
        assert reply.pending.kwargs["order_id"] == order["order_id"], form
        checked += 1
        if checked == 5:
            break
    assert checked == 5


QUESTIONS = [
    "Can I return my order?",
    "How long does a refund take?",
    "What is your return policy?",
    "Is it possible to cancel an order that was already processed?",
    "Можно ли вернуть товар?",
    "Сколько идёт возврат денег?",
    "已经发货的订单能取消吗？",
    "退款多久到账？",
    "Can items be exchanged more than once?",
    "how do I change my shipping address?",
]
REQUESTS = [
    "I want to return my shoes",
    "Please cancel my order",
    "cancel order #W2611340",
    "Could you cancel my order?",
    "Верните деньги за чайник",
    "Отмените заказ, пожалуйста",
    "我要退货",
    "帮我取消订单",
    "I need to change the shipping address of an order",
    "swap my keyboard for a linear one please",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_questions_are_answered_not_acted_on(base: MemoryStore, head: UnderstandingHead, text: str) -> None:
    reply, state = talk(base, head, text)
    assert reply is None and state.flow is None, text


@pytest.mark.parametrize("text", REQUESTS)
def test_requests_start_a_flow(base: MemoryStore, head: UnderstandingHead, text: str) -> None:
    reply, state = talk(base, head, text)
    assert reply is not None and state.flow is not None, text


def test_foreign_product_names_and_options_change_the_right_item(base: MemoryStore, head: UnderstandingHead) -> None:
    order = next(
        o for o in orders_with(base, "delivered", 2) if any(i["name"] == "Mechanical Keyboard" for i in o["items"])
    )
    keyboard = next(i for i in order["items"] if i["name"] == "Mechanical Keyboard")
    switch = next(s for s in ("linear", "tactile", "clicky") if keyboard["options"]["switch type"] != s)
    words = {"linear": ("линейные", "线性"), "tactile": ("тактильные", "茶轴"), "clicky": ("кликающие", "青轴")}[switch]
    first, last, z, _e = identity(base, order)
    for text in (
        f"{first} {last}, {z}. Хочу обменять клавиатуру из заказа {order['order_id']} на {words[0]} свичи, "
        "разницу через PayPal",
        f"{first} {last}，{z}。订单{order['order_id']}的键盘换成{words[1]}的，差价用PayPal",
    ):
        reply, _ = talk(base, head, text)
        assert reply is not None
        if reply.pending is None:  # the customer has no PayPal: the method is asked, the item understood
            assert "Mechanical Keyboard" not in reply.text or "?" in reply.text
            continue
        assert reply.pending.kwargs["item_ids"] == [keyboard["item_id"]]
        new = base.products[keyboard["product_id"]]["variants"][reply.pending.kwargs["new_item_ids"][0]]
        assert new["options"]["switch type"] == switch


def test_another_customers_order_is_neither_acted_on_nor_described(base: MemoryStore, head: UnderstandingHead) -> None:
    mine, theirs = orders_with(base, "pending", 1)[:2]
    first, last, z, _e = identity(base, mine)
    reply, state = talk(base, head, f"{first} {last}, {z}. Cancel order {theirs['order_id']}, I no longer need it.")
    assert reply is not None and reply.pending is None
    assert theirs["order_id"] in reply.text and not any(i["name"] in reply.text for i in theirs["items"])
    assert state.user_id == mine["user_id"]


@pytest.mark.parametrize(
    "text",
    ["asdkj qwe zxcv ;;; !!", "ыавыв фывфыв", "啊啊啊啊啊", "cancel " * 800, "🙂" * 50, "return ret urn re-turn ??"],
)
def test_gibberish_and_very_long_messages_write_nothing(base: MemoryStore, head: UnderstandingHead, text: str) -> None:
    store = base.fresh()
    flows, state = FlowManager(store, head), FlowState()
    for message in (text, "yes", text, "yes"):
        reply = flows.handle(message, message, state)
        assert reply is None or reply.execute is None
    assert store.log == []


def test_the_same_question_is_never_sent_twice_in_a_row_and_a_human_is_offered(
    base: MemoryStore, head: UnderstandingHead
) -> None:
    flows, state = FlowManager(base.fresh(), head), FlowState()
    said = []
    for message in ("I want to cancel an order", "blah", "blah"):
        reply = flows.handle(message, message, state)
        assert reply is not None
        said.append(reply.text)
    assert all(a != b for a, b in itertools.pairwise(said))
    assert reply.offer_human == "no_progress" and "agent" in reply.text


def test_naming_another_order_drops_the_items_of_the_first(base: MemoryStore, head: UnderstandingHead) -> None:
    """Items matched in one order are never planned against another one the customer switches to."""
    first, second = next(
        (a, b)
        for a in orders_with(base, "delivered", 2)
        for b in (base.orders[o] for o in base.users[a["user_id"]]["orders"])
        if b["order_id"] != a["order_id"] and b["status"] == "delivered"
    )
    f, last, z, _e = identity(base, first)
    item = first["items"][0]["name"].lower()
    reply, state = talk(
        base,
        head,
        f"{f} {last}, {z}. Return the {item} from {first['order_id']}",
        f"sorry, I meant {second['order_id']}",
    )
    assert reply is not None
    held = {i["item_id"] for i in second["items"]}
    if reply.pending is not None:
        assert set(reply.pending.kwargs["item_ids"]) <= held
    assert set(state.slots.get("item_ids", [])) <= held


def test_a_failing_step_says_so_and_offers_a_human(base: MemoryStore, head: UnderstandingHead) -> None:
    class Broken(MemoryStore):
        def order_details(self, order_id: str) -> dict[str, Any] | None:
            raise RuntimeError("database gone")

    store = Broken(base.users, base.products, base.orders)
    order = orders_with(base, "pending", 1)[0]
    f, last, z, _e = identity(base, order)
    reply = FlowManager(store, head).handle(
        f"{f} {last}, {z}. Cancel {order['order_id']}", f"{f} {last}, {z}. Cancel {order['order_id']}", FlowState()
    )
    assert reply is not None and reply.offer_human == "flow_error" and reply.execute is None


def test_a_plan_the_policy_refuses_is_said_before_the_yes(base: MemoryStore, head: UnderstandingHead) -> None:
    """The confirmation comes from a dry run of the policy: a gift card that cannot cover the order is said at
    once, and the amounts a plan names are the write's own."""
    order = next(
        o
        for o in orders_with(base, "pending", 1, distinct=False)
        if any(
            m.get("source") == "gift_card" and m.get("balance", 0) < o["payment_history"][0]["amount"]
            for m in base.users[o["user_id"]]["payment_methods"].values()
        )
        and "gift_card" not in o["payment_history"][0]["payment_method_id"]
    )
    f, last, z, _e = identity(base, order)
    text = f"{f} {last}, {z}. Please pay for {order['order_id']} with my gift card instead."
    reply, _ = talk(base, head, text)
    assert reply is not None and reply.pending is None and "can't offer" in reply.text and "gift card" in reply.text
    cancel = f"{f} {last}, {z}. Cancel {order['order_id']}, I no longer need it."
    reply, _ = talk(base, head, cancel)
    assert reply is not None and reply.pending is not None
    total = sum(p["amount"] for p in order["payment_history"])
    assert f"${total:,.2f}" in reply.text
