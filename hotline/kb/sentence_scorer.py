"""Sentence similarity with the knowledge base's own embedder: which sentence of an article answers the question.

The knowledge base's sentences are few and fixed, so their vectors are kept once computed (bounded); a query is
embedded once per turn by the embedder's own cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from hotline.ports import Embedder


class EmbeddingSentenceScorer:
    def __init__(self, embedder: Embedder, max_cached: int = 20_000) -> None:
        self._embedder = embedder
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._max = max_cached
        self._lock = threading.Lock()

    def remember(self, sentences: Sequence[str], batch: int = 64) -> int:
        """Embed the sentences not known yet (the knowledge base's, at start-up: a caller's first question about
        an article then costs one query, not the article's sentences). The number embedded."""
        with self._lock:
            missing = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            vectors = np.asarray(self._embedder.embed_passages(chunk), dtype=np.float32)
            with self._lock:
                for sentence, vector in zip(chunk, vectors, strict=True):
                    self._vectors[sentence] = vector
                while len(self._vectors) > self._max:
                    self._vectors.popitem(last=False)
        return len(missing)

    def similarities(self, query: str, sentences: Sequence[str]) -> list[float]:
        if not sentences:
            return []
        self.remember(sentences)
        query_vector = np.asarray(self._embedder.embed_queries([query]), dtype=np.float32)[0]
        with self._lock:
            matrix = np.stack([self._vectors[s] for s in sentences])
        return [float(x) for x in matrix @ query_vector]
