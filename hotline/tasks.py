"""Background asyncio tasks — stopping them, keyed timers, task sets — and the clock they run on: one way, used
by the gateway, the benches and the tests."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Coroutine
from typing import Any


def loop_time() -> float:
    """Now, on the running event loop's clock (monotonic seconds; a test's virtual-time loop runs it faster):
    what the call code measures turns, pauses and playback with, so its sleeps and its readings agree."""
    try:
        return asyncio.get_running_loop().time()
    except RuntimeError:  # no loop running (a synchronous unit test)
        return time.monotonic()


async def cancel_and_wait(*tasks: asyncio.Future[Any]) -> None:
    """Cancels every task first, then waits for each to end, swallowing what it raises: it is being stopped on
    purpose, and its error must not replace the reason it is stopped (a closed socket, a hang-up, a shutdown)."""
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


class Timers:
    """Background tasks by key (a handoff's timeout, a call's deadline): starting one again replaces it;
    cancelling from inside the task itself only forgets it."""

    def __init__(self) -> None:
        self._tasks: dict[object, asyncio.Task[Any]] = {}

    def start(self, key: object, coro: Coroutine[Any, Any, Any]) -> None:
        self.cancel(key)
        task = asyncio.create_task(coro)
        self._tasks[key] = task
        task.add_done_callback(lambda done: self._tasks.pop(key, None) if self._tasks.get(key) is done else None)

    def cancel(self, key: object) -> None:
        task = self._tasks.pop(key, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    def cancel_all(self) -> None:
        for key in list(self._tasks):
            self.cancel(key)


class TaskSet:
    """The tasks one owner spawns (a call, an agent's leg of it): all cancelled together when it ends — except
    the one doing the cancelling."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def cancel(self) -> None:
        current = asyncio.current_task()
        await cancel_and_wait(*[t for t in self._tasks if t is not current])
