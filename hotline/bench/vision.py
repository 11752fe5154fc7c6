"""``hotline bench vision``: how well photos are matched to the catalog, on val/ (never trained on).

Methods: (a) the catalog CLIP zero-shot against product texts, (b) kNN over the reference photos' embeddings,
(c) the appearance classifier (colour and shape features), (d) the fusion the gateway uses, (e) OCR alone (product
name words read on the photo; packaged goods), (f) the fusion with OCR. The fusion weights are tuned on val/, so
(g) also tunes them on one half of val/ and measures the other half (both ways): the figure to expect on photos the
tuning never saw. Latency: one photo end to end (decode, embed, fuse) on this machine, and OCR separately.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np
from rich.console import Console

from hotline.settings import Settings
from hotline.training.vision import load_split
from hotline.training.vision_text import Progress, ocr_photos, tune_ocr_weight
from hotline.vision.appearance import appearance_features
from hotline.vision.catalog import ProductCatalog
from hotline.vision.fusion import fuse, topk_accuracy, tune_fusion, view_scores
from hotline.vision.matcher import CatalogMatcher, load_matcher


def _console_progress(console: Console) -> Progress:
    def progress(stage: str, done: int, total: int, figures: dict[str, float]) -> None:
        console.print(f"{stage} {done}/{total}")

    return progress


def _two_fold(
    matcher: CatalogMatcher, emb: np.ndarray, looks: np.ndarray, ocr: np.ndarray, truth: np.ndarray
) -> tuple[float, float]:
    """Fusion + OCR with every weight tuned on one half of val/ and measured on the other, both ways (each
    product's photos alternate between the halves)."""
    rank_in_class = np.zeros(len(truth), dtype=np.int64)
    for label in np.unique(truth):
        members = np.flatnonzero(truth == label)
        rank_in_class[members] = np.arange(len(members))
    halves = [rank_in_class % 2 == 0, rank_in_class % 2 == 1]
    scored = np.zeros((len(truth), len(matcher.names)), dtype=np.float64)
    for tune, measure in (halves, halves[::-1]):
        refs = (matcher.class_text, matcher.ref_emb, matcher.ref_labels, matcher.appearance)
        weights, _ = tune_fusion(*refs, emb[tune], truth[tune], looks[tune])
        text, knn, appearance = view_scores(emb, looks, *refs, weights.knn_k)
        weights.w_ocr, _ = tune_ocr_weight(text[tune], knn[tune], appearance[tune], ocr[tune], truth[tune], weights)
        scored[measure] = fuse(text[measure], knn[measure], appearance[measure], ocr[measure], weights)
    return topk_accuracy(scored, truth)


def run_vision_bench(settings: Settings, with_ocr: bool, console: Console) -> dict[str, Any]:
    catalog = ProductCatalog(settings.catalog_dir)
    matcher = load_matcher(settings.vision.model, settings.vision.checkpoint, catalog)
    if not isinstance(matcher, CatalogMatcher):
        raise SystemExit("bench vision measures the catalog model (vision.model = catalog)")
    work = settings.data_dir / "vision-train"
    squares, truth = load_split(catalog, "val", work / "cache", lambda *a: None)
    console.print(f"embedding {len(squares)} val photos…")
    emb = matcher.embed(squares)
    looks = np.stack([appearance_features(s) for s in squares])
    n, w = len(catalog), matcher.weights
    text, knn, appearance = view_scores(
        emb, looks, matcher.class_text, matcher.ref_emb, matcher.ref_labels, matcher.appearance, w.knn_k
    )
    fused = fuse(text, knn, appearance, None, w)
    accuracy: dict[str, tuple[float, float]] = {
        "catalog CLIP zero-shot (product texts)": topk_accuracy(text, truth),
        "reference-photo kNN": topk_accuracy(knn, truth),
        "appearance classifier (colour + shape)": topk_accuracy(appearance, truth),
        "fusion (gateway, no OCR)": topk_accuracy(fused, truth),
    }
    packaged = np.array([catalog[int(c)].department == "Packages" for c in truth])
    latency: dict[str, float] = {}
    if with_ocr:
        records = ocr_photos(
            catalog.split("val"), catalog.root, work / "val-ocr.json", _console_progress(console), "OCR val"
        )
        texts, ocr_ms = [r["text"] for r in records], [r["ms"] for r in records]
        ocr = np.stack([matcher.text_scores(t) for t in texts])
        # OCR alone: ties (nothing read) rank products in catalog order, i.e. mostly wrong, as they should.
        accuracy["OCR alone, packaged goods"] = topk_accuracy(ocr[packaged], truth[packaged])
        accuracy["fusion, packaged goods"] = topk_accuracy(fused[packaged], truth[packaged])
        with_text = fuse(text, knn, appearance, ocr, w)
        accuracy["fusion + OCR, packaged goods"] = topk_accuracy(with_text[packaged], truth[packaged])
        accuracy["fusion + OCR (all)"] = topk_accuracy(with_text, truth)
        accuracy["fusion + OCR, tuned on the other half of val"] = _two_fold(matcher, emb, looks, ocr, truth)
        latency["OCR per photo (median)"] = statistics.median(ocr_ms)
    timings = []
    photos = catalog.split("val")[:40]
    for photo in photos:
        data = photo.path.read_bytes()
        started = time.perf_counter()
        matcher.match(data)
        timings.append((time.perf_counter() - started) * 1000)
    latency["match per photo, median (decode + embed + fuse)"] = statistics.median(timings)
    latency["match per photo, p95"] = sorted(timings)[int(0.95 * (len(timings) - 1))]
    return {
        "val_photos": len(truth),
        "products": n,
        "packaged_val_photos": int(packaged.sum()),
        "accuracy": accuracy,
        "latency_ms": latency,
        "checkpoint": str(matcher.checkpoint),
        "data_hash": matcher.data_hash,
        "training_metrics": matcher.metrics,
        "fusion": w.__dict__,
    }
