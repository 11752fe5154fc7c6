"""The simulated customers' harness itself: deterministic per seed, judged on the store's end state, and a
small sample of conversations in each language that must stay free of unexpected writes and loops."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hotline.dialogue.understanding.head import DEFAULT_HEAD, UnderstandingHead
from hotline.evaluation.simulate.harness import run_one, summarise, task_split
from hotline.evaluation.simulate.runner import bots
from hotline.redline.rules import RedLine
from hotline.store.memory import MemoryStore

pytestmark = pytest.mark.shared_data
World = tuple[MemoryStore, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def world(shared_data: Path) -> World:
    kb = shared_data / "kb"
    return MemoryStore.from_dir(kb), json.loads((kb / "tau_retail_tasks_train.json").read_text())


def test_a_sample_in_each_language_resolves_without_unexpected_writes_or_loops(world: World) -> None:
    base, tasks = world
    makers = bots(RedLine(), UnderstandingHead.load(DEFAULT_HEAD))
    tune, held = task_split(len(tasks))
    assert not set(tune) & set(held) and len(held) == 150
    results, latencies = [], []
    for lang in ("en", "ru", "zh"):
        for index in tune[:12]:
            for patient in (True, False):
                result, ms = run_one(index, tasks[index], base, makers["hotline"], lang, 0, 7 + index, patient)
                results.append(result)
                latencies += ms
    summary = summarise(results, latencies)
    assert summary["all"]["unexpected_writes"] == 0
    assert summary["all"]["loops"] == 0
    for lang, block in summary["by_language"].items():
        assert block["resolution_rate"] >= 0.6, (lang, block)


def test_the_same_seed_gives_the_same_conversation_and_the_baseline_runs(world: World) -> None:
    base, tasks = world
    makers = bots(RedLine(), UnderstandingHead.load(DEFAULT_HEAD))
    first, _ = run_one(3, tasks[3], base, makers["hotline"], "zh", 1, 42, True)
    again, _ = run_one(3, tasks[3], base, makers["hotline"], "zh", 1, 42, True)
    assert first.transcript == again.transcript
    baseline, _ = run_one(3, tasks[3], base, makers["keyword"], "en", 0, 42, True)
    assert baseline.transcript and baseline.unexpected_writes == 0
