"""Whether a message asks where the customer's own order is ("my parcel still hasn't arrived", "я жду посылку уже
месяц", "我的包裹什么时候到？"): the language pack's ``own_order`` and ``where_is`` words, one of each, and no request
named ("the parcel is on its way, can I start a return?" asks about returns). Only the store can answer it, once the
customer is known; the help centre's article on what a status means is no answer to it."""

from __future__ import annotations

from hotline.dialogue.grounding import mentions
from hotline.dialogue.request_kinds import keyword_kind
from hotline.languages import pack


def asks_where_order_is(text: str, lang: str) -> bool:
    words = pack(lang)
    return mentions(text, words.own_order) and mentions(text, words.where_is) and keyword_kind(text, text) is None
