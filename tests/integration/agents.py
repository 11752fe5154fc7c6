"""An agent in the tests: log in, open the console socket (sync), or keep a live feed of its events (async)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect

from hotline.tasks import cancel_and_wait


def agent_cookie(base_url: str, username: str, password: str) -> str:
    response = httpx.post(f"{base_url}/api/agents/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return str(response.cookies["hotline_agent"])


def agent_socket(base_url: str, cookie: str) -> ClientConnection:
    ws_url = base_url.replace("http", "ws", 1)
    return connect(f"{ws_url}/ws/agent", additional_headers={"Cookie": f"hotline_agent={cookie}"})


class AgentFeed:
    """The console socket read in the background: ``events`` grows as they arrive; ``send`` writes."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []

    def event(self, kind: str, **match: Any) -> dict[str, Any] | None:
        return next(
            (e for e in self.events if e["type"] == kind and all(e.get(k) == v for k, v in match.items())), None
        )

    def queued(self, conversation_id: str) -> dict[str, Any] | None:
        """The queue item of this conversation, once a queue that holds it has arrived."""
        for event in self.events:
            for item in event.get("items", []) if event["type"] == "queue" else []:
                if item["conversation_id"] == conversation_id:
                    return dict(item)
        return None

    async def send(self, event: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(event))


@contextlib.asynccontextmanager
async def agent_feed(base_url: str, cookie: str) -> AsyncIterator[AgentFeed]:
    import websockets

    ws_url = base_url.replace("http", "ws", 1)
    async with websockets.connect(f"{ws_url}/ws/agent", additional_headers={"Cookie": f"hotline_agent={cookie}"}) as ws:
        feed = AgentFeed(ws)

        async def read() -> None:
            async for message in ws:
                feed.events.append(json.loads(message))

        reader = asyncio.create_task(read())
        try:
            yield feed
        finally:
            await cancel_and_wait(reader)
