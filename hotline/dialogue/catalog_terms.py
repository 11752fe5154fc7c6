"""Product names and option values said in Russian or Chinese, marked with the catalogue's English terms.

"верните чайник и синюю бутылку" -> "верните чайник [Tea Kettle] и синюю [blue] бутылку [Water Bottle]": the
store-grounded matchers downstream read English names and option values, so one annotation here lets every
one of them understand the customer's words. Longest names are taken first ("умные часы" is a Smart Watch,
not a Wristwatch; "笔记本电脑" a Laptop, not a Notebook). Russian entries are stems matched at a word's start.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from hotline.store.catalog_names import DEPARTMENT_KINDS, OPTION_VALUES, PRODUCT_NAMES

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RU_ZH = re.compile(r"[\u0400-\u04ff\u4e00-\u9fff]")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_EMAIL_AFTER = re.compile(r"\w*\s*[:：—–-]?\s*([\w.+-]+@|\[email\])")  # the rest of the word, then an e-mail address


@lru_cache(maxsize=1)
def _entries() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, English term), longest alias first. A Russian alias is a run of word stems, each matched at a
    word's start and taken with its ending ("камер видеонаблюдени" finds "камеру видеонаблюдения")."""
    found: list[tuple[str, str, bool]] = []
    for table in (PRODUCT_NAMES, DEPARTMENT_KINDS, OPTION_VALUES):
        for english, names in table.items():
            for lang in ("ru", "zh"):
                found += [(alias.lower(), english, table is PRODUCT_NAMES) for alias in names.get(lang, [])]
    found.sort(key=lambda e: -len(e[0]))
    compiled = []
    for alias, english, product in found:
        if _CYRILLIC.match(alias):
            stems = [re.escape(stem) + r"\w*" for stem in alias.split()]
            pattern = re.compile(r"(?<![\w-])" + r"[\s-]+".join(stems))
        elif product and _HAN_NAME.fullmatch(alias):
            # a Chinese product name said with 的 inside, as a description: "墙上挂的钟" (挂钟), "墙上的钟" (墙钟),
            # "喝水的瓶子" (水瓶), "煮咖啡的机器" (咖啡机); with its noun ending (瓶子)
            pattern = re.compile("(?:[上里边中]?的)?".join(re.escape(c) for c in alias) + "子?")
        else:
            pattern = re.compile(re.escape(alias))
        compiled.append((pattern, english))
    return compiled


def in_catalogue_terms_language(text: str) -> bool:
    """Written (partly) in Russian or Chinese: the languages whose words this module maps to the catalogue's."""
    return _RU_ZH.search(text) is not None


def _named_terms(text: str) -> list[tuple[int, int, str]]:
    """(start, end, English term) of each Russian or Chinese catalogue term ``text`` names, longest alias first and
    never overlapping."""
    lowered = text.lower()
    taken = [False] * len(text)
    found: list[tuple[int, int, str]] = []
    for pattern, english in _entries():
        for match in pattern.finditer(lowered):
            at, end = match.span()
            if any(taken[at:end]) or _EMAIL_AFTER.match(lowered, end):
                continue  # "электронка juan@…": a word naming the e-mail address after it is no product
            taken[at:end] = [True] * (end - at)
            found.append((at, end, english))
    return found


def annotate(text: str) -> str:
    """``text`` with "[English term]" after each Russian or Chinese catalogue term it names."""
    if not in_catalogue_terms_language(text):
        return text
    out, last = [], 0
    for _, end, english in sorted(_named_terms(text), key=lambda mark: mark[1]):
        out += [text[last:end], f" [{english}] "]
        last = end
    out.append(text[last:])
    return "".join(out)


_NOT_A_PRODUCT = re.compile(r"электронн\w*\s+(почт|адрес|ящик)|电子邮")  # e-mail words that share a product's stem
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{4,}")


def annotate_for_items(text: str, names: list[str]) -> str:
    """``text`` with "[English name]" after a word that can only mean one of these products (an order's items),
    when no listed alias matched it: a Chinese word sharing two characters in a row with one product's names
    ("吸尘机" — 吸尘器), a Russian word sharing its first five letters with one product's stems ("пылесосик",
    "бутылочку" — бутылк…). Grounded in the order, so a near miss cannot pick a product the customer lacks."""
    if not in_catalogue_terms_language(text):
        return text
    text = _regrounded(text, names)
    missing = [n for n in dict.fromkeys(names) if f"[{n}]" not in text and n in PRODUCT_NAMES]
    marks: list[tuple[int, str]] = []
    for match in [*_HAN_RUN.finditer(text), *_CYRILLIC_WORD.finditer(text.lower())]:
        if text[match.end() :].lstrip().startswith("["):
            continue  # a listed name ends this word ("蓝牙音箱 [Bluetooth Speaker]"): it is that product
        if text[: match.start()].rstrip().endswith("]") and not _CYRILLIC.match(match.group(0)):
            continue  # "行李箱 [Luggage Set] 套装": the name goes on ("set"), no second product
        if _CYRILLIC.match(match.group(0)) and re.match(r"\s+[\u0400-\u04ff]+\s*\[", text[match.end() :]):
            continue  # "набор чемоданов [Luggage Set]": the word heads the next one's product, no other product
        if _NOT_A_PRODUCT.match(text.lower(), match.start()) or _EMAIL_AFTER.match(text, match.end()):
            continue  # "электронная почта", "электронка juan@…" name an e-mail, not an e-reader
        word = match.group(0).lower()
        fitting = [(n, end) for n in missing if (end := _near(word, PRODUCT_NAMES[n], n)) is not None]
        if len(fitting) == 1:
            marks.append((match.start() + fitting[0][1], fitting[0][0]))
    for end, name in sorted(marks, reverse=True):
        text = f"{text[:end]} [{name}] {text[end:]}"
    return text


_MARKED = re.compile(r"([\u4e00-\u9fff]{2,}|[\u0400-\u04ff]{4,})\s*\[([^\]]+)\]")


def _regrounded(text: str, names: list[str]) -> str:
    """A word the catalogue gives to a product the order lacks ("手表 [Wristwatch]") that comes near exactly one of
    the order's products ("智能手表", the Smart Watch): marked as that one — the customer speaks of what they have."""

    def swap(match: re.Match[str]) -> str:
        word, term = match.group(1), match.group(2)
        if term in names or term not in PRODUCT_NAMES:
            return match.group(0)
        fitting = [
            n
            for n in dict.fromkeys(names)
            if n in PRODUCT_NAMES and f"[{n}]" not in text and _near(word.lower(), PRODUCT_NAMES[n]) is not None
        ]
        return f"{word} [{fitting[0]}]" if len(fitting) == 1 else match.group(0)

    return _MARKED.sub(swap, text)


_ZH_NOT_A_NAME = set("换改要的和与把退、，。用走成是了吗")
_ZH_ONLY_A_SET = frozenset({"套装", "品套", "套件", "组合"})  # words of a name that say "a set (of)", not what of


_LATIN_OF = str.maketrans(
    {
        **dict(zip("абвгдеёзийклмнопрстуфыэ", "abvgdeeziiklmnoprstufye", strict=True)),
        **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya"},
        **{"ъ": "", "ь": "", "-": ""},
    }
)


def _latin(word: str) -> str:
    return word.translate(_LATIN_OF)


def _sounds_like(word: str, english: str) -> bool:
    """A Russian word that is the English name written in Cyrillic ("кеттл" — kettle, "лэптоп" — laptop,
    "смартвотч" — smart watch): its transliteration close to one word of the name, or to the name run together."""
    said = _latin(word)
    words = [w for w in re.split(r"[\s-]+", english.lower()) if len(w) >= 4]
    return any(SequenceMatcher(None, said, w).ratio() >= 0.75 for w in [*words, re.sub(r"[\s-]+", "", english.lower())])


def _near(word: str, names: dict[str, list[str]], english: str = "") -> int | None:
    """Where in ``word`` the product's name ends when ``word`` comes near one of its names, else None."""
    if _CYRILLIC.match(word):
        stems = [s for alias in names.get("ru", []) for s in alias.lower().split()]
        near = any(len(s) >= 5 and word[:5] == s[:5] for s in stems) or (english and _sounds_like(word, english))
        return len(word) if near else None
    for alias in names.get("zh", []):
        for i in range(len(alias) - 1):
            if alias[i : i + 2] in _ZH_ONLY_A_SET:
                continue  # "拉杆箱套装" is no 化妆套装: a set of something says nothing of what
            if (at := word.find(alias[i : i + 2])) >= 0:
                end = at + 2
                if end < len(word) and word[end] not in _ZH_NOT_A_NAME:  # "吸尘机": the noun's last character
                    end += 1
                return end
    return None


# English words that name a kind of product (the last word of a store name: "jacket", "lamp", "boots"); words that
# are also everyday words ("set", "watch", "machine") are left out
_EN_COMMON = frozenset({"set", "kit", "maker", "machine", "bed", "mat", "watch", "reader", "cleaner"})


@lru_cache(maxsize=1)
def _english_kinds() -> re.Pattern[str]:
    last = [name.lower().split()[-1] for name in (*PRODUCT_NAMES, *DEPARTMENT_KINDS)]
    heads = {*last, *(w.split("-")[-1] for w in last)} - _EN_COMMON  # "t-shirt", "shirt"
    words = sorted(heads, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w.rstrip("s")) for w in words) + r")(?:e?s)?(?![\w-])", re.I
    )


def generic_products(text: str, word: str) -> str:
    """``text`` with each product it names replaced by ``word`` ("item", "товар", "商品"): "can I trade the
    headphones for a speaker?" -> "can I trade the item for a item?". The help centre speaks of items, never of a
    customer's jacket, so a question is compared with its articles' questions as the articles ask them."""
    if in_catalogue_terms_language(text):
        # an option value ("красный") stays: "another colour" is the article's own question
        named = [m for m in _named_terms(text) if m[2] in PRODUCT_NAMES or m[2] in DEPARTMENT_KINDS]
        for at, end, _ in sorted(named, reverse=True):
            text = text[:at] + word + text[end:]
    return _english_kinds().sub(word, text)
