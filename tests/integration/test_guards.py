"""Admission guards on a real server: foreign Origins refused, sessions per client capped, message floods
answered with rate_limited (nothing stored for them), and other clients unaffected."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from hotline.gateway.services import Services
from tests.conftest import LiveServer, scripted_server
from tests.integration.voice_helpers import wait_for


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, Services]]:
    with scripted_server(
        tmp_path,
        security={
            "max_sessions_per_client": 3,
            "messages_per_minute": 6,
            "message_burst": 3,
            "allowed_origins": ["https://shop.example"],
        },
    ) as (server, services):
        yield server, services


def test_foreign_origin_is_refused_own_and_listed_are_not(live: tuple[LiveServer, Services]) -> None:
    server, _ = live
    with pytest.raises(InvalidStatus) as refused:
        connect(server.chat_url(), origin="https://evil.example")  # type: ignore[arg-type]
    assert refused.value.response.status_code == 403
    with pytest.raises(InvalidStatus):
        connect(f"{server.ws_url}/ws/agent", origin="https://evil.example")  # type: ignore[arg-type]
    for origin in (f"http://127.0.0.1:{server.port}", "https://shop.example"):
        with connect(server.chat_url(), origin=origin) as ws:  # type: ignore[arg-type]
            assert json.loads(ws.recv(timeout=10))["type"] == "disclosure"


def test_sessions_per_client_are_capped(live: tuple[LiveServer, Services]) -> None:
    server, services = live
    sockets = [connect(server.chat_url()) for _ in range(3)]
    try:
        for ws in sockets:
            assert json.loads(ws.recv(timeout=10))["type"] == "disclosure"
        with connect(server.chat_url()) as extra:
            with pytest.raises(ConnectionClosed):
                extra.recv(timeout=10)
            assert extra.close_code == 1013
    finally:
        for ws in sockets:
            ws.close()
    # A closed one frees its place once the gateway has stored its end (the close handshake comes first).
    assert services.limits is not None and wait_for(lambda: not services.limits.open, 10)  # type: ignore[union-attr]
    with connect(server.chat_url()) as again:
        assert json.loads(again.recv(timeout=10))["type"] == "disclosure"


def test_a_message_flood_is_rate_limited_and_nothing_is_lost_silently(live: tuple[LiveServer, Services]) -> None:
    server, services = live
    with connect(server.chat_url()) as ws:
        conversation = json.loads(ws.recv(timeout=10))["conversation_id"]
        for i in range(8):
            ws.send(json.dumps({"type": "message", "text": f"hello {i}", "client_id": f"m{i}"}))
        acked, limited = set(), set()
        while len(acked) + len(limited) < 8:
            event = json.loads(ws.recv(timeout=30))
            if event["type"] == "ack":
                acked.add(event["client_id"])
            elif event["type"] == "error" and event["code"] == "rate_limited":
                limited.add(event["client_id"])
    assert len(acked) == 3 and len(limited) == 5  # the burst passes, the rest is refused by name
    stored = [m.text for m in services.conversations.messages(conversation) if m.role == "customer"]
    assert sorted(stored) == sorted(f"hello {c[1:]}" for c in acked)
