"""The spine on real models: SmolLM2-135M + MiniLM, the demo store, a real server and WebSocket client."""

from __future__ import annotations

import json
from typing import Any

import pytest
from websockets.sync.client import connect

from tests.conftest import LiveServer

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def ask(ws: Any, text: str) -> list[dict[str, Any]]:
    ws.send(json.dumps({"type": "message", "text": text}))
    events = []
    while True:
        event = json.loads(ws.recv(timeout=120))
        events.append(event)
        if event["type"] == "done":
            return events


def test_return_policy_and_order_status_over_the_wire(real_server: LiveServer, real_services: Any) -> None:
    with connect(real_server.chat_url()) as ws:
        disclosure = json.loads(ws.recv(timeout=30))
        assert disclosure["type"] == "disclosure" and "AI assistant" in disclosure["text"]
        conversation = disclosure["conversation_id"]

        policy = ask(ws, "What is your return policy for delivered orders?")
        sources = next(e for e in policy if e["type"] == "sources")
        titles = [p["title"] for p in sources["passages"]]
        assert "How do I return an item?" in titles[:2]  # the help centre's article, by its title
        # The agent policy is internal: never shown to the customer, and no file names either.
        assert "Agent policy" not in titles and all("source_id" not in p for p in sources["passages"])
        assert any(e["type"] == "token" for e in policy)
        policy_done = policy[-1]
        assert policy_done["failed"] is False and policy_done["text"].strip()
        assert policy_done["model"] == "packaged:smollm2-135m-instruct"
        assert policy_done["metrics"]["tokens"] > 0

        # Order facts only once the customer is identified (here by name and zip in the same message).
        order = ask(ws, "I'm James Li, zip 10083. What is the status of my order #W2611340?")
        order_sources = next(e for e in order if e["type"] == "sources")
        assert order_sources["orders"][0]["order_id"] == "#W2611340"
        assert order_sources["orders"][0]["status"] == "processed"  # the store's real status
        assert "Order #W2611340 is processed." in order[-1]["text"]
        assert "357962501027" in order[-1]["text"]  # tracking number from the store

    stored = real_services.conversations.messages(conversation)
    assert [m.role for m in stored] == ["customer", "bot", "customer", "bot"]
    assert stored[0].text == "What is your return policy for delivered orders?"
    bot = stored[1]
    assert bot.model == "packaged:smollm2-135m-instruct" and bot.total_ms > 0 and bot.retrieval_ms is not None
    assert any(s.get("source_id", "").startswith("retail_wiki.md#") for s in bot.sources or [])
    assert {"order_id": "#W2611340", "status": "processed"} in (stored[3].sources or [])


def test_multi_turn_memory_reaches_the_prompt(real_services: Any) -> None:
    import asyncio

    from hotline.ports import ChatTurn, TurnDone

    history = [ChatTurn("customer", "I want to ask about order #W2611340."), ChatTurn("bot", "Sure.")]

    async def run() -> TurnDone:
        events = [
            e
            async for e in real_services.dialogue.respond(
                "t", "when will it arrive?", history, verified_user="james_li_5688"
            )
        ]
        done = events[-1]
        assert isinstance(done, TurnDone)
        return done

    done = asyncio.run(run())
    assert "Order #W2611340 is processed." in done.reply
