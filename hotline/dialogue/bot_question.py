"""A customer asking whether the bot is a person ("are you a real person or a bot?", "вы живой человек?", "你是真人
还是机器人？"): a question the bot answers — it is an AI, and a human is one word away — not a request for a human.

The patterns are the language packs' ``words.bot_question``; the red-line's ``human_request`` rule excuses what
they match (``unless_words``), so the same words decide both. Any pack's patterns are tried (a customer may ask in
another language than the conversation's).
"""

from __future__ import annotations

import functools
import re

from hotline.languages import load_packs


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for language in load_packs().values() for p in language.bot_question)


def asks_if_bot(text: str) -> bool:
    """Whether the message asks if the bot is a person or a machine."""
    return any(pattern.search(text) for pattern in _patterns())


def only_asks_if_bot(text: str) -> bool:
    """Whether that question is all the message says (nothing else to answer or act on)."""
    rest = text
    for pattern in _patterns():
        rest = pattern.sub(" ", rest)
    return rest != text and not re.search(r"\w", rest)
