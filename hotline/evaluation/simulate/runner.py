"""``hotline eval simulate``: run the simulated customers for both bots and write JSON plus a table."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from hotline.dialogue.understanding.head import DEFAULT_HEAD, UnderstandingHead, understanding_head_path
from hotline.evaluation.simulate.harness import (
    FlowBot,
    SimResult,
    as_json,
    head_accuracy,
    run_one,
    summarise,
    task_split,
)
from hotline.evaluation.simulate.phrasebook_families import LATER_FAMILIES
from hotline.redline.rules import RedLine
from hotline.store.memory import MemoryStore

TASKS_FILE = "tau_retail_tasks_train.json"


def bots(
    redline: RedLine, head: UnderstandingHead | None = None, asks_person: Callable[[str], bool] | None = None
) -> dict[str, Any]:
    from hotline.dialogue.flows import FlowManager, FlowState, result_sentence
    from hotline.evaluation.keyword_baseline import flows as keyword_flows

    def hotline_bot(store: MemoryStore) -> FlowBot:
        return FlowBot(FlowManager(store, head), FlowState(), store, redline, result_sentence, asks_person)

    def keyword_bot(store: MemoryStore) -> FlowBot:
        return FlowBot(
            keyword_flows.FlowManager(store), keyword_flows.FlowState(), store, redline, keyword_flows.result_sentence
        )

    return {"hotline": hotline_bot, "keyword": keyword_bot}


def splits() -> tuple[str, ...]:
    """The ``--split`` names: tune, heldout, one per later phrasing family (phrasebook_families.LATER_FAMILIES), all."""
    return ("tune", "heldout", *(f"family{family}" for family in sorted(LATER_FAMILIES)), "all")


def plan(
    n_tasks: int, langs: dict[str, int], split: str, variants: list[str], seed: int
) -> list[tuple[int, str, int, int, bool]]:
    """(task, lang, template family, seed, patient) for each conversation. Tuning runs use family 0 and the
    tuning tasks; held-out runs family 1, other seeds and the held-out tasks; "family2" and "family3" run the
    held-out tasks in those later families' phrasings (the newest family is the one no change was tuned on)."""
    tune, held = task_split(n_tasks)
    by_split = {"tune": tune, "heldout": held, "all": list(range(n_tasks))}
    by_split.update({f"family{family}": held for family in LATER_FAMILIES})
    chosen = by_split[split]
    runs = []
    for lang, limit in langs.items():
        for index in chosen[: limit or None]:
            family = (
                int(split.removeprefix("family"))
                if split.startswith("family")
                else 1
                if split == "heldout" or (split == "all" and index in held)
                else 0
            )
            for variant in variants:
                runs.append((index, lang, family, seed * 100_003 + index * 7 + len(lang), variant == "patient"))
    return runs


def load_head(embedder_setting: str | None) -> UnderstandingHead | None:
    """The head the gateway would use: with this embedder's features when one is given and its head is trained,
    else the n-gram head."""
    if embedder_setting:
        from hotline.kb.embeddings import load_embedder

        embedder = load_embedder(embedder_setting)
        path = understanding_head_path(embedder.name)
        if path.exists():
            return UnderstandingHead.load(path, embedder)
    return UnderstandingHead.load(DEFAULT_HEAD) if DEFAULT_HEAD.exists() else None


def load_person(head: UnderstandingHead | None) -> Callable[[str], bool] | None:
    """The gateway's person head (asks for a human in other words) at its threshold, over the understanding head's
    embedder; None without one."""
    from hotline.dialogue.escalation import SignalHead, person_path_for

    embedder = head.embedder if head is not None else None
    if embedder is None or not person_path_for(embedder.name).exists():
        return None
    person = SignalHead(embedder, person_path_for(embedder.name))
    return lambda text: person.score(text) >= person.threshold


def run_simulation(
    kb_dir: Path,
    langs: dict[str, int],
    split: str,
    variants: list[str],
    which: list[str],
    seed: int,
    out: Path,
    console: Console,
    embedder_setting: str | None = None,
) -> Table:
    tasks = json.loads((kb_dir / TASKS_FILE).read_text())
    base = MemoryStore.from_dir(kb_dir)
    redline = RedLine()
    runs = plan(len(tasks), langs, split, variants, seed)
    head = load_head(embedder_setting)
    makers = bots(redline, head, load_person(head))
    report: dict[str, Any] = {"split": split, "seed": seed, "langs": langs, "variants": variants}
    results: dict[str, list[SimResult]] = {}
    for name in which:
        found: list[SimResult] = []
        latencies: list[float] = []
        with Progress(console=console, transient=True) as progress:
            bar = progress.add_task(f"{name}", total=len(runs))
            for index, lang, family, run_seed, patient in runs:
                result, ms = run_one(index, tasks[index], base, makers[name], lang, family, run_seed, patient)
                found.append(result)
                latencies += ms
                progress.advance(bar)
        results[name] = found
        report[name] = summarise(found, latencies)
        report[name]["by_variant"] = {
            v: summarise([r for r in found if r.patient == (v == "patient")], [])["all"] for v in variants
        }
        report[name]["failed_examples"] = as_json(found)
        if name == "hotline" and head is not None:
            report[name]["understanding_head"] = head_accuracy(found, head)
    if "understanding_head" in report.get("hotline", {}):
        accuracy = report["hotline"]["understanding_head"]
        console.print(f"understanding head on the customers' own messages: {json.dumps(accuracy, ensure_ascii=False)}")
    for name in which:
        console.print(fields_table(name, report[name]))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    console.print(f"wrote {out}")
    table = Table(title=f"hotline eval simulate ({split}, seed {seed})")
    table.add_column("bot")
    table.add_column("slice")
    for column in ("n", "resolved", "unexpected writes", "wrong plans", "loops", "transfers", "turns"):
        table.add_column(column, justify="right")
    for name in which:
        summary = report[name]
        rows = [("all", summary["all"]), *summary["by_language"].items()]
        rows += [(f"{v}", b) for v, b in summary["by_variant"].items()]
        for label, b in rows:
            table.add_row(
                name,
                label,
                str(b["conversations"]),
                f"{b['resolution_rate']:.1%}",
                str(b["unexpected_writes"]),
                f"{b['wrong_plan_rate']:.1%}",
                str(b["conversations_with_loops"]),
                str(b["transfers"]),
                str(b["turns_per_conversation"]),
            )
    return table


def fields_table(bot: str, summary: dict[str, Any]) -> Table:
    """The plans offered for confirmation, field by field: share right (plans carrying that field)."""
    slices = {"all": summary["all"], **summary["by_language"]}
    names = sorted({f for b in slices.values() for f in b["plan_fields"]})
    table = Table(title=f"{bot}: plan fields right (plans)")
    table.add_column("field")
    for label in slices:
        table.add_column(label, justify="right")
    for f in names:
        cells = []
        for b in slices.values():
            got = b["plan_fields"].get(f)
            cells.append(f"{got['accuracy']:.1%} ({got['plans']})" if got else "–")
        table.add_row(f, *cells)
    return table
