"""Web customers' session tokens on a real server: no token, an expired, forged or agent token, or one for
another conversation is refused on the chat socket, the photo upload and the browser call; the page's own
token works and renews; issuing is rate-limited per client address."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest
from PIL import Image
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from hotline.chat_client import chat_url, customer_token
from hotline.gateway.agent_auth import issue_token
from hotline.gateway.customer_auth import AUDIENCE, issue_customer_token, read_customer_token
from hotline.gateway.services import Services
from hotline.storage.handoffs import AgentRecord
from tests.conftest import LiveServer, scripted_server


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, Services]]:
    with scripted_server(tmp_path, security={"sessions_per_minute": 6, "session_burst": 4}) as (server, services):
        yield server, services


def refused_on_socket(url: str) -> int:
    with connect(url) as ws:
        event = json.loads(ws.recv(timeout=10))
        assert event["type"] == "error" and event["code"] == "unauthorized", event
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None
        return closed.value.rcvd.code


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def test_bad_tokens_are_refused_everywhere(live: tuple[LiveServer, Services]) -> None:
    server, services = live
    auth = services.settings.auth
    now = int(time.time())
    expired = jwt.encode({"sub": "x", "aud": AUDIENCE, "iat": now - 100, "exp": now - 10}, auth.secret_key)
    forged = jwt.encode({"sub": "x", "aud": AUDIENCE, "exp": now + 600}, "another-secret-" * 5)
    unsigned = jwt.encode({"sub": "x", "aud": AUDIENCE, "exp": now + 600}, None, algorithm="none")
    agent = issue_token(AgentRecord(id=1, username="ann", display_name="Ann", tenant="demo", password_hash=""), auth)
    for token in (expired, forged, unsigned, agent):
        assert read_customer_token(token, auth) is None
        assert refused_on_socket(f"{server.ws_url}/ws/chat?token={token}") == 4401
    assert refused_on_socket(f"{server.ws_url}/ws/chat") == 4401

    with connect(server.chat_url()) as ws:
        hello = json.loads(ws.recv(timeout=10))
    conversation, own = hello["conversation_id"], hello["token"]
    assert read_customer_token(own, auth)["conv"] == conversation  # type: ignore[index]
    photos = f"{server.http_url}/api/conversations/{conversation}/photos"
    files = {"file": ("p.jpg", jpeg(), "image/jpeg")}
    assert httpx.post(photos, files=files).status_code == 401
    other = issue_customer_token(auth, "someone-else")
    assert httpx.post(photos, files=files, headers={"authorization": f"Bearer {other}"}).status_code == 403
    unbound = customer_token(server.http_url)
    assert httpx.post(photos, files=files, headers={"authorization": f"Bearer {unbound}"}).status_code == 403
    assert httpx.post(photos, files=files, headers={"authorization": f"Bearer {own}"}).status_code == 201
    # A browser call needs a token too, and one for the conversation it joins.
    offer = {"type": "offer", "sdp": "v=0", "conversation_id": conversation}
    assert httpx.post(f"{server.http_url}/api/webrtc/calls", json=offer).status_code == 401
    headers = {"authorization": f"Bearer {other}"}
    assert httpx.post(f"{server.http_url}/api/webrtc/calls", json=offer, headers=headers).status_code == 403
    # Renewing keeps the conversation; the renewed token resumes it.
    renewed = customer_token(server.http_url, own)
    assert read_customer_token(renewed, auth)["conv"] == conversation  # type: ignore[index]
    with connect(chat_url(server.ws_url, renewed)) as ws:
        assert json.loads(ws.recv(timeout=10))["conversation_id"] == conversation


def test_issuing_tokens_is_rate_limited_per_address(live: tuple[LiveServer, Services]) -> None:
    server, services = live
    codes = [httpx.post(f"{server.http_url}/api/chat/sessions").status_code for _ in range(6)]
    assert codes[:4] == [201] * 4 and codes[4:] == [429, 429]  # the burst of 4, then one each 10 s
    # An open chat renewing its own token is not a new chat: never refused by that limit.
    own = issue_customer_token(services.settings.auth, "c-1")
    renewed = httpx.post(f"{server.http_url}/api/chat/sessions", headers={"authorization": f"Bearer {own}"})
    assert renewed.status_code == 201 and renewed.json()["conversation_id"] == "c-1"


def test_metrics_need_the_scrapers_token_when_one_is_set(tmp_path: Path) -> None:
    with scripted_server(tmp_path, security={"metrics_token": "scrape-" * 6}) as (server, _):
        assert httpx.get(f"{server.http_url}/metrics").status_code == 401
        wrong = httpx.get(f"{server.http_url}/metrics", headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = httpx.get(f"{server.http_url}/metrics", headers={"authorization": f"Bearer {'scrape-' * 6}"})
        assert right.status_code == 200 and "hotline_turns_total" in right.text
