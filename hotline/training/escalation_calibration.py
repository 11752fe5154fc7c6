"""Per-language thresholds for the anger/abuse head, chosen for a stated operating point, and their measurement.

Operating point (issue #21): at most 2 % of neutral customers transferred. The decision transfers on one turn at
or above ``very_high`` or on two turns in a row at or above ``threshold``; so per language, on the calibration
half, two-turn conversations are drawn from the neutral texts (public neutral comments and customer messages)
and from the angry ones, and the pair of thresholds (quantiles of the neutral scores) that transfers the most
angry conversations while at most 1 % of the neutral ones is kept (half the target: a first run at 1.5 % measured
3 % for Russian on the test half, where 400 conversations vary by about 1 %). The test half then measures it.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from hotline.training.escalation_data import LANGS, LabelledSet

Scores = dict[str, dict[str, np.ndarray]]  # lang -> kind -> scores
GLOBAL = {"threshold": 0.375, "very_high": 0.85, "reset_below": 0.275}  # the single setting before calibration


def score_sets(
    score: Callable[[list[str]], dict[str, np.ndarray]], sets: dict[str, LabelledSet], progress: Any
) -> dict[str, Scores]:
    """head -> lang -> kind -> scores; ``score`` embeds the texts once and applies every head."""
    out: dict[str, Scores] = {}
    for lang, labelled in sets.items():
        for kind, texts in labelled.texts.items():
            if texts:
                progress(f"scoring {len(texts)} {lang} {kind} texts")
                for head, scores in score(texts).items():
                    out.setdefault(head, {}).setdefault(lang, {})[kind] = scores
    return out


def _neutral(scores: dict[str, np.ndarray]) -> np.ndarray:
    parts = [scores[k] for k in ("neutral", "customer") if k in scores]
    return np.concatenate(parts) if parts else np.zeros(0)


def choose_thresholds(calibration: Scores, budget: float = 0.01) -> dict[str, dict[str, float]]:
    """Per language, the setting that transfers the most angry two-turn conversations while neutral ones stay
    within ``budget`` (a margin under the 2 % target), searched over quantiles of the neutral scores."""
    chosen = {}
    for lang in LANGS:
        scores = calibration.get(lang, {})
        neutral = _neutral(scores)
        if len(neutral) < 50:
            chosen[lang] = dict(GLOBAL)
            continue
        calm = _conversations(neutral, 7)
        angry = _conversations(scores["angry"], 9) if len(scores.get("angry", [])) >= 4 else None
        best: tuple[float, float, dict[str, float]] | None = None
        for q_threshold in np.arange(0.80, 0.995, 0.005):
            for q_very in (0.98, 0.985, 0.99, 0.995, 0.998):
                threshold = float(np.quantile(neutral, q_threshold))
                very_high = max(float(np.quantile(neutral, q_very)), threshold + 0.05)
                setting = {
                    "threshold": round(min(threshold, 0.95), 3),
                    "very_high": round(min(very_high, 0.99), 3),
                    "reset_below": round(max(0.0, threshold - 0.1), 3),
                }
                false_alarms = float(_transfers(*calm, setting).mean())
                if false_alarms > budget:
                    continue
                caught = float(_transfers(*angry, setting).mean()) if angry else 0.0
                if best is None or (caught, -false_alarms) > (best[0], best[1]):
                    best = (caught, -false_alarms, setting)
        chosen[lang] = best[2] if best else dict(GLOBAL)
    return chosen


def _transfers(first: np.ndarray, second: np.ndarray, setting: dict[str, float]) -> np.ndarray:
    """Two-turn conversations: transferred on one very angry turn or on two angry turns in a row."""
    very = (first >= setting["very_high"]) | (second >= setting["very_high"])
    both = (first >= setting["threshold"]) & (second >= setting["threshold"])
    return np.asarray(very | both)


def _conversations(scores: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = list(range(len(scores)))
    random.Random(seed).shuffle(order)
    shuffled = scores[order]
    half = len(shuffled) // 2
    return shuffled[:half], shuffled[half : 2 * half]


def measure(test: Scores, settings: dict[str, dict[str, float]]) -> dict[str, dict[str, Any]]:
    """Per language: neutral and customer two-turn conversations transferred, angry turns flagged and angry
    conversations transferred, dissatisfied turns flagged — under ``settings`` (per language)."""
    report: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        scores, setting = test.get(lang, {}), settings[lang]
        row: dict[str, Any] = {"setting": setting}
        for kind, name in (("neutral", "neutral"), ("customer", "customer")):
            if kind in scores and len(scores[kind]) >= 4:
                first, second = _conversations(scores[kind], 3)
                row[f"{name}_transferred"] = round(float(_transfers(first, second, setting).mean()), 4)
                row[f"{name}_single_turn"] = round(float((scores[kind] >= setting["very_high"]).mean()), 4)
                row[f"{name}_n"] = len(scores[kind])
        if "angry" in scores and len(scores["angry"]) >= 4:
            angry = scores["angry"]
            first, second = _conversations(angry, 5)
            row["angry_turn_recall"] = round(float((angry >= setting["threshold"]).mean()), 4)
            row["angry_transferred"] = round(float(_transfers(first, second, setting).mean()), 4)
            row["angry_n"] = len(angry)
        if "dissatisfied" in scores and len(scores["dissatisfied"]):
            row["dissatisfied_flagged"] = round(float((scores["dissatisfied"] >= setting["threshold"]).mean()), 4)
            row["dissatisfied_n"] = len(scores["dissatisfied"])
        report[lang] = row
    return report


def reliability(scores: Scores, bins: int = 10) -> dict[str, list[tuple[float, float, int]]]:
    """Per language: (mean predicted score, observed share of angry texts, count) per score bin, over the angry
    and neutral texts (predicted vs observed, for the reliability plot)."""
    out: dict[str, list[tuple[float, float, int]]] = {}
    for lang, by_kind in scores.items():
        angry, neutral = by_kind.get("angry", np.zeros(0)), _neutral(by_kind)
        predicted = np.concatenate([angry, neutral])
        observed = np.concatenate([np.ones(len(angry)), np.zeros(len(neutral))])
        rows = []
        for b in range(bins):
            inside = (predicted >= b / bins) & (predicted < (b + 1) / bins if b < bins - 1 else predicted <= 1.0)
            if inside.any():
                rows.append((float(predicted[inside].mean()), float(observed[inside].mean()), int(inside.sum())))
        out[lang] = rows
    return out


def reliability_png(curves: dict[str, list[tuple[float, float, int]]], path: Path) -> None:
    """A reliability plot (predicted score vs observed share of angry texts), one line per language."""
    from PIL import Image, ImageDraw

    size, margin = 480, 50
    image = Image.new("RGB", (size + 2 * margin, size + 2 * margin), "white")
    draw = ImageDraw.Draw(image)

    def xy(p: float, o: float) -> tuple[float, float]:
        return margin + p * size, margin + (1 - o) * size

    draw.rectangle([xy(0, 1), xy(1, 0)], outline="black")
    draw.line([xy(0, 0), xy(1, 1)], fill=(170, 170, 170), width=1)
    for tick in range(0, 11, 2):
        value = tick / 10
        draw.text((margin + value * size - 8, margin + size + 8), f"{value:.1f}", fill="black")
        draw.text((margin - 34, margin + (1 - value) * size - 6), f"{value:.1f}", fill="black")
    draw.text((margin + size / 2 - 60, margin + size + 26), "predicted anger score", fill="black")
    draw.text((margin, 14), "observed share angry (en blue, ru red, zh green)", fill="black")
    colours = {"en": (31, 90, 200), "ru": (200, 40, 40), "zh": (20, 140, 60)}
    for lang, rows in curves.items():
        points = [xy(p, o) for p, o, _ in rows]
        if len(points) > 1:
            draw.line(points, fill=colours.get(lang, "black"), width=3)
        for x, y in points:
            draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=colours.get(lang, "black"))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def choose_dissatisfied(
    calibration: Scores, flagged: float = 0.05, customers_flagged: float = 0.02, min_texts: int = 50
) -> dict[str, float]:
    """Per language, the dissatisfaction score that at most ``flagged`` of neutral comments and generated customer
    messages reach and, where the language has real customers' requests (en: Bitext), at most
    ``customers_flagged`` of those: the stricter of the two. (Requests alone chose 0.45 for English: 85 % of
    complaints but half of the neutral statements flagged, and a caller quoting a speech after a "no information"
    answer was handed over as unhappy.)"""
    chosen = {}
    for lang in LANGS:
        scores = calibration.get(lang, {})
        requests, neutral = scores.get("request", np.zeros(0)), _neutral(scores)
        floors = [float(np.quantile(neutral, 1 - flagged))] if len(neutral) >= min_texts else []
        if len(requests) >= min_texts:
            floors.append(float(np.quantile(requests, 1 - customers_flagged)))
        chosen[lang] = round(max(floors), 3) if floors else 0.5
    return chosen


def measure_dissatisfied(test: Scores, thresholds: dict[str, float]) -> dict[str, dict[str, Any]]:
    report: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        scores, threshold = test.get(lang, {}), thresholds[lang]
        row: dict[str, Any] = {"threshold": threshold}
        for kind in ("dissatisfied", "angry", "neutral", "customer", "complaint", "request"):
            if kind in scores and len(scores[kind]):
                row[f"{kind}_flagged"] = round(float((scores[kind] >= threshold).mean()), 4)
        report[lang] = row
    return report


def calibrate(
    score: Callable[[list[str]], dict[str, np.ndarray]],
    sets: dict[str, dict[str, LabelledSet]],
    out: Path,
    plot: Path,
    progress: Any,
    anger: dict[str, dict[str, float]] | None = None,
) -> dict[str, Any]:
    """Thresholds chosen on the calibration half, measured on the test half; written to ``out`` (JSON). With
    ``anger``, those anger thresholds are kept (measured again, not chosen again) and only the dissatisfaction
    thresholds are chosen."""
    started = time.perf_counter()
    calibration = score_sets(score, sets["calibration"], progress)
    test = score_sets(score, sets["test"], progress)
    chosen = anger if anger is not None else choose_thresholds(calibration["anger"])
    curves = reliability(test["anger"])
    report: dict[str, Any] = {
        "operating_point": "≤ 2 % of neutral two-turn conversations transferred (chosen at ≤ 1 % on calibration)",
        "by_language": chosen,
        "test_global_setting": measure(test["anger"], {lang: GLOBAL for lang in LANGS}),
        "test_per_language": measure(test["anger"], chosen),
        "reliability_test": curves,
    }
    if "dissatisfied" in calibration:
        unhappy = choose_dissatisfied(calibration["dissatisfied"])
        report["dissatisfied_by_language"] = unhappy
        report["dissatisfied_test"] = measure_dissatisfied(test["dissatisfied"], unhappy)
    report["seconds"] = round(time.perf_counter() - started, 1)
    reliability_png(curves, plot)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report
