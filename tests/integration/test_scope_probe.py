"""``hotline eval scope`` on a small draw: it runs over every phrasing family, writes its report, and the items
a message means are found in both splits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline.evaluation.scope_probe import run_scope_probe

pytestmark = [pytest.mark.shared_data]


def test_the_scope_probe_reports_every_family_and_language(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "scope.json"
    report = run_scope_probe(shared_data / "kb", out, per_cell=20)
    assert json.loads(out.read_text()) == report
    for split, n in (("heldout", 20), ("tune", 120)):
        for lang in ("en", "ru", "zh"):
            cell = report["cells"][f"{split}/{lang}"]
            assert cell["n"] == n and cell["right_pct"] >= 85, (split, lang, cell)
