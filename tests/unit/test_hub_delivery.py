"""The hub only enqueues: a publisher never waits for a transport (an agent's message is acknowledged before a phone
caller hears it), each channel gets its events in order, and a channel that fails or stalls holds up no one else.
Real SQLite stores, the one-worker bus, no models."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from hotline.conversation.hub import AgentConnection, Hub
from hotline.conversation.outbox import Outbox
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import make_engine, migrate, session_factory
from hotline.storage.handoffs import HandoffStore


class Counter:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def labels(self, **labels: str) -> Counter:
        self._what = labels["what"]
        return self

    def inc(self) -> None:
        self.counts[self._what] = self.counts.get(self._what, 0) + 1


@pytest.fixture
def stores(tmp_path: Path) -> tuple[ConversationStore, HandoffStore]:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    sessions = session_factory(engine)
    return ConversationStore(sessions), HandoffStore(sessions)


async def test_an_agents_message_is_acknowledged_before_the_caller_hears_it(
    stores: tuple[ConversationStore, HandoffStore],
) -> None:
    conversations, handoffs = stores
    hub = Hub(conversations, handoffs, timeout_s=60)
    conversation = conversations.start("phone")
    conversations.add_message(conversation, "customer", "I want a person")
    synthesis = asyncio.Event()  # the phone call speaks each notice: slow, and here held until released
    heard: list[dict[str, Any]] = []

    async def caller(event: dict[str, Any]) -> None:
        await synthesis.wait()
        heard.append(event)

    console: list[dict[str, Any]] = []

    async def agent_send(event: dict[str, Any]) -> None:
        console.append(event)

    await hub.register_customer(conversation, caller)
    agent_id = handoffs.add_agent("ann", "Ann", "x", "demo")
    await hub.register_agent(AgentConnection(agent_id, "ann", "Ann", agent_send))
    handoff_id = await asyncio.wait_for(hub.escalate(conversation, "customer_request"), 5)
    await asyncio.wait_for(hub.accept(agent_id, handoff_id), 5)
    ack = await asyncio.wait_for(hub.agent_said(agent_id, conversation, "Hello, I'm Ann."), 5)
    assert ack["type"] == "agent_message_ack" and heard == []  # acknowledged while the caller's side still works

    synthesis.set()
    await asyncio.wait_for(hub.delivered(conversation), 5)
    assert [(e["type"], e.get("status")) for e in heard] == [
        ("handoff", "waiting"),
        ("queue_position", None),
        ("handoff", "agent_joined"),
        ("agent_message", None),
    ]
    assert console[0]["type"] == "hello" and any(e["type"] == "queue" for e in console)
    await hub.unregister_customer(conversation, caller)
    await hub.unregister_agent(agent_id)
    await hub.shutdown()


async def test_a_failing_channel_is_counted_and_holds_up_no_other(
    stores: tuple[ConversationStore, HandoffStore],
) -> None:
    conversations, handoffs = stores
    failures = Counter()
    hub = Hub(conversations, handoffs, timeout_s=60, failures=failures)
    conversation = conversations.start("chat")
    page: list[dict[str, Any]] = []

    async def closed_socket(event: dict[str, Any]) -> None:
        raise RuntimeError("socket closed")

    async def chat_page(event: dict[str, Any]) -> None:
        page.append(event)

    await hub.register_customer(conversation, closed_socket)
    await hub.register_customer(conversation, chat_page)
    for n in range(3):
        await hub.notify_customer(conversation, {"type": "note", "n": n})
    await asyncio.wait_for(hub.delivered(conversation), 5)
    assert [e["n"] for e in page] == [0, 1, 2]
    assert failures.counts == {"send to customer": 3}
    await hub.unregister_customer(conversation, closed_socket)
    await hub.unregister_customer(conversation, chat_page)
    assert await hub.worker_of(conversation) is None  # nobody holds it once its last channel is gone
    await hub.shutdown()


async def test_an_outbox_keeps_order_drops_the_oldest_when_stalled_and_drains_on_close() -> None:
    release = asyncio.Event()
    got: list[int] = []

    async def stalled(event: dict[str, Any]) -> None:
        await release.wait()
        got.append(event["n"])

    failures = Counter()
    outbox = Outbox(stalled, "send to test", failures, limit=3)
    outbox.put({"n": 0})
    await asyncio.sleep(0.01)  # being delivered (stalled)
    for n in range(1, 6):
        outbox.put({"n": n})  # never waits
    release.set()
    await asyncio.wait_for(outbox.close(), 5)
    # the first was already being delivered; of the rest, the oldest beyond the limit were dropped
    assert got[0] == 0 and got[-3:] == [3, 4, 5] and len(got) == 4
    assert failures.counts == {"send to test (outbox full)": 2}
    outbox.put({"n": 9})  # closed: ignored
    assert got[-1] == 5


async def test_a_stalled_channel_loses_its_tokens_never_a_handoff_notice_or_an_agents_words() -> None:
    """System events (handoff, agent_message, cancelled, …) outlive data events (tokens, sentences) when a
    channel falls behind: the oldest data event goes first; a system one only when nothing else is queued."""
    release = asyncio.Event()
    got: list[str] = []

    async def stalled(event: dict[str, Any]) -> None:
        await release.wait()
        got.append(event.get("text", event["type"]))

    failures = Counter()
    outbox = Outbox(stalled, "send to test", failures, limit=3)
    outbox.put({"type": "token", "text": "t0"})
    await asyncio.sleep(0.01)  # being delivered (stalled)
    outbox.put({"type": "token", "text": "t1"})
    outbox.put({"type": "handoff", "status": "waiting", "text": "h"})
    outbox.put({"type": "token", "text": "t2"})
    outbox.put({"type": "agent_message", "text": "a", "agent": "Ann", "message_id": 1, "spoken": False})
    outbox.put({"type": "cancelled", "detail": "c"})  # full twice: t1, then t2 dropped
    outbox.put({"type": "error", "code": "x", "detail": "e"})  # only system events left: the oldest goes
    release.set()
    await asyncio.wait_for(outbox.close(), 5)
    assert got == ["t0", "a", "cancelled", "error"]
    assert failures.counts == {"send to test (outbox full)": 3}


def test_every_event_type_is_declared_once_typed_and_listed_with_its_channels() -> None:
    """events.py's TypedDicts and protocol.SERVER_EVENTS name the same event types; the system ones exist."""
    from typing import get_args, get_type_hints

    from hotline.conversation import events
    from hotline.gateway import protocol

    declared = [get_args(get_type_hints(cls)["type"])[0] for cls in get_args(events.ServerEvent)]
    assert len(declared) == len(set(declared))
    assert set(declared) == set(protocol.SERVER_EVENTS)
    assert set(declared) >= events.SYSTEM_EVENTS


async def test_an_outbox_closed_with_a_dead_peer_gives_up_after_its_drain_time() -> None:
    async def hangs(event: dict[str, Any]) -> None:
        await asyncio.Event().wait()

    outbox = Outbox(hangs, "send to test")
    outbox.put({"n": 1})
    await asyncio.wait_for(outbox.close(drain_s=0.05), 5)
