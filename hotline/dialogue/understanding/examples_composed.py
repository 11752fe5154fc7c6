"""Training messages put together from parts (``message_parts.yaml``): an opener, a labelled core and a closer,
then sometimes written the way people type (lower case, no full stop, articles and "to" dropped, a letter
slipped) — so the head meets more than the few whole templates of examples.py, in three languages.

Each core is (list, language, index); about one in five of each list is held out: its messages are only
measured, never trained on (``held_out_cores``), so the training report shows how the head reads wordings it
never saw, not just new values in known ones.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

_PARTS = Path(__file__).with_name("message_parts.yaml")
_EN_DROPPED = re.compile(r"\b(?:the|a|an|my|to) ", re.IGNORECASE)  # "I want to return the lamp" → "I want return lamp"

Core = tuple[str, str, int]  # (list, language, index): "requests.cancel", "en", 3


@functools.cache
def parts() -> dict[str, Any]:
    """The parts of messages (``message_parts.yaml``)."""
    return yaml.safe_load(_PARTS.read_text())


def _core_lists(lang: str) -> dict[str, tuple[list[str], str, str]]:
    """Every list of cores in a language: name -> (cores, act, action)."""
    p = parts()
    lists = {f"requests.{kind}": (by_lang[lang], "request", kind) for kind, by_lang in p["requests"].items()}
    lists["questions"] = (p["questions"][lang], "question", "none")
    lists["informs"] = (p["informs"][lang], "inform", "none")
    return lists


def held_out_cores(seed: int = 7) -> frozenset[Core]:
    """The cores kept out of training: about one in five of each list (at least one)."""
    rng = random.Random(seed)
    held: set[Core] = set()
    for lang in ("en", "ru", "zh"):
        for name, (cores, _act, _action) in sorted(_core_lists(lang).items()):
            for index in rng.sample(range(len(cores)), k=max(1, len(cores) // 5)):
                held.add((name, lang, index))
        for act in ("yes", "no"):
            heads = parts()[act]["heads"][lang]
            held.update((act, lang, index) for index in rng.sample(range(len(heads)), k=max(1, len(heads) // 5)))
    return frozenset(held)


def typed(text: str, lang: str, rng: random.Random) -> str:
    """The message as it is often typed: lower case, no final stop, (English) small words dropped, a slip."""
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.3:
        text = text.rstrip(".!。！")
    if lang == "en" and rng.random() < 0.2:
        text = _EN_DROPPED.sub("", text)
    if rng.random() < 0.1 and len(text) > 8:  # one letter dropped
        at = rng.randrange(len(text) - 1)
        text = text[:at] + text[at + 1 :]
    return text


def _fill(template: str, values: dict[str, str], lang: str, kind: str, rng: random.Random) -> str:
    p = parts()
    local = dict(values)
    local["order_ref"] = rng.choice(p["order_ref"][lang]).format(order=values["order"])
    local["en_verb"] = rng.choice(p["en_verbs"].get(kind, ["order"]))
    local["digits"] = " ".join(values["order"].lstrip("#W"))
    return template.format(**local)


def _kept(name: str, lang: str, indices: range, held: frozenset[Core]) -> list[int]:
    """The indices of a list that are not held out (every index when all are)."""
    kept = [i for i in indices if (name, lang, i) not in held]
    return kept or list(indices)


def composed(
    rng: random.Random,
    lang: str,
    values: dict[str, str],
    kinds: list[str],
    per_kind: int = 3,
    held: frozenset[Core] = frozenset(),
) -> Iterator[tuple[str, str, str, Core]]:
    """(text, act, action, core) for one customer: requests of ``kinds``, a question, a yes, a no, informs.

    What is said beside a core (who the customer is, a question after a yes) is drawn only from wordings not in
    ``held``, so a held-out wording never appears inside a training message."""
    p = parts()
    identities = _kept("informs", lang, range(3), held)
    after_yes = _kept("questions", lang, range(len(p["questions"][lang])), held)
    lists = _core_lists(lang)
    chosen: list[tuple[str, int]] = []
    for kind in kinds:
        name = f"requests.{kind}"
        chosen += [(name, rng.randrange(len(lists[name][0]))) for _ in range(per_kind)]
    chosen += [("questions", rng.randrange(len(lists["questions"][0])))]
    chosen += [("informs", rng.randrange(len(lists["informs"][0]))) for _ in range(2)]
    for name, index in chosen:
        cores, act, action = lists[name]
        text = _fill(cores[index], values, lang, action, rng)
        if act == "request":
            if rng.random() < 0.25:  # who the customer is, before or after
                who = _fill(p["informs"][lang][rng.choice(identities)], values, lang, action, rng)
                text = f"{who} {text}" if rng.random() < 0.5 else f"{text} {who}"
            if action == "change" and rng.random() < 0.25:
                text += rng.choice(p["fallbacks"][lang])
            text = f"{rng.choice(p['openers'][lang])}{text}{rng.choice(p['closers'][lang])}"
        elif act == "question":
            text = f"{rng.choice(p['openers'][lang])}{text}"
        yield typed(text, lang, rng), act, action, (name, lang, index)
    for act in ("yes", "no"):
        heads, tails = p[act]["heads"][lang], p[act]["tails"][lang]
        head, tail = rng.randrange(len(heads)), rng.randrange(len(tails))
        text = heads[head] + tails[tail]
        if act == "yes" and rng.random() < 0.25:  # "ok, do it. how long does the refund take?": still a yes
            text += (" " if lang != "zh" else "") + p["questions"][lang][rng.choice(after_yes)]
        yield typed(text, lang, rng), act, "none", (act, lang, head)
