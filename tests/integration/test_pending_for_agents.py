"""A plan waiting for the customer's yes, as the agent who takes the conversation over reads it: in the agent's
language, whatever the customer's (the packet's summary and its "pending" line), with the same order and amount."""

from __future__ import annotations

import pytest

from hotline.dialogue.agent_view import packet_view, state_summary
from hotline.dialogue.flows import FlowManager, FlowState
from hotline.dialogue.handoff import conversation_state
from hotline.dialogue.understanding.head import UnderstandingHead
from hotline.store.memory import MemoryStore

pytestmark = pytest.mark.shared_data


@pytest.mark.parametrize(
    ("lang", "request_text"),
    [
        ("ru", "Отмените заказ {o}, он мне больше не нужен. {who}"),
        ("zh", "请取消订单{o}，我不需要了。{who}"),
    ],
)
def test_a_pending_plan_reaches_the_agent_in_the_agents_language(
    base: MemoryStore, head: UnderstandingHead, lang: str, request_text: str
) -> None:
    order = next(o for o in base.orders.values() if o["status"] == "pending")
    user = base.users[order["user_id"]]
    who = f"{user['name']['first_name']} {user['name']['last_name']}, {user['address']['zip']}"
    store = base.fresh()
    flows, state = FlowManager(store, head), FlowState()
    text = request_text.format(o=order["order_id"], who=who)
    reply = flows.handle(text, text, state)
    assert reply is not None and reply.pending is not None, reply
    pending = reply.pending
    assert pending.summary == pending.summaries[lang] and set(pending.summaries) == {"en", "ru", "zh"}
    packet_state = conversation_state(store, "c", state)
    english = state_summary(packet_state, "en")
    assert pending.summaries["en"] in english and pending.summary not in english  # not the customer's words
    assert order["order_id"] in pending.summaries["en"] and "$" in pending.summaries["en"]
    view = packet_view({"reason": "asked", "pending": pending.summary}, packet_state, [], "en")
    assert view["pending"] == pending.summaries["en"]
    assert packet_view({"reason": "asked"}, packet_state, [], lang)["pending"] == pending.summary
