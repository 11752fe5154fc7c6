"""Two gateway workers behind one address, sharing PostgreSQL (the system of record) and Redis (the hub's
events): a customer chatting with worker A is transferred to an agent whose console is on worker B, the two
talk, and the agent hands the customer back — exactly as on one worker. The new-chat limit per address holds
across both."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from websockets.sync.client import ClientConnection, connect

from hotline.chat_client import chat_url
from hotline.gateway.agent_auth import hash_password
from hotline.storage.database import make_engine, migrate, session_factory
from hotline.storage.handoffs import HandoffStore
from tests.integration.agents import agent_cookie, agent_socket
from tests.integration.gateway_process import GatewayProcess, free_port

PASSWORD = "correct horse battery"


def add_agent(database_url: str) -> None:
    """Agent "ann" in the shared database (migrated first: the workers find it ready)."""
    engine = make_engine(database_url)
    migrate(engine)
    HandoffStore(session_factory(engine)).add_agent("ann", "Ann", hash_password(PASSWORD), "demo")
    engine.dispose()


def wait_until(condition: Any, within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def next_of(ws: ClientConnection, kind: str, within_s: float = 30, **match: Any) -> dict[str, Any]:
    deadline = time.monotonic() + within_s
    while True:
        event = json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        if event["type"] == kind and all(event.get(k) == v for k, v in match.items()):
            return event


def test_a_customer_on_worker_a_is_served_by_an_agent_on_worker_b(
    postgres_url: str, redis_url: str, tmp_path: Path
) -> None:
    add_agent(postgres_url)
    shared = {
        "HOTLINE_DATABASE_URL": postgres_url,
        "HOTLINE_REDIS_URL": redis_url,
        "HOTLINE_SECURITY__SESSION_BURST": "4",  # new chats per address, counted across both workers
        "HOTLINE_SECURITY__SESSIONS_PER_MINUTE": "1",
    }
    worker_a = GatewayProcess(tmp_path / "a", free_port(), HOTLINE_WORKER_ID="a", **shared)
    worker_b = GatewayProcess(tmp_path / "b", free_port(), HOTLINE_WORKER_ID="b", **shared)
    try:
        worker_a.start()
        worker_b.start()
        cookie = agent_cookie(worker_b.url, "ann", PASSWORD)
        with (
            agent_socket(worker_b.url, cookie) as agent,
            connect(chat_url(worker_a.url)) as customer,
        ):
            next_of(agent, "hello")
            conversation = json.loads(customer.recv(timeout=10))["conversation_id"]
            shared_redis = redis.Redis.from_url(redis_url, decode_responses=True)
            assert shared_redis.get(f"hotline:held:{conversation}") == "a"  # which worker holds the customer
            customer.send(json.dumps({"type": "message", "text": "I want to talk to a human"}))
            next_of(customer, "handoff", status="waiting")
            queued = next_of(agent, "queue", within_s=30)
            while not any(item["conversation_id"] == conversation for item in queued["items"]):
                queued = next_of(agent, "queue")
            handoff_id = next(i["handoff_id"] for i in queued["items"] if i["conversation_id"] == conversation)

            agent.send(json.dumps({"type": "accept", "handoff_id": handoff_id}))
            packet = next_of(agent, "conversation")
            assert packet["conversation_id"] == conversation
            assert any("human" in m["text"] for m in packet["packet"]["transcript"])
            assert next_of(customer, "handoff", status="agent_joined")["agent"] == "Ann"

            customer.send(json.dumps({"type": "message", "text": "my order never came"}))
            relayed = next_of(agent, "customer_message")
            assert relayed["conversation_id"] == conversation and relayed["text"] == "my order never came"

            agent.send(json.dumps({"type": "message", "conversation_id": conversation, "text": "Let me look."}))
            assert next_of(customer, "agent_message")["text"] == "Let me look."

            agent.send(json.dumps({"type": "hand_back", "conversation_id": conversation}))
            assert next_of(customer, "handoff", status="returned_to_bot")["text"]

        assert wait_until(lambda: shared_redis.get(f"hotline:held:{conversation}") is None)  # let go on close
        # The new-chat limit is one bucket in Redis: the customer's chat took one of 4, wherever it landed.
        issued = [httpx.post(f"{w.url}/api/chat/sessions").status_code for w in (worker_a, worker_a, worker_b)]
        assert issued == [201, 201, 201]
        assert httpx.post(f"{worker_b.url}/api/chat/sessions").status_code == 429
        assert httpx.post(f"{worker_a.url}/api/chat/sessions").status_code == 429
    finally:
        worker_a.stop()
        worker_b.stop()


@pytest.mark.models
@pytest.mark.shared_data
async def test_an_agent_on_worker_b_joins_a_browser_call_held_by_worker_a(
    postgres_url: str, redis_url: str, tmp_path: Path
) -> None:
    """The call's media lives in worker A's process; the agent's console and join request reach worker B, which
    asks A over the bus: the agent hears the caller, then leaves the call the same way."""
    import asyncio

    import websockets

    from hotline.bench.webrtc_caller import WebRTCCaller
    from hotline.gateway.webrtc_setup import restrict_host_addresses
    from tests.integration.agents import agent_feed
    from tests.integration.voice_helpers import load_clip

    restrict_host_addresses(["127.0.0.1"])
    add_agent(postgres_url)
    voice_only = {
        "HOTLINE_DATABASE_URL": postgres_url,
        "HOTLINE_REDIS_URL": redis_url,
        "HOTLINE_LOAD_MODELS": "true",  # speech models for the call; the language model is not needed here
        "HOTLINE_LLM__INFERENCE_URLS": f'["http://127.0.0.1:{free_port()}"]',
        "HOTLINE_VISION__ENABLED": "false",
        "HOTLINE_WEBRTC__HOST_ADDRESSES": '["127.0.0.1"]',
    }
    worker_a = GatewayProcess(tmp_path / "a", free_port(), HOTLINE_WORKER_ID="call-a", **voice_only)
    worker_b = GatewayProcess(tmp_path / "b", free_port(), HOTLINE_WORKER_ID="call-b", **voice_only)
    caller = WebRTCCaller(worker_a.url)
    agent_peer: WebRTCCaller | None = None
    try:
        await asyncio.to_thread(worker_a.start)
        await asyncio.to_thread(worker_b.start)
        conversation = (await caller.connect())["conversation_id"]
        await caller.until(lambda: caller.event("disclosure"), within_s=30)
        cookie = await asyncio.to_thread(agent_cookie, worker_b.url, "ann", PASSWORD)
        chat = chat_url(worker_a.url, caller.token)
        async with agent_feed(worker_b.url, cookie) as agent, websockets.connect(chat) as customer:
            await customer.recv()
            await customer.send(json.dumps({"type": "message", "text": "I want to talk to a human"}))
            item = await caller.until(lambda: agent.queued(conversation), within_s=30)
            await agent.send({"type": "accept", "handoff_id": item["handoff_id"]})
            await caller.until(lambda: agent.event("conversation"), within_s=30)

            agent_peer = WebRTCCaller(worker_b.url, cookies={"hotline_agent": cookie})
            answer = await agent_peer.connect(f"/api/webrtc/conversations/{conversation}/agent")  # served by A
            assert answer["conversation_id"] == conversation
            await caller.until(lambda: caller.event("agent_voice", status="joined"), within_s=30)
            audio, rate = load_clip("fw_jfk.flac")
            start = time.monotonic()
            caller.say(audio, rate)
            assert await agent_peer.until(lambda: agent_peer.first_speech_after(start), within_s=20)

            async with httpx.AsyncClient(cookies={"hotline_agent": cookie}) as http:
                left = await http.delete(f"{worker_b.url}/api/webrtc/conversations/{conversation}/agent")
            assert left.status_code == 204, left.text
            await caller.until(lambda: caller.event("agent_voice", status="left"), within_s=30)
    finally:
        await caller.close()
        if agent_peer is not None:
            await agent_peer.close()
        worker_a.stop()
        worker_b.stop()
