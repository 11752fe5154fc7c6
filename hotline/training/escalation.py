"""``hotline train escalation``: the anger/risk head, trained by the project on GoEmotions.

anger, annoyance and disgust mean "escalate"; everything else does not. The head is a logistic regression
on the configured sentence embeddings; the decision threshold is picked on the dev split (best F1) and the
test split is reported. With a multilingual embedder, COLD (Chinese offensive language) is added to the
training data and ru-goemotions (GoEmotions translated to Russian) is reported as a validation.
"""

from __future__ import annotations

import csv
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from hotline.training.escalation_data import goemotions_rows

log = logging.getLogger(__name__)
ESCALATE_LABELS = {2, 3, 11}  # anger, annoyance, disgust (labels.txt order)


def load_goemotions(path: Path, limit: int | None = None) -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for text, ids in goemotions_rows(path):
        texts.append(text)
        labels.append(1 if ids & ESCALATE_LABELS else 0)
    y = np.array(labels, dtype=np.int8)
    return (texts[:limit], y[:limit]) if limit else (texts, y)


def load_cold(path: Path, limit: int | None = None) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    rows = rows[:limit] if limit else rows
    return [r["TEXT"] for r in rows], np.array([int(r["label"]) for r in rows], dtype=np.int8)


def load_ru_goemotions(path: Path, limit: int | None = None) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows = rows[:limit] if limit else rows
    labels = [1 if {int(x) for x in r["labels"].strip("[]").split()} & ESCALATE_LABELS else 0 for r in rows]
    return [r["ru_text"] for r in rows], np.array(labels, dtype=np.int8)


def _metrics(y: np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, float]:
    predicted = scores >= threshold
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    fn = int(np.sum(~predicted & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "positives": int(np.sum(y == 1)),
        "n": len(y),
        "threshold": round(threshold, 3),
    }


def train_escalation_head(
    embedder: Any,
    emotion_dir: Path,
    out: Path,
    progress: Callable[[str], None] = log.info,
    train_limit: int | None = None,
    multilingual: bool = False,
) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()

    def embed(texts: list[str], name: str) -> np.ndarray:
        progress(f"embedding {len(texts)} {name} sentences")
        chunks = [
            np.asarray(embedder.embed_queries(texts[i : i + 512]), dtype=np.float32) for i in range(0, len(texts), 512)
        ]
        return np.concatenate(chunks) if chunks else np.zeros((0, embedder.dimension), dtype=np.float32)

    train_texts, y_train = load_goemotions(emotion_dir / "train.tsv", train_limit)
    x_train = embed(train_texts, "GoEmotions train")
    if multilingual and (emotion_dir / "cold" / "train.csv").exists():
        cold_texts, cold_y = load_cold(emotion_dir / "cold" / "train.csv", train_limit)
        x_train = np.concatenate([x_train, embed(cold_texts, "COLD train")])
        y_train = np.concatenate([y_train, cold_y])
    progress("fitting logistic regression")
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    model.fit(x_train, y_train)

    def scores(x: np.ndarray) -> np.ndarray:
        return np.asarray(model.predict_proba(x)[:, 1])

    dev_texts, y_dev = load_goemotions(emotion_dir / "dev.tsv")
    dev_scores = scores(embed(dev_texts, "GoEmotions dev"))
    threshold = max(np.arange(0.3, 0.95, 0.025), key=lambda t: _metrics(y_dev, dev_scores, float(t))["f1"])
    test_texts, y_test = load_goemotions(emotion_dir / "test.tsv")
    report: dict[str, Any] = {
        "embedder": embedder.name,
        "train_examples": len(y_train),
        "threshold": round(float(threshold), 3),
        "goemotions_dev": _metrics(y_dev, dev_scores, float(threshold)),
        "goemotions_test": _metrics(y_test, scores(embed(test_texts, "GoEmotions test")), float(threshold)),
    }
    if multilingual:
        if (emotion_dir / "cold" / "dev.csv").exists():
            cold_dev, cold_dev_y = load_cold(emotion_dir / "cold" / "dev.csv", 2000)
            report["cold_dev"] = _metrics(cold_dev_y, scores(embed(cold_dev, "COLD dev")), float(threshold))
        if (emotion_dir / "ru_goemotions_validation.csv").exists():
            ru, ru_y = load_ru_goemotions(emotion_dir / "ru_goemotions_validation.csv", 2000)
            report["ru_goemotions_validation"] = _metrics(ru_y, scores(embed(ru, "ru-goemotions")), float(threshold))
    report["seconds"] = round(time.perf_counter() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        out,
        coef=model.coef_[0].astype(np.float32),
        intercept=np.float32(model.intercept_[0]),
        embedder=np.str_(embedder.name),
        threshold=np.float32(threshold),
    )
    out.with_suffix(".json").write_text(json.dumps(report, indent=2))
    progress(f"saved {out}")
    return report
