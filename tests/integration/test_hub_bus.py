"""The hub's Redis bus on a real Redis: every worker gets every event in order, and a worker that was down
gets, on restart under the same id, what was published meanwhile."""

from __future__ import annotations

import asyncio
from typing import Any

from hotline.conversation.bus import RedisBus


async def test_every_worker_gets_every_event_and_a_restart_catches_up(redis_url: str) -> None:
    seen: dict[str, list[int]] = {"a": [], "b": []}

    def handler(worker: str) -> Any:
        async def apply(event: dict[str, Any]) -> None:
            seen[worker].append(event["n"])

        return apply

    a, b = RedisBus(redis_url, "bus-a"), RedisBus(redis_url, "bus-b")
    await a.start(handler("a"))
    await b.start(handler("b"))
    for n in range(5):
        await (a if n % 2 else b).publish({"kind": "test", "n": n})
    for _ in range(50):
        if len(seen["a"]) == len(seen["b"]) == 5:
            break
        await asyncio.sleep(0.1)
    assert seen["a"] == seen["b"] == [0, 1, 2, 3, 4]

    await b.close()  # worker b goes down; a goes on publishing
    for n in range(5, 8):
        await a.publish({"kind": "test", "n": n})
    b_again = RedisBus(redis_url, "bus-b")
    await b_again.start(handler("b"))
    for _ in range(50):
        if len(seen["b"]) == 8:
            break
        await asyncio.sleep(0.1)
    assert seen["b"] == list(range(8))  # nothing missed while it was down, nothing twice
    await a.close()
    await b_again.close()
