"""The yes / no of a confirmation in the customer's words (every language pack's, typed stretched, after fillers,
or a reaction emoji), and the words a customer takes back mid-sentence at a dash."""

from __future__ import annotations

import functools
import re

from hotline.languages import load_packs


def _answer_words(kind: str) -> re.Pattern[str]:
    """The confirmation's yes (or no) at the start of a message, from every language pack's words: whole words
    in alphabetic scripts (each letter may be typed more than once), a leading character or word in Chinese (no
    spaces to end a word)."""
    spaced: list[str] = []
    unspaced: list[str] = []
    for language in load_packs().values():
        words = language.yes_words if kind == "yes" else language.no_words
        if language.script == "han":
            unspaced.extend(re.escape(w) for w in words)
        else:  # a word typed stretched is the same word: "yesss", "okk", "noooo", "дааа", "неее"
            spaced.extend("".join(re.escape(c) + ("+" if c.isalpha() else "") for c in w) for w in words)
    longest_first = functools.partial(sorted, key=len, reverse=True)
    parts = []
    if spaced:
        parts.append(r"^\W*(" + "|".join(longest_first(spaced)) + r")\b")
    if unspaced:
        parts.append(r"^\W*(" + "|".join(longest_first(unspaced)) + ")")
    return re.compile("|".join(parts), re.I)


YES = _answer_words("yes")
NO = _answer_words("no")
# what people say before their answer: "Hmm, no — that's not it", "Ну, да", "嗯，对"
_FILLER = re.compile(
    r"^\W*(?:(?:h+m+|m+|u+m+|u+h+|well|oh|ah|so|(?:wh)?oops|(?:i'?m |i am )?sorry|but|"
    r"ну|сорри|э+|извините|простите|но|к сожалению|嗯+|呃|哦|啊|抱歉|不好意思)\b\W*)+",
    re.I,
)


# "i wanna exchange — sorry no, return the lamp", "хочу обменять — ой, нет, вернуть", "我想换——不对，是退": the word
# taken back at the dash, and the taking back, are no part of the request (a Chinese verb after 想, 要 or 帮我:
# one or two characters)
_REPAIR = re.compile(
    r"(?:(?<=[想要])[\u4e00-\u9fff]{1,2}|(?<=帮我)[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]|\b[A-Za-zА-Яа-яЁё'-]+)"
    r"\s*(?:—+|–|--)\s*(?:(?:sorry|wait|oops|uh|um|ой|ай)[,，\s]*)*"
    r"(?:(?:no|nope|нет|не-не)\s*[,，]|(?:i mean|i meant|вернее|точнее)\b[,，]?|不对[，,]?|不是[，,]|我是说)\s*(?:是)?",
    re.I,
)


def without_repairs(text: str) -> str:
    """The message without what the customer took back mid-sentence at a dash ("exchange — sorry no, return")."""
    return _REPAIR.sub("", text)


# "correct is #W3", "the right one is the blue", "правильно: подарочную карту", "正确的是…": the yes word is an
# adjective that brings a correction, unless what follows is itself a yes ("yes: go ahead")
_CORRECTION_LEAD = re.compile(
    r"^\s*(?:one\s+)?(?:is|are|would be|should be|will be)\b"
    r"(?!\s+(?:fine|good|ok|okay|right|correct|perfect|great)\b)|^\s*[:：=]\s*\S|^\s+(?:будет|это)\b",
    re.I,
)
_CORRECTION_LEAD_ZH = re.compile(r"^\W*(?:正确|对)的(?:应该)?是")


# A reaction for an answer ("👍", "✅", "👎 ", "❌"), in any language: read only when the message says nothing else
_REACTIONS = {
    "👍": "yes",
    "👌": "yes",
    "✅": "yes",
    "✔": "yes",
    "🙆": "yes",
    "👎": "no",
    "❌": "no",
    "🙅": "no",
    "✖": "no",
}
EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")  # chat writes them between phrases


def _reaction(text: str) -> str | None:
    """ "yes" or "no" for a message of reactions only ("👍", "👍👍", "❌"), else None."""
    if re.search(r"\w", EMOJI.sub("", text)):
        return None
    said = {answer for mark, answer in _REACTIONS.items() if mark in text}
    return said.pop() if len(said) == 1 else None


def confirmation_answer(text: str) -> str | None:
    """ "yes" or "no" when the message starts with one (after fillers), else None: the words decide where they
    are plain; an unclear answer is left to the trained head, then to the customer asked again. A yes word that
    leads a correction ("sorry, correct is #W3") is a no."""
    said = _FILLER.sub("", text)
    yes, no = YES.search(said), NO.search(said)
    if not (yes or no):  # a hummed answer is no filler: "uh-huh" (yes), "uh-uh" (no)
        said = text
        yes, no = YES.search(said), NO.search(said)
    if yes is not None:
        rest = said[yes.end() :]
        if _CORRECTION_LEAD_ZH.match(said) or (
            _CORRECTION_LEAD.match(rest) and not YES.match(re.sub(r"^\s*[:：=]", "", rest))
        ):
            return "no"
    if no and not yes:
        return "no"
    if yes:
        return "yes"
    return _reaction(text)
