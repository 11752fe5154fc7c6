"""What a "no, I meant …" to a planned item change keeps of the plan: the items unless it names others, the payment
method unless it names one (the card said in the first message, before the account was known, is not lost)."""

from __future__ import annotations

from hotline.dialogue.flow_corrections import forget_corrected
from hotline.dialogue.flow_state import FlowState, PendingAction

REFUSED = PendingAction(
    "a1",
    "exchange_delivered_order_items",
    {"order_id": "#W1", "item_ids": ["1"], "new_item_ids": ["9"], "payment_method_id": "credit_card_4275"},
    "…",
)


def changing() -> FlowState:
    state = FlowState()
    state.flow = "change"
    state.slots = {"order_id": "#W1", "change_text": "old words", "pay_with": "credit_card"}
    return state


def test_a_correction_of_the_items_keeps_the_method_named_before() -> None:
    state = changing()
    forget_corrected(state, REFUSED, {"items"})
    assert state.slots["pay_with_id"] == "credit_card_4275" and state.slots["change_text"] == ""
    assert "item_ids" not in state.slots


def test_a_correction_of_the_method_drops_it() -> None:
    state = changing()
    forget_corrected(state, REFUSED, {"payment"})
    assert "pay_with_id" not in state.slots and "pay_with" not in state.slots
    assert state.slots["item_ids"] == ["1"]  # the items stay
