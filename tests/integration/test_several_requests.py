"""Several requests in one message, en/ru/zh: the first is planned, the next follows once it is done or dropped,
without the customer saying it again; one request with several parts stays one."""

from __future__ import annotations

from typing import Any

import pytest

from hotline.dialogue.flows import FlowManager, FlowReply, FlowState
from hotline.dialogue.understanding.head import UnderstandingHead
from hotline.evaluation.simulate.phrasebook import PRODUCTS
from hotline.store.memory import MemoryStore

pytestmark = pytest.mark.shared_data


def customers(base: MemoryStore, limit: int = 5) -> list[tuple[dict[str, Any], str, dict[str, Any]]]:
    """(user, a pending order id, a delivered order) of customers who have both."""
    found = []
    for user in base.users.values():
        pending = [o for o in user["orders"] if base.orders[o]["status"] == "pending"]
        delivered = [base.orders[o] for o in user["orders"] if base.orders[o]["status"] == "delivered"]
        if pending and delivered and len({i["name"] for i in delivered[0]["items"]}) == len(delivered[0]["items"]):
            found.append((user, pending[0], delivered[0]))
        if len(found) == limit:
            break
    return found


FORMS = [
    "I'm {f} {l}, zip {z}. Cancel {p}, I no longer need it. Also, return the {item} from {d}, refund to the "
    "original payment method.",
    "Hi, {f} {l}, {z}. Please cancel order {p} because I don't need it anymore; and also I want to return the {item} "
    "in {d} (refund to the original payment method).",
    "{f} {l} here, zip {z}. Two things: cancel {p} (ordered by mistake). Then return the {item} from order {d}, "
    "original payment method.",
    "Return the {item} from {d} to the original payment method, please. One more thing: cancel {p}, I no longer "
    "need it. I'm {f} {l}, zip {z}.",
    "Меня зовут {f} {l}, индекс {z}. Отмените заказ {p}, он мне больше не нужен. Также верните {item_ru} из заказа "
    "{d}, деньги на исходный способ оплаты.",
    "Я {f} {l}, индекс {z}. Хочу вернуть {item_ru} из заказа {d}, на исходный способ оплаты. И ещё отмените {p}, "
    "заказал по ошибке.",
    "我是{f} {l}，邮编{z}。请取消订单{p}，不需要了。另外，{d}里的{item_zh}我要退货，原路退回。",
    "我是{f} {l}，邮编{z}。{d}里的{item_zh}想退掉，退到原支付方式。还有，订单{p}取消吧，下错单了。",
]


@pytest.mark.parametrize("form", FORMS)
def test_the_second_request_follows_the_first_without_being_said_again(
    base: MemoryStore, head: UnderstandingHead, form: str
) -> None:
    for user, pending, delivered in customers(base):
        item = delivered["items"][0]
        text = form.format(
            f=user["name"]["first_name"],
            l=user["name"]["last_name"],
            z=user["address"]["zip"],
            p=pending,
            d=delivered["order_id"],
            item=item["name"],
            item_ru=PRODUCTS[item["name"]][0][0],
            item_zh=PRODUCTS[item["name"]][1][0],
        )
        flows, state = FlowManager(base.fresh(), head), FlowState()
        first = flows.handle(text, text, state)
        assert first is not None and first.pending is not None, (text, first)
        second = flows.handle("yes" if "我" not in text else "好的", "yes", state)
        assert second is not None and second.execute is not None, second
        assert second.pending is not None, (text, second.text)
        planned = {first.pending.name, second.pending.name}
        assert planned == {"cancel_pending_order", "return_delivered_order_items"}, text
        returned = first.pending if first.pending.name.startswith("return") else second.pending
        assert returned.kwargs["item_ids"] == [item["item_id"]]


def test_a_dropped_first_request_moves_on_to_the_next(base: MemoryStore, head: UnderstandingHead) -> None:
    user, pending, delivered = customers(base)[0]
    item = delivered["items"][0]
    who = f"I'm {user['name']['first_name']} {user['name']['last_name']}, zip {user['address']['zip']}."
    text = f"{who} Cancel {pending}, I no longer need it. Also, return the {item['name']} from {delivered['order_id']}."
    flows, state = FlowManager(base.fresh(), head), FlowState()
    flows.handle(text, text, state)
    reply: FlowReply | None = flows.handle("No.", "No.", state)
    assert reply is not None and reply.execute is None
    assert reply.pending is not None and reply.pending.name == "return_delivered_order_items", reply.text


@pytest.mark.parametrize(
    "form",
    [
        "Exchange the {item} in {d} for another colour. Also, I'll pay the difference with PayPal.",
        "Return the {item} from {d}. Refund it to the original payment method. Thanks!",
        "Cancel {p}. Also, it was ordered by mistake.",
    ],
)
def test_one_request_in_several_sentences_stays_one(base: MemoryStore, head: UnderstandingHead, form: str) -> None:
    user, pending, delivered = customers(base)[0]
    text = form.format(item=delivered["items"][0]["name"], d=delivered["order_id"], p=pending)
    flows, state = FlowManager(base.fresh(), head), FlowState()
    who = f"I'm {user['name']['first_name']} {user['name']['last_name']}, zip {user['address']['zip']}. "
    flows.handle(who + text, who + text, state)
    assert state.later is None, text


def test_the_same_request_again_in_the_rest_of_a_message_is_not_planned_twice(
    base: MemoryStore, head: UnderstandingHead
) -> None:
    """ "Cancel #W1 … Also, please cancel #W1" (a part read as a request of its own, family 7 and 9): after the yes
    the same plan is not asked for again."""
    user, pending, _ = customers(base)[0]
    who = f"I'm {user['name']['first_name']} {user['name']['last_name']}, zip {user['address']['zip']}."
    flows, state = FlowManager(base.fresh(), head), FlowState()
    said = f"{who} Cancel {pending}, I no longer need it."
    first = flows.handle(said, said, state)
    assert first is not None and first.pending is not None
    again = f"Also, please cancel {pending}, I no longer need it."
    state.later = (again, again)  # as the message's cut would have kept it
    reply = flows.handle("Yes.", "Yes.", state)
    assert reply is not None and reply.execute is not None and reply.pending is None, reply.text
    assert state.pending is None and state.flow is None
