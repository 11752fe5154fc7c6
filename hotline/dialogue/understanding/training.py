"""``hotline train understanding``: build the examples from the company's data, hold out a split of the
tasks (whole tasks: a phrasing of a held-out task is never seen in training), fit, report per field."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hotline.dialogue.language import script_language
from hotline.dialogue.understanding.examples import generate
from hotline.dialogue.understanding.examples_composed import held_out_cores
from hotline.dialogue.understanding.head import DEFAULT_HEAD, features, fit


def train_understanding(
    kb_dir: Path,
    out: Path = DEFAULT_HEAD,
    seed: int = 7,
    progress: Callable[[str], None] = print,
    embedder: Any = None,
) -> dict[str, Any]:
    """Fit the head on the tasks' examples (with ``embedder``: n-grams + the message's embedding)."""
    started = time.perf_counter()
    tasks = json.loads((kb_dir / "tau_retail_tasks_train.json").read_text())
    users = json.loads((kb_dir / "retail_data_users.json").read_text())
    orders = json.loads((kb_dir / "retail_data_orders.json").read_text())
    examples = list(generate(tasks, users, orders, seed))
    indices = list(range(len(tasks)))
    random.Random(seed).shuffle(indices)
    held = set(indices[: len(tasks) // 5])
    cores = held_out_cores(seed)
    train = [e for e in examples if e[3] not in held and e[4] not in cores]
    tests = {  # other customers in known wordings; wordings never trained on (any customer)
        "heldout_tasks": [e for e in examples if e[3] in held and e[4] not in cores],
        "heldout_wordings": [e for e in examples if e[4] in cores],
    }
    sizes = ", ".join(f"{len(v)} {k}" for k, v in tests.items())
    progress(f"{len(examples)} examples from {len(tasks)} tasks: {len(train)} train, {sizes}")
    texts = [e[0] for e in train]

    def embedded(done: int, total: int) -> None:
        if done == total or done % 2048 < 64:
            progress(f"embedded {done}/{total} examples")

    x = features(texts, embedder, progress=embedded)
    head = fit(texts, {"act": [e[1] for e in train], "action": [e[2] for e in train]}, embedder=embedder, x=x)
    report: dict[str, Any] = {"examples": len(examples), "train": len(train)}
    report["features"] = "char n-grams" + ("" if embedder is None else f" + {embedder.name} embedding")
    for split, test in tests.items():
        report[split] = {"examples": len(test)} | _accuracy(head, test)
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["act_accuracy"] = report["heldout_wordings"]["act"]  # the headline: wordings never trained on
    report["action_accuracy"] = report["heldout_wordings"]["action"]
    head.save(out, report)
    progress(f"wrote {out}: {json.dumps(report)}")
    return report


def _accuracy(head: Any, test: list[tuple[str, str, str, int, Any]]) -> dict[str, dict[str, float]]:
    """Accuracy per field and language (the action only on requests: other messages ask for none)."""
    per: dict[str, dict[str, list[bool]]] = {"act": {}, "action": {}}
    for text, act, action, _task, core in test:
        lang = core[1] if core is not None else script_language(text)
        got = head.predict(text)
        per["act"].setdefault(lang, []).append(got.act == act)
        if act == "request":
            per["action"].setdefault(lang, []).append(got.action == action)
    return {f: {lang: round(sum(v) / len(v), 4) for lang, v in sorted(by.items())} for f, by in per.items()}
