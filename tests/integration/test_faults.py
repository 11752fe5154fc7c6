"""Faults, on real servers: the gateway process killed mid-conversation and restarted; the database locked by
another writer for a few seconds; a model that fails to load. Nothing acknowledged is lost, nothing is
half-written, and the customer is answered (or offered a human)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from hotline.chat_client import chat_url
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import make_engine, session_factory
from tests.conftest import scripted_server
from tests.integration.gateway_process import GatewayProcess, free_port


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[GatewayProcess]:
    process = GatewayProcess(tmp_path, free_port())
    try:
        yield process
    finally:
        process.stop()


def read_until(ws: ClientConnection, kind: str, within_s: float = 30) -> list[dict[str, Any]]:
    events = []
    deadline = time.monotonic() + within_s
    while True:
        event = json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        events.append(event)
        if event["type"] == kind:
            return events


def test_killed_mid_conversation_then_restarted(gateway: GatewayProcess, tmp_path: Path) -> None:
    gateway.start()
    acked: list[str] = []
    with connect(chat_url(gateway.url)) as ws:
        hello = json.loads(ws.recv(timeout=10))
        conversation, token = hello["conversation_id"], hello["token"]
        for n in range(6):
            ws.send(json.dumps({"type": "message", "text": f"message {n}", "client_id": str(n)}))
        while len(acked) < 6:  # killed as soon as the last one is acknowledged, replies still in flight
            event = json.loads(ws.recv(timeout=30))
            if event["type"] == "ack":
                acked.append(event["client_id"])
        gateway.kill()
    store = ConversationStore(session_factory(make_engine(f"sqlite:///{tmp_path / 'hotline.sqlite3'}")))
    stored = [m.text for m in store.messages(conversation) if m.role == "customer"]
    assert stored == [f"message {n}" for n in range(6)]  # everything acknowledged survived the kill

    # (Without a language model a reply fails and the customer is queued for a human; whether the kill came
    # before or after that decision, the conversation goes on after the restart.)
    gateway.start()  # same database, same secret: the customer's page reconnects with its token
    with connect(chat_url(gateway.url, token)) as ws:
        assert json.loads(ws.recv(timeout=10))["conversation_id"] == conversation
        ws.send(json.dumps({"type": "message", "text": "are you back?", "client_id": "after"}))
        ack = read_until(ws, "ack")[-1]
        assert ack["client_id"] == "after"
    after = store.messages(conversation)
    assert [m.text for m in after if m.role == "customer"] == [*stored, "are you back?"]
    assert len({m.seq for m in after}) == len(after)  # sequence numbers still unique after the restart


def test_a_locked_database_makes_requests_wait_not_fail(tmp_path: Path) -> None:
    with scripted_server(tmp_path, reply="Noted.") as (server, services):
        with connect(server.chat_url()) as ws:
            conversation = json.loads(ws.recv(timeout=10))["conversation_id"]
            database = tmp_path / "hotline.sqlite3"
            locker = sqlite3.connect(database, timeout=1, check_same_thread=False)
            locker.execute("BEGIN EXCLUSIVE")  # another writer holds the database for 3 s
            released = threading.Timer(3.0, locker.rollback)
            released.start()
            started = time.monotonic()
            ws.send(json.dumps({"type": "message", "text": "while locked", "client_id": "locked"}))
            events = read_until(ws, "done", within_s=60)
            waited = time.monotonic() - started
            released.join()
            locker.close()
            ack = next(e for e in events if e["type"] == "ack")
            assert ack["client_id"] == "locked" and waited >= 2.5  # it waited for the lock, then went on
            ws.send(json.dumps({"type": "message", "text": "after the lock", "client_id": "after"}))
            read_until(ws, "done")
        texts = [(m.role, m.text) for m in services.conversations.messages(conversation)]
        assert [t for r, t in texts if r == "customer"] == ["while locked", "after the lock"]
        assert sum(1 for r, _ in texts if r == "bot") == 2  # each turn stored once, nothing half-written


@pytest.mark.models  # the other models (embeddings, intents, anger) load for real beside the broken one
def test_a_model_that_fails_to_load_leaves_a_working_gateway(tmp_path: Path) -> None:
    from hotline.gateway.app import create_app
    from hotline.gateway.services import build_services
    from tests.conftest import LiveServer, make_settings

    broken = tmp_path / "no-such-model"
    settings = make_settings(
        tmp_path,
        kb={"ingest_demo": False},
        llm={"model": str(broken)},
        voice={"enabled": False},
        vision={"enabled": False},
    )
    services = build_services(settings)
    try:
        assert "llm" in services.load_errors
        with LiveServer(create_app(settings, services)) as server:
            health = httpx.get(f"{server.http_url}/healthz").json()
            assert health["status"] == "degraded" and "llm" in health["load_errors"]
            with connect(server.chat_url()) as ws:
                json.loads(ws.recv(timeout=10))
                ws.send(json.dumps({"type": "message", "text": "Can I return a gift?"}))
                done = read_until(ws, "done", within_s=60)[-1]
        assert done["text"] and "human" in done["text"].lower(), done["text"]  # the fallback offers a human
    finally:
        services.close()
