"""A request word said in the negative names what the customer does *not* want: "I don't want to return anything,
just exchange …", "not a return — an exchange", "ничего не возвращаю, только обменять", "我不退，只是换货", "(jo@x.com
—) no other address". The keyword routing reads the message without such words (``without_negated_requests``), so
they never pick the request; and "I don't want to keep the kettle" leaves nothing out (``NEGATED_KEEP``): it asks
for the kettle to go.
"""

from __future__ import annotations

import re

# a request word right after a negation: "don't (want to) return", "no refund", "not a return", "never cancel"
_NEGATED = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|does not|didn'?t|won'?t|will not|not|no|never)\s+"
    r"(?:(?:want|need|wish|plan|mean|intend)\s+(?:to\s+)?|(?:a|an|any)\s+)?"
    r"(?:return\w*|refund\w*|send(?:ing)?\s+(?:it\s+|them\s+|anything\s+)?back|cancel\w*|exchang\w*|swap\w*)"
    r"(?:\s+(?:anything|it|them|the order|my order))?|"
    r"\bне\s+(?:(?:хочу|нужно|надо|буду|собираюсь)\s+)?(?:возвра\w*|верн\w*|отмен\w*|обмен\w*|сда\w*)|"
    r"\bне\s+(?:нужен|нужна|нужно|нужны)\s+(?:возврат|обмен|отмена)\w*|"
    r"(?:不是|不要|不想|不用|不需要|别|不)(?:退货|退款|退|取消|换货)|"
    # "it's jo@x.com — no other address", "не тот адрес": no address to ship to
    r"\b(?:no|not\s+(?:a|any|my|the|another))\s+(?:other\s+|new\s+|different\s+|work\s+)?(?:e-?mail\s+)?address\b|"
    r"\bне\s+(?:тот|другой|новый|рабочий)\s+адрес\w*|\bдругого адреса нет\b",
    re.I,
)

# "I don't want to keep the kettle", "не хочу оставлять чайник", "不想留着水壶": the item goes, not stays
NEGATED_KEEP = re.compile(
    r"\b(?:don'?t|do not|no longer|not)\s+(?:want|need|wish)\s+to\s+keep\b|"
    r"\bне\s+(?:хочу|буду|нужно|надо)\s+(?:оставлять|оставить|себе)\b|"
    r"(?:不想|不要|不打算)(?:留|保留)",
    re.I,
)


def without_negated_requests(text: str) -> str:
    """The message without the request words it says in the negative."""
    return _NEGATED.sub(" ", text)
