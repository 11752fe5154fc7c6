"""A question asked on the way, beside a request in the same message: "Is it safe to change it here? I'd like order
#W1 paid with my visa instead", "Это платно? Хочу обменять …", "周末送货吗？没发的话…". The help centre answers it
(``help_centre.around_flow``); the request is read without it, so that its words ("change it", "refund") never
decide which request the message makes.

A sentence is such a question when it ends with a question mark, the trained head reads it as a question (not a
request: "Could you cancel it?" stays), and it names nothing a request needs — no order, no number, no product, no
reason, no way of paying, no address — while the rest of the message still asks for something.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hotline.dialogue.addresses import parse_address
from hotline.dialogue.catalog_terms import generic_products
from hotline.dialogue.message_reading import names_a_reason, names_a_way_of_paying
from hotline.dialogue.references import EMAIL_PIECE
from hotline.dialogue.request_kinds import keyword_kind
from hotline.dialogue.several_requests import ANOTHER_WORDS

# A sentence (or a clause after a dash: "ordered by mistake — how long does a refund take?") and the space after it:
# up to its end mark and the space that follows (an e-mail's dot has none after it)
_SENTENCE = re.compile(r".*?(?:[.!?](?=\s|$)|[。！？]|\s[—–]\s|——|$)\s*", re.S)
# Who the customer is ("jo@x.com How long does a refund take?"): no part of a request (the flows read it on its own)
_IDENTITY = re.compile(EMAIL_PIECE)
_QUESTION_END = re.compile(r"[?？]\W*$")
_NAMES_SOMETHING = re.compile(r"\d|#W|\[")
_OPENER = re.compile(rf"^\W*(?:{ANOTHER_WORDS})\W*", re.I)  # "also, is it safe …?": asked as "is it safe …?"
# whether it can be done: "would it be possible to cancel it?", "может, отменить его можно?", "能不能取消啊？" — with
# the message's own request word, the request asked as a question, not a question beside it
_CAN_IT_BE_DONE = re.compile(
    r"\b(?:can|could|may|would|will)\b[^?]{0,40}\b(?:possible|able)\b|\b(?:can|could|may)\s+(?:i|we|you|it|that|this)\b|"
    r"\btoo late\b|\bstill (?:possible|time)\b|можно|поздно|получится|能不能|能否|可不可以|可以|来得及|行不行|行吗",
    re.I,
)


def message_sentences(text: str) -> list[str]:
    """The message's sentences and the clauses after a dash, each with the space after it."""
    return [s for s in _SENTENCE.findall(text) if s]


def _names_nothing(sentence: str) -> bool:
    """No order, number, product, reason, way of paying or address: nothing a request needs."""
    sentence = _IDENTITY.sub(" ", sentence)
    return not (
        _NAMES_SOMETHING.search(sentence)
        or generic_products(sentence, "\0") != sentence
        or names_a_reason(sentence)
        or names_a_way_of_paying(sentence)  # "could the money go back the same way I paid?"
        or parse_address(sentence)
    )


def without_side_questions(
    text: str,
    raw_text: str,
    is_question: Callable[[str], bool],
    asks: Callable[[str, str], bool],
) -> tuple[str, str, list[str]]:
    """The message (masked, raw) without the questions asked on the way, and those questions (masked); unchanged
    (and no questions) when it has none, when the two texts do not cut into the same sentences, or when nothing that
    ``asks`` for an act would be left. ``is_question``: the trained head reads the sentence as a question."""
    sentences, raw_sentences = message_sentences(text), message_sentences(raw_text)
    if len(sentences) < 2 or len(sentences) != len(raw_sentences):
        return text, raw_text, []
    asked = {i: _as_asked(s) for i, s in enumerate(sentences) if _QUESTION_END.search(s.strip())}
    side = [i for i, question in asked.items() if _names_nothing(raw_sentences[i]) and is_question(question)]
    side = [i for i in side if not _the_request_asked(sentences, i, raw_sentences)]
    if not side:
        return text, raw_text, []
    kept = "".join(_identity_only(s) if i in side else s for i, s in enumerate(sentences)).strip()
    raw_kept = "".join(_identity_only(s) if i in side else s for i, s in enumerate(raw_sentences)).strip()
    if not kept or not asks(kept, raw_kept):
        return text, raw_text, []
    return kept, raw_kept, [asked[i] for i in side]


def _the_request_asked(sentences: list[str], i: int, raw_sentences: list[str]) -> bool:
    """Whether question ``i`` asks if the request the rest of the message names (or none: then it is the request)
    can be done: "… second thoughts. Would it be possible to cancel it?" is the cancellation."""
    if not _CAN_IT_BE_DONE.search(sentences[i]) or (kind := keyword_kind(sentences[i], raw_sentences[i])) is None:
        return False
    rest = [j for j in range(len(sentences)) if j != i]
    others = keyword_kind(" ".join(sentences[j] for j in rest), " ".join(raw_sentences[j] for j in rest))
    return others in (None, kind)


def _as_asked(sentence: str) -> str:
    """The question as the head reads it and the help centre is asked it: no e-mail, no "also,"."""
    return _OPENER.sub("", _IDENTITY.sub("", sentence).strip())


def _identity_only(sentence: str) -> str:
    """What stays of a question left out: the e-mail said with it, if any ("jo@x.com How long …?" -> "jo@x.com ")."""
    return "".join(f"{m.group(0)} " for m in _IDENTITY.finditer(sentence))
