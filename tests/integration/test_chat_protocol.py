"""/ws/chat over a real server and a real WebSocket client; the model is a scripted double here
(the real-model path is test_chat_real.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from hotline.chat_client import chat_url, customer_token
from hotline.dialogue.escalation import EscalationPolicy
from hotline.gateway.app import create_app
from hotline.gateway.customer_auth import issue_customer_token
from hotline.gateway.services import Services, build_services
from hotline.kb.ingest import ingest_file
from tests.conftest import LiveServer, make_settings
from tests.fakes import ScriptedGenerator


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Services]]:
    data_dir = tmp_path_factory.mktemp("proto")
    settings = make_settings(
        data_dir,
        load_models=False,
        kb={"ingest_demo": False},
        chat={"max_message_chars": 200, "max_frame_bytes": 4096, "source_first": False},
    )
    services = build_services(settings)
    doc = data_dir / "policy.md"
    doc.write_text("# Policy\n\n## Returns\nDelivered orders can be returned within 30 days.\n")
    ingest_file(doc, services.sessions, None)
    services.retriever.refresh()
    services.dialogue.generator = ScriptedGenerator("Delivered orders can be returned within 30 days.")
    with LiveServer(create_app(settings, services)) as live:
        yield live, services
    services.close()


def receive_until(ws: ClientConnection, kind: str) -> list[dict[str, Any]]:
    events = []
    while True:
        event = json.loads(ws.recv(timeout=30))
        events.append(event)
        if event["type"] == kind:
            return events


def test_disclosure_first_then_streamed_grounded_reply(server: tuple[LiveServer, Services]) -> None:
    live, services = server
    with connect(live.chat_url()) as ws:
        first = json.loads(ws.recv(timeout=10))
        assert first["type"] == "disclosure"
        assert "AI assistant" in first["text"] and "human" in first["text"]
        ws.send(json.dumps({"type": "message", "text": "Can I return my order?", "client_id": "m1"}))
        events = receive_until(ws, "done")
    kinds = [e["type"] for e in events]
    assert kinds[0] == "ack" and events[0]["client_id"] == "m1"
    # The customer sees the document's title (its first heading), never its file name; agents get source ids.
    assert kinds[1] == "sources" and events[1]["passages"][0]["title"] == "Policy"
    assert "source_id" not in events[1]["passages"][0]
    assert kinds.count("token") >= 5 and "sentence" in kinds
    done = events[-1]
    assert done["text"] == "Delivered orders can be returned within 30 days."
    assert done["metrics"]["first_token_ms"] is not None and done["message_id"]
    stored = services.conversations.messages(first["conversation_id"])
    assert [(m.role, m.status) for m in stored] == [("customer", "ok"), ("bot", "ok")]
    assert stored[1].sources and stored[1].sources[0]["source_id"] == "policy.md#0"
    assert stored[1].total_ms and stored[1].retrieval_ms is not None


def test_bad_frames_get_errors_and_the_socket_stays_usable(server: tuple[LiveServer, Services]) -> None:
    live, _ = server
    with connect(live.chat_url()) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "disclosure"
        bad = [
            "{oops",
            '{"type": "launch"}',
            json.dumps({"type": "message", "text": "x" * 201}),
            "x" * 5000,
            '{"type": "message", "text": ""}',
            '{"type": "feedback", "message_id": 1}',
        ]
        codes = []
        for frame in bad:
            ws.send(frame)
            codes.append(json.loads(ws.recv(timeout=10))["code"])
        ws.send(b'{"type": "ping"}')
        assert json.loads(ws.recv(timeout=10))["type"] == "pong"
        ws.send(json.dumps({"type": "message", "text": "returns?"}))
        assert receive_until(ws, "done")[-1]["failed"] is False
    assert codes == ["bad_json", "unknown_type", "too_large", "too_large", "invalid", "invalid"]


def test_feedback_is_stored_and_checked(server: tuple[LiveServer, Services]) -> None:
    live, services = server
    with connect(live.chat_url()) as ws:
        conversation = json.loads(ws.recv(timeout=10))["conversation_id"]
        ws.send(json.dumps({"type": "message", "text": "returns?"}))
        events = receive_until(ws, "done")
        bot_id, customer_id = events[-1]["message_id"], events[0]["message_id"]
        ws.send(json.dumps({"type": "feedback", "message_id": bot_id, "rating": "down", "comment": "vague"}))
        assert json.loads(ws.recv(timeout=10)) == {
            "type": "feedback_ack",
            "message_id": bot_id,
            "rating": "down",
        }
        ws.send(json.dumps({"type": "feedback", "message_id": customer_id, "rating": "up"}))
        assert json.loads(ws.recv(timeout=10))["code"] == "invalid"
    from sqlalchemy import select

    from hotline.storage.schema import Feedback

    with services.sessions() as session:
        rows = session.scalars(select(Feedback).where(Feedback.message_id == bot_id)).all()
    assert [(r.rating, r.comment) for r in rows] == [(-1, "vague")]
    assert services.conversations.exists(conversation)


def test_messages_sent_back_to_back_are_all_stored_and_answered_in_order(
    server: tuple[LiveServer, Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    live, services = server
    # The help centre answers none of these: two such replies in a row would hand the customer to a person (and
    # a human answers the third). Ordering is what is tested here, so the bot keeps answering.
    monkeypatch.setattr(services, "escalation_policy", EscalationPolicy(misses_to_escalate=5))
    with connect(live.chat_url()) as ws:
        conversation = json.loads(ws.recv(timeout=10))["conversation_id"]
        for i in range(3):
            ws.send(json.dumps({"type": "message", "text": f"question {i}", "client_id": str(i)}))
        dones = 0
        acks = []
        while dones < 3:
            event = json.loads(ws.recv(timeout=30))
            dones += event["type"] == "done"
            if event["type"] == "ack":
                acks.append(event["client_id"])
    assert acks == ["0", "1", "2"]
    roles = [(m.role, m.text) for m in services.conversations.messages(conversation)]
    assert [text for role, text in roles if role == "customer"] == ["question 0", "question 1", "question 2"]
    assert sum(1 for role, _ in roles if role == "bot") == 3


def test_resume_by_token_and_refusals(server: tuple[LiveServer, Services]) -> None:
    live, services = server
    with connect(live.chat_url()) as ws:
        hello = json.loads(ws.recv(timeout=10))
        conversation, token = hello["conversation_id"], hello["token"]
    with connect(live.chat_url(token)) as ws:  # the token bound to the conversation resumes it
        assert json.loads(ws.recv(timeout=10))["conversation_id"] == conversation
    renewed = chat_url(live.ws_url, customer_token(live.http_url, token), conversation)
    with connect(renewed) as ws:  # renewed, it stays bound; naming the conversation is allowed
        assert json.loads(ws.recv(timeout=10))["conversation_id"] == conversation
    stranger = live.chat_url() + f"&conversation_id={conversation}"
    with connect(stranger) as ws:  # knowing the id is not enough
        refused = json.loads(ws.recv(timeout=10))
        assert refused["code"] == "unauthorized"
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
    unknown = issue_customer_token(services.settings.auth, "nope")
    with connect(live.chat_url(unknown)) as ws:
        assert json.loads(ws.recv(timeout=10))["code"] == "not_found"


def test_page_health_and_metrics(server: tuple[LiveServer, Services]) -> None:
    live, _ = server
    page = httpx.get(f"{live.http_url}/")
    assert page.status_code == 200 and "chat.js" in page.text
    assert httpx.get(f"{live.http_url}/static/chat.js").status_code == 200
    health = httpx.get(f"{live.http_url}/healthz").json()
    assert health["kb_chunks"] == 1
    metrics = httpx.get(f"{live.http_url}/metrics").text
    assert "hotline_first_token_seconds_bucket" in metrics and "hotline_turns_total" in metrics
    assert 'hotline_protocol_errors_total{code="bad_json"}' in metrics


def test_model_failure_is_stored_and_offers_a_human(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_models=False, kb={"ingest_demo": False})
    services = build_services(settings)
    services.dialogue.generator = ScriptedGenerator("one two three", fail_after=1)
    with LiveServer(create_app(settings, services)) as live, connect(live.chat_url()) as ws:
        conversation = json.loads(ws.recv(timeout=10))["conversation_id"]
        ws.send(json.dumps({"type": "message", "text": "a real question about lamps"}))
        done = receive_until(ws, "done")[-1]
    assert done["failed"] is True and "human" in done["text"]
    stored = services.conversations.messages(conversation)
    assert stored[0].role == "customer" and stored[0].text == "a real question about lamps"
    assert stored[1].status == "failed" and "model crashed" in (stored[1].error or "")
    services.close()


class _BrokenScorer:
    def score(self, text: str, lang: str = "en") -> float:
        raise RuntimeError("anger head failed to load its arrays")


def test_a_reply_that_fails_is_told_and_the_next_message_is_answered(tmp_path: Path) -> None:
    """A part of the turn raising (here the anger scorer, before any reply) costs that reply only: the customer is
    told which message failed, the failure is logged, stored and counted, and the socket answers the next one."""
    settings = make_settings(tmp_path, load_models=False, kb={"ingest_demo": False})
    services = build_services(settings)
    services.dialogue.generator = ScriptedGenerator("Happy to help.")
    services.anger = _BrokenScorer()  # type: ignore[assignment]
    with LiveServer(create_app(settings, services)) as live, connect(live.chat_url()) as ws:
        conversation = json.loads(ws.recv(timeout=10))["conversation_id"]
        ws.send(json.dumps({"type": "message", "text": "where is my lamp?", "client_id": "a"}))
        events = receive_until(ws, "error")
        ack = next(e for e in events if e["type"] == "ack")
        assert events[-1]["code"] == "reply_failed" and events[-1]["message_id"] == ack["message_id"]
        assert events[-1]["detail"].startswith("Sorry, something went wrong")
        services.anger = None
        ws.send(json.dumps({"type": "message", "text": "and my chair?", "client_id": "b"}))
        done = receive_until(ws, "done")[-1]
        metrics = httpx.get(f"{live.http_url}/metrics").text
    assert done["failed"] is False and done["text"] == "Happy to help."
    assert services.conversations.events(conversation, "reply_failed") == [
        ("reply_failed", {"message_id": ack["message_id"]})
    ]
    assert 'hotline_turns_total{outcome="error"} 1.0' in metrics
    services.close()
