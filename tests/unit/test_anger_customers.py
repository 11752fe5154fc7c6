"""The anger signal over two heads (the comments' and the angry customers'), and the customer head's training
sample: composed customers against everyday texts in every language, the held-out phrasings never trained on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.dialogue.escalation import AngerSignal, SignalHead, calibrated_heads, calibration_path_for
from hotline.training.anger_phrases import composed
from hotline.training.escalation_customers import (
    CustomerAngerTraining,
    customer_training_texts,
    train_customer_anger_head,
)


class Embedder:
    name = "test:embedder"
    dimension = 2

    def embed_queries(self, texts: list[str]) -> Any:
        return np.array([[t.count("!"), t.count("?")] for t in texts], dtype=np.float32)


def _linear(coef: list[float]) -> SignalHead:
    return SignalHead.from_weights(Embedder(), {"coef": np.array(coef, np.float32), "intercept": 0.0})


def test_the_anger_signal_is_its_heads_highest_score() -> None:
    comments, customers = _linear([2.0, 0.0]), _linear([0.0, 2.0])
    signal = AngerSignal(comments, customers)
    texts = ["no!!", "why??", "fine"]
    scores = signal.score_many(texts)
    assert scores == pytest.approx(np.maximum(comments.score_many(texts), customers.score_many(texts)))
    assert signal.score("why??") == pytest.approx(customers.score("why??"))  # the customers' head hears it
    assert signal.score("no!!") == pytest.approx(comments.score("no!!"))
    assert AngerSignal(comments).score("why??") == pytest.approx(0.5)  # the comments' head alone: no signal


def test_an_embedder_without_heads_has_no_anger_signal() -> None:
    assert AngerSignal.load(Embedder()) is None


def test_the_customer_sample_holds_every_kind_and_no_held_out_phrasing(tmp_path: Path) -> None:
    (tmp_path / "train.tsv").write_text("Nice weather today.\t27\ta\nI love it!\t17\tb\nMeh.\t27\tc\n", "utf-8")
    (tmp_path / "ru_goemotions_validation.csv").write_text(
        'ru_text,text,labels,id\n"Как здорово!",How great!,[17],x\n"Обычный день.",A day.,[27],y\n', "utf-8"
    )
    (tmp_path / "cold").mkdir()
    (tmp_path / "cold" / "train.csv").write_text(
        ",split,topic,label,TEXT\n1,train,race,0,今天天气很好\n2,train,race,1,滚\n"
    )
    messages = {"en": ["where is my order"], "ru": ["где мой заказ"], "zh": ["我的订单在哪里"]}
    config = CustomerAngerTraining(per_frame=5)
    texts, labels, counts = customer_training_texts(tmp_path, messages, config)
    assert len(texts) == len(labels) == sum(counts.values())
    for lang in ("en", "ru", "zh"):
        assert counts[f"angry_customer_{lang}"] > 0 and counts[f"calm_customer_{lang}"] > 0
        assert counts[f"customer_{lang}"] == 1
    assert counts["neutral_en"] == 2 and counts["other_emotions_ru"] == 1 and counts["inoffensive_zh"] == 1
    angry = {t for t, y in zip(texts, labels, strict=True) if y == 1}
    assert "滚" not in texts and "Как здорово!" in texts and "Как здорово!" not in angry
    held_out = {t for parts in composed(5).values() for t, _ in parts["held"]}
    assert not held_out & set(texts)
    assert angry == {t for parts in composed(5).values() for t, a in parts["train"] if a}


def test_a_calibration_records_the_heads_it_was_chosen_over(tmp_path: Path) -> None:
    path = tmp_path / "anger.calibration.json"
    assert calibrated_heads(path) is None  # not calibrated
    path.write_text(json.dumps({"by_language": {}}))
    assert calibrated_heads(path) is None  # calibrated before the heads were recorded
    path.write_text(json.dumps({"anger_heads": ["anger-x.npz", "anger-customers-x.npz"], "by_language": {}}))
    assert calibrated_heads(path) == ("anger-x.npz", "anger-customers-x.npz")


def test_the_shipped_thresholds_were_chosen_over_the_shipped_heads() -> None:
    class E5Name(Embedder):
        name = "packaged:multilingual-e5-small"

    signal = AngerSignal.load(E5Name())
    assert signal is not None and len(signal.heads) == 2
    assert calibrated_heads(calibration_path_for(E5Name.name)) == signal.files


class HashedEmbedder:
    """A fixed vector per text: the training's plumbing, not its quality (the bench measures that)."""

    name = "hashed"
    dimension = 16

    def embed_queries(self, texts: list[str]) -> Any:
        return np.array([np.random.default_rng(abs(hash(t)) % 2**32).normal(size=16) for t in texts], np.float32)


def test_the_customer_head_trains_writes_its_file_and_reports_the_held_out_phrasings(tmp_path: Path) -> None:
    (tmp_path / "train.tsv").write_text("".join(f"Ordinary comment {i}.\t27\tc{i}\n" for i in range(30)), "utf-8")
    messages = {lang: [f"{lang} request {i}" for i in range(20)] for lang in ("en", "ru", "zh")}
    out = tmp_path / "anger-customers-hashed.npz"
    report = train_customer_anger_head(
        HashedEmbedder(), tmp_path, messages, out, config=CustomerAngerTraining(per_frame=5, lexical_weight=0.3)
    )
    held_out = report["composed_held_out_at_0.5"]
    assert set(held_out) == {"en", "ru", "zh"}
    for row in held_out.values():
        assert row["angry_n"] > 0 and 0.0 <= row["angry_flagged"] <= 1.0
    assert json.loads(out.with_suffix(".json").read_text())["composed_held_out_at_0.5"] == held_out
    head = SignalHead(HashedEmbedder(), out)
    assert head.lexical is not None and 0.0 <= head.score("Сколько можно ждать?!") <= 1.0


def test_the_customer_head_is_shifted_per_language_before_the_heads_are_compared() -> None:
    from hotline.dialogue.escalation import HeadShift, combine_heads

    comments, customers = _linear([2.0, 0.0]), _linear([0.0, 1.0])
    signal = AngerSignal(comments, customers, shifts={"zh": HeadShift(2.0, 0.99)})
    raw = customers.score("why?")
    shifted = 1 / (1 + np.exp(-(np.log(raw / (1 - raw)) + 2.0)))
    assert signal.score("why?", "zh") == pytest.approx(shifted)
    assert signal.score("why?", "en") == pytest.approx(raw)  # no shift chosen for English
    assert signal.score("why?") == pytest.approx(raw)
    assert signal.score("no!!", "zh") == pytest.approx(comments.score("no!!"))  # the comments' head is never shifted
    assert signal.score("why???", "zh") == pytest.approx(0.99)  # shifted, it never reaches the very-angry level
    assert AngerSignal(comments, customers, shifts={"zh": HeadShift(2.0, 0.6)}).score("why???", "zh") == (
        pytest.approx(customers.score("why???"))  # the head's own score above the ceiling stands
    )
    rows = np.array([[0.9, 0.1], [0.2, 0.3]])
    assert combine_heads(rows) == pytest.approx([0.9, 0.3])
    assert combine_heads(rows[:1], HeadShift(3.0)) == pytest.approx([0.9, 0.1])  # one head: nothing to shift


def test_the_calibrated_shifts_are_read_with_the_thresholds(tmp_path: Path) -> None:
    from hotline.dialogue.escalation import HeadShift, calibrated_shifts

    path = tmp_path / "anger.calibration.json"
    assert calibrated_shifts(path) == {}
    path.write_text(json.dumps({"by_language": {}}))
    assert calibrated_shifts(path) == {}  # calibrated before shifts were chosen: the heads as they are
    very = {"threshold": 0.5, "very_high": 0.9, "reset_below": 0.4}
    path.write_text(
        json.dumps({"customer_head_shift": {"en": 0.0, "zh": 1.5}, "by_language": {"en": very, "zh": very}})
    )
    assert calibrated_shifts(path) == {"en": HeadShift(0.0, 0.899), "zh": HeadShift(1.5, 0.899)}


def test_the_shift_is_chosen_where_it_catches_more_angry_customers_within_the_budget() -> None:
    from hotline.training.escalation_calibration import anger_scores, choose_anger

    rng = np.random.default_rng(4)

    def heads(comments: np.ndarray, customers: np.ndarray) -> np.ndarray:
        return np.vstack([np.clip(comments, 0.001, 0.999), np.clip(customers, 0.001, 0.999)])

    n = 600
    calm = heads(rng.normal(0.2, 0.1, n), rng.normal(0.05, 0.03, n))
    by_kind = {
        "neutral": calm,
        "customer": heads(rng.normal(0.1, 0.05, n), rng.normal(0.05, 0.03, n)),
        "calm_customer": heads(rng.normal(0.1, 0.05, n), rng.normal(0.1, 0.05, n)),
        "angry": heads(rng.normal(0.6, 0.15, 300), rng.normal(0.1, 0.05, 300)),
        # the customer head hears them but scores them under the comments' neutral tail
        "angry_customer": heads(rng.normal(0.2, 0.1, 60), rng.normal(0.35, 0.05, 60)),
    }
    shifts, chosen = choose_anger({"en": by_kind})
    assert shifts["en"] > 0
    unshifted = choose_anger({"en": by_kind}, shifts=(0.0,))[1]
    caught = anger_scores({"en": by_kind}, shifts, chosen)["en"]["angry_customer"] >= chosen["en"]["threshold"]
    before = anger_scores({"en": by_kind}, {}, unshifted)["en"]["angry_customer"] >= unshifted["en"]["threshold"]
    assert caught.mean() > before.mean() + 0.3
    # calm customers who score like the angry ones keep the shift out: they are in the budget
    loud = dict(by_kind, calm_customer=by_kind["angry_customer"].repeat(10, axis=1))
    assert choose_anger({"en": loud})[0]["en"] == 0.0
