"""The ``hotline`` command as a user runs it, and the multilingual embedding profile."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hotline.settings import REPO_ROOT
from tests.conftest import MODELS_DIR

HOTLINE = [sys.executable, "-m", "hotline.cli"]


def run_cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOTLINE_DATA_DIR": str(data_dir),
        "HOTLINE_MODELS_DIR": str(MODELS_DIR),
        "HOTLINE_LOG_JSON": "false",
    }
    return subprocess.run([*HOTLINE, *args], capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=300)


def test_kb_ingest_rejects_bad_paths_clearly(tmp_path: Path) -> None:
    result = run_cli(["kb", "ingest", str(tmp_path / "missing.md")], tmp_path)
    assert result.returncode == 2
    assert "no such file" in " ".join(result.stderr.split())  # however the terminal wraps it


@pytest.mark.models
def test_kb_ingest_then_search(tmp_path: Path) -> None:
    doc = tmp_path / "faq.md"
    doc.write_text("# FAQ\n\n## Warranty\nEvery lamp has a two-year warranty.\n\n## Hours\nWe open at 9.\n")
    first = run_cli(["kb", "ingest", str(doc)], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "2 chunks" in first.stderr
    again = run_cli(["kb", "ingest", str(doc)], tmp_path)
    assert "unchanged" in again.stderr
    search = run_cli(["kb", "search", "how long is the guarantee on lamps"], tmp_path)
    assert search.returncode == 0, search.stderr
    assert search.stderr.index("FAQ > Warranty") < search.stderr.index("FAQ > Hours")


@pytest.mark.models
def test_multilingual_embeddings_match_across_languages() -> None:
    import numpy as np

    from hotline.kb.embeddings import load_embedder

    embedder = load_embedder("packaged:multilingual-e5-small")
    passages = embedder.embed_passages(
        [
            "Refunds to a credit card take 5 to 7 business days.",
            "Our store opens at nine in the morning.",
        ]
    )
    for query in (
        "退款需要多长时间？",
        "Сколько времени занимает возврат денег?",
        "how long do refunds take",
    ):
        scores = passages @ np.asarray(embedder.embed_queries([query]))[0]
        assert scores[0] > scores[1], query


def test_agents_add_then_login(tmp_path: Path) -> None:
    short = run_cli(["agents", "add", "ann", "--password", "short"], tmp_path)
    assert short.returncode == 2 and "8 characters" in short.stderr
    created = run_cli(["agents", "add", "ann", "--name", "Ann", "--password", "correct horse battery"], tmp_path)
    assert created.returncode == 0, created.stderr

    from hotline.gateway.agent_auth import authenticate
    from hotline.storage.database import make_engine, session_factory
    from hotline.storage.handoffs import HandoffStore

    store = HandoffStore(session_factory(make_engine(f"sqlite:///{tmp_path / 'hotline.sqlite3'}")))
    agent = authenticate(store, "ann", "correct horse battery")
    assert agent is not None and agent.display_name == "Ann"
    assert agent.password_hash.startswith("$argon2")
    assert authenticate(store, "ann", "wrong password") is None
    assert agent.language is None  # the browser's language, until the agent picks one

    unknown = run_cli(["agents", "add", "ann", "--password", "correct horse battery", "--language", "fr"], tmp_path)
    assert unknown.returncode == 2 and "en, ru, zh" in unknown.stderr
    russian = run_cli(
        ["agents", "add", "ann", "--name", "Ann", "--password", "correct horse battery", "--language", "ru"], tmp_path
    )
    assert russian.returncode == 0 and "console in ru" in russian.stderr, russian.stdout + russian.stderr
    assert store.agent_language(agent.id) == "ru"
