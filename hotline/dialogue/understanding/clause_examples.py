"""Training messages for the clause-role head: requests about an order's items built from clause templates in
en/ru/zh, each clause written with its role (act / except / hold), items named by the catalogue's names.

A message is an opener ("please return", "хочу вернуть", "退货"), one to three role clauses joined as people
join them (", ", " and ", " but ", " — ", brackets, or nothing at all in a chat message), and sometimes a tail
(a reason, the refund method, who the customer is). The message is then cut exactly as at run time
(``clause_roles.cut``) and each piece takes the role of the clause it came from when it names an item, else
"other". Whole templates are kept out of training for the report: the head is measured on wordings it never saw.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from hotline.store.catalog_names import PRODUCT_NAMES

_TEMPLATES = Path(__file__).with_name("clause_templates.yaml")


@functools.cache
def templates() -> dict[str, Any]:
    """The clause templates and the words around them (``clause_templates.yaml``)."""
    return yaml.safe_load(_TEMPLATES.read_text())


_ENDINGS = ["", "", "а", "у", "и", "ы", "ом"]  # a Russian stem as it is said: "лампу", "рюкзаки"
GREETING_SHARE = 0.35  # of the report's held-out messages that open with a pleasantry (never trained on)
_COLOURS = {"en": ["black", "white", "blue", "large", "small"], "zh": ["", "黑色", "大号"]}


def held_out_templates(seed: int = 7) -> set[tuple[str, str, int]]:
    """(role, language, template index) kept out of training: about one in five of each list."""
    rng = random.Random(seed)
    held = set()
    for role, by_lang in templates()["clauses"].items():
        for lang, options in by_lang.items():
            for i in rng.sample(range(len(options)), k=max(2, len(options) // 5)):
                held.add((role, lang, i))
    return held


def _name(rng: random.Random, lang: str) -> str:
    name = rng.choice(sorted(PRODUCT_NAMES))
    if lang == "en":
        words = name.lower()
        return " ".join(
            w for w in (rng.choice(["the", "my", "", "the"]), rng.choice(_COLOURS["en"] + [""] * 5), words) if w
        )
    alias = rng.choice(PRODUCT_NAMES[name].get(lang) or [name])
    if lang == "ru":
        return alias + rng.choice(_ENDINGS)
    return rng.choice(_COLOURS["zh"]) + alias


_VALUES = {
    "en": ["black", "white", "glass", "XL", "4K", "stainless steel", "red 20 hours", "S blue low", "larger"],
    "ru": ["чёрный", "белый", "XL", "стеклянный", "побольше", "синий L"],
    "zh": ["黑色", "白色", "玻璃", "大号", "4K", "蓝色L"],
}


def _fill(template: str, rng: random.Random, lang: str, values: list[str] | None) -> tuple[str, list[tuple[int, int]]]:
    """The clause with its items named (and new option values: the catalogue's, or words for them); the items'
    spans in it."""
    while "{value}" in template:
        said = rng.sample(values, k=rng.choice((1, 2))) if values and rng.random() < 0.6 else []
        value = " ".join(said) or rng.choice(templates()["values"][lang])
        template = template.replace("{value}", value, 1)
    out, spans, rest = "", [], template
    while "{item" in rest:
        at = rest.index("{item")
        close = rest.index("}", at)
        out += rest[:at]
        name = _name(rng, lang)
        if lang == "en" and out.rstrip().lower().endswith(("the", "my")):
            name = name.split(" ", 1)[-1] if name.startswith(("the ", "my ")) else name
        spans.append((len(out), len(out) + len(name)))
        out += name
        rest = rest[close + 1 :]
    return out + rest, spans


def generate(
    count: int,
    seed: int,
    held: set[tuple[str, str, int]],
    heldout: bool,
    values: list[str] | None = None,
) -> Iterator[tuple[str, list[tuple[int, int]], list[str], str]]:
    """(message, its clauses' spans, their roles, language) for ``count`` messages; ``heldout``: built only from
    the templates kept out of training (each message has at least one), else only from the others."""
    from hotline.dialogue.understanding.clause_roles import cut

    rng = random.Random(seed)
    made = 0
    while made < count:
        lang = rng.choice(("en", "ru", "zh"))
        roles = ["act", *rng.sample(["act", "except", "hold"], k=rng.choice((1, 1, 2)))]
        rng.shuffle(roles)
        if roles[0] == "hold":  # "return the lamp, keep the chair": what is held back is not said first
            roles.reverse()
        parts: list[tuple[str, str, list[tuple[int, int]]]] = []
        any_held = False
        for role in roles:
            options = templates()["clauses"][role][lang]
            choices = [i for i in range(len(options)) if ((role, lang, i) in held) == heldout] or list(
                range(len(options))
            )
            index = rng.choice(choices)
            any_held |= (role, lang, index) in held
            parts.append((role, *_fill(options[index], rng, lang, values)))
        if heldout and not any_held:
            continue
        chars = _message(rng, lang, parts, _greeting(rng, lang) if heldout else "")
        text = "".join(ch for ch, _ in chars)
        spans = cut(text)
        clause_roles = []
        for a, b in spans:
            named = [r for _, r in chars[a:b] if r is not None]
            clause_roles.append(named[0] if named else "other")
        made += 1
        yield text, spans, clause_roles, lang


def _greeting(rng: random.Random, lang: str) -> str:
    """A pleasantry said before the request, in about a third of the held-out messages: the head never sees one
    in training (a sentence naming no item is no context for the next, ``clause_roles._context_before``), and the
    report shows it is not thrown by one."""
    return rng.choice(templates()["greetings"][lang]) if rng.random() < GREETING_SHARE else ""


def _message(
    rng: random.Random, lang: str, parts: list[tuple[str, str, list[tuple[int, int]]]], greeting: str = ""
) -> list[tuple[str, str | None]]:
    """The message said around its clauses, each character with the role of the item it is part of (None: no
    item), typed now and then as in a chat."""
    t = templates()
    chars: list[tuple[str, str | None]] = []

    def say(words: str, spans: list[tuple[int, int]] | None = None, role: str | None = None) -> None:
        chars.extend((ch, role if any(a <= i < b for a, b in spans or []) else None) for i, ch in enumerate(words))

    space = "" if lang == "zh" else " "
    if greeting:
        say(greeting + space)
    if opener := rng.choice(t["openers"][lang]):
        say(opener + space)
    if rng.random() < 0.3:
        order = f"{rng.choice(['#', '#', ''])}W{rng.randrange(10**6, 10**7)}"
        say(rng.choice(t["order_before"][lang]).format(order=order) + rng.choice([space, space, ", "]))
    for k, (role, clause, spans) in enumerate(parts):
        if k:
            say(rng.choice(t["separators"][lang]))
        say(clause, spans, role)
        if rng.random() < 0.1:  # "… the headphones from order #W2378156", "… по заказу #W6397299"
            say(rng.choice(t["order_after"][lang]).format(order=f"#W{rng.randrange(10**6, 10**7)}"))
    if tail := rng.choice(t["tails"][lang]):
        say(rng.choice(t["separators"][lang][:3]) + tail)
    if rng.random() < 0.3:  # lower case, no commas, no apostrophes
        chars = [(ch.lower(), r) for ch, r in chars]
    if rng.random() < 0.2:
        chars = [(" " if ch == "，" else ch, r) for ch, r in chars if ch != ","]
    if rng.random() < 0.1:
        chars = [(ch, r) for ch, r in chars if ch != "'"]
    return chars
