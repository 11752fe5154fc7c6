"""Every WebRTC call of this gateway, by call id and by conversation: placing a call (limits, admission), an agent
joining or leaving one (from this worker or, through the hub, another), ending them all at shutdown. One call is
``webrtc.WebRTCCall``."""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

from aiortc import RTCPeerConnection, RTCSessionDescription

from hotline.gateway.guards import ClientLimits
from hotline.gateway.services import Services
from hotline.gateway.webrtc import AGENT_JOIN, AGENT_LEAVE, WebRTCCall
from hotline.gateway.webrtc_keys import accept_telephone_events
from hotline.gateway.webrtc_setup import CallRefused, ice_configuration, parse_offer, restrict_host_addresses

log = logging.getLogger(__name__)


class WebRTCCalls:
    """Every WebRTC call of this gateway, by call id and by conversation."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.settings = services.settings.webrtc
        self.configuration = ice_configuration(self.settings)
        self.calls: dict[str, WebRTCCall] = {}
        self.limits = services.limits or ClientLimits(services.settings.security)
        restrict_host_addresses(self.settings.host_addresses)
        accept_telephone_events()  # keys pressed as softphones and browsers send them (RFC 4733)
        # An agent whose console reached another worker joins or leaves a call held here through the hub.
        services.hub.serve(AGENT_JOIN, functools.partial(self.serve_agent, AGENT_JOIN))
        services.hub.serve(AGENT_LEAVE, functools.partial(self.serve_agent, AGENT_LEAVE))

    async def place(
        self,
        offer: RTCSessionDescription,
        conversation_id: str | None,
        client: str,
        tenant: str | None = None,
        lang: str | None = None,
    ) -> WebRTCCall:
        if not self.settings.enabled or self.services.speech is None:
            raise CallRefused(503, "voice is not available on this gateway")
        if len(self.calls) >= self.settings.max_calls:
            raise CallRefused(429, "too many calls: try again in a moment")
        if not self.limits.admit(client):
            raise CallRefused(429, "too many open conversations from this address")
        call = WebRTCCall(self, RTCPeerConnection(self.configuration), client)
        self.calls[call.call_id] = call
        try:
            await call.answer(offer, conversation_id, tenant, lang)
        except BaseException:
            await call.end("refused")
            raise
        log.info("webrtc call placed", extra={"call_id": call.call_id, "conversation_id": call.conversation_id})
        return call

    def forget(self, call: WebRTCCall) -> None:
        if self.calls.pop(call.call_id, None) is not None:
            self.limits.release(call.client)

    async def serve_agent(self, op: str, payload: dict[str, Any]) -> dict[str, Any]:
        """An agent joins (with an offer) or leaves a call held by this worker: ``{"status": 200, ...}`` or a
        refusal ``{"status": 4xx, "detail"}``."""
        conversation_id, agent_id = str(payload["conversation_id"]), int(payload["agent_id"])
        call = self.by_conversation(conversation_id)
        if op == AGENT_LEAVE:
            if call is None or call.agent is None or call.agent.agent_id != agent_id:
                return {"status": 404, "detail": "you are not on this call"}
            await call.drop_agent("agent_left")
            return {"status": 200}
        if call is None:
            return {"status": 404, "detail": "this conversation has no WebRTC call in progress"}
        if self.services.hub.assigned_agent(conversation_id) != agent_id:
            return {"status": 403, "detail": "accept the conversation before joining its call"}
        try:
            answer = await call.join_agent(agent_id, parse_offer(str(payload["sdp"]), str(payload["type"])))
        except CallRefused as refused:
            return {"status": refused.status, "detail": refused.detail}
        return {"status": 200, "type": answer.type, "sdp": answer.sdp}

    def by_conversation(self, conversation_id: str) -> WebRTCCall | None:
        return next(
            (c for c in self.calls.values() if c.voice is not None and c.conversation_id == conversation_id), None
        )

    async def shutdown(self) -> None:
        await asyncio.gather(*(call.end("server_shutdown") for call in list(self.calls.values())))
