"""The contact-center hub: which customer is waiting, which agent has whom, and the messages between them.

One hub per gateway process; several workers share its events through the bus (``bus.py``: Redis when
``HOTLINE_REDIS_URL`` is set). It is transport-neutral: customers and agents register a ``send`` coroutine —
chat, voice and WebRTC alike — and the hub only enqueues: each channel's ``Outbox`` runs the transport's code
in its own task, never inside the publisher's call. Every state change is written to the database before
anyone is told about it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from hotline.conversation import events
from hotline.conversation.bus import HubBus, LocalBus
from hotline.conversation.failures import FailureCounter
from hotline.conversation.outbox import AgentSend, CustomerSend, Outbox
from hotline.conversation.queue_position import WaitingQueue
from hotline.conversation.worker_requests import WorkerRequests
from hotline.dialogue.handoff import build_packet, notice, photo_entry, transcript_entries
from hotline.storage.conversations import ConversationStore
from hotline.storage.handoffs import HandoffStore
from hotline.storage.photos import PhotoStore
from hotline.tasks import Timers

log = logging.getLogger(__name__)


@dataclass
class AgentConnection:
    agent_id: int
    username: str
    display_name: str
    send: AgentSend
    conversations: set[str] = field(default_factory=set)
    tenant: str = "demo"  # an agent sees and takes only their tenant's conversations
    language: str | None = None  # the console's language, kept with the agent's account
    outbox: Outbox[events.AgentEvent] | None = None  # its events, in order (set when registered)

    def deliver(self, event: events.AgentEvent) -> None:
        if self.outbox is not None:
            self.outbox.put(event)


class HandoffError(ValueError):
    pass


class Hub:
    def __init__(
        self,
        conversations: ConversationStore,
        handoffs: HandoffStore,
        timeout_s: float,
        photos: PhotoStore | None = None,
        bus: HubBus | None = None,
        failures: FailureCounter | None = None,
    ) -> None:
        # Every delivery goes through the bus: applied at once on one worker, shared by Redis across several.
        self._bus: HubBus = bus if bus is not None else LocalBus(self._apply)
        self._conversations = conversations
        self._photos = photos
        self._handoffs = handoffs
        self._timeout_s = timeout_s
        self._failures = failures  # a counter of delivery failures by what failed (/metrics), or None
        # A conversation can have several customer channels at once (the chat page and its WebRTC call).
        self._customers: dict[str, dict[CustomerSend, Outbox[events.CustomerEvent]]] = {}
        self._languages: dict[str, str] = {}
        self._agents: dict[int, AgentConnection] = {}
        self._assigned: dict[str, int] = {}  # conversation -> agent id
        self._queue = WaitingQueue(conversations, handoffs, self.language)
        # Requests one worker asks another to serve (an agent joining a browser call held elsewhere).
        self._requests = WorkerRequests(self._bus)
        self._timers = Timers()  # each waiting handoff's timeout
        self._lock = asyncio.Lock()

    # ---- registration ----

    async def register_customer(self, conversation_id: str, send: CustomerSend) -> None:
        outbox = Outbox(send, "send to customer", self._failures, conversation_id=conversation_id)
        self._customers.setdefault(conversation_id, {})[send] = outbox
        await self._bus.hold(conversation_id, True)

    async def unregister_customer(self, conversation_id: str, send: CustomerSend) -> None:
        channels = self._customers.get(conversation_id, {})
        outbox = channels.pop(send, None)
        if not channels:
            self._customers.pop(conversation_id, None)
            await self._bus.hold(conversation_id, False)
        if outbox is not None:
            await outbox.close()

    @property
    def worker_id(self) -> str:
        return self._bus.worker_id

    def serve(self, op: str, handler: Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]) -> None:
        """What this worker answers when another asks it ``op`` (the reply is a dict with a ``status``)."""
        self._requests.serve(op, handler)

    async def ask_worker(
        self, worker: str, op: str, payload: dict[str, Any], timeout_s: float = 20.0
    ) -> dict[str, Any]:
        """Ask ``worker`` to serve ``op`` (over the bus) and wait for its reply."""
        return await self._requests.ask(worker, op, payload, timeout_s)

    async def worker_of(self, conversation_id: str) -> str | None:
        """The worker holding this customer's sockets, as the bus knows it (None: nobody connected)."""
        return await self._bus.holder(conversation_id)

    def assigned_agent(self, conversation_id: str) -> int | None:
        return self._assigned.get(conversation_id)

    async def start(self) -> None:
        """Start receiving the bus's events (the gateway's startup)."""
        await self._bus.start(self._apply)

    async def set_language(self, conversation_id: str, language: str) -> None:
        if self._languages.get(conversation_id) != language:  # notices to this customer, from any worker
            await self._bus.publish({"kind": "language", "conversation_id": conversation_id, "language": language})

    async def register_agent(self, agent: AgentConnection) -> None:
        previous = self._agents.get(agent.agent_id)
        if previous is not None:  # the same agent in a second tab: it takes over their conversations
            agent.conversations |= previous.conversations
        agent.outbox = Outbox(agent.send, "send to agent", self._failures, agent_id=agent.agent_id)
        self._agents[agent.agent_id] = agent
        hello: events.Hello = {"type": "hello", "agent": agent.display_name}
        if agent.language:
            hello["language"] = agent.language
        agent.deliver(hello)
        agent.deliver({"type": "queue", "items": (await self.queue_items()).get(agent.tenant, [])})

    async def unregister_agent(self, agent_id: int, connection: AgentConnection | None = None) -> None:
        """An agent who drops leaves their customers in the queue again: nothing is lost. A closed older tab
        of an agent who is still connected elsewhere changes nothing."""
        if connection is not None and self._agents.get(agent_id) is not connection:
            if connection.outbox is not None:
                await connection.outbox.close()
            return
        agent = self._agents.pop(agent_id, None)
        if agent is None:
            return
        if agent.outbox is not None:
            await agent.outbox.close()
        for conversation_id in list(agent.conversations):
            await self._assign(conversation_id, None)
            handoff = await asyncio.to_thread(self._handoffs.latest_for, conversation_id)
            if handoff is not None and handoff.status == "accepted":
                await asyncio.to_thread(self._handoffs.set_status, handoff.id, "waiting")
                await self._conversations_event(conversation_id, "agent_disconnected", {"agent": agent.username})
                await self.notify_customer(
                    conversation_id, self._handoff_event(conversation_id, "waiting", "agent_left")
                )
                self._start_timer(handoff.id, conversation_id)
        await self.broadcast_queue()

    async def held_by_human(self, conversation_id: str) -> bool:
        """An agent holds the conversation, or the customer waits for one: the bot says nothing (the database read
        runs off the event loop)."""
        if conversation_id in self._assigned:
            return True
        return await asyncio.to_thread(self._conversations.status, conversation_id) in ("agent", "queued")

    async def resume_notice(self, conversation_id: str) -> events.Handoff | None:
        """For a customer page reopened while a human is awaited or holds the conversation: that notice again (the
        status line and the notices are not in the stored messages). None when the bot has the conversation."""
        handoff = await asyncio.to_thread(self._handoffs.latest_for, conversation_id)
        if handoff is None:
            return None
        if handoff.status == "waiting":
            return self._handoff_event(conversation_id, "waiting", "handoff_waiting", handoff_id=handoff.id)
        if handoff.status == "accepted" and handoff.agent_id is not None:
            held = self._agents.get(handoff.agent_id)
            lookup = self._handoffs.agent_display_name
            name = held.display_name if held else await asyncio.to_thread(lookup, handoff.agent_id)
            return self._agent_joined(conversation_id, name)
        return None

    def _agent_joined(self, conversation_id: str, name: str) -> events.Handoff:
        """What the customer is told when an agent takes the conversation (and again on a reopened page)."""
        return self._handoff_event(conversation_id, "agent_joined", "agent_joined", agent=name)

    def _handoff_event(
        self, conversation_id: str, status: events.HandoffStatus, notice_key: str, **fields: Any
    ) -> events.Handoff:
        """A ``handoff`` event for the customer: its status, ``fields`` (the handoff id, the agent's name, the
        callback ticket) and the notice in the customer's language, which may name them."""
        text = notice(notice_key, self.language(conversation_id), **fields)
        return events.handoff_event(status, text, **fields)

    async def escalate(self, conversation_id: str, reason: str, state: dict[str, Any] | None = None) -> int:
        """Queue the conversation for a human with its packet (``state``: what the flows know, see
        ``dialogue.handoff.conversation_state``)."""
        messages = await asyncio.to_thread(self._conversations.messages, conversation_id)
        hits = await asyncio.to_thread(self._conversations.redline_hits, conversation_id)
        packet = build_packet(conversation_id, reason, messages, hits, state)
        if self._photos is not None:
            photos = await asyncio.to_thread(self._photos.for_conversation, conversation_id)
            picks = (state or {}).get("photo_picks", {})
            packet["photos"] = [
                photo_entry(conversation_id, p.id, p.analysis or {}, picks.get(str(p.id))) for p in photos
            ]
        handoff_id = await asyncio.to_thread(self._handoffs.create, conversation_id, reason, packet)
        self._languages.setdefault(conversation_id, packet["language"])
        log.info(
            "handoff queued",
            extra={"conversation_id": conversation_id, "handoff_id": handoff_id, "reason": reason},
        )
        waiting = self._handoff_event(conversation_id, "waiting", "handoff_waiting", handoff_id=handoff_id)
        await self.notify_customer(conversation_id, waiting)
        self._start_timer(handoff_id, conversation_id)
        await self.broadcast_queue()
        return handoff_id

    async def customer_said(self, conversation_id: str, message: events.CustomerMessage) -> None:
        """A stored customer message while a human has (or will have) the conversation."""
        agent_id = self._assigned.get(conversation_id)
        if agent_id is not None:  # their console may be on another worker
            await self.notify_agent(agent_id, message)
        else:
            await self.broadcast_queue()

    # ---- agent side ----

    async def accept(self, agent_id: int, handoff_id: int) -> events.Conversation:
        async with self._lock:  # two agents clicking at once: exactly one gets it
            handoff = await asyncio.to_thread(self._handoffs.get, handoff_id)
            if handoff is None or handoff.status != "waiting":
                raise HandoffError(f"handoff {handoff_id} is no longer waiting")
            agent = self._agents[agent_id]
            if await self.tenant_of(handoff.conversation_id) != agent.tenant:  # said like a missing one: no leak
                raise HandoffError(f"handoff {handoff_id} is no longer waiting")
            await asyncio.to_thread(self._handoffs.set_status, handoff_id, "accepted", agent_id)
            self._timers.cancel(handoff_id)
            self._assigned[handoff.conversation_id] = agent_id
            agent.conversations.add(handoff.conversation_id)
            self._languages.setdefault(handoff.conversation_id, handoff.packet.get("language", "en"))
        await self._assign(handoff.conversation_id, agent_id)
        conversation_id = handoff.conversation_id
        await self._conversations_event(conversation_id, "agent_joined", {"agent": agent.username})
        await self.notify_customer(conversation_id, self._agent_joined(conversation_id, agent.display_name))
        # The packet as persisted, plus the transcript up to now (the customer may have written meanwhile).
        messages = await asyncio.to_thread(self._conversations.messages, conversation_id)
        packet = dict(handoff.packet)
        packet["transcript"] = transcript_entries(messages, packet.get("trigger_turns", []))
        await self.broadcast_queue()
        return {"type": "conversation", "handoff_id": handoff_id, "conversation_id": conversation_id, "packet": packet}

    def _owned(self, agent_id: int, conversation_id: str) -> None:
        if self._assigned.get(conversation_id) != agent_id:
            raise HandoffError("this conversation is not assigned to you")

    async def agent_said(
        self, agent_id: int, conversation_id: str, text: str, spoken: bool = False
    ) -> events.AgentMessageAck:
        """What the agent typed, or (``spoken``) the transcript of what they said on a voice call."""
        self._owned(agent_id, conversation_id)
        agent = self._agents.get(agent_id)
        username = agent.username if agent else str(agent_id)
        stored = await asyncio.to_thread(
            self._conversations.add_message, conversation_id, "agent", text, model=f"agent:{username}"
        )
        await self.notify_customer(
            conversation_id,
            {
                "type": "agent_message",
                "text": text,
                "agent": agent.display_name if agent else username,
                "message_id": stored.id,
                "spoken": spoken,
            },
        )
        if spoken:  # the agent's console shows what was heard of them, like the caller's words
            await self.notify_agent(
                agent_id,
                {
                    "type": "agent_voice_transcript",
                    "conversation_id": conversation_id,
                    "message_id": stored.id,
                    "text": text,
                },
            )
        return {"type": "agent_message_ack", "conversation_id": conversation_id, "message_id": stored.id}

    async def hand_back(self, agent_id: int, conversation_id: str, wrap_up: dict[str, str] | None = None) -> None:
        await self._end(agent_id, conversation_id, "returned", wrap_up)
        returned = self._handoff_event(conversation_id, "returned_to_bot", "returned_to_bot")
        await self.notify_customer(conversation_id, returned)

    async def close(self, agent_id: int, conversation_id: str, wrap_up: dict[str, str] | None = None) -> None:
        await self._end(agent_id, conversation_id, "closed", wrap_up)
        await self.notify_customer(conversation_id, self._handoff_event(conversation_id, "closed", "closed"))

    async def _end(
        self, agent_id: int, conversation_id: str, status: str, wrap_up: dict[str, str] | None = None
    ) -> None:
        """Release the conversation; the agent's wrap-up (outcome and note) is stored with the event."""
        self._owned(agent_id, conversation_id)
        handoff = await asyncio.to_thread(self._handoffs.latest_for, conversation_id)
        if handoff is not None:
            await asyncio.to_thread(self._handoffs.set_status, handoff.id, status)
        self._agents[agent_id].conversations.discard(conversation_id)
        await self._assign(conversation_id, None)
        await self._conversations_event(conversation_id, f"handoff_{status}", {"agent_id": agent_id, **(wrap_up or {})})

    # ---- queue and timeouts ----

    async def tenant_of(self, conversation_id: str) -> str | None:
        return await self._queue.tenant_of(conversation_id)

    async def queue_items(self) -> dict[str, list[dict[str, Any]]]:
        """The waiting handoffs, by tenant."""
        return await self._queue.items()

    async def _tell_positions(self, by_tenant: dict[str, list[dict[str, Any]]]) -> None:
        """Each waiting customer whose page this worker holds: their place in the queue and the expected wait."""
        for conversation_id, event in (await self._queue.position_events(by_tenant, list(self._customers))).items():
            for outbox in list(self._customers.get(conversation_id, {}).values()):
                outbox.put(event)

    async def broadcast_queue(self) -> None:
        """Every agent, on every worker, gets their tenant's queue again (read from the database)."""
        await self._bus.publish({"kind": "queue"})

    def _start_timer(self, handoff_id: int, conversation_id: str) -> None:
        self._timers.start(handoff_id, self._expire(handoff_id, conversation_id))

    async def _expire(self, handoff_id: int, conversation_id: str) -> None:
        await asyncio.sleep(self._timeout_s)
        handoff = await asyncio.to_thread(self._handoffs.get, handoff_id)
        if handoff is None or handoff.status != "waiting":
            return
        await asyncio.to_thread(self._handoffs.set_status, handoff_id, "timed_out")
        ticket = await asyncio.to_thread(self._handoffs.add_callback_ticket, conversation_id, handoff_id)
        await self._conversations_event(conversation_id, "handoff_timed_out", {"ticket": ticket})
        timeout = self._handoff_event(conversation_id, "timeout", "handoff_timeout", ticket=ticket)
        await self.notify_customer(conversation_id, timeout)
        await self.broadcast_queue()

    async def shutdown(self) -> None:
        self._timers.cancel_all()
        await self._bus.close()

    async def delivered(self, conversation_id: str) -> None:
        """Every event put so far for this customer's channels has reached their transports (for tests)."""
        for outbox in list(self._customers.get(conversation_id, {}).values()):
            await outbox.drained()

    # ---- helpers ----

    def language(self, conversation_id: str) -> str:
        """The customer's language as last detected (what notices and photo replies are worded in)."""
        return self._languages.get(conversation_id, "en")

    async def notify_customer(self, conversation_id: str, event: events.CustomerEvent) -> None:
        """An event for every channel the customer has open (chat page, call), on whichever worker holds them."""
        await self._bus.publish({"kind": "customer", "conversation_id": conversation_id, "event": event})

    async def notify_agent(self, agent_id: int, event: events.AgentEvent) -> None:
        """An event for an agent's console, on whichever worker holds it."""
        await self._bus.publish({"kind": "agent", "agent_id": agent_id, "event": event})

    async def _assign(self, conversation_id: str, agent_id: int | None) -> None:
        if agent_id is None:
            self._assigned.pop(conversation_id, None)
        await self._bus.publish({"kind": "assigned", "conversation_id": conversation_id, "agent_id": agent_id})

    async def _apply(self, event: dict[str, Any]) -> None:
        """One bus event, on this worker: enqueued for the channels it holds (their outboxes deliver), or what it
        knows updated. Nothing here waits for a transport."""
        kind = event["kind"]
        if kind == "customer":
            for outbox in list(self._customers.get(event["conversation_id"], {}).values()):
                outbox.put(event["event"])
        elif kind == "agent":
            agent = self._agents.get(int(event["agent_id"]))
            if agent is not None:
                agent.deliver(event["event"])
        elif kind == "queue":
            by_tenant = await self.queue_items()
            for agent in list(self._agents.values()):
                agent.deliver({"type": "queue", "items": by_tenant.get(agent.tenant, [])})
            await self._tell_positions(by_tenant)
        elif kind == "assigned":
            if event["agent_id"] is None:
                self._assigned.pop(event["conversation_id"], None)
            else:
                self._assigned[event["conversation_id"]] = int(event["agent_id"])
        elif kind == "language":
            self._languages[event["conversation_id"]] = event["language"]
        elif kind in ("request", "reply"):
            self._requests.apply(event)

    async def _conversations_event(self, conversation_id: str, kind: str, payload: dict[str, Any]) -> None:
        await asyncio.to_thread(self._conversations.add_event, conversation_id, kind, payload)
