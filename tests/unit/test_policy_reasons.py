"""Why the store's policy refuses a plan, said in the customer's language (the packs' policy_reasons), with the
English message as the fallback."""

from __future__ import annotations

import pytest

from hotline.dialogue.flow_phrases import POLICY_REASONS, phrase, policy_reason
from hotline.store import actions
from hotline.store.policy import PolicyViolation

ORDER = {
    "order_id": "#W1000001",
    "user_id": "u1",
    "status": "processed",
    "items": [{"item_id": "1", "product_id": "p", "name": "Desk Lamp", "price": 20.0}],
    "payment_history": [{"transaction_type": "payment", "amount": 20.0, "payment_method_id": "gift_card_1"}],
}
USER = {"payment_methods": {"gift_card_1": {"source": "gift_card", "balance": 5.0, "id": "gift_card_1"}}}


def refusal(name: str, kwargs: dict[str, object], order: dict[str, object] | None = None) -> PolicyViolation:
    import copy

    with pytest.raises(PolicyViolation) as refused:
        actions.apply(name, copy.deepcopy(order or ORDER), copy.deepcopy(USER), {}, kwargs)
    return refused.value


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "order #W1000001 is processed, and only a pending order allows this"),
        ("ru", "заказ #W1000001 — уже обработан, а это возможно только для заказа со статусом «ещё не отправлен»"),
        ("zh", "订单#W1000001已处理，只有待处理的订单才能这样办理"),
    ],
)
def test_a_wrong_status_is_said_in_the_customers_language(lang: str, said: str) -> None:
    violation = refusal("cancel_pending_order", {"reason": "no longer needed"})
    assert violation.code == "wrong_status"
    assert policy_reason(lang, violation.code, violation.values, str(violation)) == said
    assert said in phrase(lang, "cannot_plan", reason=said)


def test_every_policy_code_has_a_reason_in_every_language() -> None:
    codes = {"wrong_status", "item_not_in_order", "gift_card_short_total", "cancel_reason", "order_not_found"}
    for code in codes:
        assert set(POLICY_REASONS[code]) >= {"en", "ru", "zh"}, code


def test_amounts_and_ids_stay_as_the_store_has_them() -> None:
    pending = {**ORDER, "status": "pending"}
    violation = refusal("modify_pending_order_payment", {"payment_method_id": "gift_card_1"}, pending)
    assert violation.code == "same_payment"
    user = {"payment_methods": {**USER["payment_methods"], "gift_card_2": {"source": "gift_card", "balance": 5.0}}}
    with pytest.raises(PolicyViolation) as short:
        actions.apply("modify_pending_order_payment", dict(pending), user, {}, {"payment_method_id": "gift_card_2"})
    said = policy_reason("ru", short.value.code, short.value.values, str(short.value))
    assert said == "баланса подарочной карты ($5.00) не хватает на сумму заказа ($20.00)"


def test_an_unknown_code_or_language_falls_back_to_the_english_message() -> None:
    assert policy_reason("ru", "brand_new_rule", {}, "a new rule says no") == "a new rule says no"
    assert policy_reason("de", "no_items", {}, "no items were named") == "no items were named"
