"""``hotline train understanding``: build the examples from the company's data, hold out a split of the
tasks (whole tasks: a phrasing of a held-out task is never seen in training), fit, report per field."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hotline.dialogue.understanding.examples import generate
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
    train = [e for e in examples if e[3] not in held]
    test = [e for e in examples if e[3] in held]
    progress(f"{len(examples)} examples from {len(tasks)} tasks: {len(train)} train, {len(test)} held out")
    texts = [e[0] for e in train]

    def embedded(done: int, total: int) -> None:
        if done == total or done % 2048 < 64:
            progress(f"embedded {done}/{total} examples")

    x = features(texts, embedder, progress=embedded)
    head = fit(texts, {"act": [e[1] for e in train], "action": [e[2] for e in train]}, embedder=embedder, x=x)
    report: dict[str, Any] = {"examples": len(examples), "train": len(train), "heldout": len(test)}
    report["features"] = "char n-grams" + ("" if embedder is None else f" + {embedder.name} embedding")
    for field_index, name in ((1, "act"), (2, "action")):
        per_lang: dict[str, list[bool]] = {}
        for text, *labels, _task in test:
            lang = (
                "zh"
                if any("\u4e00" <= ch <= "\u9fff" for ch in text)
                else ("ru" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "en")
            )
            got = head.predict(text)
            per_lang.setdefault(lang, []).append((got.act if name == "act" else got.action) == labels[field_index - 1])
        report[f"{name}_accuracy"] = {lang: round(sum(v) / len(v), 4) for lang, v in sorted(per_lang.items())}
    report["seconds"] = round(time.perf_counter() - started, 1)
    head.save(out, report)
    progress(f"wrote {out}: {json.dumps(report)}")
    return report
