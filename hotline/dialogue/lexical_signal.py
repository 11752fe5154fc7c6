"""A signal's words: a linear model over TF-IDF word and character n-grams, beside a head on sentence embeddings.

The embedding head hears what a message means; this hears the words it is said in (swearing, "pathetic", "恶心"),
which the sentence embedding blurs. ``LexicalModel.logits`` is blended with the head's logit (``SignalHead``);
``training.escalation.fit_lexical`` fits it. The features are computed here, the same way in training and at run
time: word unigrams and bigrams (tokens of two or more word characters, lower-cased) and character 2–4-grams inside
words (each word padded with a space on both sides), each with a sublinear term frequency (1 + ln count) times its
idf, and each of the two vectors normalised to unit length. Stored as plain arrays in the head's file (no pickles).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_WORD = re.compile(r"\S+")


def word_grams(text: str) -> Counter[str]:
    tokens = _TOKEN.findall(text.lower())
    grams = Counter(tokens)
    grams.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return grams


def char_grams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        padded = f" {word} "
        for n in (2, 3, 4):
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


@dataclass(frozen=True)
class Vocabulary:
    """N-grams kept, their column and idf."""

    index: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fit(cls, documents: list[Counter[str]], min_df: int, max_features: int) -> Vocabulary:
        frequency: Counter[str] = Counter()
        for grams in documents:
            frequency.update(grams.keys())
        kept = sorted((g for g, df in frequency.items() if df >= min_df), key=lambda g: (-frequency[g], g))[
            :max_features
        ]
        n = len(documents)
        idf = np.array([math.log((1 + n) / (1 + frequency[g])) + 1.0 for g in kept], dtype=np.float32)
        return cls({g: i for i, g in enumerate(kept)}, idf)

    def row(self, grams: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of one text: sublinear tf × idf, unit length."""
        kept = [(self.index[g], count) for g, count in grams.items() if g in self.index]
        if not kept:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        cols = np.array([column for column, _ in kept], dtype=np.int64)
        counts = np.array([count for _, count in kept], dtype=np.float32)
        values = (1.0 + np.log(counts)) * self.idf[cols]
        return cols, values / float(np.linalg.norm(values))


@dataclass(frozen=True)
class LexicalModel:
    words: Vocabulary
    chars: Vocabulary
    coef: np.ndarray  # words' columns first, then the characters'
    intercept: float
    weight: float  # its share of the blended logit

    def matrix(self, texts: Iterable[str]) -> Any:
        """The texts' features as a sparse matrix (rows: texts; words' columns, then the characters')."""
        from scipy.sparse import csr_matrix

        indptr, indices, data = [0], [], []
        offset = len(self.words.index)
        for text in texts:
            (wc, wv), (cc, cv) = self.rows(text)
            indices += [*wc.tolist(), *(cc + offset).tolist()]
            data += [*wv.tolist(), *cv.tolist()]
            indptr.append(len(indices))
        return csr_matrix(
            (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int64), np.array(indptr)),
            shape=(len(indptr) - 1, offset + len(self.chars.index)),
        )

    def rows(self, text: str) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """One text's (columns, values) over the words' vocabulary and over the characters'."""
        return self.words.row(word_grams(text)), self.chars.row(char_grams(text))

    def logits(self, texts: list[str]) -> np.ndarray:
        offset = len(self.words.index)
        out = []
        for text in texts:
            (wc, wv), (cc, cv) = self.rows(text)
            out.append(float(wv @ self.coef[wc]) + float(cv @ self.coef[cc + offset]) + self.intercept)
        return np.array(out, dtype=np.float64)

    def arrays(self) -> dict[str, Any]:
        """The model as the head file's arrays (``lex_*``)."""
        return {
            "lex_words": np.array(list(self.words.index), dtype=np.str_),
            "lex_word_idf": self.words.idf,
            "lex_chars": np.array(list(self.chars.index), dtype=np.str_),
            "lex_char_idf": self.chars.idf,
            "lex_coef": self.coef.astype(np.float32),
            "lex_intercept": np.float32(self.intercept),
            "lex_weight": np.float32(self.weight),
        }

    @classmethod
    def from_arrays(cls, arrays: Any) -> LexicalModel | None:
        """The model in a head file's arrays, or None where the head has none."""
        if "lex_coef" not in arrays:
            return None

        def vocabulary(grams: str, idf: str) -> Vocabulary:
            return Vocabulary({str(g): i for i, g in enumerate(arrays[grams])}, np.asarray(arrays[idf], np.float32))

        return cls(
            vocabulary("lex_words", "lex_word_idf"),
            vocabulary("lex_chars", "lex_char_idf"),
            np.asarray(arrays["lex_coef"], dtype=np.float32),
            float(arrays["lex_intercept"]),
            float(arrays["lex_weight"]),
        )
