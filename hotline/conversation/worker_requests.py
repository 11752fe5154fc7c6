"""Requests one gateway worker asks another to serve, over the hub's bus: an agent joining a browser call whose
peer connection another worker holds. One worker (the local bus) asks and answers itself.

A request is ``{"kind": "request", "to", "from", "id", "op", "payload"}``; its answer ``{"kind": "reply", "to",
"id", "result"}``, where ``result`` is a dict with a ``status`` (HTTP-like: 504 when the worker did not answer
in time, 501 when it does not serve ``op``, 500 when serving failed).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from hotline.conversation.bus import HubBus

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


class WorkerRequests:
    def __init__(self, bus: HubBus) -> None:
        self._bus = bus
        self._handlers: dict[str, Handler] = {}
        self._waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._serving: set[asyncio.Task[None]] = set()

    def serve(self, op: str, handler: Handler) -> None:
        """What this worker answers when another asks it ``op``."""
        self._handlers[op] = handler

    async def ask(self, worker: str, op: str, payload: dict[str, Any], timeout_s: float = 20.0) -> dict[str, Any]:
        """Ask ``worker`` to serve ``op`` and wait for its reply."""
        request_id = uuid.uuid4().hex
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = future
        request = {"kind": "request", "to": worker, "from": self._bus.worker_id, "id": request_id, "op": op}
        try:
            await self._bus.publish({**request, "payload": payload})
            return await asyncio.wait_for(future, timeout_s)
        except TimeoutError:
            return {"status": 504, "detail": f"worker {worker} did not answer"}
        finally:
            self._waiting.pop(request_id, None)

    def apply(self, event: dict[str, Any]) -> None:
        """A bus event of kind ``request`` or ``reply``: served (in a task of its own: it may take a while, and the
        bus's reader must go on) or handed to whoever waits for it. Events for other workers are ignored."""
        if event.get("to") != self._bus.worker_id:
            return
        if event["kind"] == "request":
            task = asyncio.create_task(self._answer(event))
            self._serving.add(task)
            task.add_done_callback(self._serving.discard)
        elif event["kind"] == "reply":
            waiting = self._waiting.get(event["id"])
            if waiting is not None and not waiting.done():
                waiting.set_result(event["result"])

    async def _answer(self, event: dict[str, Any]) -> None:
        handler = self._handlers.get(event["op"])
        try:
            result = await handler(event["payload"]) if handler else {"status": 501, "detail": "not served here"}
        except Exception as error:
            log.exception("request from another worker failed", extra={"op": event["op"]})
            result = {"status": 500, "detail": f"{type(error).__name__}: {error}"}
        await self._bus.publish({"kind": "reply", "to": event["from"], "id": event["id"], "result": result})
