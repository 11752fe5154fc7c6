"""Conditional requests: "change it to the black one; if that isn't available, cancel the whole order".

The condition's clause is read apart from the request — its "cancel" is not a request of its own — and kept
as the fallback, taken only when the condition comes true (the variant the customer wants is not in stock).
A clause that names no action ("cancel it if it hasn't shipped yet") is left in the request.
"""

from __future__ import annotations

import re

from hotline.dialogue.message_reading import CANCEL, RETURN
from hotline.dialogue.several_requests import ANOTHER_WORDS

_END = r"[^.;!?。；！？]*"
# "if" + a condition on availability or possibility, then the clause up to the sentence's end; the last "if" before
# it ("charge the card if it's more — if it's not in stock, cancel": the first "if" is the price difference's)
_IF_NOT = re.compile(
    r"(?:\b(?:if|in case|should|when)\b(?:(?!\b(?:if|in case|when)\b)[^.;!?])*?"
    # "if that's not possible" — "if possible" alone is a courtesy around the request itself
    r"(?:available|\bstock\b|sold out|not there|\bhave (?:it|that|one|them)\b|(?:\bnot\b|n'?t\b|\bim)[\w' ]{0,12}?"
    r"possible|can'?t|cannot|unable|not able|"
    r"(?:won'?t|doesn'?t|does not|didn'?t|will not|\bnot) work)"
    r"|\b(?:otherwise|or else|failing that|if not)\b|\bif (?:there(?:'s| is) )?no (?:swap|exchange|replacement)\b"
    r"|(?:\bесли\b|\bв случае\b)(?:(?!\bесли\b)[^.;!?])*?"
    r"(?:\bнету?\b|наличи|не получится|не выйдет|не удастся|нельзя|невозможно|недоступ|законч|не (?:с)?мож\w*|"
    r"не в (?:силах|состоянии))"
    r"|\bиначе\b|\bне (?:получится|выйдет|удастся)\b|\bв противном случае\b|\bпри (?:отсутствии|невозможности)\b"
    r"|(?:如果|要是|万一|假如|(?<![例何比])如(?=[无没不缺])|若(?=[无没不缺]))(?:(?!如果|要是)[^。；！？.;!?])*?"
    r"(?:没货|缺货|无货|没有|不了|不行|无法|不能|做不到|没办法|办不到|不可能)|否则|不然"
    r"|(?:没货|缺货|换不了|办不了|不行|做不到|没办法)(?:的话)?[，,]?(?:那|我|那我)?(?:就|的话)"
    r"|(?:没有|没货|缺货|换不了|改不了|办不了|不行|做不到|没办法)的话"  # "没有的话她宁愿取消订单"
    r"|没有就(?=[\u4e00-\u9fff]))" + _END,  # "没有就取消吧"
    re.I,
)
# Where a clause ends without punctuation: a space next to Chinese text, or an e-mail address starting
_CLAUSE_STOP = re.compile(r"(?<=[\u4e00-\u9fff])\s|\s(?=[\u4e00-\u9fff])|\s[\w.+-]+@")
_NEXT_REQUEST = re.compile(ANOTHER_WORDS, re.I)
_REFUND = re.compile(r"\brefund|верн\w* деньги|возврат|退款|退钱", re.I)


def split_condition(text: str) -> tuple[str, str | None]:
    """(the message without its "if not, then …" clause, the request kind to fall back on), or the message as it
    was and None when it has no such clause."""
    for match in _IF_NOT.finditer(text):
        clause = match.group(0)
        stop = _CLAUSE_STOP.search(text, match.start() + 2)  # "…就退货吧 我的邮箱是…": the clause ends there
        if stop is not None and stop.start() < match.end():
            clause = text[match.start() : stop.start()]
        # "…, if not, cancel it, and one more thing: …": the next request is no part of the fallback
        if (another := _NEXT_REQUEST.search(clause, 2)) is not None:
            clause = clause[: another.start()]
        fallback = (
            "cancel" if CANCEL.search(clause) else "return" if RETURN.search(clause) or _REFUND.search(clause) else None
        )
        if fallback is not None:
            return f"{text[: match.start()]} {text[match.start() + len(clause) :]}".strip(), fallback
    return text, None
