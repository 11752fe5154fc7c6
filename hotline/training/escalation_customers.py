"""``hotline train escalation-customers``: the anger head for customers angry with the company.

The anger head (``escalation``) learnt anger from public comments: Reddit's (GoEmotions, en; its machine
translation, ru) and Chinese abuse (COLD). Customers angry with a company sound unlike both ("Сколько можно
ждать?!", "别再跟我绕圈子了"), and training that head on them too cost it the comments' anger (issue #21's
session-43 note). So they get a head of their own, and the gateway's anger score is the higher of the two
(``escalation.AngerSignal``), calibrated as one score by ``hotline train escalation-calibrate``.

What it learns: the angry customers composed from ``anger_phrases.yaml`` (training frames and parts only: the
held-out phrasings stay for ``hotline bench escalation``) mean "angry"; the calm composed customers, the demo
company's generated customer messages (another draw than the calibration's), neutral GoEmotions comments, Russian
comments of the other emotions (``other_emotions_ru``: none of the calibration's kinds) and inoffensive Chinese
(COLD) do not. Without the everyday comments its only Russian and Chinese texts would be customers', and an
emotional comment in either would sound angry to it. Same model as the anger head: a perceptron on the sentence
embeddings blended with the words' model (``lexical_signal``).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotline.training.anger_phrases import PER_FRAME, composed
from hotline.training.escalation import composed_held_out, fit_signal_head, load_cold, other_emotions_ru
from hotline.training.escalation_data import LANGS, embed_in_batches, goemotions_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CustomerAngerTraining:
    per_frame: int = PER_FRAME  # composed customers per frame (anger_phrases.composed)
    customer_messages: int = 400  # per language
    neutral_en: int = 2000  # GoEmotions neutral comments
    other_emotions_ru: int = 1500
    inoffensive_zh: int = 1500  # COLD, label 0
    hidden: int = 128
    alpha: float = 1e-3
    lexical_weight: float = 0.3
    seed: int = 0


def customer_training_texts(
    emotion_dir: Path, customer_messages: dict[str, list[str]], config: CustomerAngerTraining
) -> tuple[list[str], np.ndarray, dict[str, int]]:
    """The seeded training sample: texts, labels (1 = angry) and how many of each kind."""
    rng = random.Random(config.seed)

    def sample(texts: list[str], n: int) -> list[str]:
        return rng.sample(texts, min(n, len(texts)))

    chosen: dict[str, list[str]] = {}
    for lang, parts in composed(config.per_frame, config.seed).items():
        chosen[f"angry_customer_{lang}"] = [t for t, angry in parts["train"] if angry]
        chosen[f"calm_customer_{lang}"] = [t for t, angry in parts["train"] if not angry]
    for lang, messages in customer_messages.items():
        chosen[f"customer_{lang}"] = messages[: config.customer_messages]
    chosen["neutral_en"] = sample(
        [t for t, ids in goemotions_rows(emotion_dir / "train.tsv") if ids == {27}], config.neutral_en
    )
    ru = emotion_dir / "ru_goemotions_validation.csv"
    if ru.exists():
        chosen["other_emotions_ru"] = sample(other_emotions_ru(ru), config.other_emotions_ru)
    cold = emotion_dir / "cold" / "train.csv"
    if cold.exists():
        texts, labels = load_cold(cold)
        chosen["inoffensive_zh"] = sample(
            [t for t, y in zip(texts, labels, strict=True) if y == 0], config.inoffensive_zh
        )
    texts = [t for items in chosen.values() for t in items]
    labels = np.array(
        [1 if kind.startswith("angry_") else 0 for kind, items in chosen.items() for _ in items], dtype=np.int8
    )
    return texts, labels, {kind: len(items) for kind, items in chosen.items()}


def train_customer_anger_head(
    embedder: Any,
    emotion_dir: Path,
    customer_messages: dict[str, list[str]],
    out: Path,
    progress: Callable[[str], None] = log.info,
    config: CustomerAngerTraining = CustomerAngerTraining(),
) -> dict[str, Any]:
    """Train, write ``out`` (+ its report as JSON) and report the held-out composed customers flagged at 0.5 (the
    gateway's thresholds are the calibration's, over the combined score)."""
    started = time.perf_counter()
    texts, labels, counts = customer_training_texts(emotion_dir, customer_messages, config)
    progress(f"embedding {len(texts)} training texts")
    vectors = embed_in_batches(embedder, texts)
    progress("fitting the perceptron and the words' model")
    head, weights = fit_signal_head(
        embedder, texts, vectors, labels, config.hidden, config.alpha, config.seed, config.lexical_weight
    )
    held_out = composed_held_out(
        lambda texts, _name: head.score_texts(texts, embed_in_batches(embedder, texts)),
        0.5,
        config.per_frame,
        config.seed,
        LANGS,
    )
    report: dict[str, Any] = {
        "embedder": embedder.name,
        "model": f"perceptron, one hidden layer of {config.hidden} (ReLU), L2 {config.alpha}; blended with TF-IDF "
        f"n-grams (share {config.lexical_weight})",
        "config": asdict(config),
        "train_examples": len(labels),
        "train_kinds": counts,
        "composed_held_out_at_0.5": held_out,
        "seconds": round(time.perf_counter() - started, 1),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **weights, embedder=np.str_(embedder.name), threshold=np.float32(0.5))
    out.with_suffix(".json").write_text(json.dumps(report, indent=2))
    progress(f"saved {out}")
    return report
