"""Typing in a hurry on a phone: the typos a customer's message carries (family 15's customers).

English and Russian: in a share of the longer words, one slip — two letters swapped, a letter dropped or doubled,
or a neighbouring key hit instead (the QWERTY / ЙЦУКЕН layouts). Chinese typed with pinyin: a word replaced by a
homophone the input method offered first (定单 for 订单, 收获 for 收货). What a customer copies rather than types —
order ids, e-mails, numbers — and names (capitalised) are left as they are; so are words of three letters or less.
Seeded by the customer's random source: the same seed types the same slips.
"""

from __future__ import annotations

import random
import re

from hotline.dialogue.spelling import key_neighbours

_KEYBOARDS = {"en": "latin", "ru": "cyrillic"}  # the layouts customers type on (the speller's own table)


# Homophones a pinyin input method offers for words customers type (the wrong one first).
_HOMOPHONES_ZH = {
    "订单": "定单",
    "收货": "收获",
    "取消": "取销",
    "退款": "推款",
    "地址": "地止",
    "确认": "却认",
    "换货": "换或",
    "邮编": "油编",
    "邮箱": "油箱",
    "耳机": "耳鸡",
    "付款": "付宽",
    "修改": "修该",
    "谢谢": "谢谢谢",
    "麻烦": "马烦",
    "不要": "不耀",
    "已经": "以经",
}

_WORD = re.compile(r"[^\W\d_]{4,}")
_COPIED = re.compile(r"\S*[\d@#]\S*")  # ids, e-mails, numbers: pasted, not typed


def _slip(word: str, lang: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)  # first and last letters are kept: the word stays readable
    kind = rng.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    near = key_neighbours(_KEYBOARDS[lang]).get(word[i].lower(), "") if lang in _KEYBOARDS else ""
    return word[:i] + rng.choice(near) + word[i + 1 :] if near else word[:i] + word[i + 1 :]


def typed_in_a_hurry(message: str, lang: str, rng: random.Random, rate: float) -> str:
    """``message`` with a slip in about ``rate`` of its longer words (Chinese: of its words the table knows)."""
    if lang == "zh":
        for word, homophone in _HOMOPHONES_ZH.items():
            if word in message and rng.random() < rate * 2:  # fewer words to slip on: each more often
                message = message.replace(word, homophone, 1)
        return message
    copied = [(m.start(), m.end()) for m in _COPIED.finditer(message)]

    def replace(match: re.Match[str]) -> str:
        word = match.group()
        if word[0].isupper() or any(a <= match.start() < b for a, b in copied) or rng.random() >= rate:
            return word
        return _slip(word, lang, rng)

    return _WORD.sub(replace, message)
