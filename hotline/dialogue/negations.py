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

# "I don't want to keep the kettle", "we're not keeping the lamp", "не хочу оставлять чайник", "不想留着水壶": the item
# goes, not stays
NEGATED_KEEP = re.compile(
    r"\b(?:don'?t|do not|no longer|not)\s+(?:want|need|wish)\s+to\s+keep\b|"
    r"\b(?:not|never|won'?t|can'?t|cannot)\s+(?:be\s+)?keep(?:ing)?\b|"
    r"\bне\s+(?:хочу|буду|нужно|надо)\s+(?:оставлять|оставить|себе)\b|"
    r"(?:不想|不要|不打算)(?:留|保留)",
    re.I,
)


def without_negated_requests(text: str) -> str:
    """The message without the request words it says in the negative."""
    return _NEGATED.sub(" ", text)


# "she doesn't need the kettle", "the lamp isn't working out for us", "чайник ей не нужен", "挂钟她用不上": what is not
# needed, wanted or of use is what the request is for (a clause the clause-role head may read as holding it back);
# "I don't need to return the kettle", "不需要退" negate the request instead, and "I don't want the lamp returned"
# names its request (callers check that the clause asks for nothing in its own words)
NOT_WANTED = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|does not|won'?t|will not|no longer)\s+(?:really\s+|actually\s+|even\s+)?"
    r"(?:need|want|use)\b(?!\s+to\b)|"
    r"\b(?:is|are)(?:n'?t|\s+not)\s+(?:really\s+|quite\s+)?(?:needed|wanted|working out|right for)\b|\bno use for\b|"
    r"\bне\s+(?:очень\s+|особо\s+)?(?:нуж(?:ен|на|ны)\b|нужно\b(?!\s+\w+(?:ть|ти|ться)\b)|пригод\w*|подош\w*|подход\w*)|"
    r"用不上|用不着|用不到|(?:不需要|不想要)(?![退换取改])|不要了",
    re.I,
)
