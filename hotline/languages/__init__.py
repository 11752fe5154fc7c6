"""Language packs: every text Hotline says or shows in a language, one YAML file per language (packs/<code>.yaml).

The fixed replies of the flows and the engine, the handoff notices, order statuses as a customer reads them, the
yes / no words of a confirmation, the red-line's disclosure and money disclaimer, the customer pages' own labels,
the agent console's words and the packet as an agent reads it, and the training set's request forms are all read
from here; the modules that use them derive their tables from the packs. Adding a language is one pack (every key
of ``en.yaml`` translated, the same placeholders) plus its code in the served languages;
``tests/unit/test_language_packs.py`` checks a pack is complete.

A leaf module: YAML only, no heavy imports. Packs are package data, read once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PACKS_DIR = Path(__file__).resolve().parent / "packs"
DEFAULT = "en"
# the pack words of a number no request needs (dialogue/asides.py): a date's month, a period waited, "ago", a
# currency, an earlier case's words, a time of day's
ASIDE_WORDS = ("months", "periods", "periods_ago", "ago", "currency", "case_words", "day_parts")


class LanguagePackError(ValueError):
    """A pack that is missing, malformed or incomplete."""


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    script: str  # the writing system most of its letters are in (latin, cyrillic, han)
    espeak_voice: str | None  # espeak-ng voice when the language has no Piper voice of its own
    list_separator: str
    yes_words: tuple[str, ...]
    no_words: tuple[str, ...]
    time_question: tuple[str, ...] = ()  # "when", "how long": the question asks for a time
    time_answer: tuple[str, ...] = ()  # "immediately", "days": a sentence that states one (word starts)
    yes_opener: tuple[str, ...] = ()  # "Yes, …": how an answer opens with a yes
    no_opener: tuple[str, ...] = ()  # "No, …"
    permission_question: tuple[str, ...] = ()  # "can I …?": asks whether the customer may do something
    not_helped: tuple[str, ...] = ()  # "that didn't help": the bot's answer was no use
    own_order: tuple[str, ...] = ()  # "my order", "the parcel": the customer's own order or its delivery
    where_is: tuple[str, ...] = ()  # "where is", "hasn't arrived": asks where it is or says it has not come
    meaning_question: tuple[str, ...] = ()  # "what does … mean": asks what a word means
    product_question: tuple[str, ...] = ()  # "how much", "do you sell": asks about a product's options or price
    policy_topic: tuple[str, ...] = ()  # "return", "pay", "repair": the policy or a service, not the catalogue
    hedges: tuple[str, ...] = ()  # "I think", "probably": doubt around what is said, which it does not change
    looking_up: tuple[str, ...] = ()  # "let me check": looking something up, said up to the "..." that ends it
    bot_question: tuple[str, ...] = ()  # patterns: "are you a real person?" asks about the bot, wants no human
    asides: dict[str, tuple[str, ...]] = field(default_factory=dict)  # numbers no request needs: dialogue/asides.py
    phrases: dict[str, str] = field(default_factory=dict)
    notices: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    policy_reasons: dict[str, str] = field(default_factory=dict)
    redline: dict[str, str] = field(default_factory=dict)
    ui: dict[str, str] = field(default_factory=dict)
    agent: dict[str, str] = field(default_factory=dict)  # the agent console and the packet as an agent reads it
    intents: dict[str, str] = field(default_factory=dict)  # intent label -> words for the agent
    request_forms: tuple[str, ...] = ()
    speech: dict[str, Any] = field(default_factory=dict)  # how replies are said on the phone


def _read(path: Path) -> LanguagePack:
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LanguagePackError(f"{path.name}: not valid YAML ({error})") from error
    try:
        words = data.get("words") or {}
        return LanguagePack(
            code=str(data["code"]),
            name=str(data["name"]),
            script=str(data["script"]),
            espeak_voice=data.get("espeak_voice"),
            list_separator=str(data.get("list_separator", ", ")),
            yes_words=tuple(str(w) for w in words.get("yes", ())),
            no_words=tuple(str(w) for w in words.get("no", ())),
            time_question=tuple(str(w) for w in words.get("time_question", ())),
            time_answer=tuple(str(w) for w in words.get("time_answer", ())),
            yes_opener=tuple(str(w) for w in words.get("yes_opener", ())),
            no_opener=tuple(str(w) for w in words.get("no_opener", ())),
            permission_question=tuple(str(w) for w in words.get("permission_question", ())),
            not_helped=tuple(str(w) for w in words.get("not_helped", ())),
            own_order=tuple(str(w) for w in words.get("own_order", ())),
            where_is=tuple(str(w) for w in words.get("where_is", ())),
            meaning_question=tuple(str(w) for w in words.get("meaning_question", ())),
            product_question=tuple(str(w) for w in words.get("product_question", ())),
            policy_topic=tuple(str(w) for w in words.get("policy_topic", ())),
            hedges=tuple(str(w) for w in words.get("hedges", ())),
            looking_up=tuple(str(w) for w in words.get("looking_up", ())),
            bot_question=tuple(str(w) for w in words.get("bot_question", ())),
            asides={key: tuple(str(w) for w in words.get(key, ())) for key in ASIDE_WORDS},
            phrases={str(k): str(v) for k, v in (data.get("phrases") or {}).items()},
            notices={str(k): str(v) for k, v in (data.get("notices") or {}).items()},
            statuses={str(k): str(v) for k, v in (data.get("statuses") or {}).items()},
            policy_reasons={str(k): str(v) for k, v in (data.get("policy_reasons") or {}).items()},
            redline={str(k): str(v) for k, v in (data.get("redline") or {}).items()},
            ui={str(k): str(v) for k, v in (data.get("ui") or {}).items()},
            agent={str(k): str(v) for k, v in (data.get("agent") or {}).items()},
            intents={str(k): str(v) for k, v in (data.get("intents") or {}).items()},
            request_forms=tuple(str(f) for f in (data.get("training") or {}).get("request_forms", ())),
            speech=dict(data.get("speech") or {}),
        )
    except KeyError as error:
        raise LanguagePackError(f"{path.name}: missing {error.args[0]!r}") from error


def read_packs(folder: Path) -> dict[str, LanguagePack]:
    """Every pack in ``folder`` by language code; the English pack must be there (it is every text's fallback)."""
    packs = {pack.code: pack for pack in map(_read, sorted(folder.glob("*.yaml")))}
    if DEFAULT not in packs:
        raise LanguagePackError(f"no {DEFAULT}.yaml in {folder}: English is every text's fallback")
    return packs


@functools.cache
def load_packs() -> dict[str, LanguagePack]:
    """The packs shipped with Hotline (package data, read once)."""
    return read_packs(PACKS_DIR)


def languages() -> tuple[str, ...]:
    return tuple(load_packs())


def pack(code: str | None) -> LanguagePack:
    """The pack for ``code``; English for a language without one."""
    packs = load_packs()
    return packs.get(code or DEFAULT, packs[DEFAULT])


def table(section: str) -> dict[str, dict[str, str]]:
    """One section of every pack as key → language → text (the shape the phrase tables had)."""
    result: dict[str, dict[str, str]] = {}
    for code, language in load_packs().items():
        for key, text in getattr(language, section).items():
            result.setdefault(key, {})[code] = text
    return result
