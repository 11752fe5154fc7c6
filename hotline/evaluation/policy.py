"""``hotline eval policy``: policy questions in en/ru/zh through the real answer path; is the fact stated, in the
customer's language, and is "no information" said only when the knowledge truly lacks the answer?

Each question goes through the input red-line (a request for a person is a handoff, the right outcome for the
"human" fact) and the dialogue engine with the gateway's own services; the first-token time is the customer's
wait for the first words.
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from hotline.dialogue.flows import FlowManager, FlowState
from hotline.dialogue.grounding import opener
from hotline.dialogue.language import message_language
from hotline.dialogue.references import customer_text
from hotline.dialogue.sentences import join_sentences, split_sentences
from hotline.ports import TokenEvent, TurnDone
from hotline.training.contradictions import CompanyKnowledge

QUESTIONS = Path(__file__).with_name("policy_questions.yaml")


@dataclass(frozen=True)
class PolicyQuestion:
    lang: str
    question: str
    fact: str  # a fact name, or "none": the knowledge lacks it
    held_out: bool
    answer: str | None = None  # "yes" / "no" for a yes/no question; None for an open one
    batch: str = ""  # a batch written later and reported on its own as well ("s18")


@dataclass(frozen=True)
class PolicyResult:
    lang: str
    question: str
    fact: str
    held_out: bool
    reply: str
    stated: bool  # the fact's pattern is in the reply ("none": said that it doesn't know)
    in_language: bool
    no_answer: bool
    handoff: bool
    first_token_ms: float | None
    acted: bool = False  # taken for a request to act: a store flow answered without the policy's answer
    fact_first: bool | None = None  # the fact is in the reply's first sentence (answerable questions)
    wrong_opener: bool | None = None  # opens with a yes/no that is wrong, or with any on an open question
    batch: str = ""
    contradictions: tuple[str, ...] = ()  # quantities in the reply the company's knowledge never states

    @property
    def correct(self) -> bool:
        return self.stated and self.in_language


def load_questions(path: Path = QUESTIONS) -> tuple[list[PolicyQuestion], dict[str, dict[str, str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    facts = {str(name): {str(k): str(v) for k, v in by_lang.items()} for name, by_lang in data["facts"].items()}
    questions = [
        PolicyQuestion(
            str(q["lang"]),
            str(q["q"]),
            str(q["fact"]),
            bool(q.get("held_out", False)),
            _yes_no(q.get("answer")),
            str(q.get("batch", "")),
        )
        for q in data["questions"]
    ]
    unknown = sorted({q.fact for q in questions} - set(facts) - {"none"})
    if unknown:
        raise ValueError(f"{path}: questions name facts with no patterns: {unknown}")
    return questions, facts


def _yes_no(value: Any) -> str | None:
    """YAML reads a bare yes / no as a boolean."""
    if value is None:
        return None
    answer = ("yes" if value else "no") if isinstance(value, bool) else str(value)
    if answer not in ("yes", "no"):
        raise ValueError(f"a question's answer is yes or no, not {value!r}")
    return answer


def _opening(question: PolicyQuestion, reply: str, pattern: str | None) -> tuple[bool | None, bool | None]:
    """Does the reply's first sentence state the fact, and does it open with a wrong yes or no?"""
    if question.fact == "none" or not reply:
        return None, None
    first = (split_sentences(reply) or [reply])[0]
    said = opener(first, question.lang)
    return _states(pattern, first), said is not None and said != question.answer


def _in_language(reply: str, lang: str) -> bool:
    found, _ = message_language(reply)
    return found == lang


def _states(pattern: str | None, reply: str) -> bool:
    return pattern is not None and re.search(pattern, reply, re.IGNORECASE) is not None


def _result(
    question: PolicyQuestion,
    reply: str,
    stated: bool,
    *,
    in_language: bool | None = None,  # None: the reply's own language is read
    no_answer: bool = False,
    handoff: bool = False,
    first_token_ms: float | None = None,
    acted: bool = False,
    pattern: str | None = None,
) -> PolicyResult:
    fact_first, wrong_opener = _opening(question, reply, pattern) if not handoff else (None, None)
    return PolicyResult(
        question.lang,
        question.question,
        question.fact,
        question.held_out,
        reply,
        stated,
        _in_language(reply, question.lang) if in_language is None else in_language,
        no_answer,
        handoff,
        first_token_ms,
        acted,
        fact_first,
        wrong_opener,
        question.batch,
    )


async def ask(services: Any, question: PolicyQuestion, pattern: str | None) -> PolicyResult:
    text = customer_text(question.question)  # as the gateway's session reads a message (traditional Chinese too)
    check = services.redline.check_input(text)
    if check.wants_human:  # a handoff: the right outcome only for the "human" fact
        return _result(question, "(handoff)", question.fact == "human", in_language=True, handoff=True)
    # As in a conversation: the store flows see the message first; a question taken for a request is a failure.
    flows = FlowManager(services.store, services.understanding)
    flow_reply = flows.handle(check.masked_text, text, FlowState())
    if flow_reply is not None:
        # As the session does: a question that also asks for the action gets the help centre's answer first.
        lead = ""
        if flow_reply.execute is None:
            lead = await services.dialogue.policy_answer(check.masked_text, question.lang)
        joined = join_sentences([lead, flow_reply.text], question.lang)
        said = [e async for e in services.dialogue.respond_fixed(joined, {}, question.lang) if isinstance(e, TurnDone)]
        text = said[-1].reply  # through the output gate, as the customer would read it
        return _result(question, text, _states(pattern, text), acted=not lead, pattern=pattern)
    started = time.perf_counter()
    first: float | None = None
    done: TurnDone | None = None
    async for event in services.dialogue.respond("eval-policy", check.masked_text, [], lang=question.lang):
        if isinstance(event, TokenEvent) and first is None and event.text.strip():
            first = (time.perf_counter() - started) * 1000
        elif isinstance(event, TurnDone):
            done = event
    assert done is not None
    no_answer = bool(done.extra.get("no_answer"))
    stated = no_answer if question.fact == "none" else _states(pattern, done.reply)
    return _result(question, done.reply, stated, no_answer=no_answer, first_token_ms=first, pattern=pattern)


def _share(results: Sequence[PolicyResult], test: Callable[[PolicyResult], bool]) -> float | None:
    return round(100 * sum(map(test, results)) / len(results), 1) if results else None


def summarise(results: Sequence[PolicyResult]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    batches = sorted({r.batch for r in results if r.batch})
    for lang in sorted({r.lang for r in results}):
        for split in ("tune", "heldout", "all", *batches):
            rows = [
                r
                for r in results
                if r.lang == lang
                and (split in ("all", r.batch) or (split in ("tune", "heldout") and r.held_out == (split == "heldout")))
            ]
            answerable = [r for r in rows if r.fact != "none"]
            unanswerable = [r for r in rows if r.fact == "none"]
            firsts = sorted(r.first_token_ms for r in rows if r.first_token_ms is not None)
            table[f"{lang}/{split}"] = {
                "questions": len(rows),
                "fact_stated_pct": _share(answerable, lambda r: r.correct),
                "in_language_pct": _share(rows, lambda r: r.in_language),
                "fact_first_pct": _share(
                    [r for r in answerable if r.fact_first is not None], lambda r: bool(r.fact_first)
                ),
                "wrong_opener_pct": _share(
                    [r for r in answerable if r.wrong_opener is not None], lambda r: bool(r.wrong_opener)
                ),
                "false_no_answer_pct": _share(answerable, lambda r: r.no_answer),
                "lacking_said_pct": _share(unanswerable, lambda r: r.no_answer),
                "taken_for_request_pct": _share(rows, lambda r: r.acted),
                "contradiction_pct": _share(rows, lambda r: bool(r.contradictions)),
                "first_token_p50_ms": round(statistics.median(firsts), 1) if firsts else None,
                "first_token_p95_ms": round(firsts[min(len(firsts) - 1, int(0.95 * len(firsts)))], 1)
                if firsts
                else None,
            }
    return table


def run_policy_eval(
    services: Any, out: Path, langs: Sequence[str] = ("en", "ru", "zh"), knowledge: CompanyKnowledge | None = None
) -> dict[str, Any]:
    """Every question in ``langs``; with ``knowledge``, each reply is also checked for quantities (days, hours,
    percentages) the company never states — the shipped adapter's contradiction rate on the question set."""
    questions, facts = load_questions()
    chosen = [q for q in questions if q.lang in langs]

    async def run_all() -> list[PolicyResult]:
        return [await ask(services, q, facts.get(q.fact, {}).get(q.lang)) for q in chosen]

    results = asyncio.run(run_all())
    if knowledge is not None:
        results = [replace(r, contradictions=tuple(knowledge.contradictions(r.reply))) for r in results]
    report = {"summary": summarise(results), "results": [asdict(r) for r in results]}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report
