"""The customer's language: a trained detector (langid's naive Bayes over byte n-grams, restricted to the served
languages) on each message, kept per conversation.

A message too short to tell ("ok", an e-mail address, an order id) keeps the conversation's language; a product
name in another script inside a sentence does not switch it ("Where is my Таблетка order?" stays English: the
detector's answer must be backed by the script most of the letters are written in).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from hotline.languages.script import HAN

SERVED = ("en", "ru", "zh")
_SCRIPT_OF = {"en": "latin", "ru": "cyrillic", "zh": "han"}
# E-mail addresses (ASCII, so "我的邮箱是zhang.wei@qq.com" keeps its Chinese), the red-line's placeholders for them
# ("account是[email]"), links, ids and numbers.
_NOISE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\[[a-z_]+\]|https?://[!-~]+|#?[A-Z]?\d[\d-]*")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MIN_CONFIDENCE = 0.8


@functools.lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def load_identifier(languages: Sequence[str] = SERVED) -> None:
    """Read the language identifier's model now (half a second, on whatever thread first asks) — at start-up,
    not inside the first caller's turn on the event loop."""
    _identifier(tuple(languages))


def _scripts(text: str) -> dict[str, float]:
    # A Chinese character carries about as much as a short word: weigh it like three letters.
    han = 3.0 * len(HAN.findall(text))
    return {"latin": len(_LATIN.findall(text)), "cyrillic": len(_CYRILLIC.findall(text)), "han": han}


def script_language(text: str) -> str:
    """The served language a text's letters are written for: Chinese characters → zh, else Cyrillic → ru, else
    en. For text the project generated itself, whose language is never in doubt (not for customers' messages:
    ``message_language``)."""
    return "zh" if HAN.search(text) else ("ru" if _CYRILLIC.search(text) else "en")


def message_language(text: str, languages: Sequence[str] = SERVED) -> tuple[str | None, float]:
    """(language, confidence) of one message, or (None, 0) when it has too little language to tell."""
    cleaned = _NOISE.sub(" ", text)
    scripts = _scripts(cleaned)
    letters = sum(scripts.values())
    if letters < 2:
        return None, 0.0
    found, probability = _identifier(tuple(languages)).classify(cleaned)
    script = _SCRIPT_OF.get(str(found))
    share = scripts.get(script, 0.0) / letters if script else 1.0
    if share < 0.5:  # the detector followed a few foreign words: the script of most letters decides
        dominant = max(scripts, key=lambda name: scripts[name])
        options = [lang for lang in languages if _SCRIPT_OF.get(lang) == dominant]
        if not options:
            return None, 0.0
        return options[0], max(scripts.values()) / letters
    if letters < 4 and script == "latin":  # "ok", "no": English words, but also anyone's
        return str(found), min(float(probability), 0.5)
    return str(found), float(probability)


def follow(text: str, current: str, languages: Sequence[str] = SERVED) -> str:
    """The conversation's language after this message: switched only by a message clearly in another one."""
    found, confidence = message_language(text, languages)
    return found if found is not None and confidence >= MIN_CONFIDENCE else current


def conversation_language(texts: Iterable[str], languages: Sequence[str] = SERVED, default: str = "en") -> str:
    """The language a conversation's customer messages are written in, weighed by how much each one says."""
    weights: dict[str, float] = {}
    for text in texts:
        found, confidence = message_language(text, languages)
        if found is not None:
            weights[found] = weights.get(found, 0.0) + confidence * sum(_scripts(_NOISE.sub(" ", text)).values())
    return max(weights, key=lambda lang: weights[lang]) if weights else default
