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

    def similarities(self, query: str, sentences: Sequence[str]) -> list[float]:
        if not sentences:
            return []
        with self._lock:
            missing = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        if missing:
            vectors = np.asarray(self._embedder.embed_passages(missing), dtype=np.float32)
            with self._lock:
                for sentence, vector in zip(missing, vectors, strict=True):
                    self._vectors[sentence] = vector
                while len(self._vectors) > self._max:
                    self._vectors.popitem(last=False)
        query_vector = np.asarray(self._embedder.embed_queries([query]), dtype=np.float32)[0]
        with self._lock:
            matrix = np.stack([self._vectors[s] for s in sentences])
        return [float(x) for x in matrix @ query_vector]
