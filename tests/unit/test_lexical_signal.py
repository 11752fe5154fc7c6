"""The words' part of the anger signal: n-gram features, a fitted model, the blend with the embedding head, and the
head file round trip (plain arrays, no pickles)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.dialogue.escalation import SignalHead
from hotline.dialogue.lexical_signal import LexicalModel, char_grams, word_grams
from hotline.training.escalation import fit_lexical


class Embedder:
    name = "test:embedder"
    dimension = 2

    def embed_queries(self, texts: list[str]) -> Any:
        return np.array([[len(t) / 10, 1.0] for t in texts], dtype=np.float32)


ANGRY = ["this is pathetic", "you are pathetic liars", "pathetic service, disgusting", "disgusting, just disgusting"]
CALM = ["where is my parcel", "thanks, that helps", "can I change the colour", "my parcel came today, thanks"]


def test_word_and_character_grams() -> None:
    assert word_grams("Where is my parcel") == {
        "where": 1, "is": 1, "my": 1, "parcel": 1, "where is": 1, "is my": 1, "my parcel": 1,
    }  # fmt: skip
    grams = char_grams("Ok 恶心")
    assert grams[" o"] == 1 and grams["ok "] == 1 and grams[" 恶心 "] == 1
    assert " ok " in grams and "k 恶" not in grams  # n-grams stay inside a word


@pytest.fixture(scope="module")
def model() -> LexicalModel:
    return fit_lexical(ANGRY * 3 + CALM * 3, np.array([1] * 12 + [0] * 12), weight=0.4)


def test_a_fitted_model_hears_the_words_and_scores_like_its_matrix(model: LexicalModel) -> None:
    logits = model.logits(["so pathetic", "where is it"])
    assert logits[0] > 0 > logits[1]
    texts = ["so pathetic", "where is it", "nothing known here zzz"]
    assert model.logits(texts) == pytest.approx(model.matrix(texts) @ model.coef + model.intercept, abs=1e-5)
    assert model.logits(["zzz"])[0] == pytest.approx(model.intercept)  # no known n-gram: the intercept alone


def test_the_head_blends_the_words_and_the_file_keeps_them(model: LexicalModel, tmp_path: Path) -> None:
    weights = {"coef": np.array([0.5, -0.2], np.float32), "intercept": np.float32(0.1)}
    head = SignalHead.from_weights(Embedder(), weights)
    text = "what a pathetic shop"
    alone = head.score(text)
    head.lexical = model
    vector = np.asarray(Embedder().embed_queries([text]), dtype=np.float32)
    expected_logit = 0.6 * float(head.logits(vector)[0]) + 0.4 * float(model.logits([text])[0])
    assert head.score(text) == pytest.approx(1 / (1 + np.exp(-expected_logit)))
    assert head.score(text) > alone
    assert head.score_vectors(vector)[0] == pytest.approx(alone)  # the embeddings alone, as before
    path = tmp_path / "anger.npz"
    np.savez_compressed(path, **weights, **model.arrays(), embedder=np.str_("test:embedder"))
    loaded = SignalHead(Embedder(), path)
    assert loaded.lexical is not None and loaded.lexical.weight == pytest.approx(0.4)
    assert loaded.score_many([text, "where is my parcel"]) == pytest.approx(
        head.score_many([text, "where is my parcel"])
    )
