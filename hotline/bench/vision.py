"""``hotline bench vision``: how well photos are matched to the catalog, on val/ (never trained on).

Methods: (a) the catalog CLIP zero-shot against product texts, (b) kNN over the reference photos' embeddings,
(c) colour-histogram kNN, (d) the fusion the gateway uses, (e) OCR alone (product name words read on the photo;
packaged goods), (f) the fusion with OCR. Latency: one photo end to end (decode, embed, fuse) on this machine, and
OCR separately.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console

from hotline.settings import Settings
from hotline.training.vision import load_split
from hotline.vision.catalog import ProductCatalog
from hotline.vision.clip_model import colour_histogram
from hotline.vision.fusion import fuse, topk_accuracy, view_scores
from hotline.vision.matcher import CatalogMatcher, load_matcher


def _ocr_texts(catalog: ProductCatalog, cache: Path, console: Console) -> tuple[list[str], list[float]]:
    from hotline.vision.ocr import TextReader

    stored: dict[str, Any] = json.loads(cache.read_text()) if cache.exists() else {}
    reader = None
    texts, timings = [], []
    photos = catalog.split("val")
    for index, photo in enumerate(photos):
        key = str(photo.path.relative_to(catalog.root))
        if key not in stored:
            reader = reader or TextReader()
            result = reader.read(photo.path.read_bytes())
            stored[key] = {"text": result.text, "ms": result.elapsed_ms}
            if index % 25 == 0:
                console.print(f"OCR {index + 1}/{len(photos)}")
        texts.append(stored[key]["text"])
        timings.append(stored[key]["ms"])
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(stored))
    return texts, timings


def run_vision_bench(settings: Settings, with_ocr: bool, console: Console) -> dict[str, Any]:
    catalog = ProductCatalog(settings.catalog_dir)
    matcher = load_matcher(settings.vision.model, settings.vision.checkpoint, catalog)
    if not isinstance(matcher, CatalogMatcher):
        raise SystemExit("bench vision measures the catalog model (vision.model = catalog)")
    work = settings.data_dir / "vision-train"
    squares, truth = load_split(catalog, "val", work / "cache", lambda *a: None)
    console.print(f"embedding {len(squares)} val photos…")
    emb = matcher.embed(squares)
    hist = np.stack([colour_histogram(s) for s in squares])
    n, w = len(catalog), matcher.weights
    text, knn, colour = view_scores(
        emb, hist, matcher.class_text, matcher.ref_emb, matcher.ref_hist, matcher.ref_labels, w.knn_k
    )
    fused = fuse(text, knn, colour, None, w)
    accuracy: dict[str, tuple[float, float]] = {
        "catalog CLIP zero-shot (product texts)": topk_accuracy(text, truth),
        "reference-photo kNN": topk_accuracy(knn, truth),
        "colour-histogram kNN": topk_accuracy(colour, truth),
        "fusion (gateway, no OCR)": topk_accuracy(fused, truth),
    }
    packaged = np.array([catalog[int(c)].department == "Packages" for c in truth])
    latency: dict[str, float] = {}
    if with_ocr:
        texts, ocr_ms = _ocr_texts(catalog, work / "val-ocr.json", console)
        ocr = np.stack([matcher.text_scores(t) for t in texts])
        # OCR alone: ties (nothing read) rank products in catalog order, i.e. mostly wrong, as they should.
        accuracy["OCR alone, packaged goods"] = topk_accuracy(ocr[packaged], truth[packaged])
        accuracy["fusion, packaged goods"] = topk_accuracy(fused[packaged], truth[packaged])
        with_text = fuse(text, knn, colour, ocr, w)
        accuracy["fusion + OCR, packaged goods"] = topk_accuracy(with_text[packaged], truth[packaged])
        accuracy["fusion + OCR (all)"] = topk_accuracy(with_text, truth)
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
