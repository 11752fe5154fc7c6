"""Whether a message asks where the customer's own order is ("my parcel still hasn't arrived", "я жду посылку уже
месяц", "我的包裹什么时候到？"): the language pack's ``own_order`` and ``where_is`` words, one of each, and no request
named ("the parcel is on its way, can I start a return?" asks about returns). Only the store can answer it, once the
customer is known; the help centre's article on what a status means is no answer to it."""

from __future__ import annotations

from hotline.dialogue.grounding import mentions
from hotline.dialogue.request_kinds import keyword_kind
from hotline.languages import pack

# The intent head's labels for it (Bitext's and CLINC's): phrasings no word list covers ("Did my order go out yet?")
ORDER_STATE_INTENTS = frozenset({"clinc:order_status", "bitext:track_order", "bitext:delivery_period"})


def asks_where_order_is(text: str, lang: str, intent: str | None = None) -> bool:
    """The pack's words say so, or the intent head (``intent``, its label for the message) does and the message
    names the customer's own order; neither when a request is named or the message asks what a word means
    ("what does processed mean for my order?")."""
    words = pack(lang)
    if keyword_kind(text, text) is not None or mentions(text, words.meaning_question):
        return False
    if not mentions(text, words.own_order):
        return False
    return mentions(text, words.where_is) or intent in ORDER_STATE_INTENTS
