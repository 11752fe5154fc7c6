"""What every plan builder shares: the dry run behind a confirmation, asking which of two alike items, and the
items remembered for an order."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from hotline.dialogue.dry_run import dry_run
from hotline.dialogue.flow_phrases import listing, phrase, policy_reason, status_word
from hotline.dialogue.flow_state import FlowReply, FlowState, PendingAction, Store
from hotline.dialogue.order_items import ambiguous_group, options_of
from hotline.languages import languages
from hotline.store.catalog_names import shown_name

# The plan as said to the customer, from the dry run's result, in a language: said in the customer's, and kept in
# every served language for the agent who may take the conversation over (the handoff packet)
Summary = Callable[[dict[str, Any], str], str]


def ask(store: Store, state: FlowState, name: str, kwargs: dict[str, Any], summary: Summary) -> FlowReply:
    """The plan and an explicit yes, after a dry run of the policy: its amounts are the write's own, and a
    plan the policy refuses is said now, not after the yes."""
    result, refused = dry_run(store, name, kwargs)
    if result is None or refused is not None:
        state.flow, state.slots = None, {}
        why = "" if refused is None else policy_reason(state.lang, refused.code, refused.values, str(refused))
        return FlowReply(phrase(state.lang, "cannot_plan", reason=why))
    said = summary(result, state.lang)
    summaries = {lang: said if lang == state.lang else summary(result, lang) for lang in languages()}
    state.pending = PendingAction(uuid.uuid4().hex, name, kwargs, said, summaries)
    return FlowReply(f"{said} {phrase(state.lang, 'confirm_question')}", pending=state.pending)


def ask_which_item(state: FlowState, order: dict[str, Any], item_ids: list[str]) -> FlowReply | None:
    """Two items of the same product with different options, and the customer named neither apart (nor
    said "both"): ask which, instead of guessing. The answer is read together with the request."""
    text = state.slots.get("items_text") or state.slots.get("last_text", "")
    group = ambiguous_group(text, order, item_ids)
    if not group:
        return None
    state.slots.pop("item_ids", None)
    state.slots["ambiguous_text"] = text
    choices = listing(state.lang, [options_of(item, state.lang) for item in group])
    return FlowReply(
        phrase(
            state.lang,
            "ambiguous_item",
            order_id=order["order_id"],
            name=shown_name(group[0]["name"], state.lang),
            choices=choices,
        )
    )


def about(state: FlowState, key: str, order: dict[str, Any]) -> str:
    return phrase(state.lang, key, order_id=order["order_id"], status=status_word(state.lang, order["status"]))


def in_order(item_ids: list[str] | None, order: dict[str, Any]) -> list[str]:
    """Item ids remembered from earlier that this order really holds (never a plan over another order's items)."""
    held = [i["item_id"] for i in order["items"]]
    return [i for i in item_ids or [] if i in held]
