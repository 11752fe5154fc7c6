"""One channel's deliveries — a customer's chat page or call, an agent's console — in order, off the publisher's
path.

The hub only enqueues: whoever publishes an event (an agent's message, a handoff notice, the queue) returns at
once, and each channel's own task hands its events to the transport one by one. So an agent's message is
acknowledged before a phone caller hears it (synthesis runs in the call's outbox, not in the agent's request),
a slow or dead socket holds up only its own channel, and the behaviour is the same with one worker (events
applied where they happen) or several (events read from Redis). A failed delivery is logged with its context
and counted (``failures.logged``); the event itself is in the database anyway.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from hotline.conversation.events import AgentEvent, CustomerEvent, is_system
from hotline.conversation.failures import FailureCounter, logged
from hotline.tasks import cancel_and_wait

log = logging.getLogger(__name__)

E = TypeVar("E", CustomerEvent, AgentEvent)
CustomerSend = Callable[[CustomerEvent], Awaitable[None]]  # a customer's channel: chat page, call
AgentSend = Callable[[AgentEvent], Awaitable[None]]  # an agent's console


class Outbox(Generic[E]):
    """``put`` never waits; events reach ``send`` in the order they were put. A channel that falls ``limit``
    events behind (its socket stalled) loses its oldest data event (a token, a sentence; a system event — a
    handoff notice, an agent's message — only when nothing else is queued) — logged and counted — rather than the
    gateway's memory."""

    def __init__(
        self,
        send: Callable[[E], Awaitable[None]],
        what: str,
        failures: FailureCounter | None = None,
        limit: int = 1000,
        **context: Any,
    ) -> None:
        self.send: Callable[[E], Awaitable[None]] = send
        self.what = what
        self._failures = failures
        self._limit = limit
        self._context = context
        self._queue: asyncio.Queue[E | None] = asyncio.Queue()
        self._closed = False
        self._task = asyncio.create_task(self._deliver())

    def put(self, event: E) -> None:
        if self._closed:
            return
        if self._queue.qsize() >= self._limit:
            dropped = self._drop_oldest()
            log.warning(
                "outbox full: oldest event dropped",
                extra={"what": self.what, "dropped": dropped, **self._context},
            )
            if self._failures is not None:
                self._failures.labels(what=f"{self.what} (outbox full)").inc()
        self._queue.put_nowait(event)

    def _drop_oldest(self) -> str:
        """Take the oldest data event out of the queue (the oldest of any kind when all are system events); its
        type. Runs only when the channel is ``limit`` behind."""
        queued: list[E | None] = []
        while not self._queue.empty():
            queued.append(self._queue.get_nowait())
            self._queue.task_done()
        at = next((i for i, e in enumerate(queued) if e is not None and not is_system(e)), 0)
        dropped = queued.pop(at)
        for kept in queued:
            self._queue.put_nowait(kept)
        return "" if dropped is None else str(dropped.get("type"))

    async def _deliver(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                if event is None:
                    return
                with logged(self.what, self._failures, **self._context):
                    await self.send(event)
            finally:
                self._queue.task_done()

    async def drained(self) -> None:
        """Every event put so far has been handed to the transport (or failed, logged)."""
        await self._queue.join()

    async def close(self, drain_s: float = 2.0) -> None:
        """Deliver what is queued (for ``drain_s`` at most: the peer may be gone), then stop."""
        if self._closed:
            return
        self._closed = True
        self._queue.put_nowait(None)
        if self._task is asyncio.current_task():  # closed by one of its own deliveries: it ends after this one
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), drain_s)
        except TimeoutError:
            log.warning("outbox closed with events undelivered", extra={"what": self.what, **self._context})
            await cancel_and_wait(self._task)
