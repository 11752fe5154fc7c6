"""decide(state, signal): the escalation rules as a pure function."""

from hotline.dialogue.escalation import (
    Continue,
    Escalate,
    EscalationPolicy,
    EscalationState,
    TurnSignal,
    decide,
    said_not_helpful,
)

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
    assert run([TurnSignal(anger=0.6), TurnSignal(anger=0.6)]) == ["-", "angry for 2 turns"]


def test_hysteresis_middle_scores_keep_the_count_calm_resets_it() -> None:
    # 0.6 (angry), 0.4 (between reset and threshold: count kept), 0.6 -> escalates
    assert run([TurnSignal(anger=0.6), TurnSignal(anger=0.4), TurnSignal(anger=0.6)])[-1] == "angry for 2 turns"
    # 0.6, 0.1 (calm: reset), 0.6 -> not yet
    assert run([TurnSignal(anger=0.6), TurnSignal(anger=0.1), TurnSignal(anger=0.6)]) == ["-", "-", "-"]


def test_repeated_misses_and_did_not_help() -> None:
    assert (
        run([TurnSignal(retrieval_miss=True), TurnSignal(said_not_helpful=True)])[-1]
        == "2 turns without a useful answer"
    )
    assert run([TurnSignal(retrieval_miss=True), TurnSignal(), TurnSignal(retrieval_miss=True)]) == ["-", "-", "-"]


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
