"""Several requests in one message: "Cancel #W1, I no longer need it. Also, change the address of #W2 to …".

The message is cut where a second request of another kind (or about another order) starts; the first is
planned now, the rest is kept and taken up, as if said again, once the first is done or dropped. Which kind a
part asks for is read by the flows' own keyword routing; a part that asks for nothing (identity, a reason, a
payment for the difference) stays with the request before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hotline.dialogue.addresses import parse_address
from hotline.dialogue.message_reading import referenced_orders
from hotline.dialogue.references import order_ids

# The words that start another request ("also", "one more thing", "ещё", "также", "还有", "另外"): one list for where a
# message may be cut and for a part that announces the next request
ANOTHER_WORDS = (
    r"\b(?:and also|also|another thing|one more thing|oh,? and|additionally|separately|don'?t forget|not done yet|"
    r"before I forget)\b|"
    r"\band one more\b(?! (?:size|time|day|week|pair|piece|of)\b)|"  # "and one more from my husband - …"
    r"\b(?:и ещё|ещё|также|кроме того|дополнительно|отдельно|не забудьте)\b|"
    r"还有|另外|再就是|此外|再说一[个件]|别忘了|还没完"
)
# Sentence ends (followed by a space in alphabetic scripts: "1.5L", e-mails and "order no. …" are not ends), the
# words above, and "and then", "next:", "дальше:", "接下来".
_BOUNDARY = re.compile(
    rf"(?<!\bno)(?<!\bnr)(?<!\bnum)[.!?;]\s+|[。！？；]|{ANOTHER_WORDS}|\band then\b|"
    r"\bnext\s*[:,]|(?<!\w)(?:дальше|далее)\s*[:,]|下一个[:：]|接下来",
    re.I,
)
# A part that announces another request: "There's one more thing", "Есть ещё одна просьба", "还有一件事"
_ANOTHER = re.compile(rf"\W*(?:{ANOTHER_WORDS}|there'?s (?:also |one more|another)|oh,? and|есть ещё|对了)", re.I)


def _cut_points(text: str) -> list[int]:
    """Where a part may start: after a sentence's end, or at a word that starts another request."""
    points = [m.end() if m.group(0)[0] in ".!?;。！？；" else m.start() for m in _BOUNDARY.finditer(text)]
    return [p for p in points if 0 < p < len(text)]


def split_requests(
    text: str,
    raw_text: str,
    kind_of: Callable[[str, str], str | None],
    worded: Callable[[str, str], str | None] | None = None,
) -> tuple[str, str, str, str]:
    """(first request, first request raw, the rest, the rest raw); the rest is empty when the message holds one
    request. ``kind_of(text, raw)`` names the request a part asks for (None: none); ``worded`` names it only by its
    words: a first part read only by the trained head ("Order #W1 came wrong.") followed by a part that says its
    request in words about the same order ("I want to swap the boots for a 9") is that request's preamble."""
    points, raw_points = _cut_points(text), _cut_points(raw_text)
    if not points or len(points) != len(raw_points):  # masked and raw texts cut alike, or not at all
        return text, raw_text, "", ""
    bounds = [0, *points, len(text)]
    raw_bounds = [0, *raw_points, len(raw_text)]
    first: tuple[str, set[str]] | None = None
    by_head = False  # the first request's kind was read by the trained head only, in no words of its own
    said: set[str] = set()  # orders named in parts without a request ("Before order #W1 (I think) goes out, …")
    tail: int | None = None  # where the next request's own words start, before its action word
    for index in range(len(bounds) - 1):
        part, raw_part = text[bounds[index] : bounds[index + 1]], raw_text[raw_bounds[index] : raw_bounds[index + 1]]
        kind = kind_of(part, raw_part)
        orders = set(order_ids(raw_part)) - referenced_orders(raw_part)
        waiting = first is not None and not first[1] and orders and not _ANOTHER.match(part)
        if kind is not None and waiting and worded is not None and worded(part, raw_part) is None:
            # "I'd like to cancel my order. Here it is: #W1, if I'm reading it right.": the order the request
            # before was waiting for, whatever the head reads into the rest
            kind = None
        if kind is None:  # the order belongs to the request it is said with: the one before, or the next
            if first is None:
                said |= orders
            elif not first[1]:
                first = (first[0], orders)
            elif tail is None and (_ANOTHER.match(part) or (orders and not orders & first[1])):
                tail = index  # "There's one more thing. … order #W2. I don't need it": #W2 is the next one's
            continue
        if first is None and said and orders - said and _ANOTHER.match(part):
            # "my order #W1 hasnt shipped right? can u do the grill for charcoal … one more thing - i wanna send
            # back … from #W2": what came before the announcement, about another order, is a request of its own
            # even where no word names it (read on its own when its turn comes)
            cut, raw_cut = bounds[index], raw_bounds[index]
            return text[:cut], raw_text[:raw_cut], text[cut:].strip(), raw_text[raw_cut:].strip()
        if first is None:
            first = (kind, orders | said)
            by_head = worded is not None and worded(part, raw_part) is None
            continue
        worded_here = by_head and kind != first[0] and worded is not None and worded(part, raw_part) == kind
        if worded_here and not (orders and first[1] and not orders & first[1]):  # the same order, or none: one
            first, by_head = (kind, first[1] | orders), False
            continue
        if kind == "payment" and not orders and first[0] in ("return", "change"):
            continue  # "Money to my card ending 1639": where the return's refund goes, no request of its own
        if first[0] == "address" and not orders and parse_address(raw_part):
            continue  # "… goes to my old address. Change it to 544 Sunset Drive, …": the new address, same request
        if kind != first[0] or (orders and first[1] and not orders & first[1]):
            start = index if tail is None else tail
            cut, raw_cut = bounds[start], raw_bounds[start]
            return text[:cut], raw_text[:raw_cut], text[cut:].strip(), raw_text[raw_cut:].strip()
    if first is not None and first[1] and tail is not None:
        # "… Есть ещё одна просьба … заказ #W2 мне не нужен": another order after the announcement, asked for in
        # words no keyword knows — a request of its own, read when its turn comes, not a part of the first
        later = set(order_ids(raw_text[raw_bounds[tail] :])) - referenced_orders(raw_text[raw_bounds[tail] :])
        if later - first[1]:
            cut, raw_cut = bounds[tail], raw_bounds[tail]
            return text[:cut], raw_text[:raw_cut], text[cut:].strip(), raw_text[raw_cut:].strip()
    return text, raw_text, "", ""
