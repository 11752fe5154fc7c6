"""Answers that contradict the company: a quantity (a duration, an amount, a percentage, a count) that the
company's own knowledge never states.

Generic support corpora say "refunds take 3 to 10 business days"; this company says 5 to 7. Training data that
says otherwise is dropped (``hotline train dataset``), and an adapter whose answers say otherwise is not
promotable (``hotline train eval``: its contradiction rate must be 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hotline.settings import Settings

_NUMBER = r"\d+(?:[.,]\d+)?"
_UNIT = (
    r"(?:business |working |calendar )?(?:days?|weeks?|months?|hours?|minutes?|years?)|%|percent|"
    r"рабочих дн\w*|дн\w*|недел\w*|месяц\w*|час\w*|минут\w*|"
    r"个工作日|个?天|周|个月|小时|分钟|年"
)
# "5 to 7 business days", "5-7 days", "5–7 рабочих дней", "5至7个工作日", "30 days", "$20", "10%".
_QUANTITY = re.compile(
    rf"(?P<low>{_NUMBER})\s*(?:to|-|–|—|до|至|到|~)\s*(?P<high>{_NUMBER})\s*(?P<unit>{_UNIT})"
    rf"|(?P<one>{_NUMBER})\s*(?P<unit1>{_UNIT})|[$€£¥]\s?(?P<money>{_NUMBER})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    text: str
    values: tuple[str, ...]
    unit: str


def _unit(raw: str) -> str:
    raw = raw.lower()
    for key, names in (
        ("day", ("day", "дн", "天", "工作日")),
        ("week", ("week", "недел", "周")),
        ("month", ("month", "месяц", "个月")),
        ("hour", ("hour", "час", "小时")),
        ("minute", ("minute", "минут", "分钟")),
        ("year", ("year", "年")),
        ("percent", ("%", "percent")),
    ):
        if any(name in raw for name in names):
            return key
    return raw


def quantities(text: str) -> list[Quantity]:
    found = []
    for match in _QUANTITY.finditer(text):
        if match.group("money"):
            found.append(Quantity(match.group(0), (match.group("money"),), "money"))
        elif match.group("low"):
            found.append(
                Quantity(match.group(0), (match.group("low"), match.group("high")), _unit(match.group("unit")))
            )
        else:
            found.append(Quantity(match.group(0), (match.group("one"),), _unit(match.group("unit1"))))
    return found


class CompanyKnowledge:
    """The quantities the company states anywhere in its knowledge (help centre, policy, catalogue)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._stated: set[tuple[str, str]] = set()
        for text in texts:
            for quantity in quantities(text):
                for value in quantity.values:
                    self._stated.add((value.replace(",", "."), quantity.unit))

    def contradictions(self, answer: str) -> list[str]:
        """The quantities in ``answer`` the company never states (with their unit): each a contradiction."""
        wrong = []
        for quantity in quantities(answer):
            if quantity.unit == "money":
                continue  # amounts are the store's, per order: checked against the store, not the policy
            if any((v.replace(",", "."), quantity.unit) not in self._stated for v in quantity.values):
                wrong.append(quantity.text)
        return wrong

    def rate(self, answers: Sequence[str]) -> float:
        return sum(1 for a in answers if self.contradictions(a)) / len(answers) if answers else 0.0


def company_knowledge(settings: Settings) -> CompanyKnowledge:
    """What the demo company states — its help centre, agent policy and catalogue — for checking answers against."""
    from hotline.kb.ingest import demo_documents

    documents = demo_documents(settings.demo_kb_dir, settings.kb.help_centre_dir, settings.store.departments)
    return CompanyKnowledge(d.text for d in documents)
