"""The understanding head: character n-grams (language-agnostic: works for unspaced Chinese and Russian
inflections) hashed into a fixed space, and two logistic-regression heads — the act (request, question, yes,
no, inform) and the action asked for (cancel, return, change, address, payment, none).

Hashing keeps the saved head small and free of a vocabulary; prediction is a sparse dot product (well under
a millisecond), so it runs on every utterance of a call. Saved as .npz (float16 weights) + .json (labels,
metrics), like the project's other heads.

With a sentence embedder (the gateway's own, e.g. the packaged multilingual-e5-small, which embeds every
message anyway), the message's embedding is appended to the n-grams: meaning across phrasings and languages
next to the surface forms. Such a head is saved per embedder (``understanding-<embedder>.npz``) and needs that
embedder to load; the n-gram head (``understanding.npz``) works everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotline.dialogue.head_files import head_file

N_FEATURES = 1 << 16
DEFAULT_HEAD = head_file("understanding")
EMBEDDING_WEIGHT = 1.0  # the embedding's scale next to the l2-normalised n-gram vector


def understanding_head_path(embedder_name: str | None) -> Path:
    """Where the head trained with this embedder's features is kept (None: the n-gram head)."""
    return head_file("understanding", embedder_name)


def _vectorizer():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(1, 4), n_features=N_FEATURES, alternate_sign=False, norm="l2", lowercase=True
    )


@dataclass
class Prediction:
    act: str
    act_p: float
    action: str
    action_p: float


class UnderstandingHead:
    def __init__(self, heads: dict[str, tuple[list[str], np.ndarray, np.ndarray]], embedder: Any = None) -> None:
        self.heads = heads  # name -> (labels, weights [labels x features], bias [labels])
        self.embedder = embedder  # None: n-grams only; else its embedding follows the n-grams
        self._vec = _vectorizer()

    @classmethod
    def load(cls, path: Path = DEFAULT_HEAD, embedder: Any = None) -> UnderstandingHead:
        data = np.load(path)
        meta = json.loads(path.with_suffix(".json").read_text())
        wanted = meta.get("embedder")
        if wanted is not None and (embedder is None or embedder.name != wanted):
            got = None if embedder is None else embedder.name
            raise ValueError(f"understanding head {path.name} needs the embedder {wanted}, not {got}")
        heads = {
            name: (labels, data[f"{name}_w"].astype(np.float32), data[f"{name}_b"].astype(np.float32))
            for name, labels in meta["labels"].items()
        }
        return cls(heads, embedder if wanted is not None else None)

    def save(self, path: Path, report: dict[str, object]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {}
        for name, (_labels, w, b) in self.heads.items():
            arrays[f"{name}_w"], arrays[f"{name}_b"] = w.astype(np.float16), b.astype(np.float16)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]  # numpy's stub reads **kwargs as its flags
        meta = {
            "labels": {n: labels for n, (labels, _w, _b) in self.heads.items()},
            "embedder": None if self.embedder is None else self.embedder.name,
            "report": report,
        }
        path.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))

    def _probabilities(self, x: Any, vector: np.ndarray | None, name: str) -> tuple[str, float]:
        labels, w, b = self.heads[name]
        logits = np.asarray(x @ w[:, :N_FEATURES].T).ravel() + b
        if vector is not None:
            logits += w[:, N_FEATURES:] @ vector
        p = np.exp(logits - logits.max())
        p /= p.sum()
        best = int(p.argmax())
        return labels[best], float(p[best])

    def predict(self, text: str) -> Prediction:
        x = self._vec.transform([text])  # the message's features, once for both heads
        vector = None
        if self.embedder is not None:
            vector = np.asarray(self.embedder.embed_queries([text]), dtype=np.float32)[0] * EMBEDDING_WEIGHT
        act, act_p = self._probabilities(x, vector, "act")
        action, action_p = self._probabilities(x, vector, "action")
        return Prediction(act, act_p, action, action_p)


def features(texts: list[str], embedder: Any = None, batch: int = 64, progress: Any = None) -> Any:
    """The n-grams of each text, and its embedding after them when there is an embedder (sparse matrix)."""
    from scipy.sparse import csr_matrix, hstack

    x = _vectorizer().transform(texts)
    if embedder is None:
        return x
    parts = []
    for start in range(0, len(texts), batch):
        parts.append(np.asarray(embedder.embed_queries(texts[start : start + batch]), dtype=np.float32))
        if progress is not None:
            progress(min(start + batch, len(texts)), len(texts))
    return hstack([x, csr_matrix(np.vstack(parts) * EMBEDDING_WEIGHT)]).tocsr()


def fit(
    texts: list[str], labels: dict[str, list[str]], c: float = 8.0, embedder: Any = None, x: Any = None
) -> UnderstandingHead:
    from sklearn.linear_model import LogisticRegression

    x = features(texts, embedder) if x is None else x
    heads = {}
    for name, ys in labels.items():
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(x, ys)
        classes = [str(c_) for c_ in model.classes_]
        w, b = model.coef_, model.intercept_
        if len(classes) == 2:  # sklearn keeps one row for two classes
            w, b = np.vstack([-w[0], w[0]]) / 2, np.array([-b[0], b[0]]) / 2
        heads[name] = (classes, np.asarray(w, dtype=np.float32), np.asarray(b, dtype=np.float32))
    return UnderstandingHead(heads, embedder)
