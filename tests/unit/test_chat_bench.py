"""``hotline bench chat``'s question set and summary: policy questions in every language, first token per language."""

from __future__ import annotations

import re

from hotline.bench.chat import LANGUAGES, Result, policy_questions, summarise, table
from hotline.dialogue.language import message_language


def test_policy_questions_come_in_every_language_with_the_fact_to_find() -> None:
    asked = policy_questions(4)
    for lang in LANGUAGES:
        mine = [q for q in asked if q.lang == lang]
        assert len(mine) == 4
        assert all(q.source == f"policy:{lang}" and q.pattern for q in mine)
        assert all(message_language(q.text)[0] == lang for q in mine)
    assert len({q.id for q in asked}) == len(asked)
    assert all(re.compile(q.pattern or "") for q in asked)  # every pattern compiles


def _result(lang: str, first: float, hit: bool) -> Result:
    return Result(f"q-{lang}-{first}", f"policy:{lang}", lang, first, first, first + 50, first, 0.0, hit, "", False)


def test_the_summary_reports_first_token_and_facts_per_language() -> None:
    results = [_result("en", 40, True), _result("en", 60, True), _result("ru", 80, False), _result("ru", 100, True)]
    summary = summarise(results)
    assert summary["by_language"]["en"]["first_token_ms"]["p50"] == 50
    assert summary["by_language"]["ru"]["policy_fact_rate"] == 0.5
    assert summary["by_language"]["zh"]["questions"] == 0
    assert summary["kb_hit_rate"] is None  # policy questions are judged by their fact, not by a cited passage
    rows = table(summary).columns[0]._cells
    assert "ru: policy fact stated in ru (2)" in rows and not any(r.startswith("zh:") for r in rows)
