"""The words' head on end of turn trained end to end on the shared data: the file it writes is the one the gateway
loads, each language gets a threshold that holds at most the configured share of held-back finished messages, and
it holds most messages cut off at a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline.speech.turn_words import load_turn_words
from hotline.training.turn_words import TurnWordsTraining, train_turn_words

pytestmark = [pytest.mark.shared_data]


def test_training_writes_a_head_the_gateway_loads(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "turn-words.npz"
    messages: list[str] = []
    report = train_turn_words(shared_data, out, TurnWordsTraining(per_source=800), messages.append)
    head = load_turn_words(str(out))
    assert head is not None and set(head.thresholds) == {"en", "ru", "zh"}
    assert json.loads(out.with_suffix(".json").read_text())["languages"] == report["languages"]
    for code, row in report["languages"].items():
        assert row["whole_held_pct"] <= 7.0, (code, row)  # the quantile of a few hundred messages: about 5 %
        assert row["cut_held_pct"] >= 50.0, (code, row)
    assert any(line.startswith("messages:") for line in messages)
    assert head.unfinished("I would like to return the", "en")
