"""A long command's progress: a spinner with the latest message on a terminal, and where the output is not one (a
CI log, ``nohup``, a pipe) a timestamped line now and then, so a 20-minute training job is not silent."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console

EVERY_S = 15.0  # off a terminal: at most one progress line this often (messages in between are not printed)


class Progress(Protocol):
    def update(self, message: str, /) -> None: ...


class LineProgress:
    """``status.update`` for output that is not a terminal: prints the message when ``every_s`` has passed."""

    def __init__(self, console: Console, every_s: float = EVERY_S) -> None:
        self.console, self.every_s = console, every_s
        self.started = self.last = time.monotonic()

    def update(self, message: str) -> None:
        now = time.monotonic()
        if now - self.last >= self.every_s:
            self.last = now
            self.console.print(f"[{now - self.started:6.0f} s] {message}", highlight=False)


@contextmanager
def progress(console: Console, message: str) -> Iterator[Progress]:
    """``with progress(console, "training…") as status: … status.update(text)``."""
    if console.is_terminal:
        with console.status(message) as status:
            yield status
        return
    console.print(message, highlight=False)
    yield LineProgress(console)
