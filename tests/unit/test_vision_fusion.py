"""Fusion of the photo-matching views, the confidence threshold, and OCR text against product names."""

from __future__ import annotations

import numpy as np

from hotline.vision.appearance import FEATURE_SIZE, AppearanceClassifier, appearance_features
from hotline.vision.fusion import FusionWeights, confidence_threshold, fuse, knn_scores, topk_accuracy
from hotline.vision.matcher import ocr_scores


def test_knn_takes_the_mean_of_each_products_closest_references() -> None:
    refs = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    labels = np.array([0, 0, 1])
    scores = knn_scores(np.array([[1.0, 0.0]]), refs, labels, n_classes=3, k=2)
    assert np.allclose(scores[0, :2], [0.9, 0.0]) and np.isclose(scores[0, 2], 0.45)  # no reference: no opinion


def test_fusion_is_a_distribution_and_ocr_can_decide_a_tie() -> None:
    tie = np.zeros((1, 3))
    probs = fuse(tie, tie, tie, None, FusionWeights())
    assert np.allclose(probs.sum(), 1.0) and np.allclose(probs, 1 / 3)
    read = fuse(tie, tie, tie, np.array([[0.0, 1.0, 0.0]]), FusionWeights())
    assert read.argmax() == 1 and read.max() > 0.9


def test_topk_and_the_confidence_threshold() -> None:
    probs = np.array([[0.9, 0.1, 0.0], [0.4, 0.35, 0.25], [0.2, 0.7, 0.1], [0.5, 0.3, 0.2]])
    truth = np.array([0, 1, 1, 2])
    assert topk_accuracy(probs, truth) == (0.5, 1.0)
    threshold, named = confidence_threshold(probs, truth, precision=0.9)
    assert 0.5 < threshold <= 0.7 and named == 0.5  # only the two sure, right answers are named


def test_ocr_text_matches_distinctive_name_words() -> None:
    names = ["Tropicana Apple Juice", "God Morgon Apple Juice", "Oatly Oat Milk", "Granny Smith"]
    scores = ocr_scores("TROPICANA\npure premium\napple", names)
    assert scores.argmax() == 0 and scores[0] == 1.0 and scores[1] == 0.0
    assert not ocr_scores("", names).any()


def test_appearance_features_tell_colours_apart_and_the_classifier_learns_them() -> None:
    rng = np.random.default_rng(0)

    def photo(rgb: tuple[int, int, int]) -> np.ndarray:
        noise = rng.integers(-20, 20, size=(176, 176, 3))
        return np.clip(np.array(rgb)[None, None, :] + noise, 0, 255).astype(np.uint8)

    colours = [(200, 30, 30), (40, 180, 40), (230, 210, 40)]
    looks = np.stack([appearance_features(photo(c)) for c in colours for _ in range(6)])
    labels = np.repeat(np.arange(3), 6)
    assert looks.shape == (18, FEATURE_SIZE) and np.isfinite(looks).all()
    classifier = AppearanceClassifier.fit(looks, labels, n_classes=4)  # product 3 has no photos
    scores = classifier.log_proba(np.stack([appearance_features(photo(c)) for c in colours]))
    assert list(scores.argmax(axis=1)) == [0, 1, 2]
    assert np.allclose(np.exp(scores[:, :3]).sum(axis=1), 1.0)
    assert np.allclose(scores[:, 3], scores[:, :3].mean(axis=1))  # no photos of product 3: no opinion on it
    again = AppearanceClassifier.from_dict(classifier.to_dict())
    assert np.array_equal(again.log_proba(looks), classifier.log_proba(looks))

    two = AppearanceClassifier.fit(looks[:12], labels[:12], n_classes=2)  # sklearn's binary case: one weight row
    assert list(two.log_proba(looks[:12]).argmax(axis=1)) == list(labels[:12])
    one = AppearanceClassifier.fit(looks[:6], labels[:6], n_classes=2)  # one product with photos: no opinion
    assert np.allclose(one.log_proba(looks[:6])[:, 0], 0.0)


def test_cutmix_pastes_one_box_and_reports_the_share_left() -> None:
    import random

    import torch

    from hotline.training.vision import cutmix

    batch = torch.stack([torch.full((3, 32, 32), float(i)) for i in range(4)])
    labels = torch.arange(4)
    mixed, pasted, own = cutmix(batch, labels, random.Random(3))
    for i in range(4):
        kept = float((mixed[i] == float(i)).float().mean())
        if int(pasted[i]) != i:
            assert abs(kept - own) < 1e-6
    assert 0.0 <= own <= 1.0 and sorted(pasted.tolist()) == [0, 1, 2, 3]
