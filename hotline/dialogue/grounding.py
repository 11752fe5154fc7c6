"""Check each generated sentence against its sources before it goes out, and fall back to the sources.

The packaged language models are weak: they paraphrase, drop half of a range, invent numbers. So a
sentence goes out only if its numbers, identifiers and most of its content words are found in the
retrieved passages, the store's facts or the customer's own words. Otherwise it is dropped, and when
nothing survives the reply is built from the best-matching source sentences themselves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from hotline.dialogue.sentences import split_sentences
from hotline.kb.stopwords import STOPWORDS
from hotline.languages import pack
from hotline.ports import Passage, SentenceScorer

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_IDENTIFIER = re.compile(r"#?[A-Z]\d{4,}|\b\d{6,}\b")
_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:to|-|–|and)\s*(\d+(?:[.,]\d+)?)")
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

# Words a polite reply may use without a source saying them.
PHRASING_WORDS = frozenset(
    [
        "sure",
        "certainly",
        "happy",
        "help",
        "glad",
        "sorry",
        "apologize",
        "apologise",
        "assist",
        "assistance",
        "question",
        "questions",
        "answer",
        "information",
        "customer",
        "support",
        "thanks",
        "thank",
        "welcome",
        "anything",
        "else",
        "like",
        "would",
        "could",
        "should",
        "please",
        "understand",
        "know",
        "need",
        "let",
        "here",
        "according",
        "policy",
        "store",
        "also",
        "just",
        "only",
        "note",
        "tell",
        "more",
        "about",
        "your",
        "able",
        "check",
        "provide",
        "details",
        "detail",
        "order",
        "orders",
        "regarding",
        "great",
        "course",
        "hello",
        "hey",
        "good",
        "morning",
        "afternoon",
        "evening",
        "today",
    ]
)


def _stem(word: str) -> str:
    return word.lower()[:5]


@dataclass(frozen=True)
class Verdict:
    grounded: bool
    reason: str = ""


def _number_value(text: str) -> str:
    return text.replace(",", "")


# A small model often narrates the exchange ("The customer wants to know...") or speaks as the customer.
_META_TALK = re.compile(
    r"\b(the customer|the user|customer's|user's|retail agent|as an? (?:ai|assistant|agent)|your question is|"
    r"you've just|i'll just add|help the customer|you can help me|help me)\b",
    re.IGNORECASE,
)
_STATUS = re.compile(r"\b(pending|processed|delivered|cancell?ed|return requested|exchange requested)\b", re.I)


def check_sentence(
    sentence: str,
    evidence: str,
    customer_text: str = "",
    order_statuses: Sequence[str] = (),
    min_coverage: float = 0.75,
) -> Verdict:
    """``evidence``: the passages and store facts the sentence may rest on. The customer's own words may
    supply numbers and identifiers (an order id they typed) but never count as support for a claim."""
    if _META_TALK.search(sentence):
        return Verdict(False, "talks about the conversation instead of answering")
    statuses = {status.lower().replace("canceled", "cancelled") for status in order_statuses}
    if statuses:
        # Any order status named in a reply about orders must be the store's status.
        for named in _STATUS.findall(sentence):
            if named.lower().replace("canceled", "cancelled") not in statuses:
                return Verdict(False, f"status {named!r} contradicts the store")
    evidence_numbers = {_number_value(n) for n in _NUMBER.findall(evidence + "\n" + customer_text)}
    numbers = [_number_value(n) for n in _NUMBER.findall(sentence)]
    for number in numbers:
        if number not in evidence_numbers:
            return Verdict(False, f"number {number} not in sources")
    # A number that the sources only ever state as one end of a range must come with its other end.
    ranges = [(_number_value(a), _number_value(b)) for a, b in _RANGE.findall(evidence)]
    for number in numbers:
        partners = [b if a == number else a for a, b in ranges if number in (a, b)]
        standalone = re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d.,])", _RANGE.sub(" ", evidence))
        if partners and not standalone and not any(p in numbers for p in partners):
            return Verdict(False, f"number {number} quoted without the rest of its range")
    evidence_upper = (evidence + "\n" + customer_text).upper()
    for identifier in _IDENTIFIER.findall(sentence):
        if identifier.upper() not in evidence_upper:
            return Verdict(False, f"identifier {identifier} not in sources")
    if _CJK.search(sentence):
        # No word segmentation here: require the sentence's characters to come mostly from the evidence.
        chars = [c for c in sentence if _CJK.match(c)]
        found = sum(1 for c in chars if c in evidence)
        coverage = found / len(chars) if chars else 1.0
        return Verdict(coverage >= min_coverage, f"character coverage {coverage:.2f}")
    content = [w for w in _WORD.findall(sentence) if w.lower() not in STOPWORDS]
    claims = {_stem(w) for w in content if w.lower() not in PHRASING_WORDS}
    if not claims:
        return Verdict(True, "phrasing only")
    if len(re.findall(r"\w+", sentence)) < 3:
        return Verdict(False, "too short to carry a claim")
    # Coverage against the single best evidence sentence, not the union of all of them: a sentence
    # stitched from the words of several passages is how a small model recombines facts wrongly.
    best_coverage, best_unit = 0.0, ""
    for unit in _evidence_units(evidence):
        unit_stems = {_stem(w) for w in _WORD.findall(unit)}
        coverage = len(claims & unit_stems) / len(claims)
        if coverage > best_coverage:
            best_coverage, best_unit = coverage, unit
    if best_coverage < min_coverage:
        return Verdict(False, f"content coverage {best_coverage:.2f}")
    if _negated(sentence) != _negated(best_unit):
        return Verdict(False, "negation differs from the source")
    return Verdict(True, f"content coverage {best_coverage:.2f}")


_NEGATION = re.compile(r"\b(not|never|no|cannot|can't|don't|doesn't|won't|isn't|aren't|without)\b", re.I)


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


def _evidence_units(evidence: str) -> list[str]:
    return [unit for line in evidence.splitlines() for unit in split_sentences(line)]


# The demo policy is written for agents ("the user needs to confirm..."); quoted to a customer it reads
# better in the second person. Only whole, unambiguous phrases are rewritten.
_VOICE = [
    (re.compile(r",? and you should [^.;]*", re.I), ""),  # an instruction to agents, not a fact for customers
    (re.compile(r"\bthe user needs to\b", re.I), "you need to"),
    (re.compile(r"\bthe user must\b", re.I), "you must"),
    (re.compile(r"\bthe user can\b", re.I), "you can"),
    (re.compile(r"\bthe user will\b", re.I), "you will"),
    (re.compile(r"\bthe user's\b", re.I), "your"),
    (re.compile(r"\bexplicit user confirmation\b", re.I), "your explicit confirmation"),
    (re.compile(r"\buser confirmation\b", re.I), "your confirmation"),
    (re.compile(r"\bthe user provides\b", re.I), "you provide"),
    (re.compile(r"\bthe user\b", re.I), "you"),
]


def customer_voice(sentence: str) -> str:
    for pattern, replacement in _VOICE:
        sentence = pattern.sub(replacement, sentence)
    return sentence[:1].upper() + sentence[1:]


def _terms(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS} | set(_CJK.findall(text))


def covers(reply: str, sentence: str, threshold: float = 0.7) -> bool:
    """Whether ``reply`` already says most of what ``sentence`` says (by content words)."""
    wanted = _terms(sentence)
    return not wanted or len(wanted & _terms(reply)) / len(wanted) >= threshold


def extractive_answer(question: str, passages: Sequence[Passage], max_sentences: int = 2) -> list[str]:
    """The source sentences that best match the question, in source order; the fallback reply."""
    wanted = _terms(question)
    scored: list[tuple[float, int, str]] = []
    for rank, passage in enumerate(passages):
        heading_terms = _terms(passage.heading)
        for position, sentence in enumerate(split_sentences(passage.text)):
            sentence = sentence.lstrip("-*• ").strip()
            if sentence.endswith("?"):
                continue
            overlap = len(wanted & (_terms(sentence) | heading_terms))
            if overlap:
                # Earlier passages ranked higher by retrieval; ties keep source order.
                scored.append((overlap - 0.1 * rank, -(rank * 1000 + position), sentence))
    scored.sort(reverse=True)
    best = sorted(scored[:max_sentences], key=lambda item: -item[1])
    return [customer_voice(sentence) for _, _, sentence in best]


def citable(passages: Sequence[Passage], lang: str) -> list[Passage]:
    """What a customer may be told: public passages, those in their language (and language-neutral ones, such
    as a catalogue) first; passages in other languages only when their language has none (the fallback)."""
    public = [p for p in passages if p.public]
    own = [p for p in public if p.lang in (lang, None)]
    return own if any(p.lang == lang for p in own) else public


def answering_article(passages: Sequence[Passage], lang: str) -> Passage | None:
    """The best passage when it is in the customer's language: an article, which answers its question in its
    first sentence."""
    return passages[0] if passages and passages[0].lang == lang else None


def statements(passage: Passage) -> list[str]:
    """The passage's sentences that state something (its questions left out)."""
    return [s for s in split_sentences(passage.text) if not s.rstrip().endswith(("?", "？"))]


def mentions(text: str, words: Sequence[str]) -> bool:
    """Any of ``words`` in ``text``: at a word start in spaced scripts ("дн" in "дней"), anywhere in Chinese."""
    lowered = text.lower()
    return any(
        (w in lowered) if _CJK.search(w) else re.search(r"(?<!\w)" + re.escape(w), lowered) is not None for w in words
    )


# How much a sentence stating a time counts for a question asking one, on the embedding-similarity scale.
TIME_ANSWER_BONUS = 0.03
# How much better than an article's first sentence (its answer to its own title) another sentence must match the
# question to be said first, on the same scale. Chosen on the tuning half of evaluation/policy_questions.yaml.
LEAD_MARGIN = 0.01


@functools.cache
def _opener_pattern(lang: str | None) -> re.Pattern[str] | None:
    words = pack(lang)
    openers = sorted((*words.yes_opener, *words.no_opener), key=len, reverse=True)
    if not openers:
        return None
    return re.compile(r"^\s*(?:" + "|".join(map(re.escape, openers)) + r")\s*[,，.。!！—–-]+\s*", re.IGNORECASE)


def opener(sentence: str, lang: str | None) -> str | None:
    """ "yes" or "no" when the sentence opens with its language's yes or no ("Yes, …", "可以，…"), else None."""
    pattern = _opener_pattern(lang)
    found = pattern.match(sentence) if pattern is not None else None
    if found is None:
        return None
    word = found.group(0).strip(" ,，.。!！—–-").lower()
    return "no" if word in {w.lower() for w in pack(lang).no_opener} else "yes"


def drop_opener(sentence: str, lang: str | None) -> str:
    """The sentence without its yes/no opener: an article's "Yes, …" answers the article's own title, and a
    customer's question is seldom exactly that ("Can I swap a shirt for shoes?" — the exchanges article's "Yes"
    would be a wrong answer); the rest of the sentence states the fact either way."""
    pattern = _opener_pattern(lang)
    rest = pattern.sub("", sentence, count=1) if pattern is not None else sentence
    return rest[:1].upper() + rest[1:]  # "" when the sentence was only a yes or a no


def asks_permission(text: str, lang: str | None) -> bool:
    """Whether the message asks if the customer may do something ("can I exchange …?", "можно ли …", "…可以吗"):
    a question about the policy, even when it also asks for the action."""
    return mentions(text, pack(lang).permission_question)


def article_answer(
    question: str, article: Passage, scorer: SentenceScorer | None = None, lang: str | None = None
) -> list[str]:
    """The answer first, then the detail, both the article's own sentences. Its first sentence answers its title;
    another sentence that matches the question clearly better (by embedding similarity; a question about time —
    "when", "how long" — prefers a sentence that states one) is said first instead ("What reasons can I give?" →
    the sentence with the reasons), and the first sentence follows as the detail. Without a scorer: the first
    sentence, then the other one sharing the most words with the question. A yes/no opener is never kept."""
    sentences = statements(article)
    if not sentences:
        return []
    lead, rest = sentences[0], sentences[1:]
    if not rest:
        return [s for s in (drop_opener(lead, lang),) if s]
    if scorer is None:
        wanted = _terms(question) - _terms(lead)
        scored = sorted(((len(wanted & _terms(s)), -i, s) for i, s in enumerate(rest)), reverse=True)
        detail = [s for overlap, _, s in scored[:1] if overlap >= (3 if _CJK.search(s) else 1)]
        return [s for s in (drop_opener(lead, lang), *detail) if s]
    words = pack(lang)
    scores = scorer.similarities(question, sentences)
    if mentions(question, words.time_question):
        scores = [
            s + TIME_ANSWER_BONUS * mentions(x, words.time_answer) for s, x in zip(scores, sentences, strict=True)
        ]
    best = max(range(1, len(sentences)), key=lambda i: scores[i])
    if scores[best] > scores[0] + LEAD_MARGIN:
        ordered = [drop_opener(sentences[best], lang), drop_opener(lead, lang)]
    else:
        ordered = [drop_opener(lead, lang), sentences[best]]
    return [s for s in ordered if s]  # a first sentence that was only "Yes." says nothing
