"""A customer in Taiwan types traditional characters with Taiwan's words (訂單, 退貨, 麻煩您, 郵遞區號): the request is
read as the same request in simplified — same plan, same order, same items — through the path the gateway's
session takes (``customer_text`` before the red-line and the flows). My own phrasings, not the simulated
customers' templates."""

from __future__ import annotations

import pytest

from hotline.dialogue.flows import FlowManager, FlowState
from hotline.dialogue.references import customer_text
from hotline.dialogue.understanding.head import UnderstandingHead
from hotline.evaluation.simulate.phrasebook import PRODUCTS
from hotline.languages.script import simplified
from hotline.redline.rules import RedLine
from hotline.store.memory import MemoryStore
from tests.integration.test_several_requests import customers

pytestmark = pytest.mark.shared_data

FORMS = [
    ("您好，我是{f} {l}，郵遞區號{z}。麻煩您把訂單{p}取消，是下錯單了。", "cancel_pending_order"),
    ("{f} {l}，郵遞區號{z}。訂單{p}不需要了，請幫我取消，謝謝。", "cancel_pending_order"),
    ("我是{f} {l}，郵遞區號{z}。訂單{d}裡的{item}我要退貨，退款請退回原本的付款方式。", "return_delivered_order_items"),
    (
        "不好意思，{d}這筆訂單的{item}想退貨，錢退到原來的付款方式就好。我叫{f} {l}，郵遞區號{z}。",
        "return_delivered_order_items",
    ),
]


@pytest.mark.parametrize(("form", "action"), FORMS)
def test_a_request_in_traditional_characters_gets_the_same_plan(
    base: MemoryStore, head: UnderstandingHead, form: str, action: str
) -> None:
    redline = RedLine()
    for user, pending, delivered in customers(base, limit=3):
        item = delivered["items"][0]
        typed = form.format(
            f=user["name"]["first_name"],
            l=user["name"]["last_name"],
            z=user["address"]["zip"],
            p=pending,
            d=delivered["order_id"],
            item=PRODUCTS[item["name"]][1][0],
        )
        assert simplified(typed) != typed  # the test's message is in traditional characters
        text = customer_text(typed)
        check = redline.check_input(text)
        flows, state = FlowManager(base.fresh(), head), FlowState()
        reply = flows.handle(check.masked_text, text, state)
        assert reply is not None and reply.pending is not None, (typed, reply)
        assert reply.pending.name == action, (typed, reply.text)
        if action == "cancel_pending_order":
            assert reply.pending.kwargs["order_id"] == pending
        else:
            assert reply.pending.kwargs["order_id"] == delivered["order_id"]
            assert reply.pending.kwargs["item_ids"] == [item["item_id"]], (typed, reply.text)
        assert state.lang == "zh"
