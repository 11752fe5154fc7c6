"""The anger signal's parts: the perceptron head's arithmetic, abuse words per language, and the calibration
counting abuse as an angry turn the way the gateway's decision does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.dialogue.escalation import SignalHead
from hotline.redline.rules import RedLine
from hotline.training.escalation_calibration import choose_thresholds, measure


class Embedder:
    name = "test:embedder"
    dimension = 3

    def embed_queries(self, texts: list[str]) -> Any:
        return np.array([[len(t) / 10, t.count("!"), 1.0] for t in texts], dtype=np.float32)


def test_a_perceptron_head_scores_like_its_weights_and_survives_the_file(tmp_path: Path) -> None:
    weights = {
        "w1": np.array([[1.0, -1.0], [2.0, 0.0], [0.0, 0.5]], dtype=np.float32),
        "b1": np.array([0.0, -0.2], dtype=np.float32),
        "w2": np.array([1.5, -1.0], dtype=np.float32),
        "b2": np.float32(-0.5),
    }
    head = SignalHead.from_weights(Embedder(), weights)
    vector = np.array([[0.5, 2.0, 1.0]], dtype=np.float32)
    hidden = np.maximum(vector @ weights["w1"] + weights["b1"], 0)
    expected = 1 / (1 + np.exp(-(hidden @ weights["w2"] + weights["b2"])))
    assert head.score_vectors(vector) == pytest.approx(expected)
    path = tmp_path / "anger.npz"
    np.savez(path, **weights, embedder=np.str_("test:embedder"), threshold=np.float32(0.4))
    loaded = SignalHead(Embedder(), path)
    assert loaded.threshold == pytest.approx(0.4)
    assert loaded.score("no way!!") == pytest.approx(head.score("no way!!"))
    assert loaded.score("no way!!") > loaded.score("fine")  # two exclamation marks weigh in


def test_a_linear_head_file_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "dissatisfied.npz"
    np.savez(
        path, coef=np.array([0.0, 1.0, 0.0], np.float32), intercept=np.float32(0), embedder=np.str_("test:embedder")
    )
    head = SignalHead(Embedder(), path)
    assert head.score("ok") == pytest.approx(0.5)
    assert head.score("ok!") == pytest.approx(1 / (1 + np.exp(-1)))


@pytest.mark.parametrize(
    ("text", "abuse"),
    [
        ("what the fuck is wrong with you people", True),
        ("you absolute dumbass", True),
        ("goddammit, again?", True),
        ("I'm pissed, where is my order", True),
        ("чёртова посылка опять не пришла", True),
        ("вы что, дебилы?", True),
        ("какая-то хрень, а не сервис", True),
        ("你们这群废物", True),
        ("闭嘴，叫人工来", True),
        ("I need a dumbbell set", False),  # whole words only
        ("do you sell beef jerky", False),
        ("блин, забыла номер заказа", False),  # a mild interjection, not abuse
        ("это надёжный чертёж?", False),
        ("这个操作靠谱吗", False),  # 操 and 靠 are parts of ordinary words: not on the list alone
        ("滚筒洗衣机有货吗", False),
    ],
)
def test_abuse_words_in_each_language(text: str, abuse: bool) -> None:
    assert RedLine().check_input(text).abuse is abuse


def test_abuse_is_an_angry_turn_in_the_calibration_as_in_the_decision() -> None:
    rng = np.random.default_rng(3)
    neutral = np.clip(rng.normal(0.2, 0.1, 1200), 0, 1)
    angry = np.clip(rng.normal(0.3, 0.1, 400), 0, 1)  # overlapping the neutral scores
    calibration = {"en": {"neutral": neutral, "angry": angry}}
    flags = {"en": {"neutral": np.zeros(1200), "angry": (np.arange(400) % 2 == 0).astype(float)}}  # half swear
    without, with_abuse = choose_thresholds(calibration), choose_thresholds(calibration, abuse=flags)
    plain, counted = measure(calibration, without), measure(calibration, with_abuse, flags)
    assert counted["en"]["angry_turn_recall"] > plain["en"]["angry_turn_recall"] + 0.15
    assert counted["en"]["angry_turn_recall_score_only"] <= counted["en"]["angry_turn_recall"]
    assert counted["en"]["neutral_transferred"] <= 0.02
    # a neutral set full of swearing is transferred: abuse is not free
    sweary = {"en": {"neutral": np.ones(1200), "angry": flags["en"]["angry"]}}
    assert measure(calibration, with_abuse, sweary)["en"]["neutral_transferred"] > 0.9


def test_the_expected_share_transferred_is_the_mean_over_pairings() -> None:
    from hotline.training.escalation_calibration import expected_transfers

    rng = np.random.default_rng(5)
    scores = np.clip(rng.normal(0.3, 0.2, 600), 0, 1)
    abuse = rng.random(600) < 0.05
    setting = {"threshold": 0.5, "very_high": 0.8}
    exact = expected_transfers(scores, abuse, setting)
    angry = (scores >= 0.5) | abuse
    very = scores >= 0.8
    first, second = rng.integers(0, 600, 200_000), rng.integers(0, 600, 200_000)
    sampled = float((very[first] | very[second] | (angry[first] & angry[second])).mean())
    assert exact == pytest.approx(sampled, abs=0.005)
    assert expected_transfers(np.zeros(0), np.zeros(0, bool), setting) == 0.0
