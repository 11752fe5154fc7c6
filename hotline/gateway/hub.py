"""The contact-center hub: which customer is waiting, which agent has whom, and the messages between them.

One hub per gateway process (multi-worker sharing through Redis arrives with the scale-out issue). It is
transport-neutral: customers and agents register a ``send`` coroutine; chat, voice and WebRTC alike.
Every state change is written to the database before anyone is told about it.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from hotline.dialogue.handoff import build_packet, notice, transcript_entries
from hotline.gateway.bus import HubBus, LocalBus
from hotline.gateway.failures import logged
from hotline.gateway.queue_position import expected_minutes, position_event, positions
from hotline.storage.conversations import ConversationStore
from hotline.storage.handoffs import HandoffStore

log = logging.getLogger(__name__)

Send = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass
class AgentConnection:
    agent_id: int
    username: str
    display_name: str
    send: Send
    conversations: set[str] = field(default_factory=set)
    tenant: str = "demo"  # an agent sees and takes only their tenant's conversations


class HandoffError(ValueError):
    pass


def photo_entry(
    conversation_id: str, photo_id: int, analysis: dict[str, Any], chosen: str | None = None
) -> dict[str, Any]:
    """A customer's photo as an agent sees it (in the packet, or live): where to fetch it, what OCR read, what the
    catalog matcher thought it shows, and the product the customer picked when the bot asked."""
    return {
        "chosen": chosen,
        "photo_id": photo_id,
        "url": f"/api/conversations/{conversation_id}/photos/{photo_id}",
        "ocr": analysis.get("ocr", []),
        "order_ids": analysis.get("order_ids", []),
        "matches": analysis.get("matches", [])[:3],
        "confident": analysis.get("confident"),
    }


class Hub:
    def __init__(
        self,
        conversations: ConversationStore,
        handoffs: HandoffStore,
        timeout_s: float,
        photos: Any = None,
        bus: HubBus | None = None,
        failures: Any = None,
    ) -> None:
        # Every delivery goes through the bus: applied at once on one worker, shared by Redis across several.
        self._bus: HubBus = bus if bus is not None else LocalBus(self._apply)
        self._conversations = conversations
        self._photos = photos
        self._handoffs = handoffs
        self._timeout_s = timeout_s
        self._failures = failures  # a counter of delivery failures by what failed (/metrics), or None
        # A conversation can have several customer channels at once (the chat page and its WebRTC call).
        self._customers: dict[str, list[Send]] = {}
        self._languages: dict[str, str] = {}
        self._agents: dict[int, AgentConnection] = {}
        self._assigned: dict[str, int] = {}  # conversation -> agent id
        self._tenants: dict[str, str] = {}  # conversation -> tenant (never changes: cached)
        # Requests one worker asks another to serve (an agent joining a browser call held elsewhere).
        self._services: dict[str, Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]] = {}
        self._waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._serving: set[asyncio.Task[None]] = set()
        self._timers: dict[int, asyncio.Task[None]] = {}
        self._lock = asyncio.Lock()

    # ---- registration ----

    async def register_customer(self, conversation_id: str, send: Send) -> None:
        self._customers.setdefault(conversation_id, []).append(send)
        await self._bus.hold(conversation_id, True)

    async def unregister_customer(self, conversation_id: str, send: Send) -> None:
        sends = self._customers.get(conversation_id, [])
        if send in sends:
            sends.remove(send)
        if not sends:
            self._customers.pop(conversation_id, None)
            await self._bus.hold(conversation_id, False)

    @property
    def worker_id(self) -> str:
        return self._bus.worker_id

    def serve(self, op: str, handler: Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]) -> None:
        """What this worker answers when another asks it ``op`` (the reply is a dict with a ``status``)."""
        self._services[op] = handler

    async def ask_worker(
        self, worker: str, op: str, payload: dict[str, Any], timeout_s: float = 20.0
    ) -> dict[str, Any]:
        """Ask ``worker`` to serve ``op`` (over the bus) and wait for its reply."""
        request_id = uuid.uuid4().hex
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = future
        try:
            await self._bus.publish(
                {
                    "kind": "request",
                    "to": worker,
                    "from": self.worker_id,
                    "id": request_id,
                    "op": op,
                    "payload": payload,
                }
            )
            return await asyncio.wait_for(future, timeout_s)
        except TimeoutError:
            return {"status": 504, "detail": f"worker {worker} did not answer"}
        finally:
            self._waiting.pop(request_id, None)

    async def _answer(self, event: dict[str, Any]) -> None:
        handler = self._services.get(event["op"])
        try:
            result = await handler(event["payload"]) if handler else {"status": 501, "detail": "not served here"}
        except Exception as error:
            log.exception("request from another worker failed", extra={"op": event["op"]})
            result = {"status": 500, "detail": f"{type(error).__name__}: {error}"}
        await self._bus.publish({"kind": "reply", "to": event["from"], "id": event["id"], "result": result})

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
        self._agents[agent.agent_id] = agent
        await agent.send({"type": "hello", "agent": agent.display_name})
        await self._send_queue(agent)

    async def unregister_agent(self, agent_id: int, connection: AgentConnection | None = None) -> None:
        """An agent who drops leaves their customers in the queue again: nothing is lost. A closed older tab
        of an agent who is still connected elsewhere changes nothing."""
        if connection is not None and self._agents.get(agent_id) is not connection:
            return
        agent = self._agents.pop(agent_id, None)
        if agent is None:
            return
        for conversation_id in list(agent.conversations):
            await self._assign(conversation_id, None)
            handoff = await asyncio.to_thread(self._handoffs.latest_for, conversation_id)
            if handoff is not None and handoff.status == "accepted":
                await asyncio.to_thread(self._handoffs.set_status, handoff.id, "waiting")
                await self._conversations_event(conversation_id, "agent_disconnected", {"agent": agent.username})
                await self._to_customer(
                    conversation_id,
                    {
                        "type": "handoff",
                        "status": "waiting",
                        "text": notice("agent_left", self._lang(conversation_id)),
                    },
                )
                self._start_timer(handoff.id, conversation_id)
        await self.broadcast_queue()

    # ---- customer side ----

    async def held_by_human(self, conversation_id: str) -> bool:
        """An agent holds the conversation, or the customer waits for one: the bot says nothing (the database read
        runs off the event loop)."""
        if conversation_id in self._assigned:
            return True
        return await asyncio.to_thread(self._conversations.status, conversation_id) in ("agent", "queued")

    async def resume_notice(self, conversation_id: str) -> dict[str, Any] | None:
        """For a customer page reopened while a human is awaited or holds the conversation: that notice again (the
        status line and the notices are not in the stored messages). None when the bot has the conversation."""
        handoff = await asyncio.to_thread(self._handoffs.latest_for, conversation_id)
        if handoff is None:
            return None
        if handoff.status == "waiting":
            text = notice("handoff_waiting", self._lang(conversation_id))
            return {"type": "handoff", "status": "waiting", "handoff_id": handoff.id, "text": text}
        if handoff.status == "accepted" and handoff.agent_id is not None:
            held = self._agents.get(handoff.agent_id)
            name = (
                held.display_name
                if held is not None
                else await asyncio.to_thread(self._handoffs.agent_display_name, handoff.agent_id)
            )
            return self._agent_joined(conversation_id, name)
        return None

    def _agent_joined(self, conversation_id: str, name: str) -> dict[str, Any]:
        """What the customer is told when an agent takes the conversation (and again on a reopened page)."""
        text = notice("agent_joined", self._lang(conversation_id), agent=name)
        return {"type": "handoff", "status": "agent_joined", "agent": name, "text": text}

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
        await self._to_customer(
            conversation_id,
            {
                "type": "handoff",
                "status": "waiting",
                "handoff_id": handoff_id,
                "text": notice("handoff_waiting", self._lang(conversation_id)),
            },
        )
        self._start_timer(handoff_id, conversation_id)
        await self.broadcast_queue()
        return handoff_id

    async def customer_said(self, conversation_id: str, message: dict[str, Any]) -> None:
        """A stored customer message while a human has (or will have) the conversation."""
        agent_id = self._assigned.get(conversation_id)
        if agent_id is not None:  # their console may be on another worker
            await self._to_agent(agent_id, {"type": "customer_message", "conversation_id": conversation_id, **message})
        else:
            await self.broadcast_queue()

    # ---- agent side ----

    async def accept(self, agent_id: int, handoff_id: int) -> dict[str, Any]:
        async with self._lock:  # two agents clicking at once: exactly one gets it
            handoff = await asyncio.to_thread(self._handoffs.get, handoff_id)
            if handoff is None or handoff.status != "waiting":
                raise HandoffError(f"handoff {handoff_id} is no longer waiting")
            agent = self._agents[agent_id]
            if await self.tenant_of(handoff.conversation_id) != agent.tenant:  # said like a missing one: no leak
                raise HandoffError(f"handoff {handoff_id} is no longer waiting")
            await asyncio.to_thread(self._handoffs.set_status, handoff_id, "accepted", agent_id)
            self._cancel_timer(handoff_id)
            self._assigned[handoff.conversation_id] = agent_id
            agent.conversations.add(handoff.conversation_id)
            self._languages.setdefault(handoff.conversation_id, handoff.packet.get("language", "en"))
        await self._assign(handoff.conversation_id, agent_id)
        conversation_id = handoff.conversation_id
        await self._conversations_event(conversation_id, "agent_joined", {"agent": agent.username})
        await self._to_customer(conversation_id, self._agent_joined(conversation_id, agent.display_name))
        # The packet as persisted, plus the transcript up to now (the customer may have written meanwhile).
        messages = await asyncio.to_thread(self._conversations.messages, conversation_id)
        packet = dict(handoff.packet)
        packet["transcript"] = transcript_entries(messages, packet.get("trigger_turns", []))
        await self.broadcast_queue()
        return {
            "type": "conversation",
            "handoff_id": handoff_id,
            "conversation_id": conversation_id,
            "packet": packet,
        }

    def _owned(self, agent_id: int, conversation_id: str) -> None:
        if self._assigned.get(conversation_id) != agent_id:
            raise HandoffError("this conversation is not assigned to you")

    async def agent_said(self, agent_id: int, conversation_id: str, text: str, spoken: bool = False) -> dict[str, Any]:
        """What the agent typed, or (``spoken``) the transcript of what they said on a voice call."""
        self._owned(agent_id, conversation_id)
        agent = self._agents.get(agent_id)
        username = agent.username if agent else str(agent_id)
        stored = await asyncio.to_thread(
            self._conversations.add_message, conversation_id, "agent", text, model=f"agent:{username}"
        )
        await self._to_customer(
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
            await self._to_agent(
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
        await self._to_customer(
            conversation_id,
            {
                "type": "handoff",
                "status": "returned_to_bot",
                "text": notice("returned_to_bot", self._lang(conversation_id)),
            },
        )

    async def close(self, agent_id: int, conversation_id: str, wrap_up: dict[str, str] | None = None) -> None:
        await self._end(agent_id, conversation_id, "closed", wrap_up)
        await self._to_customer(
            conversation_id,
            {"type": "handoff", "status": "closed", "text": notice("closed", self._lang(conversation_id))},
        )

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
        if conversation_id not in self._tenants:
            tenant = await asyncio.to_thread(self._conversations.tenant_of, conversation_id)
            if tenant is None:
                return None
            self._tenants[conversation_id] = tenant
        return self._tenants[conversation_id]

    async def queue_items(self) -> dict[str, list[dict[str, Any]]]:
        """The waiting handoffs, by tenant."""
        waiting = await asyncio.to_thread(self._handoffs.waiting)
        by_tenant: dict[str, list[dict[str, Any]]] = {}
        for h in waiting:
            tenant = await self.tenant_of(h.conversation_id) or ""
            by_tenant.setdefault(tenant, []).append(
                {
                    "handoff_id": h.id,
                    "conversation_id": h.conversation_id,
                    "reason": h.reason,
                    "summary": h.packet.get("summary", ""),
                    "intent": h.packet.get("intent"),
                    "since": h.created_at.isoformat(),
                    "language": self._lang(h.conversation_id),
                }
            )
        return by_tenant

    async def _send_queue(self, agent: AgentConnection) -> None:
        with logged("send queue to agent", self._failures, agent_id=agent.agent_id):
            items = (await self.queue_items()).get(agent.tenant, [])
            await agent.send({"type": "queue", "items": items})

    async def _tell_positions(self, by_tenant: dict[str, list[dict[str, Any]]]) -> None:
        """Each waiting customer whose page this worker holds: their place in the queue and the expected wait."""
        places = {cid: place for items in by_tenant.values() for cid, place in positions(items).items()}
        here = [cid for cid in places if self._customers.get(cid)]
        if not here:
            return
        waits = await asyncio.to_thread(self._handoffs.recent_waits)
        for conversation_id in here:
            place, waiting = places[conversation_id]
            event = position_event(place, waiting, expected_minutes(waits, place))
            for send in list(self._customers.get(conversation_id, [])):
                with logged("send queue position", self._failures, conversation_id=conversation_id):
                    await send(event)

    async def broadcast_queue(self) -> None:
        """Every agent, on every worker, gets their tenant's queue again (read from the database)."""
        await self._bus.publish({"kind": "queue"})

    def _start_timer(self, handoff_id: int, conversation_id: str) -> None:
        self._cancel_timer(handoff_id)
        self._timers[handoff_id] = asyncio.create_task(self._expire(handoff_id, conversation_id))

    def _cancel_timer(self, handoff_id: int) -> None:
        task = self._timers.pop(handoff_id, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _expire(self, handoff_id: int, conversation_id: str) -> None:
        await asyncio.sleep(self._timeout_s)
        handoff = await asyncio.to_thread(self._handoffs.get, handoff_id)
        if handoff is None or handoff.status != "waiting":
            return
        await asyncio.to_thread(self._handoffs.set_status, handoff_id, "timed_out")
        ticket = await asyncio.to_thread(self._handoffs.add_callback_ticket, conversation_id, handoff_id)
        await self._conversations_event(conversation_id, "handoff_timed_out", {"ticket": ticket})
        await self._to_customer(
            conversation_id,
            {
                "type": "handoff",
                "status": "timeout",
                "ticket": ticket,
                "text": notice("handoff_timeout", self._lang(conversation_id), ticket=ticket),
            },
        )
        self._timers.pop(handoff_id, None)
        await self.broadcast_queue()

    async def shutdown(self) -> None:
        for task in self._timers.values():
            task.cancel()
        self._timers.clear()
        await self._bus.close()

    # ---- helpers ----

    def _lang(self, conversation_id: str) -> str:
        return self._languages.get(conversation_id, "en")

    def language(self, conversation_id: str) -> str:
        """The customer's language as last detected (what notices and photo replies are worded in)."""
        return self._lang(conversation_id)

    async def notify_customer(self, conversation_id: str, event: dict[str, Any]) -> None:
        """An event for every channel the customer has open (chat page, call)."""
        await self._to_customer(conversation_id, event)

    async def _to_customer(self, conversation_id: str, event: dict[str, Any]) -> None:
        await self._bus.publish({"kind": "customer", "conversation_id": conversation_id, "event": event})

    async def _to_agent(self, agent_id: int, event: dict[str, Any]) -> None:
        await self._bus.publish({"kind": "agent", "agent_id": agent_id, "event": event})

    async def _assign(self, conversation_id: str, agent_id: int | None) -> None:
        if agent_id is None:
            self._assigned.pop(conversation_id, None)
        await self._bus.publish({"kind": "assigned", "conversation_id": conversation_id, "agent_id": agent_id})

    async def _apply(self, event: dict[str, Any]) -> None:
        """One bus event, on this worker: deliver to the sockets it holds, or update what it knows."""
        kind = event["kind"]
        if kind == "customer":
            for send in list(self._customers.get(event["conversation_id"], [])):
                # a closed socket: the event is in the database anyway, but it is logged and counted
                with logged("send to customer", self._failures, conversation_id=event["conversation_id"]):
                    await send(event["event"])
        elif kind == "agent":
            agent = self._agents.get(int(event["agent_id"]))
            if agent is not None:
                with logged("send to agent", self._failures, agent_id=agent.agent_id):
                    await agent.send(event["event"])
        elif kind == "queue":
            by_tenant = await self.queue_items()
            for agent in list(self._agents.values()):
                with logged("send queue to agent", self._failures, agent_id=agent.agent_id):
                    await agent.send({"type": "queue", "items": by_tenant.get(agent.tenant, [])})
            await self._tell_positions(by_tenant)
        elif kind == "assigned":
            if event["agent_id"] is None:
                self._assigned.pop(event["conversation_id"], None)
            else:
                self._assigned[event["conversation_id"]] = int(event["agent_id"])
        elif kind == "language":
            self._languages[event["conversation_id"]] = event["language"]
        elif kind == "request" and event["to"] == self.worker_id:
            task = asyncio.create_task(self._answer(event))  # not on the bus reader: it may take a while
            self._serving.add(task)
            task.add_done_callback(self._serving.discard)
        elif kind == "reply" and event["to"] == self.worker_id:
            waiting = self._waiting.get(event["id"])
            if waiting is not None and not waiting.done():
                waiting.set_result(event["result"])

    async def _conversations_event(self, conversation_id: str, kind: str, payload: dict[str, Any]) -> None:
        await asyncio.to_thread(self._conversations.add_event, conversation_id, kind, payload)
