"""Which variant of an item the customer wants instead: the option values they named that differ from the item's
("the mouse in white", "на размер больше", "换成一样的"), the same variant again, or a size said relative to the
item's own; the other options kept where possible. The items themselves are found by ``order_items``.
"""

from __future__ import annotations

import re
from typing import Any

from hotline.dialogue.order_items import NEW_PART, WISH, words_of
from hotline.dialogue.relative_size import with_relative_size
from hotline.store.catalog_names import SHOWN_FLAGS

_CHEAPEST = re.compile(r"cheap|don'?t care|doesn'?t matter|whichever|дешевле|не важно|便宜|无所谓", re.I)

_SAME_VARIANT = re.compile(
    r"\b(identical|(the |exact |very )?same (one|model|item|product|variant|version|kind|thing)|exactly the same|"
    r"(the )?same as (before|earlier|previous(ly)?|it was|the old one|what i have|i have|now|current(ly)?)|"
    r"same (only|again)|(to|in|want|as|for|with|into|get|keep) (just |simply |exactly )?(the )?same"
    r"(?! (address|place|street|building|way|method|card|payment))|^\W*(just |simply )?(the )?same\W*$|"
    r"(the )?same\W+(instead|in place|rather)|"
    r"(to|for|into) (no change|unchanged)|no change\W+(just |simply )?(the )?same)\b|"
    r"(换成|要|改成)\s*same\b|на тот же\b|"
    r"так(ой|ую|ие|ая) же|точно так|то же самое|(тот|такой) же\W+что|тот же самый|"
    r"т(?:от|у|а|о) же (?:сам\w* )?(?:модел\w*|вещ\w*|товар\w*|вариант\w*|позици\w*|артикул|изделие|экземпляр)|"
    r"(вариант|модель|товар)\W+(тот|такой|та|такая) же|"  # "на вариант тот же, что и раньше" (clauses cut at commas)
    r"как (и )?(раньше|было|был|была|сейчас|у меня)|идентичн\w*|аналогичн\w*|"
    r"同款|一模一[样樣]|一[样樣]的|同一款|同[样樣]的|相同的|相同(商品|产品|款)|(?:相同|同一?)型号|同规格|(跟|和|与|與|同)(以前|之前|原[来來]|[现現]在|原先|原本)(的)?"
    r"(一[样樣]|相同)|^\W*一[样樣]\W*$",
    re.I,
)


# What a customer says of their account, not of the item: "it's the same one as always", "та же, что всегда",
# "как и в прошлый раз", "一直都是这个"
_AS_ALWAYS = re.compile(
    r"\b(the )?same( one)?,? as (always|ever|usual|every time)\b|(тот|та|то) же\W+что\W+(и\W+)?всегда|как (и )?всегда|"
    r"как (и )?в прошлый раз|一直都是这个|每次都是这个",
    re.I,
)


def says_value(text: str, lowered: str, value_text: str, key: str = "") -> bool:
    """Whether an option value is named: ASCII boundaries (in unspaced Chinese "换成A5的" names A5); a value of
    one or two letters ("S", "XL") only as written, in capitals, so "it's" is no size S. A yes/no option is
    named by its key: "without water resistance", "no water resistance" / "with water resistance"."""
    if value_text in ("yes", "no") and key:
        k = re.escape(key)
        negated = re.search(
            rf"\b(no|not|without|non|minus)[\s-]+(the |any |a )?{k}|{k}\W+no\b|без\s*{k}|не\s+с\s+{k}|"
            rf"(不带|没有|不要|去掉|不含|无)\s*{k}",
            lowered,
        )
        # the words the bot shows for them are read back too: "not water-resistant", "the waterproof ones"
        shown_yes, shown_no = (SHOWN_FLAGS.get((key, v), {}).get("en", "\0") for v in ("yes", "no"))
        said_no = shown_no in lowered
        if value_text == "no":
            return negated is not None or said_no
        named = rf"\b(with|including|has|have|having)\s+(the |a )?{k}|{k}\W+yes\b|\bс\s+{k}|есть\s+{k}|(带|有|含)\s*{k}"
        named += rf"|(?<!not )(?<!non-)(?<!non )\b{re.escape(shown_yes)}\b"
        return negated is None and not said_no and re.search(named, lowered) is not None
    if len(value_text) <= 2 and value_text.isalpha():
        return re.search(rf"(?<![A-Za-z0-9.'’]){re.escape(value_text.upper())}(?![A-Za-z0-9])", text) is not None
    return re.search(rf"(?<![A-Za-z0-9.]){re.escape(value_text)}(?![A-Za-z0-9])", lowered) is not None


def resolve_variant(
    item: dict[str, Any], product: dict[str, Any], text: str, in_stock_only: bool = True
) -> dict[str, Any] | None:
    """The available variant the customer described: the option values they named that differ from the item's,
    the other options kept where possible, the cheaper on a tie. None when nothing new was named (or, with
    ``in_stock_only``, when what was named is not in stock)."""
    text = with_relative_size(item, product, text)  # "a size up": the size it means for this item
    lowered = text.lower()
    new_part = _new_part(item, text)  # "the black sunglasses to brown": black is the pair they have
    wanted = _wanted(item, product, new_part) if new_part else {}
    if not wanted:
        wanted = _wanted(item, product, text)
    if not wanted:
        # "replace it with an identical one", "такой же", "换个同款": the same variant again, if it is in stock
        same = product["variants"].get(item["item_id"])
        said = _AS_ALWAYS.sub(" ", lowered)  # "it's the same one as always" of an e-mail is no same variant
        if _SAME_VARIANT.search(said) and same is not None and (same["available"] or not in_stock_only):
            return dict(same)
        return None
    cheapest = bool(_CHEAPEST.search(lowered))  # "wired or not, whichever is cheaper"

    def closeness(variant: dict[str, Any], wish: dict[str, str]) -> tuple[int, float]:
        same = sum(1 for k, v in item["options"].items() if k not in wish and variant["options"].get(k) == v)
        return (0 if cheapest else same), -variant["price"]

    best: list[tuple[tuple[int, float], dict[str, Any]]] = []
    for wish in _readings(wanted):  # "black" sunglasses: the frame's colour, or the lenses'
        candidates = [
            v
            for v in product["variants"].values()
            if (v["available"] or not in_stock_only)
            and v["item_id"] != item["item_id"]
            and all(v["options"].get(k) == val for k, val in wish.items())
        ]
        if candidates:
            chosen = max(candidates, key=lambda v, w=wish: closeness(v, w))  # type: ignore[misc]
            best.append((closeness(chosen, wish), chosen))
        if best and len(wish) == len(wanted):  # every value where it was named: no other reading needed
            break
    if not best:
        return None
    best.sort(key=lambda b: b[0], reverse=True)
    if len(best) > 1 and best[0][0][0] == best[1][0][0] and best[0][1] is not best[1][1]:
        return None  # two readings fit as well: the flow asks
    return best[0][1]


def _readings(wanted: dict[str, str]) -> list[dict[str, str]]:
    """The wish as said, then — when one value names several options ("black": frame colour and lens colour)
    — each reading where that value is one option's."""
    by_value: dict[str, list[str]] = {}
    for key, value in wanted.items():
        by_value.setdefault(str(value).lower(), []).append(key)
    shared = [keys for keys in by_value.values() if len(keys) > 1]
    readings = [dict(wanted)]
    for keys in shared:
        readings = [{k: v for k, v in r.items() if k not in keys or k == keep} for r in readings for keep in keys]
    return [dict(wanted), *readings] if shared else [dict(wanted)]


def _wanted(item: dict[str, Any], product: dict[str, Any], text: str) -> dict[str, str]:
    """The option values named in ``text`` that differ from the item's (the longest per option)."""
    lowered = text.lower()
    wanted: dict[str, str] = {}
    for variant in product["variants"].values():
        for key, value in variant["options"].items():
            value_text = str(value).lower()
            if item["options"].get(key) == value:
                continue
            if says_value(text, lowered, value_text, key.lower()) and len(value_text) > len(wanted.get(key, "")):
                wanted[key] = value
    return wanted


def _new_part(item: dict[str, Any], text: str) -> str | None:
    """What follows the "to" / "на" / "换成" after the item's name: the new variant's description (None when the
    name or such a word is not there)."""
    lowered = text.lower()
    at = min((i for w in words_of(item) if (i := lowered.find(w)) >= 0), default=-1)
    if at < 0:
        return None
    ends = [m.end() for pattern in (NEW_PART, WISH) if (m := pattern.search(text, at)) is not None]
    return text[min(ends) :] if ends else None
