"""``hotline train eval``: the base model and an adapter answer the same held-out questions with the same
retrieved context; ROUGE-1/2/L (F1, stemmed), corpus BLEU (sacrebleu), answer length, output red-line
violations and the contradiction rate against the company's knowledge, side by side. An adapter whose ROUGE-L
does not beat the base model's, or that contradicts the company, is not promotable."""

from __future__ import annotations

import functools
import logging
import re
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hotline.dialogue.sentences import split_sentences
from hotline.training.contradictions import CompanyKnowledge
from hotline.training.dataset import Example
from hotline.training.lora import render_example

log = logging.getLogger(__name__)


@dataclass
class EvalConfig:
    limit: int = 60
    max_new_tokens: int = 72
    company: str = "Hotline Demo Store"


def generate_answers(
    generator: Any, examples: Sequence[Example], config: EvalConfig, progress: Callable[[int, int], None] | None
) -> list[str]:
    answers = []
    never = threading.Event()
    for index, example in enumerate(examples, start=1):
        system, turns = render_example(example, config.company)
        answers.append("".join(generator.stream(system, turns, config.max_new_tokens, never)).strip())
        if progress is not None:
            progress(index, len(examples))
    return answers


# Words in alphabetic scripts, single characters in Chinese/Japanese (no spaces to split on). ROUGE's own
# tokenizer keeps only [a-z0-9] and would score every Russian or Chinese answer 0.
_TOKEN = re.compile(r"[\u3400-\u9fff]|[^\W\u3400-\u9fff]+")


class ScriptTokenizer:
    def tokenize(self, text: str) -> list[str]:
        return _TOKEN.findall(text.lower())


def score(
    references: Sequence[str], answers: Sequence[str], redline: Any, knowledge: CompanyKnowledge | None = None
) -> dict[str, float]:
    import sacrebleu
    from rouge_score import rouge_scorer

    latin = all(not re.search(r"[^\x00-\x7f]", r) for r in references)
    scorer = (
        rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
        if latin
        else rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=ScriptTokenizer())
    )
    rouge: dict[str, list[float]] = {"rouge1": [], "rouge2": [], "rougeL": []}
    for reference, answer in zip(references, answers, strict=True):
        result = scorer.score(reference, answer)
        for key in rouge:
            rouge[key].append(result[key].fmeasure)
    violations = 0
    for answer in answers:
        for sentence in split_sentences(answer):
            if redline.check_output(sentence).blocked:
                violations += 1
    return {
        "rouge1": statistics.fmean(rouge["rouge1"]) if answers else 0.0,
        "rouge2": statistics.fmean(rouge["rouge2"]) if answers else 0.0,
        "rougeL": statistics.fmean(rouge["rougeL"]) if answers else 0.0,
        "bleu": float(sacrebleu.corpus_bleu(list(answers), [list(references)], tokenize="13a" if latin else "zh").score)
        if answers
        else 0.0,
        "answer_words": statistics.fmean([len(a.split()) for a in answers]) if answers else 0.0,
        "redline_violations": float(violations),
        # Answers stating a quantity (days, weeks, percent...) the company never states.
        "contradiction_rate": knowledge.rate(answers) if knowledge is not None else float("nan"),
    }


def evaluate_adapter(
    model_path: str,
    model_id: str,
    adapter_path: str,
    test: Sequence[Example],
    config: EvalConfig,
    redline: Any,
    progress: Callable[[str, int, int], None] | None = None,
    knowledge: CompanyKnowledge | None = None,
) -> dict[str, Any]:
    """Base vs adapter. Promotable: a better ROUGE-L and, with the company's knowledge given, no answer that
    contradicts it (an adapter that imitates a generic corpus's "3 to 10 business days" is not shipped)."""
    from hotline.dialogue.llm import TransformersGenerator

    examples = list(test)[: config.limit]
    references = [e.answer for e in examples]
    report: dict[str, Any] = {"examples": len(examples)}
    for name, adapter in (("base", None), ("adapter", adapter_path)):
        started = time.perf_counter()
        generator = TransformersGenerator(model_path, model_id, adapter)
        step = None if progress is None else functools.partial(progress, name)
        answers = generate_answers(generator, examples, config, step)
        scores = score(references, answers, redline, knowledge)
        report[name] = {**scores, "seconds": round(time.perf_counter() - started, 1)}
        by_source: dict[str, list[int]] = {}
        for index, example in enumerate(examples):
            by_source.setdefault(example.source, []).append(index)
        report[f"{name}_by_source"] = {
            source: {
                "examples": len(rows),
                **score([references[i] for i in rows], [answers[i] for i in rows], redline, knowledge),
            }
            for source, rows in sorted(by_source.items())
        }
        if knowledge is not None:
            found = [(e.question, a, knowledge.contradictions(a)) for e, a in zip(examples, answers, strict=True)]
            report[f"{name}_contradictions"] = [
                {"question": q, "answer": a, "contradicts": wrong} for q, a, wrong in found if wrong
            ][:10]
        report[f"{name}_samples"] = [
            {"question": e.question, "reference": e.answer, "answer": a}
            for e, a in list(zip(examples, answers, strict=True))[:5]
        ]
        del generator
    base_l, adapter_l = report["base"]["rougeL"], report["adapter"]["rougeL"]
    report["rougeL_ratio"] = adapter_l / base_l if base_l else float("inf")
    contradicts = knowledge is not None and report["adapter"]["contradiction_rate"] > 0
    # The company's own answers (its help centre, its agents): an adapter that imitates a generic corpus better
    # but answers the company's questions worse than the base model is not an improvement.
    # ROUGE-L is a mean over examples: the company's is the per-source means weighted by their examples.
    company = [s for s in report["base_by_source"] if not s.startswith("transcript:")]
    if company:
        report["company_rougeL"] = {
            name: sum(
                report[f"{name}_by_source"][s]["rougeL"] * report[f"{name}_by_source"][s]["examples"] for s in company
            )
            / sum(report[f"{name}_by_source"][s]["examples"] for s in company)
            for name in ("base", "adapter")
        }
    worse_for_company = bool(company) and report["company_rougeL"]["adapter"] < report["company_rougeL"]["base"]
    report["promotable"] = adapter_l > base_l and not contradicts and not worse_for_company
    report["not_promotable_because"] = (
        "its answers contradict the company's knowledge"
        if contradicts
        else "it answers the company's own questions worse than the base model"
        if worse_for_company
        else "it does not beat the base on ROUGE-L"
        if adapter_l <= base_l
        else ""
    )
    return report
