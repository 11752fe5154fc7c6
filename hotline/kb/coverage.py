"""Which names the knowledge base never mentions, so that a question about one ("Do you sell on Amazon?", "a store
in Paris?", "Вы продаёте на Wildberries?", "доставка в Казахстан") gets "no information" instead of the nearest
neighbour's answer ("Our store sells 50 types of products").

A name is a capitalised word inside a sentence (English, Russian) or a word in Latin letters inside Russian or
Chinese text. It is looked up by its first five letters ("Париже" finds "Париж", "Sundays" finds "Sunday") in the
words of every passage, in every language. Only names: the knowledge base of one company is small, and most
ordinary words a customer uses ("money", "сколько") are nowhere in it although the answer is.
Chinese names in Chinese characters are not found this way (unspaced text); the check is silent there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a word in one script: "你们在Shopee上" is three words, not one
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+|[\u0400-\u04ff]+|[\u4e00-\u9fff]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？]\s*|[\"«“(]\s*)$")
_NON_LATIN = re.compile(r"[\u0400-\u04ff\u4e00-\u9fff]")
_PREFIX = 5
_ALWAYS_CAPITALISED = frozenset({"dear", "mrs"})  # of three letters or more (shorter words are not looked up)
# the customer's own name is no subject of the question: "I'm Olivia Ito, how long…", "меня зовут Анна"
_INTRODUCED = re.compile(
    r"(?:\b(?:i'?m|i am|my name is|name'?s|this is|call me|меня зовут|зовут|это|я)\s+(?:[^\W\d_]+\s+){0,2})$", re.I
)


class KnowledgeVocabulary:
    """The words of a knowledge base, by prefix, for telling which names in a question it never uses."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._prefixes = {word[:_PREFIX] for text in texts for word in _WORD.findall(text.lower())}

    def __len__(self) -> int:
        return len(self._prefixes)

    def unknown_names(self, question: str) -> list[str]:
        """Names in the question that no passage uses (empty when the knowledge base is empty)."""
        if not self._prefixes:
            return []
        foreign = _NON_LATIN.search(question) is not None
        found = []
        for match in _WORD.finditer(question):
            word = match.group(0)
            if len(word) >= 3 and word.lower()[:_PREFIX] not in self._prefixes and _is_name(question, match, foreign):
                found.append(word)
        return list(dict.fromkeys(found))


def _is_name(question: str, match: re.Match[str], foreign: bool) -> bool:
    """A word in Latin letters in a Russian or Chinese question ("Wildberries", "Amazon"), or a capitalised word
    inside a sentence that is not the customer introducing themselves."""
    word, before = match.group(0), question[: match.start()]
    if foreign and word[0] < "\u0400":
        return True
    return (
        word[0].isupper()
        and not word.isupper()  # "DHL", "USB": an abbreviation, often a product's option
        and word.lower() not in _ALWAYS_CAPITALISED
        and _SENTENCE_START.search(before) is None
        and _INTRODUCED.search(before) is None
    )
