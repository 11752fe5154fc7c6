"""When to hand the customer to a human: an anger score per turn plus rule signals, decided by a pure function.

``decide(state, signal)`` never does I/O: the session feeds it what the turn produced and stores the
decision with its reason. Anger uses hysteresis: one very angry turn escalates at once; two angry turns in
a row do; a calm turn resets the count only when it falls below the lower threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from hotline.dialogue.head_files import head_file

_DID_NOT_HELP = re.compile(
    r"(didn'?t help|did not help|not helpful|doesn'?t help|useless|that'?s not what i asked|you'?re not listening|"
    r"still (not|doesn'?t) work|не помогл|бесполезн|没用|没有帮助|答非所问)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EscalationPolicy:
    anger_threshold: float = 0.5
    anger_very_high: float = 0.85
    anger_reset_below: float = 0.35
    angry_turns_to_escalate: int = 2
    misses_to_escalate: int = 2
    severity_to_escalate: int = 3  # red-line severity: high


@dataclass(frozen=True)
class EscalationState:
    angry_turns: int = 0
    misses: int = 0
    escalated: bool = False


@dataclass(frozen=True)
class TurnSignal:
    anger: float = 0.0
    wants_human: bool = False
    redline_severity: int = 0
    redline_rule: str = ""
    said_not_helpful: bool = False
    retrieval_miss: bool = False
    model_failed: bool = False


@dataclass(frozen=True)
class Continue:
    reason: str = ""


@dataclass(frozen=True)
class Escalate:
    reason: str


Decision = Continue | Escalate


def said_not_helpful(text: str) -> bool:
    return bool(_DID_NOT_HELP.search(text))


def decide(
    state: EscalationState, signal: TurnSignal, policy: EscalationPolicy = EscalationPolicy()
) -> tuple[EscalationState, Decision]:
    if state.escalated:
        return state, Continue("already with a human")
    if signal.wants_human:
        return replace(state, escalated=True), Escalate("customer asked for a human")
    if signal.redline_severity >= policy.severity_to_escalate:
        return replace(state, escalated=True), Escalate(f"red-line: {signal.redline_rule}")
    if signal.model_failed:
        return replace(state, escalated=True), Escalate("the model failed to answer")

    angry = state.angry_turns
    if signal.anger >= policy.anger_very_high:
        return replace(state, angry_turns=angry + 1, escalated=True), Escalate(f"very angry ({signal.anger:.2f})")
    if signal.anger >= policy.anger_threshold:
        angry += 1
    elif signal.anger < policy.anger_reset_below:
        angry = 0
    if angry >= policy.angry_turns_to_escalate:
        return replace(state, angry_turns=angry, escalated=True), Escalate(f"angry for {angry} turns")

    misses = state.misses + 1 if (signal.retrieval_miss or signal.said_not_helpful) else 0
    if misses >= policy.misses_to_escalate:
        return replace(state, angry_turns=angry, misses=misses, escalated=True), Escalate(
            f"{misses} turns without a useful answer"
        )
    return replace(state, angry_turns=angry, misses=misses), Continue()


class AngerClassifier:
    """Logistic regression over sentence embeddings; the head is trained by ``hotline train escalation``."""

    def __init__(self, embedder: Any, head_path: Path) -> None:
        head = np.load(head_path, allow_pickle=False)
        self.embedder = embedder
        self.coef = head["coef"].astype(np.float32)
        self.intercept = float(head["intercept"])
        self.threshold = float(head["threshold"]) if "threshold" in head else 0.5
        self.embedder_name = str(head["embedder"])
        if self.embedder_name != embedder.name:
            raise ValueError(
                f"anger head {head_path.name} was trained on {self.embedder_name}, "
                f"not {embedder.name}: run `hotline train escalation`"
            )

    def score(self, text: str) -> float:
        vector = np.asarray(self.embedder.embed_queries([text]), dtype=np.float32)[0]
        return float(1.0 / (1.0 + np.exp(-(vector @ self.coef + self.intercept))))


def head_path_for(embedder_name: str) -> Path:
    return head_file("anger", embedder_name)
