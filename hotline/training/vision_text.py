"""The text half of the catalog build: OCR of the reference packs (train/, packaged goods) into per-product
profiles, OCR of val/ photos, and the weight of OCR evidence in the fusion, tuned on val/."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from hotline.vision.catalog import LabelledPhoto, ProductCatalog
from hotline.vision.fusion import FusionWeights, fuse, topk_accuracy
from hotline.vision.pack_text import PackTextProfile

Progress = Callable[[str, int, int, dict[str, float]], None]


def ocr_photos(
    photos: list[LabelledPhoto], root: Path, cache: Path, progress: Progress, stage: str
) -> list[dict[str, Any]]:
    """OCR of each photo as {"text", "ms"}, cached by relative path (OCR is deterministic; ~0.25 s a photo on 2
    cores, so the cache also keeps the time it took)."""
    stored: dict[str, Any] = json.loads(cache.read_text()) if cache.exists() else {}
    reader = None
    records = []
    for index, photo in enumerate(photos):
        key = str(photo.path.relative_to(root))
        if key not in stored:
            if reader is None:
                from hotline.vision.ocr import TextReader

                reader = TextReader()
            result = reader.read(photo.path.read_bytes())
            stored[key] = {"text": result.text, "ms": result.elapsed_ms}
            if index % 25 == 0:
                cache.parent.mkdir(parents=True, exist_ok=True)
                cache.write_text(json.dumps(stored))  # resumable
        records.append(stored[key])
        if index % 25 == 0 or index == len(photos) - 1:
            progress(stage, index + 1, len(photos), {})
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(stored))
    return records


def build_pack_text(catalog: ProductCatalog, work_dir: Path, progress: Progress) -> PackTextProfile:
    """Profiles from the packaged goods' train photos (fruit and vegetables carry at most a sticker)."""
    photos = [p for p in catalog.split("train") if catalog[p.class_id].department == "Packages"]
    records = ocr_photos(photos, catalog.root, work_dir / "train-ocr.json", progress, "OCR train packs")
    return PackTextProfile.build([r["text"] for r in records], [p.class_id for p in photos], len(catalog))


def val_text_evidence(
    catalog: ProductCatalog, work_dir: Path, progress: Progress, profile: PackTextProfile
) -> np.ndarray:
    """(val photos, products): the evidence of what OCR read on each val photo (cached OCR)."""
    from hotline.vision.matcher import text_evidence

    records = ocr_photos(catalog.split("val"), catalog.root, work_dir / "val-ocr.json", progress, "OCR val")
    names = [p.name for p in catalog.products]
    return np.stack([text_evidence(r["text"], names, profile) for r in records])


def tune_ocr_weight(
    text: np.ndarray,
    knn: np.ndarray,
    looks: np.ndarray,
    ocr: np.ndarray,
    truth: np.ndarray,
    weights: FusionWeights,
) -> tuple[float, tuple[float, float]]:
    """The OCR weight with the best val accuracy (ties: the smaller weight)."""
    best: tuple[tuple[float, float], float] | None = None
    for w_ocr in (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0):
        accuracy = topk_accuracy(
            fuse(text, knn, looks, ocr, FusionWeights(**{**weights.__dict__, "w_ocr": w_ocr})), truth
        )
        if best is None or accuracy > best[0]:
            best = (accuracy, w_ocr)
    assert best is not None
    return best[1], best[0]


def add_text_evidence(
    catalog: ProductCatalog,
    work_dir: Path,
    progress: Progress,
    views: tuple[np.ndarray, np.ndarray, np.ndarray],
    val_y: np.ndarray,
    weights: FusionWeights,
    metrics: dict[str, Any],
) -> PackTextProfile:
    """Builds the pack-text profiles, tunes the OCR weight on val/ and re-calibrates the confidence threshold with
    the text included (as the gateway scores). ``views``: val text, kNN and appearance scores (see view_scores)."""
    from hotline.vision.fusion import confidence_threshold

    profile = build_pack_text(catalog, work_dir, progress)
    ocr = val_text_evidence(catalog, work_dir, progress, profile)
    weights.w_ocr, with_text = tune_ocr_weight(*views, ocr, val_y, weights)
    probs = fuse(*views, ocr, weights)
    weights.confident_at, named = confidence_threshold(probs, val_y)
    packaged = np.array([catalog[int(c)].department == "Packages" for c in val_y])
    metrics |= {
        "fused_with_ocr": with_text,
        "fused_with_ocr_packaged": topk_accuracy(probs[packaged], val_y[packaged]),
        "ocr_alone_packaged": topk_accuracy(ocr[packaged], val_y[packaged]),
        "w_ocr": weights.w_ocr,
        "confident_at": weights.confident_at,
        "named_without_asking": named,
        "pack_text_words": len(profile.weights),
    }
    return profile
