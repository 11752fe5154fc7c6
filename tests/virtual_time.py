"""A virtual-time event loop for unit tests of timing logic: when nothing is ready to run, the clock jumps to the
next timer instead of waiting for it, so a 30-second call runs in milliseconds and always the same way.

Only for code whose blocking work is inline (``inline_threads``): a real thread would finish in real time while the
loop's clock races ahead. The code under test reads the time with ``hotline.tasks.loop_time`` (the loop's clock).
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest

T = TypeVar("T")


class _JumpingSelector(selectors.DefaultSelector):  # type: ignore[misc,valid-type]
    def __init__(self) -> None:
        super().__init__()
        self.loop: VirtualTimeLoop | None = None

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready: list[tuple[selectors.SelectorKey, int]] = super().select(0)
        if ready or timeout == 0:
            return ready
        if timeout is None:  # no timer at all: only I/O could wake the loop (a test bug: fail rather than hang)
            raise RuntimeError("virtual-time loop: nothing scheduled and nothing ready (the test would hang)")
        assert self.loop is not None
        self.loop.now += timeout
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        selector = _JumpingSelector()
        super().__init__(selector)
        selector.loop = self
        self.now = 0.0

    def time(self) -> float:
        return self.now


def run_virtual(main: Callable[[], Coroutine[Any, Any, T]], monkeypatch: pytest.MonkeyPatch) -> tuple[T, float]:
    """Run ``main()`` on a virtual-time loop, with ``asyncio.to_thread`` inline; returns its result and the
    virtual seconds it took."""
    inline_threads(monkeypatch)
    loop = VirtualTimeLoop()
    try:
        result = loop.run_until_complete(main())
        return result, loop.now
    finally:  # as asyncio.run: what the code left running is cancelled and awaited before the loop closes
        left = asyncio.all_tasks(loop)
        for task in left:
            task.cancel()
        if left:
            loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
        loop.close()


def inline_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    async def to_thread(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return function(*args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", to_thread)
