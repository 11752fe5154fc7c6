"""``hotline eval scope``: which items of an order a message means, on what the simulated customers of every
phrasing family say — "everything except …", a list with a hedge ("… — the lamp stays"), a plain list, one
item to change — without the rest of a conversation around it.

For each family and language: real orders of the company with three or more differently named items, a goal
drawn by seed, the message said in that family's words (``simulate/phrasebook*.py``), read as the flows read it
(``annotate``, then ``match_items``). Right when the items found are exactly the goal's. Family 6 is the held-out
family (its transcripts are not read while tuning); the others are tuning families.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.order_items import match_items
from hotline.evaluation.simulate.phrasebook import Voice

HELD_OUT_FAMILY = 6
FAMILIES = range(7)
_OPENERS = {"en": "I want to return ", "ru": "хочу вернуть ", "zh": "我要退"}
_NEW = {
    "en": ["black", "XL", "the 4K version", "a bigger size"],
    "ru": ["чёрный", "XL", "размер побольше"],
    "zh": ["黑色", "大号", "4K的"],
}


def _message(voice: Voice, rng: random.Random, items: list[dict[str, Any]]) -> tuple[str, str, list[dict[str, Any]]]:
    """(kind, what the customer says, the items meant)."""
    goal = rng.sample(items, rng.randrange(1, len(items)))
    left = [i for i in items if i not in goal]
    if rng.random() < 0.3:
        return (
            "change",
            voice.say("change_one", item=voice.product(goal[0]["name"]), new=rng.choice(_NEW[voice.lang])),
            goal[:1],
        )
    if len(left) == 1 and rng.random() < 0.5:
        return "except", voice.say("except", item=voice.product(left[0]["name"])), goal
    said = voice.join([voice.product(i["name"]) for i in goal])
    if rng.random() < 0.6:
        return "hedge", said + voice.say("hedge", item=voice.product(left[0]["name"])), goal
    return "list", said, goal


def run_scope_probe(kb_dir: Path, out: Path, per_cell: int = 120) -> dict[str, Any]:
    orders = json.loads((kb_dir / "retail_data_orders.json").read_text())
    pool = [o for o in orders.values() if len({i["name"] for i in o["items"]}) == len(o["items"]) >= 3]
    cells: dict[str, list[bool]] = {}
    misses: list[dict[str, Any]] = []
    for family in FAMILIES:
        split = "heldout" if family == HELD_OUT_FAMILY else "tune"
        for lang in ("en", "ru", "zh"):
            rng = random.Random(family * 100 + len(lang))
            voice = Voice(lang, family, rng)
            for _ in range(per_cell):
                order = rng.choice(pool)
                kind, said, goal = _message(voice, rng, order["items"])
                text = annotate(_OPENERS[lang] + said)
                got = match_items(text, order)
                right = got == sorted(i["item_id"] for i in goal)
                for key in (f"{split}/{lang}", f"{split}/{lang}/{kind}"):
                    cells.setdefault(key, []).append(right)
                if not right and split == "tune" and len(misses) < 40:  # held-out misses are not kept for reading
                    names = {i["item_id"]: i["name"] for i in order["items"]}
                    misses.append({"text": text, "meant": [i["name"] for i in goal], "got": [names[g] for g in got]})
    report = {
        "cells": {k: {"n": len(v), "right_pct": round(100 * sum(v) / len(v), 1)} for k, v in sorted(cells.items())},
        "tune_misses": misses,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report
