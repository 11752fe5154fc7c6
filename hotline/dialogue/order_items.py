"""Which items of an order the customer means (which variant they want instead: ``variants.py``).

"the clicky keyboard, full size", "the mouse in white and the bookshelf taller", "both lamps": item
descriptions are matched against the order's item names and options; two items of the same product that the
customer did not tell apart are reported as ambiguous so the flow asks instead of guessing.
"""

from __future__ import annotations

import re
from typing import Any

from hotline.dialogue.catalog_terms import annotate_for_items
from hotline.dialogue.item_scope import THE_REST, exclusions, says_every_item
from hotline.store.catalog_names import shown_options

_BOTH = re.compile(r"\b(both|each|all|two|оба|обе|все|два|две)\b|两|都", re.I)


def match_items(text: str, order: dict[str, Any]) -> list[str]:
    """Item descriptions ("the keyboard", "the blue water bottle") to item ids; all items on "everything";
    "everything except X" is the order's items without X, and an item the customer excluded or hedged
    about ("don't do anything about the lamp yet") is never chosen."""
    items = order["items"]
    text = annotate_for_items(text, [i["name"] for i in items])  # "吸尘机", "пылесосик": this order's vacuum
    kept_text, excluded, everything_but = exclusions(text, items, _named)
    if excluded:
        named = [i for i in _named(kept_text, items) if i not in excluded]
        all_said = says_every_item(kept_text)
        if named and not all_said:
            return sorted(named)
        if everything_but or all_said or THE_REST.search(kept_text):
            return sorted(item["item_id"] for item in items if item["item_id"] not in excluded)
        return []
    if says_every_item(text, identity_aside=True):  # "the e-mail everything was set up with": not the items
        return sorted(item["item_id"] for item in items)
    return _named(text, items)


# Where a description of the new variant starts: "the 34 inch skateboard to a 28 inch one", "на вариант", "换成"
NEW_PART = re.compile(r"\b(to|for|into|instead)\b|\bна\b|换成|改成|改为|换为|→|->", re.I)


# Where one item's mention ends and the next begins: "and", ";", a comma outside brackets ("скейтборд (bamboo,
# 34 inch)" keeps its options); not "、", which joins options before a name in Chinese ("L、蓝色的头盔").
_SEPARATOR = re.compile(r"\band\b|\bи\b|和|[;；，]|,(?![^(（]*[)）])", re.I)


# Where, after an item's name, the customer starts saying what they want instead: "the 34 inch skateboard: I'd
# like 28 inch", "the 30-50 lbs set with a 55-75 lbs version", "…, хочу …", "— XL".
WISH = re.compile(r"[:—→]|->|\bi'?d like\b|\bi want\b|\bwith an?\b|\bхочу\b|\bнужн|要|想要", re.I)


def _described(lowered: str, words: list[str], start_at: int = 0) -> str:
    """The words around the item's name that describe the item the customer has — up to where the new
    variant's description starts — so "the 34 inch skateboard to a 28 inch one" describes a 34 inch one."""
    at = min((i for w in words if (i := lowered.find(w, start_at)) >= 0), default=-1)
    if at < 0:
        return lowered
    end = max(lowered.find(w, at) + len(w) for w in words if lowered.find(w, at) >= 0)
    start = max(0, at - 60)
    before = lowered[start:at]
    if (cut := list(NEW_PART.finditer(before))) and cut[-1].end() < len(before):
        before = before[cut[-1].end() :]  # a previous item's "to ..." is not this item's description
    if (cut := list(_SEPARATOR.finditer(before))) and cut[-1].end() < len(before):
        before = before[cut[-1].end() :]  # "…low helmet, dumbbell set and S black medium helmet": not this one's
    after = lowered[end : end + 60]
    if (stop := NEW_PART.search(after)) is not None:
        after = after[: stop.start()]
    if (stop := _SEPARATOR.search(after)) is not None:
        after = after[: stop.start()]
    if (stop := WISH.search(after)) is not None:
        after = after[: stop.start()]
    return before + lowered[at:end] + after


def _named(text: str, items: list[dict[str, Any]]) -> list[str]:
    lowered = text.lower()
    chosen: list[tuple[dict[str, Any], int, str]] = []  # (item, options named, group)
    for item, words in _mentioned(lowered, items):
        options = [str(v).lower() for v in item["options"].values()]
        mentions = [m.start() for m in re.finditer(re.escape(words[0]), lowered)] or [0]
        score = max(sum(1 for o in options if _in(o, _described(lowered, words, at))) for at in mentions)
        in_full = len(words) == len(words_of(item))
        chosen.append((item, score, item["name"] if in_full else f"~{_head(item)}"))
    for item in items:
        if item["item_id"] in text and all(item is not c for c, _, _ in chosen):
            chosen.append((item, len(item["options"]), item["name"]))
    if not chosen:
        return []
    # Several items of the same product, or of products called by the same word ("the kettle" with a Tea Kettle
    # and an Electric Kettle in the order): keep those whose options the customer named best.
    best: dict[str, int] = {}
    for _item, score, group in chosen:
        best[group] = max(best.get(group, 0), score)
    kept = [(item, group) for item, score, group in chosen if score == best[group]]
    kept_ids = [
        item["item_id"]
        for item, group in kept
        if not group.startswith("~") or len({k["name"] for k, g in kept if g == group}) == 1
    ]  # two products still tied on the one word said: neither (the flow asks which)
    if not _BOTH.search(text):  # the same item twice in the order ("the water bottle"): one of them
        kept_ids = list(dict.fromkeys(kept_ids))
    return sorted(kept_ids)


def _head(item: dict[str, Any]) -> str:
    """The word that names the thing itself: the last of its name ("kettle" in Tea Kettle)."""
    words = words_of(item)
    return words[-1] if words else item["name"].lower()


def _mentioned(lowered: str, items: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[str]]]:
    """The items the text names, each with the words of its name it says. The whole name ("tea kettle"), or just
    the thing itself ("the kettle", "the boots" for Hiking Boots) as people say it once it is clear which — not
    when that word belongs to another item named in full ("the electric kettle" names no Tea Kettle)."""
    full = [(item, words) for item in items if (words := words_of(item)) and _name_said(words, lowered)]
    uses: dict[str, int] = {}  # how often a word is said as part of a name said in full
    for name in {" ".join(words) for _, words in full}:
        for w in name.split():
            uses[w] = uses.get(w, 0) + len(re.findall(_name_pattern(name.split()), lowered))
    found = list(full)
    for item in items:
        head = _head(item)
        if any(item is f for f, _ in full) or len(head) < 3:
            continue
        said = [
            m
            for m in re.finditer(_word_at(head), lowered)
            if not _UP.match(lowered, m.end())
            and not (_A_VERB_AFTER.match(lowered, m.end()) and _said_as_a_verb(lowered, m.start(), m.end()))
        ]
        if len(said) > uses.get(head, 0):  # "the luggage set … and the set for 30-50 lbs": the second is another
            found.append((item, [head]))
        elif (word := _own_first_word(item, items)) and re.search(rf"(?<![a-z]){word}(?![a-z])", lowered):
            found.append((item, [word]))  # "the vacuum" for the Vacuum Cleaner
    return found


def tied_items(text: str, items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The items the text names only by a word their products share ("the camera" with an Action Camera and a
    Digital Camera in the order), one group per word: ``match_items`` takes none of them; the flow may tell them
    apart by what the customer wants them to become."""
    lowered = annotate_for_items(text, [i["name"] for i in items]).lower()
    groups: dict[str, list[dict[str, Any]]] = {}
    for item, words in _mentioned(lowered, items):
        if len(words) < len(words_of(item)):
            groups.setdefault(" ".join(words), []).append(item)
    return [group for group in groups.values() if len({i["name"] for i in group}) > 1]


def _own_first_word(item: dict[str, Any], items: list[dict[str, Any]]) -> str:
    """The first word of a two-word name when it is the thing's own ("vacuum" of Vacuum Cleaner, "yoga" of Yoga
    Mat): five letters or more, in no other item's name of the order and no option value of any (so "electric" or
    "wireless", which describe, never name an item); else ""."""
    words = words_of(item)
    if len(words) < 2 or len(words[0]) < 5:
        return ""
    others = {w for i in items if i is not item for w in words_of(i)}
    values = {w for i in items for v in i["options"].values() for w in re.findall(r"[a-z]+", str(v).lower())}
    return words[0] if words[0] not in others | values | _DESCRIBING else ""


# first words of product names that describe rather than name the thing
_DESCRIBING = {"electric", "wireless", "portable", "digital", "smart", "mechanical", "indoor", "gaming", "running"}


# "can you set it up", "I'll set it to": a verb, not "the set" — a word that may be a verb, said as one (after a
# subject or "to", "please", "can"), followed by what a verb takes; "the induction kettle to a glass one" is a noun
_A_VERB_AFTER = re.compile(r"\s+(?:up|it|to|the|my|a|an|me|off)\b")
_A_VERB_BEFORE = re.compile(r"\b(?:i|you|we|they|to|please|pls|can|could|will|would|just|then|also|not|'ll|n't)\s+$")
_A_VERB_AT_START = re.compile(r"\s+(?:up|it|me|off)\b")  # "set it up …"; "kettle to the glass one" is a noun
# "my grandson set it up", "my son set the account up": a verb
_UP = re.compile(
    r"\s+(?:(?:it|me|them|this|that|everything|him|her|us)\s+|(?:the|my|our|his|her|their|an?)\s+(?:\w+\s+){0,2})?up\b"
)


def _said_as_a_verb(lowered: str, start: int, end: int) -> bool:
    if not lowered[:start].strip():  # the message's first word: a verb only with what only a verb takes
        return _A_VERB_AT_START.match(lowered, end) is not None
    return _A_VERB_BEFORE.search(lowered, 0, start) is not None


def _name_said(words: list[str], lowered: str) -> bool:
    """A product's name in the text: its words together, in order, at most one word apart ("electric kettle",
    "tea kettles"), so "the tea kettle to glass, electric" does not name an Electric Kettle as well."""
    if not all(w in lowered or w.rstrip("s") in lowered for w in words):
        return False
    if len(words) == 1:
        return True
    return re.search(_name_pattern(words), lowered) is not None


def _name_pattern(words: list[str]) -> str:
    return r"\W+(?:\w+\W+)?".join(re.escape(w.rstrip("s")) + r"\w*" for w in words)


def options_of(item: dict[str, Any], lang: str = "en") -> str:
    return f"({shown_options(item['options'], lang)})"


def ambiguous_group(text: str, order: dict[str, Any], item_ids: list[str]) -> list[dict[str, Any]]:
    """Chosen items that share a product name but differ in options, unless the customer meant them all."""
    if _BOTH.search(text) or says_every_item(text):
        return []
    by_name: dict[str, list[dict[str, Any]]] = {}
    for item in order["items"]:
        if item["item_id"] in item_ids:
            by_name.setdefault(item["name"], []).append(item)
    lowered = text.lower()
    for items in by_name.values():
        if len({tuple(sorted(i["options"].items())) for i in items}) > 1 and not _each_described(lowered, items):
            return items
    return []


def _each_described(lowered: str, twins: list[dict[str, Any]]) -> bool:
    """Whether each of these items of one product has a mention of its own that fits it better than the others
    ("the L blue helmet and the S black helmet"): then the customer told them apart."""
    words = words_of(twins[0])
    if not words:
        return False
    told: set[str] = set()
    for mention in re.finditer(re.escape(words[0]), lowered):
        described = _described(lowered, words, mention.start())
        scores = sorted(((_option_score(t, described), t["item_id"]) for t in twins), reverse=True)
        if scores[0][0] > 0 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
            told.add(scores[0][1])
    return told >= {t["item_id"] for t in twins}


def words_of(thing: dict[str, Any]) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", thing["name"].lower()) if len(w) > 2]


def _option_score(item: dict[str, Any], described: str) -> int:
    return sum(1 for value in item["options"].values() if _in(str(value).lower(), described))


def _in(value: str, lowered: str) -> bool:
    """An option value in lower-cased text; a short one ("l", "s", "xl") only as a word of its own."""
    if len(value) <= 2:
        return re.search(rf"(?<![a-z0-9'’]){re.escape(value)}(?![a-z0-9])", lowered) is not None
    return value in lowered


# Where one wish of a message ends: "1.5L" is not a clause end; "и", "а также", "和", "、", "，" join wishes in Russian
# and Chinese
_CLAUSE_END = re.compile(r"[,;，；、。]|\.(?!\d)|\band\b|\balso\b|\bи\b|\bа также\b|和|以及|还有", re.I)


def unnamed_changes(text: str, items: list[dict[str, Any]]) -> list[str]:
    """The parts of a change request that say what an item becomes but name no item of the order ("把拉杆箱套装换成
    softshell": the customer's own word for the Luggage Set, "the big thing to grey"): the flow finds the item by
    the option values they name."""
    text = annotate_for_items(text, [i["name"] for i in items])
    return [part for part in _CLAUSE_END.split(text) if NEW_PART.search(part) and not _items_named(part.lower(), items)]


def clauses_about(item: dict[str, Any], text: str, items: list[dict[str, Any]] | None = None) -> str:
    """The parts of the message about this item ("the mouse in white, and the bookshelf taller"), so one
    item's wishes are not applied to another. A part that names no item belongs to the item named before it
    ("the watch with the silicone strap and the blue dial"). Of two items of one product, a part belongs to the
    one its description fits ("the black chair to leather, the red chair to mesh"). The whole text when no
    part names this item."""
    items = items or [item]
    text = annotate_for_items(text, [i["name"] for i in items])
    clauses = _CLAUSE_END.split(text)
    segments: list[tuple[list[dict[str, Any]], list[str]]] = []
    waiting: list[str] = []  # parts naming no item: the previous item's ("…and the blue dial"), or the next's
    for clause in clauses:  # the clause keeps its case: "S" is a size, "s" is not
        lowered = clause.lower()
        named = _items_named(lowered, items)
        if not named:
            waiting.append(clause)
            continue
        describes_next = any(_option_score(i, " ".join(waiting).lower()) for i in named)  # "black、high的牙刷"
        if segments and waiting and not describes_next and not _has_new_part(segments[-1]):
            segments[-1][1].extend(waiting)  # the previous item is still being described
            waiting = []
        segments.append((named, [*waiting, clause]))  # "黑色、silicone、LCD的智能手表": options before the name
        waiting = []
    if waiting:
        if segments:
            segments[-1][1].extend(waiting)
        else:
            segments.append(([], waiting))
    about: list[str] = []
    for named, parts in segments:
        if not any(i["item_id"] == item["item_id"] for i in named):
            continue
        twins = [i for i in named if i["name"] == item["name"]]
        if len(twins) > 1:
            described = _described(" ".join(parts).lower(), words_of(item))
            if _option_score(item, described) < max(_option_score(t, described) for t in twins):
                continue  # this part describes the other one
        about += parts
    return " ".join(about) if about else text


def _has_new_part(segment: tuple[list[dict[str, Any]], list[str]]) -> bool:
    """Whether a part already says what its item becomes ("the lamp to white"): a "to" after the item's name, not
    in "I'd like to change the watch"."""
    named, parts = segment
    lowered = " ".join(parts).lower()
    starts = [m.start() for i in named for w in words_of(i) if (m := re.search(rf"(?<![a-z]){re.escape(w)}", lowered))]
    return NEW_PART.search(lowered, min(starts, default=0)) is not None


def _items_named(lowered: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items a part of the message names. A word shared with an item named in full is that item's: in "the
    black electric toothbrush" the electric kettle is not named."""
    said = {i["item_id"]: [w for w in words_of(i) if _says_word(w, lowered)] for i in items}
    in_full = {
        w
        for i in items
        if said[i["item_id"]] and len(said[i["item_id"]]) == len(words_of(i))
        for w in said[i["item_id"]]
    }
    return [
        i
        for i in items
        if said[i["item_id"]]
        and (len(said[i["item_id"]]) == len(words_of(i)) or not set(said[i["item_id"]]) <= in_full)
    ]


def _word_at(word: str) -> str:
    """A word of a product's name as a word of the text, also in the plural: ASCII boundaries, so "tea" is not in
    "instead" and "里的kettle和" names the kettle in unspaced Chinese."""
    return rf"(?<![a-z]){re.escape(word.rstrip('s'))}(?:s|es)?(?![a-z])"


def _says_word(word: str, lowered: str) -> bool:
    return re.search(_word_at(word), lowered) is not None
