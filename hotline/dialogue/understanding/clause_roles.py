"""Clause roles, trained: which parts of a message act on what they name, and which hold it back.

"return everything except the tablet", "the lamp and the mat — the chair stays", "всё, только не наушники",
"台灯先别动，其他都退": a message is cut into clauses where clauses meet (punctuation, "and", "but", "except",
"и", "но", "кроме", "和", "但", "除了" …: where, not what), and a trained head gives each clause its role:

- ``act``: what it names is meant ("the lamp", "I don't need the mat anymore", "台灯不要了");
- ``except``: what it names is left out and everything else is meant ("everything but the lamp", "除了台灯都退");
- ``hold``: what it names is held back ("the chair stays", "а стул пока не трогайте", "台灯先别动");

A clause that names no item (a greeting, a reason, who the customer is) has no role: it is read only as the
context of its neighbours.

The head reads a clause's character n-grams with those of its edges and of the clauses before and after it
("…except the tablet and the lamp": "the lamp" continues the exception), so it works for unspaced Chinese and
Russian inflections alike, in a few milliseconds per message. Product words, option values and order ids are
masked first: what is said about an item decides its role, not which item it is. Its examples are the training
side's own (``clause_examples.py``, ``clause_templates.yaml``); ``hotline train understanding`` fits it and
reports per-role accuracy on clause templates it never saw.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotline.dialogue.head_files import head_file

DEFAULT_CLAUSE_HEAD = head_file("clause-roles")
_ANNOTATION = re.compile(r"\s*\[[^\]]*\]\s*")  # "台灯 [Desk Lamp] 先别动": read as the customer wrote it
_ANNOTATED_WORD = re.compile(r"[\u0400-\u04ff-]+\s*\[([^\]]*)\]")  # "часики [Wristwatch]", "серебристый [silver]"
# An order's id with the words that bring it in: "from order number #W1", "по заказу номер заказа #W1"
_ORDER_ID = re.compile(
    r"(?:\b(?:from|in|for|of|on|по|из|в|для)\s+)?(?:(?:the|my)\s+)?(?:\border\b|\bзаказ\w*)?\s*"
    r"(?:\b(?:number|no|id|номер)\b\.?\s*)*(?:заказа\s*)?(?:(?:is|the order number is)\s*)?#?\bW\d{7}\b|#W\d+",
    re.I,
)
_SPACE_IN_CHINESE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fffⓘ])|(?<=ⓘ)\s+(?=[\u4e00-\u9fff])")
_OWN, _AROUND = 1 << 16, 1 << 14  # hashed features of the clause itself; of its neighbours
CONTEXT_WEIGHT = 0.5
_EDGE = 14  # a clause's first and last characters, read again on their own: "but the ⓘ …", "… ⓘ stays"

# Where clauses meet: punctuation (not "、", which joins options in Chinese, and not "[", which opens the English
# name ``annotate`` writes after a Russian or Chinese product word), and the words that start a clause. A word
# stays with the clause it starts ("except the tablet"); punctuation is kept between clauses.
# Brackets around a clause ("(not the lamp, keep it)", "（烧烤炉先别动）"), not around an option ("(7 ft)")
_PUNCTUATION = re.compile(
    r"[.;,!?:。；，！？：]"
    r"|[(（](?=[^)）]{16}|[^)）]*[\u4e00-\u9fff])|(?<=[^(（]{16})[)）]|(?<=[\u4e00-\u9fff])[)）]"
    r"|\s[-—–]+\s|[—–]"
    r"|(?<=[\u4e00-\u9fff])\s+(?!\[)|(?<!\])\s+(?=[\u4e00-\u9fff])"  # a space next to Chinese: "…退了 台灯别动"
)
_WORDS = re.compile(
    r"\b(?:and|but|except|apart from|other than|besides|excluding|minus|without|though|also|plus)\b"
    r"|\b(?:и|но|а|кроме|за исключением|только не|без|ещё|еще|плюс)\b"
    r"|但是|但|不过|和|跟|除了|还有|另外|其他|其余|剩下",
    re.I,
)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    role: str = "other"
    p: float = 1.0
    held_p: float = 0.0  # that what it names is left out, either way (except + hold)


def cut(text: str) -> list[tuple[int, int]]:
    """The clauses' spans; what lies between two spans is punctuation."""
    cuts = [(m.start(), m.end()) for m in _PUNCTUATION.finditer(text)]  # punctuation falls between clauses
    cuts += [(m.start(), m.start()) for m in _WORDS.finditer(text)]  # a word opens the next clause
    spans, start = [], 0
    for at, end in sorted(cuts):
        if at < start:
            continue
        if text[start:at].strip():
            spans.append((start, at))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@functools.cache
def _vectorizer(n: int):  # type: ignore[no-untyped-def]  # stateless: one per size
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(1, 4), n_features=n, alternate_sign=False, norm="l2", lowercase=True
    )


def clause_features(messages: list[tuple[str, list[tuple[int, int]]]], values: re.Pattern[str] | None = None) -> Any:
    """Each clause of each message (the message and its clauses' spans): its own n-grams, those of its first and
    last characters (where "except", "кроме", "stays", "别动" stand, however long the clause), then its neighbours'
    at a lower weight — the clause before with the punctuation after it, the punctuation before the clause after
    and that clause ("the lamp and the mat stay" holds both; "the lamp; the mat stays" only the mat)."""
    from scipy.sparse import hstack

    own, edges, before, after = [], [], [], []
    for text, spans in messages:
        for i, (start, end) in enumerate(spans):
            own.append(masked(text[start:end], values).strip())
            edges.append(f"{own[-1][:_EDGE]}\n{own[-1][-_EDGE:]}")
            before.append(_context_before(text, spans, i, values))
            after.append(masked(text[end : spans[i + 1][1]], values) if i + 1 < len(spans) else "")
    around = _vectorizer(_AROUND)
    return hstack(
        [
            _vectorizer(_OWN).transform(own),
            around.transform(edges),
            around.transform(before) * CONTEXT_WEIGHT,
            around.transform(after) * CONTEXT_WEIGHT,
        ]
    ).tocsr()


ITEM, VALUE = "ⓘ", "ⓥ"
SENTENCE_END = re.compile(r"[.!?。！？]")


def _context_before(text: str, spans: list[tuple[int, int]], i: int, values: re.Pattern[str] | None) -> str:
    """The clause before with the punctuation after it — unless it names no item and ends a sentence: a
    pleasantry or a remark before the request ("Hi, I hope you're well. I'd like to return the kettle") says
    nothing about what the next sentence keeps or acts on."""
    if i == 0:
        return ""
    before = masked(text[spans[i - 1][0] : spans[i][0]], values)
    if ITEM not in before and SENTENCE_END.search(text[spans[i - 1][1] : spans[i][0]]):
        return ""
    return before


@functools.cache
def _product_words() -> re.Pattern[str]:
    """Any catalogue product's name or alias, in en/ru/zh, with the word that names the thing itself ("kettle")."""
    from hotline.store.catalog_names import PRODUCT_NAMES

    words: set[str] = set()
    for name, aliases in PRODUCT_NAMES.items():
        lowered = name.lower()
        words |= {re.escape(lowered) + r"(?:e?s)?\b", re.escape(lowered.split()[-1]) + r"(?:e?s)?\b"}
        words |= {r"\w*\s+".join(map(re.escape, a.lower().split())) + r"\w*" for a in aliases.get("ru", [])}
        words |= {re.escape(a) for a in aliases.get("zh", [])}
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?:\b|(?<=[\u4e00-\u9fff]))(?:" + "|".join(ordered) + ")", re.I)


# Option values that are also the words of a request ("no, I said …", "yes"): never read as a value
_NOT_VALUES = frozenset({"yes", "no", "none", "men", "women", "all", "one", "two", "other", "same"})


def value_pattern(values: list[str]) -> re.Pattern[str] | None:
    """The catalogue's option values ("latex black" is two of them, "not resistant" one) as one pattern."""
    kept = {v.lower() for v in values if len(v) > 2 and v.lower() not in _NOT_VALUES}
    if not kept:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(kept, key=len, reverse=True))) + r")(?!\w)", re.I)


def masked(text: str, values: re.Pattern[str] | None = None) -> str:
    """The clause as the head reads it: the product words as one mark and the option values as another (what
    is said about an item, not which item or variant it is, decides its role), an order's id as "#", and no
    English names ``annotate`` wrote after Russian or Chinese ones."""
    plain = _product_words().sub(ITEM, _ORDER_ID.sub("#", text))
    plain = _ANNOTATION.sub(" ", _ANNOTATED_WORD.sub(_annotated_word, plain))
    if values is not None:
        plain = values.sub(VALUE, plain)
    return _SPACE_IN_CHINESE.sub("", plain)


def _annotated_word(match: re.Match[str]) -> str:
    """A Russian word ``annotate`` named in English: a product ("часики [Wristwatch]") is an item, an option value
    ("серебристый [silver]") is read as its English value, which the value pattern marks."""
    return ITEM if match.group(1) in _product_names() else f" {match.group(1)} "


@functools.cache
def _product_names() -> frozenset[str]:
    from hotline.store.catalog_names import PRODUCT_NAMES

    return frozenset(PRODUCT_NAMES)


# After an item, what it becomes: "the ⓘ to ⓥ", "the ⓘ, I want 5x instead", "ⓘ на ⓥ", "ⓘ换成ⓥ", "the ⓘ to the same one"
_BECOMES = re.compile(
    rf"{ITEM}[^{ITEM}]*?(?:\b(?:to|into|for|want|like|rather)\b|\bна\b|хочу|换成|改成|换|要|→|->)[^{ITEM}]*?"
    rf"(?:{VALUE}|(?<!\w)\d+[a-z]{{0,3}}(?!\w)|\bsame\b|\bidentical\b|\bтак\w* же\b|\bтот же\b|\bкак было\b|"
    rf"\bаналогичн\w*|一样|同款|相同型号)"
    rf"|{ITEM}[^{ITEM}]*?(?:换成|改成|要)\s*[A-Za-z0-9]"  # "ⓘ换成robotic的": a value in Latin letters after Chinese
    # the new one first: "ⓥ instead of the ⓘ", "the same as before in place of my ⓘ", "как было вместо ⓘ", "一样的代替ⓘ"
    rf"|(?:{VALUE}|\bsame\b|\bтак\w* же\b|\bтот же\b|\bкак было\b|一样|同款)[^{ITEM}]{{0,24}}?"
    rf"(?:\binstead of\b|\bin place of\b|\brather than\b|\bвместо\b|\bвзамен\b|代替|替换|替代)[^{ITEM}]{{0,12}}{ITEM}",
    re.I,
)


def says_what_it_becomes(text: str) -> bool:
    """Whether the clause names the new variant of the item it names: it acts on that item, whatever else is
    around it ("…, i want the same one instead and the camera to 5x": the camera is changed, not held back)."""
    return _BECOMES.search(masked(text, packaged_roles().value_pattern)) is not None


class ClauseRoles:
    def __init__(self, labels: list[str], weights: np.ndarray, bias: np.ndarray, values: list[str]) -> None:
        self.labels, self.weights, self.bias = labels, weights, bias
        self.values = values  # the catalogue's option values it was trained with (kept in the head's file)
        self._values = value_pattern(values)

    @classmethod
    def load(cls, path: Path = DEFAULT_CLAUSE_HEAD) -> ClauseRoles:
        if not path.exists():
            raise FileNotFoundError(f"no clause-role head at {path}: run `hotline train understanding`")
        data = np.load(path)
        meta = json.loads(path.with_suffix(".json").read_text())
        return cls(meta["labels"], data["w"].astype(np.float32), data["b"].astype(np.float32), meta["values"])

    def save(self, path: Path, report: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, w=self.weights.astype(np.float16), b=self.bias.astype(np.float16))
        meta = {"labels": self.labels, "report": report, "values": self.values}
        path.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))

    @property
    def value_pattern(self) -> re.Pattern[str] | None:
        """The catalogue's option values this head was trained with, as the pattern ``masked`` marks them by."""
        return self._values

    @property
    def held(self) -> list[int]:
        """The columns of the roles that leave out what a clause names (except, hold)."""
        return [self.labels.index(r) for r in ("except", "hold")]

    def probabilities(self, messages: list[tuple[str, list[tuple[int, int]]]]) -> np.ndarray:
        """Each clause's probability per role (rows: the messages' clauses in order; columns: ``labels``)."""
        logits = np.asarray(clause_features(messages, self._values) @ self.weights.T) + self.bias
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        return p / p.sum(axis=1, keepdims=True)

    def read(self, text: str) -> list[Clause]:
        """The message's clauses, each with its role and the head's probability for it."""
        spans = cut(text)
        if not spans:
            return []
        p = self.probabilities([(text, spans)])
        held = self.held
        return [
            Clause(a, b, text[a:b], self.labels[int(k)], float(p[i, int(k)]), float(p[i, held].sum()))
            for i, ((a, b), k) in enumerate(zip(spans, p.argmax(axis=1), strict=True))
        ]


def fit(
    messages: list[tuple[str, list[tuple[int, int]]]], roles: list[str], values: list[str], c: float = 4.0
) -> ClauseRoles:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000)
    naming = [i for i, role in enumerate(roles) if role != "other"]  # the rest are context only
    model.fit(clause_features(messages, value_pattern(values))[naming], [roles[i] for i in naming])
    return ClauseRoles([str(k) for k in model.classes_], model.coef_.astype(np.float32), model.intercept_, values)


@functools.cache
def packaged_roles() -> ClauseRoles:
    """The packaged head (a data file in the package, like the catalogue's names; retrained by the command)."""
    return ClauseRoles.load()


@functools.lru_cache(maxsize=512)
def read_clauses(text: str) -> tuple[Clause, ...]:
    """The packaged head's reading of a message (the same message is read once however often items are matched)."""
    return tuple(packaged_roles().read(text))
