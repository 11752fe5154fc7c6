"""The scenario runner on a handful of τ-bench dev scenarios (the model is a scripted double here: the
flows that write are code; `hotline eval scenarios` runs them all with the real model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from hotline.evaluation.scenarios import load_scenarios, run_scenarios
from hotline.gateway.services import build_services
from hotline.settings import REPO_ROOT
from tests.conftest import make_settings
from tests.fakes import ScriptedGenerator

pytestmark = pytest.mark.shared_data
SCENARIOS = REPO_ROOT / "eval" / "scenarios_dev.jsonl"


def test_dev_scenarios_subset(tmp_path: Path, shared_data: Path) -> None:
    picked = [
        s
        for s in SCENARIOS.read_text().splitlines()
        if json.loads(s)["id"] in ("tau-dev-0", "tau-dev-3", "tau-dev-11", "tau-dev-17")
    ]
    subset = tmp_path / "subset.jsonl"
    subset.write_text("\n".join(picked) + "\n")
    services = build_services(make_settings(tmp_path, load_models=False))
    services.dialogue.generator = ScriptedGenerator("I am happy to help!")
    out = tmp_path / "scenarios.json"
    run_scenarios(services, subset, out, Console(quiet=True))
    report = json.loads(out.read_text())
    resolved = {r["id"]: r["resolved"] for r in report["results"]}
    assert resolved == {"tau-dev-0": True, "tau-dev-3": True, "tau-dev-11": True, "tau-dev-17": True}
    assert report["hotline"]["unexpected_writes"] == 0
    assert report["keyword_baseline"]["resolved"] == 1  # only the scenario that needs no write
    services.close()


def test_scenario_file_is_well_formed() -> None:
    scenarios = load_scenarios(SCENARIOS)
    assert len(scenarios) == 20 and all(s.turns for s in scenarios)
