"""What the hub tells every gateway worker: an event for a customer's channels, for an agent's console, a changed
queue, an assignment. One worker (the default) applies each event at once; several workers behind one address
share them through a Redis Stream, so a customer on worker A reaches an agent connected to worker B.

Each worker reads the stream in its own consumer group (every worker sees every event, in order) and
acknowledges an event once it has applied it: a worker that restarts under the same id picks up what it had
not acknowledged. The stream is capped (``MAXLEN ~``): it carries live notifications; what must survive is in
the database.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from hotline.tasks import cancel_and_wait

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[None]]
STREAM = "hotline:hub"


class HubBus(Protocol):
    worker_id: str

    async def start(self, handler: Handler) -> None: ...
    async def publish(self, event: dict[str, Any]) -> None: ...
    async def hold(self, conversation_id: str, held: bool) -> None: ...
    async def holder(self, conversation_id: str) -> str | None: ...
    async def close(self) -> None: ...


class LocalBus:
    """One worker: an event is applied where it happens, before publish returns."""

    def __init__(self, handler: Handler | None = None) -> None:
        self._handler = handler
        self.worker_id = "local"
        self._held: set[str] = set()

    async def hold(self, conversation_id: str, held: bool) -> None:
        if held:
            self._held.add(conversation_id)
        else:
            self._held.discard(conversation_id)

    async def holder(self, conversation_id: str) -> str | None:
        return self.worker_id if conversation_id in self._held else None

    async def start(self, handler: Handler) -> None:
        self._handler = handler

    async def publish(self, event: dict[str, Any]) -> None:
        if self._handler is not None:
            await self._handler(event)

    async def close(self) -> None:
        """Nothing to let go of: a gateway app that stops leaves the hub usable by another one in the process."""


class RedisBus:
    """Several workers: events go through a Redis Stream (XADD; XREADGROUP per worker; XACK when applied)."""

    def __init__(self, url: str, worker_id: str, max_len: int = 10_000) -> None:
        import redis.asyncio as redis

        self.url = url
        self.worker_id = worker_id
        self.group = f"worker:{worker_id}"
        self.max_len = max_len
        self._redis = redis.from_url(url, decode_responses=True)
        self._reader: asyncio.Task[None] | None = None

    async def start(self, handler: Handler) -> None:
        from redis.exceptions import ResponseError

        try:  # "$": a new worker starts with what is published from now on
            await self._redis.xgroup_create(STREAM, self.group, id="$", mkstream=True)
        except ResponseError as error:
            if "BUSYGROUP" not in str(error):
                raise
        self._reader = asyncio.create_task(self._read(handler))
        log.info("hub bus on redis", extra={"worker": self.worker_id, "stream": STREAM})

    async def publish(self, event: dict[str, Any]) -> None:
        await self._redis.xadd(STREAM, {"event": json.dumps(event)}, maxlen=self.max_len, approximate=True)

    async def hold(self, conversation_id: str, held: bool) -> None:
        """Which worker holds a conversation's sockets (a day at most: a worker that died lets go by itself)."""
        key = f"hotline:held:{conversation_id}"
        if held:
            await self._redis.set(key, self.worker_id, ex=86_400)
        elif await self._redis.get(key) == self.worker_id:
            await self._redis.delete(key)

    async def holder(self, conversation_id: str) -> str | None:
        value = await self._redis.get(f"hotline:held:{conversation_id}")
        return str(value) if value is not None else None

    async def _read(self, handler: Handler) -> None:
        last = "0"  # first what this worker had read but not acknowledged (a restart), then new events
        while True:
            try:
                batches: Any = await self._redis.xreadgroup(
                    self.group, self.worker_id, {STREAM: last}, count=100, block=1000
                )
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("hub bus read failed; retrying", extra={"worker": self.worker_id})
                await asyncio.sleep(1.0)
                continue
            entries: list[tuple[str, dict[str, str]]] = [entry for _stream, items in batches or [] for entry in items]
            if last != ">" and not entries:
                last = ">"
                continue
            for entry_id, fields in entries:
                try:
                    await handler(json.loads(fields["event"]))
                except Exception:  # one bad event must not stop the worker's feed
                    log.exception("hub event failed", extra={"worker": self.worker_id, "entry": entry_id})
                await self._redis.xack(STREAM, self.group, entry_id)

    async def close(self) -> None:
        if self._reader is not None:
            await cancel_and_wait(self._reader)
        await self._redis.aclose()
