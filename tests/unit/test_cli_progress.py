"""A long command's progress off a terminal: a line now and then, not a silent 20 minutes nor a flood."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from hotline import cli_progress


def test_off_a_terminal_progress_is_printed_at_most_once_per_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(cli_progress.time, "monotonic", lambda: now[0])
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    with cli_progress.progress(console, "training…") as status:
        for step in range(1, 61):  # one update a second for a minute
            now[0] += 1.0
            status.update(f"step {step}")
    lines = out.getvalue().splitlines()
    assert lines[0] == "training…"
    assert lines[1:] == ["[    15 s] step 15", "[    30 s] step 30", "[    45 s] step 45", "[    60 s] step 60"]


def test_on_a_terminal_the_spinner_shows_the_latest_message() -> None:
    console = Console(file=io.StringIO(), force_terminal=True)
    with cli_progress.progress(console, "training…") as status:
        status.update("step 1")  # rich's Status: no line printed per update
    assert "step 1" not in console.file.getvalue().splitlines()
