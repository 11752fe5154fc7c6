"""Per-language thresholds for the anger/abuse head, chosen for a stated operating point, and their measurement.

Operating point (issue #21): at most 2 % of neutral customers transferred. The decision transfers on one turn at
or above ``very_high`` or on two angry turns in a row — at or above ``threshold``, or flagged by the red-line as
abuse (profanity, insults), exactly as the gateway counts them; so per language, on the calibration
half, two-turn conversations are drawn from each neutral population on its own (public neutral comments; customer
messages) and from the angry texts, and the pair of thresholds (quantiles of the neutral scores) that transfers the
most angry conversations while at most 1.5 % of either neutral population's is kept — the share expected over
every pairing of the texts (``expected_transfers``), not one random pairing: one pairing of 400 conversations
varies by about 1 %, and choosing on it moved the thresholds by 0.15 between two runs and measured 4 % for
Russian on the test half. The margin under the target is for the sampling of the texts themselves. The test half
then measures it on one pairing, as conversations happen.

The neutral populations include calm customers reporting a trouble ("Sorry to bother you, but the lid is
cracked."). With two anger heads, the customer head's logit shift is chosen per language with the thresholds
(``choose_anger``), on customers angry with the company (``anger_phrases``: held-out frames, every other one in each
half) and only where it costs the public comments nothing: the Chinese threshold is set by the comment head's
scores on inoffensive comments, which the customer head's angry customers seldom reach unshifted.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from hotline.dialogue.escalation import HeadShift, combine_heads, shift_under
from hotline.training.escalation_data import LANGS, LabelledSet

Scores = dict[str, dict[str, np.ndarray]]  # lang -> kind -> scores
GLOBAL = {"threshold": 0.375, "very_high": 0.85, "reset_below": 0.275}  # the single setting before calibration
CALM = ("neutral", "customer", "calm_customer")  # each kept within the budget on its own
ANGRY_KINDS = ("angry", "angry_customer")  # public comments or abuse; customers angry with the company
SHIFTS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)  # the customer head's logit shifts tried per language
PUBLIC_SLACK = 0.0  # how much of the public angry comments a shift may cost (expected transfers, calibration)


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


def choose_thresholds(
    calibration: Scores, budget: float = 0.015, abuse: Scores | None = None
) -> dict[str, dict[str, float]]:
    """Per language, the setting that transfers the most angry two-turn conversations while neutral ones stay
    within ``budget`` (a margin under the 2 % target), searched over quantiles of the neutral scores. ``abuse``:
    the red-line's abuse flags of the same texts (1.0 = flagged), an angry turn whatever the score."""
    one_head = {lang: {k: np.atleast_2d(s) for k, s in by_kind.items()} for lang, by_kind in calibration.items()}
    return choose_anger(one_head, budget, abuse, shifts=(0.0,))[1]


def choose_anger(
    heads: Scores, budget: float = 0.015, abuse: Scores | None = None, shifts: tuple[float, ...] = SHIFTS
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Per language, the thresholds over the anger signal and the customer head's shift (``escalation.HeadShift``).
    ``heads``: each head's scores (one row per head). The thresholds are chosen for the public angry comments (or
    abuse) within ``budget`` for every calm population, as without a shift; a shift is taken only where it
    catches more angry customers (by half a point) and costs the comments nothing (``PUBLIC_SLACK``): the public
    sets are real people's words, the angry customers are composed by the project. (Studied on the calibration
    half: English trades 5 points of comments for 16 of customers at any shift, so it keeps none.)"""
    chosen_shifts, chosen = {}, {}
    for lang in LANGS:
        by_kind, flags = heads.get(lang, {}), (abuse or {}).get(lang, {})
        tried = sorted(shifts) if all(len(s) > 1 for s in by_kind.values()) else [0.0]
        found = [(shift, *_best_setting(by_kind, flags, budget, shift)) for shift in tried]
        base = next((f for f in found if f[0] == 0.0), found[0])
        best = base
        for shift, public, customers, setting in found:
            if public >= base[1] - PUBLIC_SLACK and customers > best[2] + 0.005:
                best = (shift, public, customers, setting)
        chosen_shifts[lang], chosen[lang] = float(best[0]), best[3]
    return chosen_shifts, chosen


def anger_scores(heads: Scores, shifts: dict[str, float], settings: dict[str, dict[str, float]]) -> Scores:
    """The anger signal per language and kind from its heads' scores, as the gateway combines them under the
    calibration's shifts and very-angry levels."""
    return {
        lang: {
            kind: combine_heads(s, shift_under(shifts.get(lang, 0.0), settings[lang]["very_high"]))
            for kind, s in by_kind.items()
        }
        for lang, by_kind in heads.items()
    }


def _best_setting(
    heads: dict[str, np.ndarray], flags: dict[str, np.ndarray], budget: float, shift: float
) -> tuple[float, float, dict[str, float]]:
    """(angry comments transferred, angry customers flagged, setting) of one language under one shift: the setting
    that transfers the most angry comments (or abuse) while each calm population stays within ``budget``; the
    global setting when there are too few neutral texts to choose from."""
    neutral = _neutral({k: combine_heads(s, HeadShift(shift)) for k, s in heads.items()})
    if len(neutral) < 50:
        return 0.0, 0.0, dict(GLOBAL)
    # each calm population on its own (public comments, customer messages, calm customers reporting a trouble): a
    # mixed pool would let one hide another's false alarms (ru measured 4 % on the comments that way)
    calm = [k for k in CALM if k in heads and heads[k].shape[-1] >= 50]
    by_ceiling: dict[float, dict[str, np.ndarray]] = {}
    best: tuple[float, float, float, dict[str, float]] | None = None
    for q_threshold in np.arange(0.80, 0.995, 0.005):
        for q_very in (0.98, 0.985, 0.99, 0.995, 0.998):
            threshold = float(np.quantile(neutral, q_threshold))
            very_high = max(float(np.quantile(neutral, q_very)), threshold + 0.05)
            setting = {
                "threshold": round(min(threshold, 0.95), 3),
                "very_high": round(min(very_high, 0.99), 3),
                "reset_below": round(max(0.0, threshold - 0.1), 3),
            }
            if setting["very_high"] not in by_ceiling:  # a shifted score stays under the very-angry level
                under = shift_under(shift, setting["very_high"])
                by_ceiling[setting["very_high"]] = {k: combine_heads(s, under) for k, s in heads.items()}
            scores = by_ceiling[setting["very_high"]]
            false_alarms = max(
                (expected_transfers(scores[k], _flags(flags, k, len(scores[k])), setting) for k in calm),
                default=0.0,
            )
            if false_alarms > budget:
                continue
            angry = scores.get("angry", np.zeros(0))
            caught = expected_transfers(angry, _flags(flags, "angry", len(angry)), setting) if len(angry) >= 4 else 0.0
            if best is None or (caught, -false_alarms) > (best[0], best[1]):
                customers = scores.get("angry_customer", np.zeros(0))
                flagged = _angry(customers, _flags(flags, "angry_customer", len(customers)), setting)
                best = (caught, -false_alarms, float(flagged.mean()) if len(customers) else 0.0, setting)
    return (best[0], best[2], best[3]) if best else (0.0, 0.0, dict(GLOBAL))


def _flags(flags: dict[str, np.ndarray], kind: str, n: int) -> np.ndarray:
    found = flags.get(kind)
    return np.asarray(found, dtype=bool) if found is not None and len(found) == n else np.zeros(n, dtype=bool)


def _angry(scores: np.ndarray, abuse: np.ndarray, setting: dict[str, float]) -> np.ndarray:
    """Angry turns as the decision counts them: at or above the threshold, or flagged as abuse."""
    return np.asarray((scores >= setting["threshold"]) | abuse)


def expected_transfers(scores: np.ndarray, abuse: np.ndarray, setting: dict[str, float]) -> float:
    """The share of two-turn conversations transferred when any two of the texts can follow each other: with v the
    share of very angry turns and a the share of angry ones (v included), 1 - ((1 - v)² - (a - v)²). Exact over all
    pairings, so the choice does not hang on one random pairing of a few hundred texts (it moved the chosen
    thresholds by 0.15 between two runs)."""
    if not len(scores):
        return 0.0
    very = scores >= setting["very_high"]
    v = float(very.mean())
    a = float((_angry(scores, abuse, setting) | very).mean())
    return 1.0 - ((1.0 - v) ** 2 - (a - v) ** 2)


def _transfers(
    scores: np.ndarray, abuse: np.ndarray, pairs: tuple[np.ndarray, np.ndarray], setting: dict[str, float]
) -> np.ndarray:
    """Two-turn conversations (``pairs``: the first and second turns' indices): transferred on one very angry
    turn or on two angry turns in a row (at the threshold, or abuse)."""
    first, second = pairs
    angry = _angry(scores, abuse, setting)
    very = (scores[first] >= setting["very_high"]) | (scores[second] >= setting["very_high"])
    return np.asarray(very | (angry[first] & angry[second]))


def _conversations(scores: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = list(range(len(scores)))
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return np.array(order[:half], dtype=int), np.array(order[half : 2 * half], dtype=int)


def measure(
    test: Scores, settings: dict[str, dict[str, float]], abuse: Scores | None = None
) -> dict[str, dict[str, Any]]:
    """Per language: neutral and customer two-turn conversations transferred (one pairing, as conversations happen,
    and the share over every pairing), angry turns flagged (at the
    threshold or as abuse; and by the score alone) and angry conversations transferred, dissatisfied turns
    flagged — under ``settings`` (per language)."""
    report: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        scores, setting = test.get(lang, {}), settings[lang]
        flags = (abuse or {}).get(lang, {})
        row: dict[str, Any] = {"setting": setting}
        for name in CALM:
            if name in scores and len(scores[name]) >= 4:
                kind_abuse = _flags(flags, name, len(scores[name]))
                pairs = _conversations(scores[name], 3)
                row[f"{name}_transferred"] = round(
                    float(_transfers(scores[name], kind_abuse, pairs, setting).mean()), 4
                )
                # over every pairing of the texts: one pairing of 400 conversations varies by about 0.7 %
                row[f"{name}_transferred_all_pairings"] = round(
                    expected_transfers(scores[name], kind_abuse, setting), 4
                )
                row[f"{name}_flagged"] = round(float(_angry(scores[name], kind_abuse, setting).mean()), 4)
                row[f"{name}_single_turn"] = round(float((scores[name] >= setting["very_high"]).mean()), 4)
                row[f"{name}_n"] = len(scores[name])
        for kind in ANGRY_KINDS:
            if kind in scores and len(scores[kind]) >= 4:
                angry = scores[kind]
                angry_abuse = _flags(flags, kind, len(angry))
                pairs = _conversations(angry, 5)
                row[f"{kind}_turn_recall"] = round(float(_angry(angry, angry_abuse, setting).mean()), 4)
                row[f"{kind}_turn_recall_score_only"] = round(float((angry >= setting["threshold"]).mean()), 4)
                row[f"{kind}_transferred"] = round(float(_transfers(angry, angry_abuse, pairs, setting).mean()), 4)
                row[f"{kind}_n"] = len(angry)
        if "dissatisfied" in scores and len(scores["dissatisfied"]):
            row["dissatisfied_flagged"] = round(float((scores["dissatisfied"] >= setting["threshold"]).mean()), 4)
            row["dissatisfied_n"] = len(scores["dissatisfied"])
        report[lang] = row
    return report


def measure_global(test: dict[str, Scores]) -> dict[str, dict[str, Any]]:
    """The one global setting before calibration, over the heads as they are (no shift: the shifts are chosen with
    the per-language thresholds)."""
    settings = {lang: GLOBAL for lang in LANGS}
    return measure(anger_scores(test["anger_heads"], {}, settings), settings, test.get("abuse"))


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
    anger: tuple[dict[str, float], dict[str, dict[str, float]]] | None = None,
    anger_heads: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Thresholds chosen on the calibration half, measured on the test half; written to ``out`` (JSON). With
    ``anger`` (the customer head's shifts and the thresholds), those are kept (measured again, not chosen again)
    and only the dissatisfaction thresholds are chosen. ``score`` gives the anger heads' scores as
    "anger_heads" (one row per head). ``anger_heads``: the files of the anger signal scored, recorded with the
    thresholds."""
    started = time.perf_counter()
    calibration = score_sets(score, sets["calibration"], progress)
    test = score_sets(score, sets["test"], progress)
    if anger is not None:
        shifts, chosen = anger
    else:
        shifts, chosen = choose_anger(calibration["anger_heads"], abuse=calibration.get("abuse"))
    test["anger"] = anger_scores(test["anger_heads"], shifts, chosen)
    calibration["anger"] = anger_scores(calibration["anger_heads"], shifts, chosen)
    curves = reliability(test["anger"])
    report: dict[str, Any] = {
        "operating_point": "≤ 2 % of neutral two-turn conversations transferred (≤ 1.5 % expected on calibration)",
        "anger_heads": list(anger_heads),
        "customer_head_shift": shifts,
        "by_language": chosen,
        "calibration_per_language": measure(calibration["anger"], chosen, calibration.get("abuse")),
        "test_global_setting": measure_global(test),
        "test_per_language": measure(test["anger"], chosen, test.get("abuse")),
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
