"""What is printed on each product's pack, learned from OCR of its reference photos (train/ only).

Product names rarely appear whole on a photo; what OCR reads is brand fragments and the local-language label
("BRAVO", "GOD", "MOR", "APELSIN", "GRÄDDFIL"). So the catalog keeps, per product, the words OCR read on its own
train photos and how often; a new photo's OCR text is scored against those profiles, weighting words by how
specific they are to few products (IDF), and against the product names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import numpy as np

_TOKEN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def tokens(text: str) -> set[str]:
    return {t.lower() for t in _TOKEN.findall(text)}


class PackTextProfile:
    def __init__(self, weights: dict[str, dict[int, float]], n_classes: int) -> None:
        self.weights = weights  # token -> {class id: share of that product's photos showing it × idf}
        self.n_classes = n_classes

    @classmethod
    def build(cls, texts: list[str], labels: list[int], n_classes: int, min_share: float = 0.15) -> PackTextProfile:
        photos = Counter(labels)
        seen: dict[str, Counter[int]] = {}
        for text, label in zip(texts, labels, strict=True):
            for token in tokens(text):
                seen.setdefault(token, Counter())[label] += 1
        weights: dict[str, dict[int, float]] = {}
        for token, per_class in seen.items():
            shares = {c: n / photos[c] for c, n in per_class.items() if n / photos[c] >= min_share and n >= 2}
            if shares:
                idf = math.log(1 + n_classes / len(shares))
                weights[token] = {c: share * idf for c, share in shares.items()}
        return cls(weights, n_classes)

    def scores(self, text: str) -> np.ndarray:
        """Per product, 0..1: the evidence that the photo's text is this product's pack (saturating: one word
        specific to a product and on most of its photos gives ~0.95)."""
        out = np.zeros(self.n_classes, dtype=np.float32)
        for token in tokens(text):
            for c, weight in self.weights.get(token, {}).items():
                out[c] += weight
        return (1.0 - np.exp(-out)).astype(np.float32)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_classes": self.n_classes,
            "weights": {t: {str(c): w for c, w in cw.items()} for t, cw in self.weights.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PackTextProfile:
        weights = {t: {int(c): float(w) for c, w in cw.items()} for t, cw in data["weights"].items()}
        return cls(weights, int(data["n_classes"]))
