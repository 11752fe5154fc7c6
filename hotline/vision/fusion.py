"""Scores from several views of a photo, fused into one calibrated distribution over the catalog.

Views: the catalog CLIP's zero-shot similarity to each product's text, kNN over the reference photos' embeddings
(per product: the mean of its k most similar photos), the appearance classifier (colour and shape features, see
appearance.py), and, when OCR read text on the photo, a match of that text against the product names. Each view
becomes log-probabilities (the similarities with their own temperature); the fused distribution is their weighted
sum, softmaxed. Weights, temperatures and the confidence
threshold are tuned on val/ (never trained on).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from hotline.vision.appearance import AppearanceClassifier


@dataclass
class FusionWeights:
    text_scale: float = 50.0
    knn_scale: float = 50.0
    w_text: float = 1.0
    w_knn: float = 1.0
    w_appearance: float = 1.0
    w_ocr: float = 4.0
    knn_k: int = 3
    temperature: float = 1.0  # fitted on val (least log-loss) so that fused probabilities mean what they say
    confident_at: float = 0.6  # fused top-1 probability from which the product is named without asking


def log_softmax(x: np.ndarray) -> np.ndarray:
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(x: np.ndarray) -> np.ndarray:
    return np.exp(log_softmax(x))


def knn_scores(query: np.ndarray, refs: np.ndarray, labels: np.ndarray, n_classes: int, k: int) -> np.ndarray:
    """Per class, the mean similarity of its ``k`` most similar reference items. (Q, C)

    A product with no reference photos (new in the catalog) gets the mean of the others' scores: this view has no
    opinion on it, so the product texts and OCR can still find it."""
    sims = query @ refs.T
    out = np.zeros((len(query), n_classes), dtype=np.float32)
    seen = np.zeros(n_classes, dtype=bool)
    for c in range(n_classes):
        members = sims[:, labels == c]
        if members.shape[1] == 0:
            continue
        kk = min(k, members.shape[1])
        top = np.partition(members, members.shape[1] - kk, axis=1)[:, -kk:]
        out[:, c] = top.mean(axis=1)
        seen[c] = True
    if seen.any() and not seen.all():
        out[:, ~seen] = out[:, seen].mean(axis=1, keepdims=True)
    return out


def view_scores(
    emb: np.ndarray,
    looks: np.ndarray,
    class_text: np.ndarray,
    ref_emb: np.ndarray,
    ref_labels: np.ndarray,
    appearance: AppearanceClassifier,
    k: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three image views (Q, products): zero-shot text similarity, reference-photo kNN, and the appearance
    classifier's log-probabilities of the photos' appearance features ``looks``."""
    n = class_text.shape[0]
    return emb @ class_text.T, knn_scores(emb, ref_emb, ref_labels, n, k), appearance.log_proba(looks)


def fuse(text: np.ndarray, knn: np.ndarray, looks: np.ndarray, ocr: np.ndarray | None, w: FusionWeights) -> np.ndarray:
    logits = (
        w.w_text * log_softmax(w.text_scale * text) + w.w_knn * log_softmax(w.knn_scale * knn) + w.w_appearance * looks
    )
    logits = logits / w.temperature
    if ocr is not None:  # after calibration: a product name read on the pack is strong evidence on its own
        logits = logits + w.w_ocr * ocr
    return softmax(logits)


def topk_accuracy(scores: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    order = np.argsort(-scores, axis=1)
    top1 = float(np.mean(order[:, 0] == truth))
    top5 = float(np.mean((order[:, :5] == truth[:, None]).any(axis=1)))
    return round(top1, 4), round(top5, 4)


def fit_temperature(text: np.ndarray, knn: np.ndarray, looks: np.ndarray, truth: np.ndarray, w: FusionWeights) -> float:
    """Summed log-probabilities are over-confident; the temperature with the least log-loss on val undoes that
    (the ranking, hence accuracy, is unchanged)."""
    best_t, best_nll = 1.0, float("inf")
    for t in np.arange(1.0, 15.01, 0.25):
        probs = fuse(text, knn, looks, None, FusionWeights(**{**w.__dict__, "temperature": float(t)}))
        nll = float(-np.log(probs[np.arange(len(truth)), truth] + 1e-12).mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


def confidence_threshold(probs: np.ndarray, truth: np.ndarray, precision: float = 0.9) -> tuple[float, float]:
    """The lowest top-1 probability from which the named products are right ``precision`` of the time, and the
    share of photos named at that threshold (the rest are asked about with the top 3)."""
    best = probs.max(axis=1)
    right = probs.argmax(axis=1) == truth
    for step in range(5, 100):
        threshold = step / 100
        named = best >= threshold
        if named.any() and right[named].mean() >= precision:
            return round(float(threshold), 2), round(float(named.mean()), 4)
    return 1.0, 0.0


def tune_fusion(
    class_text: np.ndarray,
    ref_emb: np.ndarray,
    ref_y: np.ndarray,
    appearance: AppearanceClassifier,
    val_emb: np.ndarray,
    val_y: np.ndarray,
    val_looks: np.ndarray,
) -> tuple[FusionWeights, dict[str, object]]:
    best: tuple[tuple[float, float], FusionWeights] | None = None
    for k in (1, 3, 5):
        text, knn, looks = view_scores(val_emb, val_looks, class_text, ref_emb, ref_y, appearance, k)
        for text_scale, knn_scale, w_knn, w_appearance in itertools.product(
            (20.0, 50.0), (20.0, 50.0, 100.0), (0.0, 0.5, 1.0, 2.0), (0.0, 1.0, 2.0, 4.0, 8.0)
        ):
            w = FusionWeights(
                text_scale=text_scale, knn_scale=knn_scale, w_knn=w_knn, w_appearance=w_appearance, knn_k=k
            )
            accuracy = topk_accuracy(fuse(text, knn, looks, None, w), val_y)
            if best is None or accuracy > best[0]:
                best = (accuracy, w)
    assert best is not None
    weights = best[1]
    text, knn, looks = view_scores(val_emb, val_looks, class_text, ref_emb, ref_y, appearance, weights.knn_k)
    weights.temperature = fit_temperature(text, knn, looks, val_y, weights)
    probs = fuse(text, knn, looks, None, weights)
    weights.confident_at, named = confidence_threshold(probs, val_y)
    metrics: dict[str, object] = {
        "val_photos": len(val_y),
        "zero_shot_text": topk_accuracy(text, val_y),
        "reference_knn": topk_accuracy(knn, val_y),
        "appearance": topk_accuracy(looks, val_y),
        "fused": topk_accuracy(probs, val_y),
        "temperature": weights.temperature,
        "confident_at": weights.confident_at,
        "named_without_asking": named,
        "top3_when_asking": _top3_when_asking(probs, val_y, weights.confident_at),
    }
    return weights, metrics


def _top3_when_asking(probs: np.ndarray, truth: np.ndarray, threshold: float) -> float | None:
    """How often the right product is among the 3 choices offered when the bot asks."""
    asked = probs.max(axis=1) < threshold
    if not asked.any():
        return None
    top3 = np.argsort(-probs[asked], axis=1)[:, :3]
    return round(float((top3 == truth[asked][:, None]).any(axis=1).mean()), 4)
