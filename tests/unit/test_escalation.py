"""decide(state, signal): the escalation rules as a pure function."""

import pytest

from hotline.dialogue.escalation import (
    Continue,
    Escalate,
    EscalationPolicy,
    EscalationState,
    TurnSignal,
    decide,
    said_not_helpful,
)
from hotline.dialogue.repetition import Repetition

POLICY = EscalationPolicy(anger_threshold=0.5, anger_very_high=0.85, anger_reset_below=0.35)


def run(signals: list[TurnSignal]) -> list[str]:
    state = EscalationState()
    out = []
    for signal in signals:
        state, decision = decide(state, signal, POLICY)
        out.append(decision.reason if isinstance(decision, Escalate) else "-")
    return out


def test_explicit_request_for_a_human_escalates_at_once() -> None:
    assert run([TurnSignal(wants_human=True)]) == ["customer asked for a human"]


def test_high_redline_severity_escalates_and_medium_does_not() -> None:
    assert run([TurnSignal(redline_severity=3, redline_rule="legal_threat")]) == ["red-line: legal_threat"]
    assert run([TurnSignal(redline_severity=2)]) == ["-"]


def test_one_very_angry_turn_escalates() -> None:
    assert run([TurnSignal(anger=0.9)])[0].startswith("very angry")


def test_two_angry_turns_in_a_row_escalate() -> None:
    decisions = run([TurnSignal(anger=0.6), TurnSignal(anger=0.6)])
    assert decisions[0] == "-" and decisions[1].startswith("angry for 2 turns in a row (0.60 against 0.50")


def test_hysteresis_middle_scores_keep_the_count_calm_resets_it() -> None:
    # 0.6 (angry), 0.4 (between reset and threshold: count kept), 0.6 -> escalates
    assert run([TurnSignal(anger=0.6), TurnSignal(anger=0.4), TurnSignal(anger=0.6)])[-1].startswith("angry for 2")
    # 0.6, 0.1 (calm: reset), 0.6 -> not yet
    assert run([TurnSignal(anger=0.6), TurnSignal(anger=0.1), TurnSignal(anger=0.6)]) == ["-", "-", "-"]


def test_repeated_misses_and_did_not_help() -> None:
    assert (
        run([TurnSignal(retrieval_miss=True), TurnSignal(said_not_helpful=True)])[-1]
        == "2 turns without a useful answer"
    )
    miss, useful = TurnSignal(retrieval_miss=True, after_reply=True), TurnSignal(after_reply=True)
    # Two replies without an answer, the customer's next message between them (read before the reply, it says
    # nothing of it): two in a row. The bot had said "I have no reliable information" twice to a customer.
    assert run([miss, TurnSignal(), miss])[-1] == "2 turns without a useful answer"
    assert run([miss, TurnSignal(), useful, TurnSignal(), miss]) == ["-"] * 5  # a useful reply ends the run


def test_model_failure_escalates_and_escalated_state_is_sticky() -> None:
    state, decision = decide(EscalationState(), TurnSignal(model_failed=True), POLICY)
    assert isinstance(decision, Escalate)
    state, decision = decide(state, TurnSignal(wants_human=True), POLICY)
    assert isinstance(decision, Continue)


def test_did_not_help_phrases() -> None:
    assert said_not_helpful("that didn't help at all")
    assert said_not_helpful("это не помогло")
    assert said_not_helpful("你的回答没用")
    assert not said_not_helpful("thanks, that helped")
    for said in (
        "You're not listening",
        "it still doesn't work",
        "useless bot",
        "бесполезно",
        "答非所问",
        "That's not what I asked",
    ):
        assert said_not_helpful(said), said


def test_the_customers_language_sets_the_thresholds() -> None:
    calibrated = EscalationPolicy(
        anger_threshold=0.5, anger_very_high=0.85, by_language=(("zh", 0.8, 0.95, 0.7), ("en", 0.4, 0.7, 0.3))
    )
    # 0.75 is very angry for an English customer, not for a Chinese one (whose neutral messages score higher)
    _, english = decide(EscalationState(), TurnSignal(anger=0.75, lang="en"), calibrated)
    _, chinese = decide(EscalationState(), TurnSignal(anger=0.75, lang="zh"), calibrated)
    _, russian = decide(EscalationState(), TurnSignal(anger=0.75, lang="ru"), calibrated)  # not calibrated: default
    assert isinstance(english, Escalate) and isinstance(chinese, Continue) and isinstance(russian, Continue)
    state, _ = decide(EscalationState(), TurnSignal(anger=0.85, lang="zh"), calibrated)
    _, second = decide(state, TurnSignal(anger=0.85, lang="zh", evidence="你们太差劲了"), calibrated)
    assert isinstance(second, Escalate) and "for zh" in second.reason and "你们太差劲了" in second.reason


def test_abuse_counts_as_an_angry_turn_and_the_words_are_kept() -> None:
    decisions = run([TurnSignal(abuse=True, evidence="[profanity]"), TurnSignal(anger=0.6)])
    assert decisions[0] == "-" and decisions[1].startswith("angry for 2 turns") and "[profanity]" in decisions[1]
    assert run([TurnSignal(abuse=True), TurnSignal(abuse=True)])[-1].startswith("abusive for 2 turns")


def test_repeated_attempts_to_manipulate_the_bot_escalate() -> None:
    decisions = run(
        [TurnSignal(attack=True, evidence="ignore previous instructions"), TurnSignal(), TurnSignal(attack=True)]
    )
    assert decisions[:2] == ["-", "-"]
    assert decisions[2].startswith("kept trying to manipulate the bot (2 turns)")


def test_an_unhappy_customer_the_bot_is_not_helping_goes_to_a_person() -> None:
    policy = EscalationPolicy(dissatisfied_by_language=(("en", 0.6),))
    state, calm = decide(EscalationState(), TurnSignal(dissatisfied=0.8, lang="en"), policy)
    assert isinstance(calm, Continue)  # unhappy, but nothing failed yet
    state, _ = decide(state, TurnSignal(retrieval_miss=True, lang="en"), policy)  # the answer missed
    state, decision = decide(state, TurnSignal(dissatisfied=0.8, lang="en", evidence="still no refund"), policy)
    assert isinstance(decision, Escalate) and decision.reason.startswith("unhappy and not helped (0.80 against 0.60)")
    _, content = decide(EscalationState(misses=1), TurnSignal(dissatisfied=0.4, lang="en"), policy)
    assert isinstance(content, Continue)  # below the language's threshold


def test_saying_the_same_again_is_a_turn_without_a_useful_answer() -> None:
    customer_again = TurnSignal(repeated="customer", evidence="where is my refund for the lamp")
    assert run([TurnSignal(retrieval_miss=True, after_reply=True), customer_again])[-1] == (
        "2 turns without a useful answer (the customer said the same again): “where is my refund for the lamp”"
    )
    bot_again = TurnSignal(repeated="bot", after_reply=True)
    assert run([customer_again, bot_again])[-1].endswith("(the bot gave the same reply again)")
    assert run([customer_again, TurnSignal(after_reply=True), TurnSignal(), bot_again]) == ["-"] * 4  # not in a row


def test_a_signal_about_the_reply_leaves_the_mood_alone() -> None:
    angry = TurnSignal(anger=0.6, evidence="this is ridiculous")
    after = TurnSignal(repeated="bot", after_reply=True)
    assert run([angry, after, angry])[-1].startswith("angry for 2 turns in a row")


@pytest.mark.parametrize(
    ("earlier", "now", "same"),
    [
        ("Where is my refund for the lamp?", "where is my refund for the lamp??", True),
        ("I want to cancel my order please", "please, I want to cancel my order", True),
        ("Мне нужно отменить заказ W1234567", "мне нужно отменить заказ W1234567!", True),
        ("我的退款什么时候到账？", "我的退款到底什么时候到账", True),
        ("yes", "yes", False),  # short answers are given again when asked again
        ("#W1234567", "#W1234567", False),
        ("Where is my refund for the lamp?", "Can I exchange the lamp for another colour?", False),
        ("Cancel order #W1234567 please", "cancel order #W7654321 please", False),  # another order
        ("chat 3 message 1", "chat 3 message 2", False),
    ],
)
def test_a_repeat_is_the_same_message_in_any_script(earlier: str, now: str, same: bool) -> None:
    repetition = Repetition()
    repetition.customer_said(earlier)
    assert (repetition.customer_said(now) is not None) is same


def test_the_bot_repeating_its_last_reply() -> None:
    repetition = Repetition()
    assert not repetition.bot_said("Which order is it about? Your orders are #W1 and #W2.")
    assert repetition.bot_said("Which order is it about? Your orders are #W1 and #W2.")
    assert not repetition.bot_said("Your order #W1 is cancelled; the refund goes to your card.")


def outcomes(policy: EscalationPolicy, signals: list[TurnSignal]) -> list[bool]:
    state, escalated = EscalationState(), []
    for signal in signals:
        state, decision = decide(state, signal, policy)
        escalated.append(isinstance(decision, Escalate))
    return escalated


def test_a_tenant_can_send_its_customers_to_a_human_sooner_or_later() -> None:
    """Per-tenant sensitivity sits on top of the per-language calibration: a bank's offset of -0.15 makes two turns
    at 0.4 anger a transfer; the gateway's default does not; a tenant may also ask for one angry turn only."""
    calibrated = EscalationPolicy(anger_threshold=0.5, by_language=(("ru", 0.6, 0.9, 0.4),))
    irritated = [TurnSignal(anger=0.4, lang="en"), TurnSignal(anger=0.42, lang="en")]
    assert outcomes(calibrated, irritated) == [False, False]
    bank = calibrated.for_tenant(anger_offset=-0.15)
    assert outcomes(bank, irritated) == [False, True]
    assert bank.for_language("ru").anger_threshold == pytest.approx(0.45)  # Russian's calibrated 0.6, less 0.15
    assert bank.for_language("ru").for_language("ru").anger_threshold == pytest.approx(0.45)  # applied once
    assert outcomes(calibrated.for_tenant(angry_turns_to_escalate=1), [TurnSignal(anger=0.55)]) == [True]
    patient = calibrated.for_tenant(anger_offset=0.2, dissatisfied_offset=0.2)
    assert patient.for_language("en").anger_very_high == pytest.approx(1.05)  # very angry needs more, too


def test_tenant_escalation_settings_reach_the_policy_and_are_checked() -> None:
    from types import SimpleNamespace

    from pydantic import ValidationError

    from hotline.gateway.services import Services
    from hotline.settings import EscalationSettings

    settings = EscalationSettings.model_validate({"tenants": {"bank": {"anger_offset": -0.1, "misses_to_escalate": 1}}})
    services: object = SimpleNamespace(settings=SimpleNamespace(escalation=settings), escalation_policy=POLICY)
    bank = Services.escalation_policy_for(services, "bank")  # type: ignore[arg-type]
    assert bank.for_language("en").anger_threshold == pytest.approx(0.4) and bank.misses_to_escalate == 1
    assert Services.escalation_policy_for(services, "demo") is POLICY  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="anger_offset"):
        EscalationSettings.model_validate({"tenants": {"bank": {"anger_offset": -2}}})


def test_a_request_for_a_person_in_other_words_escalates_at_the_heads_threshold() -> None:
    """The person head hears "could someone from your team take over?"; its own threshold decides."""
    policy = EscalationPolicy(person_threshold=0.7)
    _, below = decide(EscalationState(), TurnSignal(asks_person=0.69, lang="en"), policy)
    state, above = decide(EscalationState(), TurnSignal(asks_person=0.7, lang="ru"), policy)
    assert isinstance(below, Continue)
    assert isinstance(above, Escalate) and above.kind == "asked_human" and state.escalated
