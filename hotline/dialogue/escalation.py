"""When to hand the customer to a human: an anger score per turn plus rule signals, decided by a pure function.

``decide(state, signal)`` never does I/O: the session feeds it what the turn produced and stores the
decision with its reason and the customer's words that carried it. Anger uses hysteresis: one very angry turn
escalates at once; two angry turns in a row do (a turn the red-line flags as abuse is an angry turn); a calm turn
resets the count only when it falls below the lower threshold. The thresholds are the customer's language's
(calibrated per language for a stated share of neutral customers transferred). Two turns flagged as attempts to
manipulate the bot hand the conversation to a person too, as does asking for one (the red-line's phrases, or the
person head hearing it said in other words), and so does an unhappy customer (the dissatisfaction
head) whom the bot is not helping (a retrieval miss or "that didn't help" this turn or the one before). A customer
saying the same thing again, or the bot giving the same reply again, is a turn without a useful answer too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from hotline.dialogue.agent_view import reason_words
from hotline.dialogue.grounding import mentions
from hotline.dialogue.head_files import head_file
from hotline.dialogue.lexical_signal import LexicalModel
from hotline.dialogue.tuned_head import TunedHead  # torch is imported only when a tuned head is loaded
from hotline.languages import load_packs


@dataclass(frozen=True)
class EscalationPolicy:
    anger_threshold: float = 0.5
    anger_very_high: float = 0.85
    anger_reset_below: float = 0.35
    angry_turns_to_escalate: int = 2
    misses_to_escalate: int = 2
    severity_to_escalate: int = 3  # red-line severity: high
    attacks_to_escalate: int = 2  # turns flagged as attempts to manipulate the bot
    dissatisfied_threshold: float = 0.5  # an unhappy turn (the dissatisfaction head), when the bot is not helping
    person_threshold: float = 0.5  # asks for a person in words the red-line does not know (the person head's own)
    # (language, threshold, very high, reset below): calibrated per language (hotline train escalation-calibrate)
    by_language: tuple[tuple[str, float, float, float], ...] = ()
    dissatisfied_by_language: tuple[tuple[str, float], ...] = ()
    # A tenant's own sensitivity, added to whichever threshold applies (negative: sooner to a human)
    anger_offset: float = 0.0
    dissatisfied_offset: float = 0.0

    def for_language(self, lang: str) -> EscalationPolicy:
        policy = self
        for code, threshold in self.dissatisfied_by_language:
            if code == lang:
                policy = replace(policy, dissatisfied_threshold=threshold)
        for code, threshold, very_high, reset in self.by_language:
            if code == lang:
                policy = replace(policy, anger_threshold=threshold, anger_very_high=very_high, anger_reset_below=reset)
        if policy.anger_offset or policy.dissatisfied_offset:
            policy = replace(
                policy,
                anger_threshold=policy.anger_threshold + policy.anger_offset,
                anger_very_high=policy.anger_very_high + policy.anger_offset,
                anger_reset_below=policy.anger_reset_below + policy.anger_offset,
                dissatisfied_threshold=policy.dissatisfied_threshold + policy.dissatisfied_offset,
                anger_offset=0.0,
                dissatisfied_offset=0.0,
            )
        return replace(policy, by_language=(), dissatisfied_by_language=()) if policy is not self else self

    def for_tenant(
        self,
        anger_offset: float = 0.0,
        dissatisfied_offset: float = 0.0,
        angry_turns_to_escalate: int | None = None,
        misses_to_escalate: int | None = None,
        attacks_to_escalate: int | None = None,
    ) -> EscalationPolicy:
        """This policy with a tenant's own sensitivity (the per-language calibration still applies under it)."""
        return replace(
            self,
            anger_offset=anger_offset,
            dissatisfied_offset=dissatisfied_offset,
            angry_turns_to_escalate=angry_turns_to_escalate or self.angry_turns_to_escalate,
            misses_to_escalate=misses_to_escalate or self.misses_to_escalate,
            attacks_to_escalate=attacks_to_escalate or self.attacks_to_escalate,
        )


@dataclass(frozen=True)
class EscalationState:
    angry_turns: int = 0
    misses: int = 0
    attacks: int = 0
    escalated: bool = False
    streak_words: tuple[str, ...] = ()  # what the customer said in the current run of angry turns


@dataclass(frozen=True)
class TurnSignal:
    anger: float = 0.0
    wants_human: bool = False
    redline_severity: int = 0
    redline_rule: str = ""
    said_not_helpful: bool = False
    retrieval_miss: bool = False
    model_failed: bool = False
    lang: str = ""  # the thresholds of this language apply
    abuse: bool = False  # the red-line flagged abuse (profanity) at the bot or the company: an angry turn
    attack: bool = False  # the red-line flagged an attempt to manipulate the bot (prompt injection)
    evidence: str = ""  # the customer's words that carried the signal (masked), for the agent
    dissatisfied: float = 0.0  # the dissatisfaction head's score (0 when it is not trained)
    repeated: str = ""  # "customer": said the same thing again; "bot": gave the same reply again (repetition.py)
    after_reply: bool = False  # about the bot's reply (did it help?), not a customer's turn: the mood is untouched
    asks_person: float = 0.0  # the person head's score: asks for a human in their own words (0 when not trained)


@dataclass(frozen=True)
class Continue:
    reason: str = ""


@dataclass(frozen=True)
class Escalate:
    reason: str  # in English, for the log and the store (the English view of ``kind`` and ``values``)
    kind: str = ""  # which rule: asked_human, redline, angry, unhappy… (agent_view.reason_words, per language)
    values: dict[str, str] = field(default_factory=dict)


def escalate(kind: str, **values: str) -> Escalate:
    """A transfer for ``kind`` with what the agent is told about it (``values``; see the packs' ``reason_*``)."""
    return Escalate(reason_words(kind, values, "en"), kind, values)


Decision = Continue | Escalate


def said_not_helpful(text: str) -> bool:
    """ "That didn't help", "бесполезно", "答非所问": in any served language (the packs' ``not_helped`` words)."""
    return any(mentions(text, language.not_helped) for language in load_packs().values())


def decide(
    state: EscalationState, signal: TurnSignal, policy: EscalationPolicy = EscalationPolicy()
) -> tuple[EscalationState, Decision]:
    if state.escalated:
        return state, Continue("already with a human")
    if signal.wants_human or signal.asks_person >= policy.person_threshold:
        return replace(state, escalated=True), escalate("asked_human")
    if signal.redline_severity >= policy.severity_to_escalate:
        return replace(state, escalated=True), escalate("redline", rule=signal.redline_rule)
    if signal.model_failed:
        return replace(state, escalated=True), escalate("model_failed")

    policy = policy.for_language(signal.lang)
    said = f": “{signal.evidence}”" if signal.evidence else ""
    attacks = state.attacks + (1 if signal.attack else 0)
    if attacks >= policy.attacks_to_escalate:
        return replace(state, attacks=attacks, escalated=True), escalate("manipulation", turns=str(attacks), said=said)
    angry = state.angry_turns
    if signal.anger >= policy.anger_very_high:
        return replace(state, angry_turns=angry + 1, attacks=attacks, escalated=True), escalate(
            "very_angry", score=f"{signal.anger:.2f}", said=said
        )
    words = state.streak_words
    if signal.anger >= policy.anger_threshold or signal.abuse:
        angry += 1
        words = (*words, signal.evidence) if signal.evidence else words
    elif signal.anger < policy.anger_reset_below and not signal.after_reply:
        angry, words = 0, ()
    if angry >= policy.angry_turns_to_escalate:
        quoted = f": {' / '.join(f'“{w}”' for w in words)}" if words else ""
        return replace(state, angry_turns=angry, attacks=attacks, escalated=True, streak_words=words), escalate(
            "abusive" if signal.abuse else "angry",
            turns=str(angry),
            score=f"{signal.anger:.2f}",
            threshold=f"{policy.anger_threshold:.2f}",
            lang=signal.lang,
            said=quoted,
        )

    missed = signal.retrieval_miss or signal.said_not_helpful or bool(signal.repeated)
    # Turns without a useful answer, in a row: only a useful reply ends the run — the customer's next message,
    # read before the reply, says nothing of it (two "no information" replies around it are two in a row).
    misses = state.misses + 1 if missed else 0 if signal.after_reply else state.misses
    if signal.dissatisfied >= policy.dissatisfied_threshold and max(misses, state.misses) >= 1:
        return replace(state, angry_turns=angry, misses=misses, attacks=attacks, escalated=True), escalate(
            "unhappy", score=f"{signal.dissatisfied:.2f}", threshold=f"{policy.dissatisfied_threshold:.2f}", said=said
        )
    if misses >= policy.misses_to_escalate:
        return replace(state, angry_turns=angry, misses=misses, attacks=attacks, escalated=True), escalate(
            "no_help", turns=str(misses), again=signal.repeated, said=said
        )
    return replace(state, angry_turns=angry, misses=misses, attacks=attacks, streak_words=words), Continue()


class SignalHead:
    """A signal over sentence embeddings: anger (``hotline train escalation``: a one-hidden-layer perceptron) or
    dissatisfaction (``hotline train escalation-dissatisfied``: logistic regression). The file says which: ``w1``,
    ``b1``, ``w2``, ``b2`` for the perceptron, ``coef`` and ``intercept`` for the linear head; ``lex_*`` where the
    head also hears the words (``lexical_signal``: the anger head)."""

    def __init__(self, embedder: Any, head_path: Path) -> None:
        head = np.load(head_path, allow_pickle=False)
        self.embedder = embedder
        self.threshold = float(head["threshold"]) if "threshold" in head else 0.5
        self.embedder_name = str(head["embedder"])
        if self.embedder_name != embedder.name:
            raise ValueError(
                f"signal head {head_path.name} was trained on {self.embedder_name}, "
                f"not {embedder.name}: run `hotline train escalation`"
            )
        self._set({name: head[name] for name in ("w1", "b1", "w2", "b2", "coef", "intercept") if name in head})
        self.lexical = LexicalModel.from_arrays(head)

    @classmethod
    def from_weights(cls, embedder: Any, weights: dict[str, Any]) -> SignalHead:
        """A head from weights in memory (training scores with it before it writes the file)."""
        head = cls.__new__(cls)
        head.embedder, head.threshold, head.embedder_name = embedder, 0.5, embedder.name
        head._set(weights)
        head.lexical = None
        return head

    def _set(self, weights: dict[str, Any]) -> None:
        if "w1" in weights:
            self.hidden: tuple[np.ndarray, np.ndarray] | None = (
                np.asarray(weights["w1"], dtype=np.float32),
                np.asarray(weights["b1"], dtype=np.float32),
            )
            self.coef = np.asarray(weights["w2"], dtype=np.float32)
            self.intercept = float(weights["b2"])
        else:
            self.hidden = None
            self.coef = np.asarray(weights["coef"], dtype=np.float32)
            self.intercept = float(weights["intercept"])

    def score(self, text: str) -> float:
        return float(self.score_many([text])[0])

    def score_many(self, texts: list[str]) -> np.ndarray:
        return self.score_texts(texts, np.asarray(self.embedder.embed_queries(texts), dtype=np.float32))

    def score_texts(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Scores of texts already embedded (one embedding pass can feed several heads): the head's logit, blended
        with the words' (``lexical_signal``) where the head has them."""
        logits = self.logits(vectors)
        if self.lexical is not None:
            logits = (1.0 - self.lexical.weight) * logits + self.lexical.weight * self.lexical.logits(texts)
        return np.asarray(1.0 / (1.0 + np.exp(-logits)))

    def score_vectors(self, vectors: np.ndarray) -> np.ndarray:
        """Scores from the embeddings alone (the words not heard)."""
        return np.asarray(1.0 / (1.0 + np.exp(-self.logits(vectors))))

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        if self.hidden is not None:
            vectors = np.maximum(vectors @ self.hidden[0] + self.hidden[1], 0.0)
        return np.asarray(vectors @ self.coef + self.intercept, dtype=np.float64)


@dataclass(frozen=True)
class HeadShift:
    """How far one language trusts the customer head: its logit moved by ``shift`` before the heads are compared,
    and the moved score kept under ``ceiling`` (the language's very-angry level): a shift may make a turn angry,
    never alone hand the customer over on one message."""

    shift: float = 0.0
    ceiling: float = 1.0


class AngerSignal:
    """The gateway's anger score: the highest of its heads' — the anger head trained on public comments (``hotline
    train escalation`` on the shared embedding, or ``hotline train escalation-tuned`` with its own fine-tuned copy of
    the encoder, ``tuned_head``, which takes its place where trained) and, when trained, the one for customers angry
    with the company (``hotline train escalation-customers``) — calibrated as one score per language (``hotline
    train escalation-calibrate``). The calibration also chooses, per language, how far to trust the customer head
    (``HeadShift``): the Chinese threshold is set by the comment head's scores on inoffensive comments, which the
    customer head's angry customers seldom reach unshifted. The threshold in the first head's file is for reference
    only."""

    def __init__(
        self, *heads: SignalHead | TunedHead, files: tuple[str, ...] = (), shifts: dict[str, HeadShift] | None = None
    ) -> None:
        self.heads = heads
        self.files = files  # the heads' file names: the calibration records those it was chosen over
        self.shifts = dict(shifts or {})  # language -> the shift of the heads after the first
        self.threshold = heads[0].threshold
        self.embedder = heads[0].embedder

    @classmethod
    def load(cls, embedder: Any, tuned: bool = True, int8: bool = True) -> AngerSignal | None:
        """The embedder's trained heads, shifted as their calibration chose: first the comments' head — the one
        trained with its encoder (``tuned_head``; its products in int8 where ``int8``) where trained and ``tuned``,
        else the one on the embedder's vectors (none without either) — then the customer head where trained."""
        first = tuned_path_for(embedder.name)
        if not (tuned and first.exists()):
            first = head_path_for(embedder.name)
        if not first.exists():
            return None
        heads: list[Any] = [_comment_head(embedder, first, int8)]
        paths = [first]
        if (customers := customer_head_path_for(embedder.name)).exists():
            heads.append(SignalHead(embedder, customers))
            paths.append(customers)
        shifts = calibrated_shifts(calibration_path_for(embedder.name)) if len(paths) > 1 else {}
        return cls(*heads, files=tuple(p.name for p in paths), shifts=shifts)

    def score(self, text: str, lang: str | None = None) -> float:
        return float(self.score_many([text], lang)[0])

    def score_many(self, texts: list[str], lang: str | None = None) -> np.ndarray:
        return self.score_texts(texts, np.asarray(self.embedder.embed_queries(texts), dtype=np.float32), lang)

    def score_texts(self, texts: list[str], vectors: np.ndarray, lang: str | None = None) -> np.ndarray:
        """The signal in ``lang`` (unshifted without one)."""
        return combine_heads(self.head_scores(texts, vectors), self.shifts.get(lang or "", HeadShift()))

    def head_scores(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Each head's scores, one row per head (the calibration combines them under each shift it tries)."""
        return np.stack([head.score_texts(texts, vectors) for head in self.heads])


def combine_heads(scores: np.ndarray, shift: HeadShift = HeadShift()) -> np.ndarray:
    """The anger signal from its heads' scores (one row per head): the highest, the heads after the first also
    with their logit moved by the shift (kept under its ceiling)."""
    top = np.max(scores, axis=0)
    if len(scores) < 2 or not shift.shift:
        return np.asarray(top)
    rest = np.clip(scores[1:], 1e-7, 1 - 1e-7)
    shifted = 1.0 / (1.0 + np.exp(-(np.log(rest / (1.0 - rest)) + shift.shift)))
    return np.asarray(np.maximum(top, np.minimum(np.max(shifted, axis=0), shift.ceiling)))


def _comment_head(embedder: Any, path: Path, int8: bool) -> SignalHead | TunedHead:
    if path == tuned_path_for(embedder.name):
        return TunedHead(embedder, path, int8)
    return SignalHead(embedder, path)


def head_path_for(embedder_name: str) -> Path:
    return head_file("anger", embedder_name)


def tuned_path_for(embedder_name: str) -> Path:
    """The anger head trained with its encoder (``hotline train escalation-tuned``), beside this embedder."""
    return head_file("anger-tuned", embedder_name)


def customer_head_path_for(embedder_name: str) -> Path:
    """The head for customers angry with the company (``hotline train escalation-customers``)."""
    return head_file("anger-customers", embedder_name)


def calibrated_thresholds(path: Path) -> tuple[tuple[str, float, float, float], ...]:
    """The per-language thresholds of a calibration file for ``EscalationPolicy.by_language`` (none if absent)."""
    if not path.exists():
        return ()
    chosen = json.loads(path.read_text())["by_language"]
    return tuple((lang, t["threshold"], t["very_high"], t["reset_below"]) for lang, t in sorted(chosen.items()))


def calibrated_heads(path: Path) -> tuple[str, ...] | None:
    """The anger heads' file names a calibration file was chosen over (None if absent or not recorded)."""
    if not path.exists():
        return None
    heads = json.loads(path.read_text()).get("anger_heads")
    return tuple(heads) if heads is not None else None


def calibrated_shifts(path: Path) -> dict[str, HeadShift]:
    """Per language, the calibration's shift of the customer head, kept under the language's very-angry level
    (none if absent or not chosen)."""
    if not path.exists():
        return {}
    chosen = json.loads(path.read_text())
    return {
        lang: shift_under(float(shift), chosen["by_language"][lang]["very_high"])
        for lang, shift in chosen.get("customer_head_shift", {}).items()
    }


def shift_under(shift: float, very_high: float) -> HeadShift:
    """A shift whose scores stay under ``very_high``: one rule for the calibration and the gateway."""
    return HeadShift(shift, very_high - 0.001)


def calibrated_dissatisfaction(path: Path) -> tuple[tuple[str, float], ...]:
    """The per-language dissatisfaction thresholds of a calibration file (none if absent or not calibrated)."""
    if not path.exists():
        return ()
    chosen = json.loads(path.read_text()).get("dissatisfied_by_language", {})
    return tuple(sorted((lang, float(t)) for lang, t in chosen.items()))


def dissatisfied_path_for(embedder_name: str) -> Path:
    return head_file("dissatisfied", embedder_name)


def person_path_for(embedder_name: str) -> Path:
    """The head that hears a request for a person (``hotline train escalation-person``); its threshold inside."""
    return head_file("person", embedder_name)


def calibration_path_for(embedder_name: str) -> Path:
    """Per-language thresholds for the anger head (``hotline train escalation-calibrate``), next to the head."""
    return head_path_for(embedder_name).with_suffix(".calibration.json")
