"""What the customer holds back from a request: "everything except the tablet", "всё, только не наушники",
"头戴式耳机以外的全部", and hedges ("the lamp stays", "а лампу пока не трогайте", "台灯先别动").

The item words themselves are found by ``order_items`` (grounded in the order); this module says which parts of
the message exclude or hold back what they name, so that an excluded item is never in a plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# once an item is held back: "the rest", "the others", "остальное", "其他都退"
THE_REST = re.compile(r"\b(the rest|the others?|all others|остальн\w*|прочее)\b|其他|其余|剩下", re.I)

# "everything except the tablet", "all of it apart from the lamp", "всё, кроме планшета", "除了平板都退"
_EXCEPT = re.compile(
    r"\b(except(?: for)?|apart from|other than|but not|besides|excluding|not the)\b|"
    r"\b(?:all|everything|every item)\b[^,.;:]{0,24}?\bbut\b|кроме|за исключением|\bно не\b|\bтолько не\b|除了|不包括",
    re.I,
)
_EXCEPT_END = re.compile(r"[.;!?。；！？]|\b(refund|to my|via|using)\b|以外|之外|都|全部|, ", re.I)
# "头戴式耳机以外的全部", "耳机之外都退": the excluded item comes before the word, back to the clause's start
_EXCEPT_AFTER = re.compile(r"(以外|之外)(的)?")
_CLAUSE_START = re.compile(r".*[，,。；;：:！？!?]", re.S)


# "don't do anything about the lamp yet", "leave the lamp alone", "а лампу пока не трогайте", "台灯先别动"
_HEDGE = re.compile(
    r"\b(don'?t|do not) (do anything|touch|change|return|cancel)|\bleave (the|my|it|that)\b|\bkeep (the|my|it)\b|"
    r"\b(stays?|remains?)\b(?! (in|at|on|with)\b)|\bcan stay\b|\bhold off\b|\bnot (the|that) \w+ (yet|for now)|"
    r"\bkeep (that|this|them|those)\b|"
    r"не трогайте|не трогать|оставьте|оставлю|оставляю|не надо|ничего (пока )?не делайте|"
    r"\b(as is|as it is)\b|как есть|остаётся|остается|пусть останется|"
    r"先别动|先不动|暂时不用|不用处理|先不用管|不用管|保留|别动|留着|保持原样|(先|暂时)?(不要|不用|别)(动|碰|管|处理)",
    re.I,
)
_CLAUSE = re.compile(r"[.;,()（）。；，!?—–]|\s-\s|\bbut\b", re.I)  # "the lamp and the mat — the chair stays"


def exclusions(
    text: str, items: list[dict[str, Any]], named: Callable[[str, list[dict[str, Any]]], list[str]]
) -> tuple[str, set[str], bool]:
    """The text without what the customer excluded, the excluded item ids, and whether it was an
    "everything except" (all the rest is meant). ``named`` finds the items a piece of text names."""
    excluded: set[str] = set()
    everything_but = False
    if (cut := _EXCEPT.search(text)) is not None:
        rest = text[cut.end() :]
        end = _EXCEPT_END.search(rest)
        excluded_text = rest[: end.start()] if end and end.start() > 0 else rest
        if found := set(named(excluded_text, items)):
            excluded |= found
            everything_but = True
            text = text[: cut.start()] + " " + rest[len(excluded_text) :]
    elif (cut := _EXCEPT_AFTER.search(text)) is not None:
        head = text[: cut.start()]
        start = m.end() if (m := _CLAUSE_START.match(head)) else 0
        if found := set(named(head[start:], items)):
            excluded |= found
            everything_but = True
            text = text[:start] + " " + text[cut.end() :]
    kept, start = [], 0
    for stop in [*_CLAUSE.finditer(text), None]:
        clause = text[start : stop.start() if stop else len(text)]
        if clause and _HEDGE.search(clause) and (found := set(named(clause, items))):
            excluded |= found
        else:
            kept.append(clause)  # with its punctuation: where one item's mention ends matters downstream
        if stop is not None:
            kept.append(stop.group(0))
            start = stop.end()
    return "".join(kept), excluded, everything_but
