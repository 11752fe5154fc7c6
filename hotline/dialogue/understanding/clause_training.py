"""Fitting the clause-role head (part of ``hotline train understanding``): messages built from the clause
templates, whole templates held out, accuracy per role and language on the held-out ones."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hotline.dialogue.understanding.clause_examples import generate, held_out_templates
from hotline.dialogue.understanding.clause_roles import DEFAULT_CLAUSE_HEAD, ClauseRoles, fit


def catalogue_values(kb_dir: Path) -> list[str]:
    """Every option value of the company's catalogue ("black", "latex", "not resistant", "24MP")."""
    products = json.loads((kb_dir / "retail_data_products.json").read_text())
    return sorted(
        {str(v) for p in products.values() for variant in p["variants"].values() for v in variant["options"].values()}
    )


def train_clause_roles(
    kb_dir: Path,
    out: Path = DEFAULT_CLAUSE_HEAD,
    seed: int = 7,
    messages: int = 12000,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    started = time.perf_counter()
    values = catalogue_values(kb_dir)
    held = held_out_templates(seed)
    train = list(generate(messages, seed, held, heldout=False, values=values))
    test = list(generate(messages // 6, seed + 1, held, heldout=True, values=values))
    progress(f"clause roles: {len(train)} messages to train on, {len(test)} from {len(held)} held-out templates")
    head = fit([(t, spans) for t, spans, _, _ in train], [r for *_, roles, _ in train for r in roles], values)
    report: dict[str, Any] = {"train_messages": len(train), "heldout_messages": len(test)}
    report["heldout_accuracy"] = score(head, test)
    progress(f"held-out templates: {report['heldout_accuracy']}; now fitting on all templates")
    every = list(generate(messages, seed + 2, set(), heldout=False, values=values))
    head = fit([(t, spans) for t, spans, _, _ in every], [r for *_, roles, _ in every for r in roles], values)
    report["shipped"] = "fitted on all templates after the held-out measurement"
    report["seconds"] = round(time.perf_counter() - started, 1)
    head.save(out, report)
    progress(f"wrote {out}: {report}")
    return report


def score(
    head: ClauseRoles, messages: list[tuple[str, list[tuple[int, int]], list[str], str]]
) -> dict[str, dict[str, float]]:
    """Accuracy per role and language over the clauses that name an item (the ones whose role matters), and
    "held": whether what the clause names is rightly left out or kept (except and hold lead to the same plan)."""
    hits: dict[str, dict[str, list[bool]]] = {}
    p = head.probabilities([(text, spans) for text, spans, _, _ in messages])
    held = head.held
    row = 0
    for _text, spans, roles, lang in messages:
        for i, role in enumerate(roles):
            if role == "other":
                continue
            by_role = hits.setdefault(lang, {})
            by_role.setdefault(role, []).append(head.labels[int(p[row + i].argmax())] == role)
            by_role.setdefault("held", []).append(bool(p[row + i, held].sum() >= 0.5) == (role != "act"))
        row += len(spans)
    return {
        lang: {role: round(sum(v) / len(v), 4) for role, v in sorted(by_role.items())}
        for lang, by_role in sorted(hits.items())
    }
