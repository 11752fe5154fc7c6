"""Two companies on one gateway: a chat served from b's host belongs to tenant b; only b's agents see it in
their queue, take it, and see its photos; a's agent is told it is not there."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from websockets.sync.client import ClientConnection, connect

from hotline.chat_client import chat_url
from hotline.gateway.agent_auth import hash_password
from hotline.gateway.services import Services
from tests.conftest import LiveServer, scripted_server
from tests.integration.agents import agent_cookie, agent_socket

PASSWORD = "correct horse battery"


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, Services]]:
    with scripted_server(tmp_path, auth={"tenant_hosts": {"shop.b.example": "b"}}) as (server, services):
        services.handoffs.add_agent("ann", "Ann", hash_password(PASSWORD), "demo")
        services.handoffs.add_agent("bob", "Bob", hash_password(PASSWORD), "b")
        yield server, services


def login(server: LiveServer, username: str) -> tuple[ClientConnection, dict[str, str]]:
    cookie = agent_cookie(server.http_url, username, PASSWORD)
    return agent_socket(server.http_url, cookie), {"hotline_agent": cookie}


def queue_of(ws: ClientConnection, settle_s: float = 1.0) -> list[dict[str, Any]]:
    """The newest queue the agent was sent within ``settle_s``."""
    latest: list[dict[str, Any]] = []
    deadline = time.monotonic() + settle_s
    while time.monotonic() < deadline:
        try:
            event = json.loads(ws.recv(timeout=max(0.05, deadline - time.monotonic())))
        except TimeoutError:
            break
        if event["type"] == "queue":
            latest = event["items"]
    return latest


def test_agents_see_and_take_only_their_tenants_conversations(live: tuple[LiveServer, Services]) -> None:
    server, services = live
    issued = httpx.post(f"{server.http_url}/api/chat/sessions", headers={"host": "shop.b.example"}).json()
    ann, ann_cookie = login(server, "ann")
    bob, bob_cookie = login(server, "bob")
    with ann, bob, connect(chat_url(server.ws_url, issued["token"])) as customer:
        hello = json.loads(customer.recv(timeout=10))
        conversation = hello["conversation_id"]
        assert services.conversations.tenant_of(conversation) == "b"
        image = io.BytesIO()
        Image.new("RGB", (24, 24), (10, 200, 10)).save(image, "JPEG")
        photo = httpx.post(
            f"{server.http_url}/api/conversations/{conversation}/photos",
            files={"file": ("p.jpg", image.getvalue(), "image/jpeg")},
            headers={"authorization": f"Bearer {hello['token']}"},
        ).json()
        customer.send(json.dumps({"type": "message", "text": "I want to talk to a human"}))
        waiting = queue_of(bob, 3.0)
        assert [item["conversation_id"] for item in waiting] == [conversation]
        assert queue_of(ann) == []  # the other company's agent never sees it
        ann.send(json.dumps({"type": "accept", "handoff_id": waiting[0]["handoff_id"]}))
        refused = json.loads(ann.recv(timeout=10))
        while refused["type"] == "queue":
            refused = json.loads(ann.recv(timeout=10))
        assert refused["type"] == "error" and "no longer waiting" in refused["detail"]
        url = f"{server.http_url}/api/conversations/{conversation}/photos/{photo['photo_id']}"
        assert httpx.get(url, cookies=ann_cookie).status_code == 404
        store_url = f"{server.http_url}/api/admin/store/users/noah_brown_6181"  # the demo store is ann's company's
        assert httpx.get(store_url, cookies=bob_cookie).status_code == 403
        bob.send(json.dumps({"type": "accept", "handoff_id": waiting[0]["handoff_id"]}))
        taken = json.loads(bob.recv(timeout=10))
        while taken["type"] == "queue":
            taken = json.loads(bob.recv(timeout=10))
        assert taken["type"] == "conversation" and taken["conversation_id"] == conversation
    # A chat from the gateway's own host stays with the default tenant.
    with connect(server.chat_url()) as plain:
        assert services.conversations.tenant_of(json.loads(plain.recv(timeout=10))["conversation_id"]) == "demo"
