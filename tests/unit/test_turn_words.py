"""The words' head on end of turn: its features, its file, the packaged head on plain cases, and the hold using it."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from hotline.speech.turn_end import TurnHold, hold_for
from hotline.speech.turn_words import PACKAGED_TURN_WORDS, TurnWords, load_turn_words, tail_features
from hotline.training.turn_words import cut_offs, examples, short_answers


def test_the_tail_drops_end_punctuation_and_counts_a_number_as_one_word() -> None:
    assert tail_features("Send it to 12 Oak Street.", "en", han=False) == tail_features(
        "send it to 99 oak street", "en", han=False
    )
    features = tail_features("My order number is #W5442520", "en", han=False)
    assert "en|1:<n>" in features and "en|2:is <n>" in features and "en|first:my" in features


def test_chinese_is_read_character_by_character() -> None:
    features = tail_features("我想退台灯。", "zh", han=True)
    assert "zh|1:灯" in features and "zh|2:台 灯" in features and "zh|4:想 退 台 灯" in features


def test_a_short_text_is_also_a_feature_whole() -> None:
    assert "ru|only:да всё верно" in tail_features("Да, всё верно.", "ru", han=False)
    assert not any(f.startswith("en|only:") for f in tail_features("I want to return it", "en", han=False))


def _toy() -> TurnWords:
    index = {"en|1:the": 0, "en|1:lamp": 1}
    return TurnWords(index, np.array([-4.0, 4.0]), 0.0, {"en": 0.5}, frozenset({"zh"}))


def test_the_head_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "turn-words.npz"
    _toy().save(path)
    loaded = TurnWords.load(path)
    assert loaded.thresholds == {"en": 0.5} and loaded.han == frozenset({"zh"}) and loaded.known is None
    assert loaded.finished("return the lamp", "en") == pytest.approx(_toy().finished("return the lamp", "en"))
    assert loaded.unfinished("return the", "en") and not loaded.unfinished("return the lamp", "en")


def test_a_language_without_a_threshold_and_silence_are_never_held() -> None:
    head = _toy()
    assert not head.unfinished("вернуть the", "ru")
    assert not head.unfinished("   ", "en")


def test_a_missing_head_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="hotline train turn-words"):
        load_turn_words(str(tmp_path / "none.npz"))
    assert load_turn_words(None) is None


def test_the_hold_asks_the_head_beside_the_rules_and_waits_less_on_its_word() -> None:
    head = _toy()
    assert hold_for("I want to return the", "en", 1.6, None, 1.3) == 1.6  # "the": the rule alone
    assert hold_for("I want to return the", "en", 1.6, head, 1.3) == 1.6  # a rule's wait, whatever the head says
    assert hold_for("I want to return it", "en", 1.6, head, 1.3) == 0.0
    assert hold_for("I want to return the", "en", 0.0, head, 1.3) == 0.0  # no hold at all
    desk = TurnWords({"en|1:desk": 0}, np.array([-4.0]), 0.0, {"en": 0.5}, frozenset())
    assert hold_for("I want to return the desk", "en", 1.6, desk, 1.3) == 1.3  # the head alone: its shorter wait
    hold = TurnHold(wait_s=1.6, words=desk, words_wait_s=1.3)
    assert hold.offer("I want to return the desk", "en", ended_at=10.0) is None
    assert hold.until == pytest.approx(11.3)
    assert hold.offer("lamp, please.", "en", ended_at=11.0) == "I want to return the desk lamp, please."


def test_rare_words_are_one_token_when_the_head_knows_its_words() -> None:
    known = frozenset({"en|can", "en|i", "en|return", "en|a"})
    features = tail_features("Can I return a laptop?", "en", han=False, known=known)
    assert "en|1:<w>" in features and "en|2:a <w>" in features and "en|only:can i return a <w>" not in features
    assert "en|1:<n>" in tail_features("order 123", "en", han=False, known=known)  # numbers stay numbers


def test_cut_offs_end_at_a_word_and_never_at_the_last() -> None:
    rng = random.Random(0)
    assert cut_offs("Cancel the order, please.", False, 5, rng) == ["Cancel", "Cancel the", "Cancel the order"]
    assert cut_offs("退款要多久？", True, 9, rng) == ["退", "退款", "退款要", "退款要多"]
    assert cut_offs("Yes.", False, 2, rng) == []


def test_examples_keep_every_message_on_one_side_of_the_held_back_split() -> None:
    data = examples({"en": [f"please cancel order {n} today" for n in range(200)]}, cuts=2, seed=0)
    train = {t for t, y in data["en"]["train"] if y == 1}
    held = {t for t, y in data["en"]["held"] if y == 1}
    assert train and held and not train & held
    assert all(y == 0 for t, y in data["en"]["held"] if t not in held)


def test_short_answers_are_the_packs_yes_and_no_words_as_heard() -> None:
    answers = short_answers("en")
    assert "yes" in answers and "Yes." in answers and "No." in answers
    assert "对。" in short_answers("zh")


@pytest.mark.skipif(not PACKAGED_TURN_WORDS.is_file(), reason="the packaged head is made by hotline train turn-words")
@pytest.mark.parametrize(
    ("text", "language", "held"),
    [
        ("I want to return the desk", "en", True),
        ("How long does a", "en", True),
        ("Cancel the order, please.", "en", False),
        ("How long does a refund take?", "en", False),
        ("Yes.", "en", False),
        ("Я хочу вернуть настольную", "ru", True),
        ("Сколько идёт возврат денег?", "ru", False),
        ("Да, всё верно.", "ru", False),
        ("我想退", "zh", True),
        ("对，没错。", "zh", False),
    ],
)
def test_the_packaged_head_on_plain_cases(text: str, language: str, held: bool) -> None:
    head = load_turn_words("packaged")
    assert head is not None
    assert head.unfinished(text, language) is held, head.finished(text, language)


def test_a_call_holds_with_the_head_and_wait_its_speech_models_carry() -> None:
    from types import SimpleNamespace
    from typing import Any, cast

    from prometheus_client import CollectorRegistry, Counter

    from hotline.gateway.voice_turn_end import TurnEnd

    desk = TurnWords({"en|1:desk": 0}, np.array([-4.0]), 0.0, {"en": 0.5}, frozenset())
    speech = cast(Any, SimpleNamespace(turn_words=desk, turn_words_hold_s=1.1, turn_model=None))
    events = Counter("voice_events_test", "test", ["kind"], registry=CollectorRegistry())
    turn_end = TurnEnd(speech, cast(Any, None), lambda: 0.0, lambda item: None, lambda e: None, events, "c1", 1.6, 3.0)
    assert turn_end.hold.words is desk and turn_end.hold.words_wait_s == 1.1
    assert turn_end.hold.offer("I want to return the desk", "en", ended_at=2.0) is None
    assert turn_end.hold.until == pytest.approx(3.1)
