"""``hotline train intents``: the intent head, trained by the project on Bitext + CLINC150.

A multinomial logistic regression over sentence embeddings (the profile's embedder: multilingual-e5 makes
zh/ru work). CLINC150's out-of-scope class is kept as a class of its own ("not something we handle"); a
prediction whose probability is below a threshold tuned on CLINC's validation split also counts as out of
scope. Banking77 is trained and tested with the same recipe to show the recipe is sound.
"""

from __future__ import annotations

import csv
import json
import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
OUT_OF_SCOPE = "out_of_scope"


def _bitext(path: Path, seed: int = 13) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    with path.open(newline="") as handle:
        rows = [(r["instruction"], f"bitext:{r['intent']}") for r in csv.DictReader(handle)]
    rng = random.Random(seed)
    rng.shuffle(rows)
    cut = int(len(rows) * 0.8)  # held-out 20 %, fixed by the seed
    return rows[:cut], rows[cut:]


def _clinc(path: Path) -> dict[str, list[tuple[str, str]]]:
    data = json.loads(path.read_text())

    def label(intent: str) -> str:
        return OUT_OF_SCOPE if intent == "oos" else f"clinc:{intent}"

    return {split: [(text, label(intent)) for text, intent in rows] for split, rows in data.items()}


def _banking(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="") as handle:
        return [(r["text"], r["category"]) for r in csv.DictReader(handle)]


def _fit(x: np.ndarray, y: list[str]) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=10.0, max_iter=3000)
    model.fit(x, y)
    return model


def train_intent_head(
    embedder: Any,
    dialogue_dir: Path,
    out: Path,
    progress: Callable[[str], None] = log.info,
    with_banking77: bool = True,
) -> dict[str, Any]:
    started = time.perf_counter()

    def embed(rows: list[tuple[str, str]], name: str) -> np.ndarray:
        progress(f"embedding {len(rows)} {name} sentences")
        texts = [t for t, _ in rows]
        parts = [
            np.asarray(embedder.embed_queries(texts[i : i + 512]), dtype=np.float32) for i in range(0, len(texts), 512)
        ]
        return np.concatenate(parts)

    bitext_train, bitext_test = _bitext(dialogue_dir / "bitext_cs_llm_v2023-08-18.csv")
    clinc = _clinc(dialogue_dir / "clinc150.json")
    train_rows = bitext_train + clinc["train"] + clinc["oos_train"]
    x_train = embed(train_rows, "Bitext + CLINC150 train")
    progress("fitting the intent head")
    model = _fit(x_train, [label for _, label in train_rows])
    classes = list(model.classes_)

    def predict(x: np.ndarray, threshold: float) -> list[str]:
        probabilities = model.predict_proba(x)
        best = probabilities.argmax(axis=1)
        return [classes[i] if probabilities[row, i] >= threshold else OUT_OF_SCOPE for row, i in enumerate(best)]

    val_rows = clinc["val"] + clinc["oos_val"]
    x_val = embed(val_rows, "CLINC150 validation")
    y_val = [label for _, label in val_rows]

    def balanced(threshold: float) -> float:
        predicted = predict(x_val, threshold)
        in_scope = [p == y for p, y in zip(predicted, y_val, strict=True) if y != OUT_OF_SCOPE]
        oos = [p == OUT_OF_SCOPE for p, y in zip(predicted, y_val, strict=True) if y == OUT_OF_SCOPE]
        return float(np.mean(in_scope) + np.mean(oos))

    threshold = max(np.arange(0.0, 0.8, 0.05), key=lambda t: balanced(float(t)))

    def accuracy(rows: list[tuple[str, str]], name: str) -> float:
        predicted = predict(embed(rows, name), float(threshold))
        return round(float(np.mean([p == y for p, (_, y) in zip(predicted, rows, strict=True)])), 4)

    report: dict[str, Any] = {
        "embedder": embedder.name,
        "classes": len(classes),
        "train_examples": len(train_rows),
        "oos_threshold": round(float(threshold), 2),
        "bitext_heldout_accuracy": accuracy(bitext_test, "Bitext held-out"),
        "clinc150_test_accuracy": accuracy(clinc["test"], "CLINC150 test"),
        "clinc150_oos_recall": accuracy(clinc["oos_test"], "CLINC150 out-of-scope test"),
    }
    if with_banking77 and (dialogue_dir / "banking77_train.csv").exists():
        banking_train = _banking(dialogue_dir / "banking77_train.csv")
        banking_test = _banking(dialogue_dir / "banking77_test.csv")
        banking = _fit(embed(banking_train, "Banking77 train"), [y for _, y in banking_train])
        predicted = banking.predict(embed(banking_test, "Banking77 test"))
        report["banking77_test_accuracy"] = round(
            float(np.mean([p == y for p, (_, y) in zip(predicted, banking_test, strict=True)])), 4
        )
    report["seconds"] = round(time.perf_counter() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        out,
        coef=model.coef_.astype(np.float32),
        intercept=model.intercept_.astype(np.float32),
        classes=np.array(classes),
        embedder=np.str_(embedder.name),
        threshold=np.float32(threshold),
    )
    out.with_suffix(".json").write_text(json.dumps(report, indent=2))
    progress(f"saved {out}")
    return report
