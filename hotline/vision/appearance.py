"""The appearance view: hand-made colour and shape features of a photo with a linear classifier over the catalog.

It sees what the small image tower, trained from scratch on a few thousand photos, misses or overfits: hue and
saturation of the centre, of the whole photo and of each quadrant (a Pink Lady against a Granny Smith, a red
carton against a green one), and gradient-orientation histograms on a 4x4 grid at two scales (the round outline
of a melon, the stripes of a leek). Its errors differ from the network's, which is why fusing it lifts the top-5
(measured in the vision issue). About 8 ms a photo on one core; the classifier is multinomial logistic regression
trained on train/ only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

FEATURE_SIZE = 768


def _hsv_histogram(hsv: np.ndarray, bins: tuple[int, int, int]) -> np.ndarray:
    """Square roots of the normalised joint histogram of (N, 3) HSV pixels (Hellinger-friendly)."""
    sizes = np.array(bins)
    index = (hsv * sizes // 256).clip(0, sizes - 1)
    flat = (index[:, 0] * sizes[1] + index[:, 1]) * sizes[2] + index[:, 2]
    counts = np.bincount(flat, minlength=int(np.prod(sizes))).astype(np.float32)
    return np.sqrt(counts / max(1.0, float(counts.sum())))


def _gradient_histograms(grey: np.ndarray, grid: int = 4, orientations: int = 9) -> np.ndarray:
    """Magnitude-weighted histograms of unsigned gradient orientation per grid cell, each L2-normalised."""
    gy, gx = np.gradient(grey)
    magnitude = np.hypot(gx, gy)
    bins = ((np.arctan2(gy, gx) % np.pi) / np.pi * orientations).astype(np.int64).clip(0, orientations - 1)
    cell = grey.shape[0] // grid
    out = []
    for row in range(grid):
        for col in range(grid):
            window = (slice(row * cell, (row + 1) * cell), slice(col * cell, (col + 1) * cell))
            hist = np.bincount(bins[window].ravel(), weights=magnitude[window].ravel(), minlength=orientations)
            out.append(hist / (np.linalg.norm(hist) + 1e-6))
    return np.concatenate(out)


def appearance_features(square: np.ndarray) -> np.ndarray:
    """Colour and shape features of a decoded square photo (H, W, 3 uint8): ``FEATURE_SIZE`` floats."""
    image = Image.fromarray(square)
    hsv = np.asarray(image.convert("HSV"), dtype=np.int64)
    side = square.shape[0]
    margin, half = side // 8, side // 2
    parts = [
        _hsv_histogram(hsv[margin:-margin, margin:-margin].reshape(-1, 3), (12, 4, 4)),
        _hsv_histogram(hsv.reshape(-1, 3), (8, 3, 3)),
    ]
    for top in (0, half):
        for left in (0, half):
            parts.append(_hsv_histogram(hsv[top : top + half, left : left + half].reshape(-1, 3), (6, 3, 3)))
    grey = image.convert("L")
    for size in (64, 128):
        parts.append(_gradient_histograms(np.asarray(grey.resize((size, size)), dtype=np.float32) / 255.0))
    return np.concatenate(parts).astype(np.float32)


@dataclass
class AppearanceClassifier:
    """Standardised features → class log-probabilities (multinomial logistic regression)."""

    mean: np.ndarray  # (F,)
    scale: np.ndarray  # (F,)
    coef: np.ndarray  # (C, F)
    intercept: np.ndarray  # (C,)
    seen: np.ndarray  # (C,) bool: the products it had photos of

    @classmethod
    def fit(cls, features: np.ndarray, labels: np.ndarray, n_classes: int, c: float = 0.01) -> AppearanceClassifier:
        """``c``: inverse regularisation; 0.01 was best of 0.01-0.3 on val (the differences were within a photo)."""
        from sklearn.linear_model import LogisticRegression

        mean = features.mean(axis=0)
        scale = features.std(axis=0) + 1e-6
        coef = np.zeros((n_classes, features.shape[1]), dtype=np.float32)
        intercept = np.zeros(n_classes, dtype=np.float32)
        classes = np.unique(labels)
        seen = np.zeros(n_classes, dtype=bool)
        seen[classes] = True
        if len(classes) < 2:  # one product with photos: nothing to tell apart
            return cls(mean.astype(np.float32), scale.astype(np.float32), coef, intercept, seen)
        model = LogisticRegression(C=c, max_iter=2000).fit((features - mean) / scale, labels)
        if len(classes) == 2:  # binary: one weight row, for the second class against the first
            coef[classes[1]], intercept[classes[1]] = model.coef_[0], model.intercept_[0]
        else:
            coef[classes], intercept[classes] = model.coef_, model.intercept_
        return cls(mean.astype(np.float32), scale.astype(np.float32), coef, intercept, seen)

    def log_proba(self, features: np.ndarray) -> np.ndarray:
        """(Q, C) log-probabilities over the products it was trained on; a product it never saw gets the mean of
        the others (no opinion), so the product texts and OCR can still find a product new in the catalog."""
        logits = ((features - self.mean) / self.scale) @ self.coef[self.seen].T + self.intercept[self.seen]
        shifted = logits - logits.max(axis=-1, keepdims=True)
        known = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        out = np.repeat(known.mean(axis=-1, keepdims=True), len(self.seen), axis=-1)
        out[..., self.seen] = known
        return out

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("mean", "scale", "coef", "intercept", "seen")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AppearanceClassifier:
        mean, scale, coef, intercept = (
            np.asarray(data[k], dtype=np.float32) for k in ("mean", "scale", "coef", "intercept")
        )
        return cls(mean, scale, coef, intercept, np.asarray(data["seen"], dtype=bool))
