"""Run simulated customers against the dialogue layer and judge each conversation like τ-bench.

The bot side is what the gateway's session does for a customer message, minus the transport: the input
red-line (PII masking, requests for a human), the flows (understanding, state, plan, confirmation), and the
store write on an explicit yes, with a unique idempotency key. Messages the flows leave to the knowledge-base
dialogue get a marker reply here (the language model is not what resolves a store task, and it would make
500 conversations take hours). Resolution: the store's end state equals the state the task's expected
actions produce. Also counted: writes that no goal asked for, wrong plans offered for confirmation, bot
texts repeated word for word in a row (loops), transfers, turns.
"""

from __future__ import annotations

import logging
import random
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from hotline.dialogue.escalation import Escalate, EscalationState, TurnSignal, decide
from hotline.dialogue.references import customer_text
from hotline.dialogue.repetition import Repetition
from hotline.evaluation.simulate.customer import Customer
from hotline.evaluation.simulate.goals import goals_of
from hotline.redline.rules import RedLine
from hotline.store.actions import same_request
from hotline.store.memory import MemoryStore

KB_ANSWER = "[knowledge-base answer]"

log = logging.getLogger(__name__)


@dataclass
class BotTurn:
    text: str
    confirm: dict[str, Any] | None = None  # the structured action offered for a yes
    executed: tuple[str, dict[str, Any], bool] | None = None
    transferred: bool = False


class Bot(Protocol):
    def __call__(self, text: str) -> BotTurn: ...


BOT_ERROR = "Sorry, something went wrong on my side."


class FlowBot:
    """The gateway's flow path over a store: ``manager`` is a FlowManager (Hotline's, or the keyword baseline)."""

    def __init__(
        self,
        manager: Any,
        state: Any,
        store: MemoryStore,
        redline: RedLine,
        result_sentence: Any,
        asks_person: Callable[[str], bool] | None = None,  # the person head at its threshold, as the gateway has it
    ) -> None:
        self.manager, self.state, self.store, self.redline = manager, state, store, redline
        self.result_sentence = result_sentence
        self.asks_person = asks_person
        self.conversation_id = uuid.uuid4().hex
        self.latencies_ms: list[float] = []

    def __call__(self, text: str) -> BotTurn:
        started = time.perf_counter()
        text = customer_text(text)  # as the gateway's session does before its red-line
        check = self.redline.check_input(text)
        if check.wants_human or (self.asks_person is not None and self.asks_person(check.masked_text)):
            return BotTurn("[transferred to a human]", transferred=True)
        try:
            reply = self.manager.handle(check.masked_text, text, self.state)
        except Exception:  # a bot that crashes (the frozen baseline can): the customer sees an error, as in the gateway
            log.warning("the bot failed on a turn", exc_info=True)
            self.latencies_ms.append((time.perf_counter() - started) * 1000)
            return BotTurn(BOT_ERROR)
        turn = self._turn(reply)
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        return turn

    def _turn(self, reply: Any) -> BotTurn:
        if reply is None:
            return BotTurn(KB_ANSWER)
        if reply.execute is not None:
            action = reply.execute
            key = f"{self.conversation_id}:{action.id}"
            outcome = self.store.execute(action.name, action.kwargs, self.conversation_id, key)
            text = self.result_sentence(action.name, outcome.ok, outcome.result, outcome.reason, self.state.lang)
            confirm = reply.pending.as_event() if reply.pending is not None else None  # a queued next plan
            return BotTurn(f"{text} {reply.text}".strip(), confirm, executed=(action.name, action.kwargs, outcome.ok))
        confirm = reply.pending.as_event() if reply.pending is not None else None
        return BotTurn(reply.text, confirm=confirm)


@dataclass
class SimResult:
    task: int
    lang: str
    seed: int
    patient: bool
    opening: str
    actions: list[str]
    resolved: bool
    unexpected_writes: int
    wrong_plans: int
    confirmations: int
    loops: int
    transferred: bool
    gave_up: bool
    turns: int
    transcript: list[tuple[str, str]] = field(default_factory=list)
    labelled: list[tuple[str, str, str]] = field(default_factory=list)  # (message, act, action) the customer meant
    plan_fields: list[tuple[str, bool]] = field(default_factory=list)  # each offered plan's fields: right or not
    repeat_handover: int | None = None  # the turn at which the gateway would hand over for repetition (or None)


def repeat_handover(transcript: list[tuple[str, str]]) -> int | None:
    """The turn at which the gateway's repetition rule (the customer saying the same again, the bot giving the
    same reply again: two turns without a useful answer in a row) would hand the conversation to a person — the
    flows here do not escalate, so this is replayed on the transcript."""
    repetition, state, turn = Repetition(), EscalationState(), 0
    for role, text in transcript:
        if role == "customer":
            turn += 1
            again = "customer" if repetition.customer_said(text) is not None else ""
            state, decision = decide(state, TurnSignal(repeated=again))
        else:  # every reply: the same one again adds to the run, another ends it
            again = "bot" if repetition.bot_said(text) else ""
            state, decision = decide(state, TurnSignal(repeated=again, after_reply=True))
        if isinstance(decision, Escalate):
            return turn
    return None


def run_one(
    task_index: int,
    task: dict[str, Any],
    base: MemoryStore,
    make_bot: Any,
    lang: str,
    family: int,
    seed: int,
    patient: bool,
    max_turns: int = 0,
) -> tuple[SimResult, list[float]]:
    store = base.fresh()
    profile = goals_of(task, base)
    customer = Customer.create(profile, lang, family, seed, patient)
    bot = make_bot(store)
    transcript: list[tuple[str, str]] = []
    labelled: list[tuple[str, str, str]] = []
    message: str | None = customer.opening()
    turns, loops, transferred = 0, 0, False
    limit = max_turns or 6 + 6 * len(profile.goals)
    last_bot = None
    while message is not None and turns < limit:
        turns += 1
        message = customer.voice.written(message)
        if customer.label is not None:
            labelled.append((message, *customer.label))
        turn = bot(message)
        transcript += [("customer", message), ("bot", turn.text)]
        if turn.text == last_bot and turn.text != KB_ANSWER:
            loops += 1
        last_bot = turn.text
        if turn.transferred:
            transferred = True
            break
        if turn.executed is not None:
            message = customer.on_executed(*turn.executed)
        if turn.confirm is not None:
            message = customer.on_confirm(turn.confirm)
            if customer.gave_up:
                break
        elif turn.executed is None:
            message = customer.on_reply(turn.text)
    expected = base.fresh()
    for action in task["actions"]:
        expected.execute(action["name"], action["kwargs"])
    resolved = store.comparable() == expected.comparable()
    wanted = [a for a in task["actions"]]
    unexpected = [
        a
        for a in store.log
        if a.ok and not any(same_request(a.name, a.arguments, w["name"], w["kwargs"]) for w in wanted)
    ]
    result = SimResult(
        task_index,
        lang,
        seed,
        patient,
        customer.opening_style,
        [a["name"] for a in task["actions"]],
        resolved,
        len(unexpected),
        customer.wrong_plans,
        customer.confirmations,
        loops,
        transferred,
        customer.gave_up,
        turns,
        transcript,
        labelled,
        customer.plan_fields,
        repeat_handover(transcript),
    )
    return result, getattr(bot, "latencies_ms", [])


def summarise(results: list[SimResult], latencies: list[float]) -> dict[str, Any]:
    def block(rs: list[SimResult]) -> dict[str, Any]:
        n = len(rs) or 1
        confirmations = sum(r.confirmations for r in rs) or 1
        return {
            "conversations": len(rs),
            "resolved": sum(r.resolved for r in rs),
            "resolution_rate": round(sum(r.resolved for r in rs) / n, 3),
            "unexpected_writes": sum(r.unexpected_writes for r in rs),
            "wrong_plan_rate": round(sum(r.wrong_plans for r in rs) / confirmations, 3),
            "loops": sum(r.loops for r in rs),
            "conversations_with_loops": sum(r.loops > 0 for r in rs),
            "transfers": sum(r.transferred for r in rs),
            "gave_up": sum(r.gave_up for r in rs),
            "turns_per_conversation": round(statistics.fmean([r.turns for r in rs]), 2) if rs else 0,
            "plan_fields": plan_fields(rs),
            # handed over by the repetition rule: unresolved conversations (a person instead of a loop), and
            # resolved ones stopped before their last turn (a customer the bot was about to help)
            "repeat_handovers_unresolved": sum(r.repeat_handover is not None and not r.resolved for r in rs),
            "repeat_handovers_resolved": sum(
                r.repeat_handover is not None and r.resolved and r.repeat_handover < r.turns for r in rs
            ),
        }

    by_lang: dict[str, list[SimResult]] = defaultdict(list)
    by_action: dict[str, list[SimResult]] = defaultdict(list)
    for r in results:
        by_lang[r.lang].append(r)
        for name in set(r.actions):
            by_action[name].append(r)
    ordered = sorted(latencies)

    def pct(q: float) -> float | None:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2) if ordered else None

    return {
        "all": block(results),
        "by_language": {k: block(v) for k, v in sorted(by_lang.items())},
        "by_action": {k: block(v) for k, v in sorted(by_action.items())},
        "turn_ms": {"p50": pct(0.5), "p95": pct(0.95), "max": pct(1.0)},
    }


def plan_fields(results: list[SimResult]) -> dict[str, dict[str, float | int]]:
    """Per field of the plans offered for confirmation (the action, order, items, new items, reason, payment,
    address): how often the bot had it right, and how many plans carried it. What the understanding and the
    store-grounded state got right, field by field, on the customers' own phrasings."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for name, ok in r.plan_fields:
            counts[name][0] += ok
            counts[name][1] += 1
    return {k: {"accuracy": round(right / n, 3), "plans": n} for k, (right, n) in sorted(counts.items())}


def task_split(n_tasks: int, heldout_share: float = 0.3, seed: int = 17) -> tuple[list[int], list[int]]:
    """A fixed split of the task indices: tuning tasks and held-out tasks (never looked at while tuning)."""
    indices = list(range(n_tasks))
    random.Random(seed).shuffle(indices)
    cut = int(n_tasks * heldout_share)
    return sorted(indices[cut:]), sorted(indices[:cut])


def as_json(results: list[SimResult], per_language: int = 25) -> list[dict[str, Any]]:
    """Transcripts of failed conversations and of those offered a wrong plan, up to ``per_language`` of each
    language, and every conversation with a write nobody asked for or that the repetition rule would have handed
    over (never cut off): what to read."""
    shown: list[dict[str, Any]] = []
    for lang in sorted({r.lang for r in results}):
        failed = [r for r in results if (not r.resolved or r.wrong_plans) and r.lang == lang]
        unsafe = [r for r in failed if r.unexpected_writes]
        chosen = unsafe + [r for r in failed if not r.unexpected_writes][: max(0, per_language - len(unsafe))]
        chosen += [r for r in results if r.lang == lang and r.repeat_handover is not None and r not in chosen]
        shown += [{k: v for k, v in asdict(r).items() if k not in ("labelled", "plan_fields")} for r in chosen]
    return shown


def head_accuracy(results: list[SimResult], head: Any) -> dict[str, Any]:
    """How the understanding head reads the simulated customers' own messages (phrasings it never trained on):
    accuracy per field and language, with the per-message time."""
    per: dict[str, dict[str, list[bool]]] = defaultdict(lambda: {"act": [], "action": []})
    times: list[float] = []
    for r in results:
        for text, act, action in r.labelled:
            started = time.perf_counter()
            got = head.predict(text)
            times.append((time.perf_counter() - started) * 1000)
            per[r.lang]["act"].append(got.act == act)
            if act == "request":
                per[r.lang]["action"].append(got.action == action)
    ordered = sorted(times)
    return {
        "by_language": {
            lang: {f: round(sum(v) / len(v), 3) if v else None for f, v in fields.items()}
            | {"messages": len(fields["act"])}
            for lang, fields in sorted(per.items())
        },
        "predict_ms_p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2) if ordered else None,
    }
