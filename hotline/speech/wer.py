"""Word and character error rates (Levenshtein over tokens) with light normalisation, for tests and benches."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("-", " ")
    text = re.sub(r"\b(\d|10)\b", lambda m: _DIGITS[int(m.group(1))], text)
    text = re.sub(r"\bmr\b\.?", "mister", text)
    text = re.sub(r"\bmrs\b\.?", "missus", text)
    text = "".join(c if c.isalnum() or c.isspace() else " " for c in text)
    return " ".join(text.split())


def _distance(ref: list[str], hyp: list[str]) -> int:
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1]


def word_error_rate(reference: str, hypothesis: str) -> float:
    ref, hyp = normalise(reference).split(), normalise(hypothesis).split()
    return _distance(ref, hyp) / max(1, len(ref))


def char_error_rate(reference: str, hypothesis: str) -> float:
    """For languages written without spaces (Chinese)."""
    ref, hyp = list(normalise(reference).replace(" ", "")), list(normalise(hypothesis).replace(" ", ""))
    return _distance(ref, hyp) / max(1, len(ref))


def error_rate(language: str, reference: str, hypothesis: str) -> float:
    return char_error_rate(reference, hypothesis) if language == "zh" else word_error_rate(reference, hypothesis)
