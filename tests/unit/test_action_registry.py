"""The store's actions as data: everything derived from the registry agrees with it."""

from __future__ import annotations

import pytest

from hotline.dialogue.flow_phrases import PHRASES
from hotline.dialogue.plans import PLANNERS
from hotline.store.actions import ACTIONS, KINDS, REQUEST_KINDS, WRITE_ACTIONS, action_for, statuses_for


def test_every_kind_of_request_has_a_plan_builder() -> None:
    assert set(PLANNERS) == set(KINDS)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_every_phrase_an_action_names_is_in_each_language(lang: str) -> None:
    for action in ACTIONS.values():
        for key in (action.done_phrase, action.wrong_status_phrase):
            if key:
                assert PHRASES.get(key, {}).get(lang), (lang, action.name, key)


def test_the_kind_and_the_status_name_one_action() -> None:
    assert statuses_for("change") == {"pending", "delivered"}
    assert statuses_for("cancel") == {"pending"}
    assert statuses_for("user_address") == set()
    assert action_for("change", "pending").name == "modify_pending_order_items"  # type: ignore[union-attr]
    assert action_for("change", "delivered").name == "exchange_delivered_order_items"  # type: ignore[union-attr]
    assert action_for("cancel", "delivered") is None
    assert action_for("user_address", None).name == "modify_user_address"  # type: ignore[union-attr]


def test_the_store_takes_exactly_the_registered_writes() -> None:
    assert tuple(ACTIONS) == WRITE_ACTIONS
    assert "modify_user_address" not in REQUEST_KINDS  # an account change is not an order request
    assert set(REQUEST_KINDS) | {"modify_user_address"} == set(ACTIONS)
