"""A customer's doubts about what they say, read past: "I think", "probably", "кажется", "我记得", and looking a
detail up as they write ("let me check the number... ah, here it is: #W1"). They qualify a request and never
change it, so the flows read the message without them ("could order I think it's #W1 be paid with I think my
visa" is "could order it's #W1 be paid with my visa"). The words are the language packs' ``hedges`` and
``looking_up``.
"""

from __future__ import annotations

import functools
import re

from hotline.languages import load_packs
from hotline.languages.script import HAN


def said_alternatives(phrases: set[str]) -> str:
    """Longest first; a phrase in an alphabet as whole words, a Chinese one anywhere."""
    said = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p) if HAN.search(p) else rf"(?<![\w']){re.escape(p)}(?![\w'])" for p in said)


@functools.cache
def _pattern() -> re.Pattern[str]:
    packs = load_packs().values()
    hedges = said_alternatives({h for p in packs for h in p.hedges})
    looking = said_alternatives({h for p in packs for h in p.looking_up})
    return re.compile(
        # a look-up runs to the "..." that ends it, and the "ah, here it is:" after it
        rf"(?:{looking})[^.…。!?！？]{{0,40}}(?:\.{{2,}}|…+)\s*(?:(?:ah|oh|ага|а|找到了)\b[,，]?\s*)?"
        rf"(?:(?:here it is|there it is|вот)\s*[:：]\s*)?|(?:{hedges})(?!\s+so\b)\s*[,，]?\s*",  # "I think so" is a yes
        re.I,
    )


def without_hedges(text: str) -> str:
    """The message without the customer's doubts about it and their looking details up."""
    return tidied(_pattern().sub(" ", text))


def tidied(said: str) -> str:
    """A message with words cut out of it, tidied: no comma left before a stop or at the end ("#W1, if I'm reading
    it right." -> "#W1."), no space before a stop or a comma, no run of spaces."""
    said = re.sub(r"\s*[,，](?=\s*(?:[.。!?！？,，]|$))", "", said)
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+(?=[.。!?！？,，])", "", said)).strip()
