"""Stopping background asyncio tasks: one way, used by the gateway, the benches and the tests."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


async def cancel_and_wait(*tasks: asyncio.Future[Any]) -> None:
    """Cancels every task first, then waits for each to end, swallowing what it raises: it is being stopped on
    purpose, and its error must not replace the reason it is stopped (a closed socket, a hang-up, a shutdown)."""
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
