"""Greetings, thanks and goodbyes answered by fixed replies: no retrieval, no model, no risk."""

from __future__ import annotations

import re

_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings|there|again|all)[\s,.!]*)+"
    r"(?:(?:i am|i'm|this is|my name is|it's)\s+(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?))?[\s,.!]*$",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"^(?:ok(?:ay)?[\s,.!]*)?(?:thanks?(?: you)?|thx|ty|great,? thanks?|cheers)(?: (?:so much|a lot))?"
    r"[\s,.!]*$",
    re.IGNORECASE,
)
_BYE = re.compile(r"^(?:ok(?:ay)?[\s,.!]*)?(?:bye|goodbye|see you|that's all|that is all)[\s,.!]*$", re.IGNORECASE)


def smalltalk_reply(text: str) -> str | None:
    text = text.strip()
    if match := _GREETING.match(text):
        name = match.group("name")
        hello = f"Hello {name.title()}!" if name else "Hello!"
        return f"{hello} How can I help you today? I can help with orders, returns, exchanges and products."
    if _THANKS.match(text):
        return "You're welcome! Is there anything else I can help you with?"
    if _BYE.match(text):
        return "Thank you for contacting us. Goodbye!"
    return None
