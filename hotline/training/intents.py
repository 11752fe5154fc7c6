"""``hotline train intents``: the intent head, trained by the project on Bitext + CLINC150.

A multinomial logistic regression over sentence embeddings (the profile's embedder: multilingual-e5 makes
zh/ru work). CLINC150's out-of-scope class is kept as a class of its own ("not something we handle"); a
prediction whose probability is below a threshold tuned on CLINC's validation split also counts as out of
scope. Banking77 is trained and tested with the same recipe to show the recipe is sound. A small probe of plain
customer requests in en/ru/zh (eval/intent_probe.jsonl) shows what the multilingual embedder buys: the training
data is English only.
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
PROBE_FILE = Path(__file__).resolve().parents[2] / "eval" / "intent_probe.jsonl"


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


# Recipes tried, the one best on CLINC150's validation split kept: (standardise the features, C).
# Standardising helps embedders whose vectors crowd together (multilingual-e5); MiniLM prefers raw vectors.
RECIPES = ((False, 10.0), (True, 0.1))


class _Head:
    """A logistic regression, with the standardisation (if any) folded into its weights."""

    def __init__(self, x: np.ndarray, y: list[str], standardise: bool, c: float) -> None:
        from sklearn.linear_model import LogisticRegression

        mean = x.mean(axis=0) if standardise else np.zeros(x.shape[1], dtype=np.float32)
        scale = x.std(axis=0) + 1e-6 if standardise else np.ones(x.shape[1], dtype=np.float32)
        model = LogisticRegression(C=c, max_iter=3000)
        model.fit((x - mean) / scale, y)
        self.classes: list[str] = list(model.classes_)
        self.coef = (model.coef_ / scale).astype(np.float32)
        self.intercept = (model.intercept_ - self.coef @ mean).astype(np.float32)
        self.standardise, self.c = standardise, c

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        logits = x @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        return np.asarray(probabilities / probabilities.sum(axis=1, keepdims=True))

    def predict(self, x: np.ndarray) -> list[str]:
        return [self.classes[i] for i in self.predict_proba(x).argmax(axis=1)]


def _probe(path: Path) -> list[dict[str, str]]:
    """Plain customer requests in en/ru/zh with their intents (eval/intent_probe.jsonl, written by Hotline)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def train_intent_head(
    embedder: Any,
    dialogue_dir: Path,
    out: Path,
    progress: Callable[[str], None] = log.info,
    with_banking77: bool = True,
    probe_file: Path = PROBE_FILE,
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
    val_rows = clinc["val"] + clinc["oos_val"]
    x_val = embed(val_rows, "CLINC150 validation")
    y_val = [label for _, label in val_rows]

    def predict(head: _Head, x: np.ndarray, threshold: float) -> list[str]:
        probabilities = head.predict_proba(x)
        best = probabilities.argmax(axis=1)
        return [head.classes[i] if probabilities[row, i] >= threshold else OUT_OF_SCOPE for row, i in enumerate(best)]

    def balanced(head: _Head, threshold: float) -> float:
        predicted = predict(head, x_val, threshold)
        in_scope = [p == y for p, y in zip(predicted, y_val, strict=True) if y != OUT_OF_SCOPE]
        oos = [p == OUT_OF_SCOPE for p, y in zip(predicted, y_val, strict=True) if y == OUT_OF_SCOPE]
        return float(np.mean(in_scope) + np.mean(oos))

    candidates = []
    for standardise, c in RECIPES:
        progress(f"fitting the intent head (standardise={standardise}, C={c})")
        head = _Head(x_train, [label for _, label in train_rows], standardise, c)
        scores = {float(t): balanced(head, float(t)) for t in np.arange(0.0, 0.8, 0.05)}
        threshold = max(scores, key=lambda t: scores[t])
        candidates.append((scores[threshold], head, threshold))
    _score, model, threshold = max(candidates, key=lambda candidate: candidate[0])
    classes = model.classes

    def accuracy(rows: list[tuple[str, str]], name: str) -> float:
        predicted = predict(model, embed(rows, name), threshold)
        return round(float(np.mean([p == y for p, (_, y) in zip(predicted, rows, strict=True)])), 4)

    report: dict[str, Any] = {
        "embedder": embedder.name,
        "classes": len(classes),
        "train_examples": len(train_rows),
        "recipe": {"standardise": model.standardise, "C": model.c},
        "oos_threshold": round(threshold, 2),
        "bitext_heldout_accuracy": accuracy(bitext_test, "Bitext held-out"),
        "clinc150_test_accuracy": accuracy(clinc["test"], "CLINC150 test"),
        "clinc150_oos_recall": accuracy(clinc["oos_test"], "CLINC150 out-of-scope test"),
    }
    if probe := _probe(probe_file):
        for lang in sorted({p["lang"] for p in probe}):
            rows = [(p["text"], p["intent"]) for p in probe if p["lang"] == lang]
            report[f"probe_accuracy_{lang}"] = accuracy(rows, f"{lang} probe")
    if with_banking77 and (dialogue_dir / "banking77_train.csv").exists():
        banking_train = _banking(dialogue_dir / "banking77_train.csv")
        banking_test = _banking(dialogue_dir / "banking77_test.csv")
        x_banking = embed(banking_train, "Banking77 train")
        banking = _Head(x_banking, [y for _, y in banking_train], model.standardise, model.c)
        predicted = banking.predict(embed(banking_test, "Banking77 test"))
        report["banking77_test_accuracy"] = round(
            float(np.mean([p == y for p, (_, y) in zip(predicted, banking_test, strict=True)])), 4
        )
    report["seconds"] = round(time.perf_counter() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        out,
        coef=model.coef,
        intercept=model.intercept,
        classes=np.array(classes),
        embedder=np.str_(embedder.name),
        threshold=np.float32(threshold),
    )
    out.with_suffix(".json").write_text(json.dumps(report, indent=2))
    progress(f"saved {out}")
    return report
