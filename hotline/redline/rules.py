"""Red-line rules: fast, pure checks on the customer's text (input) and on every bot sentence (output).

Rules come from a versioned YAML file per tenant and are re-read when the file changes. Input checks mask
PII and report triggers (human request, legal threat, self-harm...); output checks block sentences the
company cannot stand behind and return the safe template that replaces them.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hotline.languages import load_packs, pack, table
from hotline.redline.pii import PIIMatch, mask_pii

log = logging.getLogger(__name__)

DEFAULT_RULES = Path(__file__).resolve().parent / "default_rules.yaml"
SEVERITY = {"low": 1, "medium": 2, "high": 3, "critical": 4}
_MONEY = re.compile(
    r"(?:[$€£¥₽]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars|usd|eur|euros|rubles|руб|元))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    rule_id: str
    severity: str
    action: str  # escalate | flag | block
    direction: str  # input | output
    start: int
    end: int
    excerpt: str  # the matched text (from masked input, so never raw PII)

    @property
    def severity_rank(self) -> int:
        return SEVERITY.get(self.severity, 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "action": self.action,
            "direction": self.direction,
            "span": [self.start, self.end],
            "excerpt": self.excerpt,
        }


@dataclass
class InputCheck:
    masked_text: str
    pii: list[PIIMatch]
    hits: list[Hit]
    rules_version: str = ""

    @property
    def wants_human(self) -> bool:
        return any(h.rule_id == "human_request" for h in self.hits)

    @property
    def max_severity(self) -> int:
        return max((SEVERITY[h.severity] for h in self.hits if h.action != "flag"), default=0)

    def _flagged(self, rule_id: str) -> bool:
        return any(h.rule_id == rule_id and h.action == "flag" for h in self.hits)

    @property
    def abuse(self) -> bool:
        """Profanity or insults flagged: an angry turn for the escalation decision, whatever the anger score."""
        return self._flagged("profanity")

    @property
    def attack(self) -> bool:
        """An attempt to manipulate the bot flagged (prompt injection): repeated ones escalate."""
        return self._flagged("prompt_injection")


@dataclass
class OutputCheck:
    text: str  # the sentence, or its safe replacement when blocked
    blocked: bool
    hits: list[Hit] = field(default_factory=list)
    states_money: bool = False


@dataclass
class _Rule:
    id: str
    action: str
    severity: str
    patterns: list[re.Pattern[str]]
    words: list[re.Pattern[str]]
    substrings: list[str]
    canary: bool = False
    template: str = ""
    unless: list[re.Pattern[str]] = field(default_factory=list)  # a match overlapping one of these is no hit

    def matches(self, text: str, canary: str | None) -> list[tuple[int, int]]:
        spans = [m.span() for p in self.patterns + self.words for m in p.finditer(text)]
        spans += [(i, i + len(s)) for s in self.substrings if (i := text.find(s)) >= 0]
        if self.canary and canary and (i := text.find(canary)) >= 0:
            spans.append((i, i + len(canary)))
        if self.unless and spans:
            excused = [m.span() for p in self.unless for m in p.finditer(text)]
            spans = [(a, b) for a, b in spans if not any(a < y and x < b for x, y in excused)]  # overlaps one
        return sorted(spans)


def _word_rules(words: dict[str, list[str]]) -> tuple[list[re.Pattern[str]], list[str]]:
    patterns, substrings = [], []
    for language, terms in words.items():
        if language == "zh":  # no word boundaries in Chinese text
            substrings += terms
        elif terms:
            alternatives = "|".join(sorted((re.escape(t) for t in terms), key=len, reverse=True))
            patterns.append(re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE))
    return patterns, substrings


def _unless(entry: dict[str, Any]) -> list[str]:
    """A rule's ``unless`` patterns, and those of the language packs' word lists it names (``unless_words``:
    ``bot_question`` is every pack's "are you a real person?")."""
    patterns = [str(p) for p in entry.get("unless", [])]
    for key in entry.get("unless_words", []):
        patterns += [p for language in load_packs().values() for p in getattr(language, str(key))]
    return patterns


def _texts(key: str, data: dict[str, Any]) -> dict[str, str]:
    """A red-line text by language: each language pack's, overridden by the rules file's ``key`` (English) and
    ``key_translations`` (by language code)."""
    texts = {code: text for code, text in table("redline").get(key, {}).items()}
    if data.get(key):
        texts["en"] = str(data[key])
    texts.update({str(k): str(v) for k, v in (data.get(f"{key}_translations") or {}).items()})
    return texts


class RedLine:
    def __init__(self, rules_path: Path = DEFAULT_RULES, canary: str | None = None) -> None:
        self.path = rules_path
        self.canary = canary
        self._lock = threading.Lock()
        self._mtime = -1.0
        self.version = ""
        self.disclosure_template = ""
        self.disclosure_templates: dict[str, str] = {}  # by language; "en" is disclosure_template
        self.money_disclaimer = ""
        self.money_disclaimers: dict[str, str] = {}  # by language; "en" is money_disclaimer
        self._input: list[_Rule] = []
        self._output: list[_Rule] = []
        self._reload_if_changed()

    def _load(self) -> None:
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        extra_words: list[str] = []
        for name in data.get("wordlist_files", []):
            file = Path(name).expanduser()
            if file.exists():
                extra_words += [w.strip() for w in file.read_text(encoding="utf-8").splitlines() if w.strip()]
        words_by_rule: dict[str, dict[str, list[str]]] = {}

        def build(entries: list[dict[str, Any]]) -> list[_Rule]:
            rules = []
            for entry in entries:
                words = dict(entry.get("words", {}))
                if entry["id"] == "profanity" and extra_words:
                    words["en"] = list(words.get("en", [])) + extra_words
                if "same_words_as" in entry:
                    words = words_by_rule.get(entry["same_words_as"], {})
                words_by_rule[entry["id"]] = words
                word_patterns, substrings = _word_rules(words)
                rules.append(
                    _Rule(
                        id=entry["id"],
                        action=entry["action"],
                        severity=entry["severity"],
                        patterns=[re.compile(p, re.IGNORECASE) for p in entry.get("patterns", [])],
                        words=word_patterns,
                        substrings=substrings,
                        canary=bool(entry.get("canary")),
                        template=entry.get("template", ""),
                        unless=[re.compile(p, re.IGNORECASE) for p in _unless(entry)],
                    )
                )
            return rules

        input_rules, output_rules = build(data.get("input", [])), build(data.get("output", []))
        with self._lock:
            self._input, self._output = input_rules, output_rules
            self.version = f"{data.get('tenant', 'default')}:v{data.get('version', 0)}"
            # The language packs' texts, unless this tenant's rules file words them its own way.
            self.disclosure_templates = _texts("ai_disclosure", data)
            self.disclosure_template = self.disclosure_templates.get("en", "")
            self.money_disclaimers = _texts("money_disclaimer", data)
            self.money_disclaimer = self.money_disclaimers.get("en", "")
        log.info("red-line rules loaded", extra={"path": str(self.path), "version": self.version})

    def disclosure(self, lang: str, company: str, channel: str, configured_hint: str | dict[str, str] | None) -> str:
        """That this is an AI and how to reach a human, in ``lang``: the tenant's rules file or the language pack
        words it; ``channel`` ("chat" | "voice") picks how to reach a human ("type" or "say"). A configured hint
        is used in the language it is written in (a string is English; a dict gives it per language)."""
        if isinstance(configured_hint, dict):
            hint = configured_hint.get(lang)
        else:
            hint = configured_hint if lang == "en" else None
        hint = hint or pack(lang).phrases.get(f"human_hint_{channel}", "")
        template = self.disclosure_templates.get(lang) or self.disclosure_template
        return template.format(company=company, human_hint=hint)

    def _reload_if_changed(self) -> None:
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            return
        if mtime != self._mtime:
            try:
                self._load()
                self._mtime = mtime
            except Exception:  # a broken edit keeps the last good rules
                log.exception("red-line rules file is invalid; keeping the previous rules")
                if not self._input and not self._output:
                    raise

    def check_input(self, text: str) -> InputCheck:
        self._reload_if_changed()
        masked, pii = mask_pii(text)
        hits = [
            Hit(rule.id, rule.severity, rule.action, "input", start, end, masked[start:end])
            for rule in self._input
            for start, end in rule.matches(masked, None)
        ]
        return InputCheck(masked, pii, hits, self.version)

    def check_output(self, sentence: str) -> OutputCheck:
        self._reload_if_changed()
        for rule in self._output:
            spans = rule.matches(sentence, self.canary)
            if spans and rule.action == "block":
                hits = [Hit(rule.id, rule.severity, rule.action, "output", s, e, sentence[s:e]) for s, e in spans]
                return OutputCheck(rule.template, True, hits)
        masked, pii = mask_pii(sentence)
        hits = [Hit("pii_out", "medium", "mask", "output", m.start, m.end, m.kind) for m in pii]
        return OutputCheck(masked, False, hits, states_money=bool(_MONEY.search(sentence)))
