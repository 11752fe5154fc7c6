"""The understanding head with an embedder's features: saved with the embedder's name, refused without it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from hotline.dialogue.understanding.head import UnderstandingHead, fit, understanding_head_path


class FakeEmbedder:
    name = "fake:hash-8"

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        rows = [[float(len(t) % (i + 2)) for i in range(8)] for t in texts]
        matrix = np.asarray(rows, dtype=np.float32) + 1.0
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


TEXTS = ["cancel my order", "cancel it please", "return the lamp", "I want to return this", "what is the policy?"]
LABELS = {"act": ["request", "request", "request", "request", "question"]}
LABELS["action"] = ["cancel", "cancel", "return", "return", "none"]


def test_a_head_with_embedding_features_round_trips(tmp_path: Path) -> None:
    head = fit(TEXTS, LABELS, embedder=FakeEmbedder())
    path = tmp_path / "understanding-fake.npz"
    head.save(path, {})
    loaded = UnderstandingHead.load(path, FakeEmbedder())
    assert loaded.predict("cancel my order").action == head.predict("cancel my order").action == "cancel"


def test_it_refuses_to_load_without_its_embedder(tmp_path: Path) -> None:
    path = tmp_path / "understanding-fake.npz"
    fit(TEXTS, LABELS, embedder=FakeEmbedder()).save(path, {})
    with pytest.raises(ValueError, match="needs the embedder fake:hash-8"):
        UnderstandingHead.load(path)


def test_each_embedder_has_its_own_file() -> None:
    assert understanding_head_path(None).name == "understanding.npz"
    assert understanding_head_path("packaged:multilingual-e5-small").name == (
        "understanding-packaged_multilingual-e5-small.npz"
    )
