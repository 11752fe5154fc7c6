"""HTTP signalling for WebRTC calls: offer → answer, hang-up, and an agent joining a call by voice.

POST   /api/webrtc/calls                                 {"type": "offer", "sdp", "conversation_id"?} → answer
                                                         (the customer's session token in Authorization: Bearer)
DELETE /api/webrtc/calls/{call_id}                       hang up (the customer's token, or the agent's cookie);
                                                         the page also says {"type": "hangup"} on its data
                                                         channel, and closing the tab ends the call by ICE
GET    /api/webrtc/config                                the ICE servers the page should use
POST   /api/webrtc/conversations/{conversation_id}/agent  an agent who owns the conversation joins by voice
DELETE /api/webrtc/conversations/{conversation_id}/agent  the agent leaves the voice line (the bot unmutes)
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hotline.gateway.agent_auth import require_agent
from hotline.gateway.customer_auth import (
    customer_claims,
    customer_conversation,
    issue_customer_token,
    require_conversation_access,
)
from hotline.gateway.dependencies import services_of, webrtc_calls_of
from hotline.gateway.guards import ClientLimits, origin_allowed
from hotline.gateway.webrtc import AGENT_JOIN, AGENT_LEAVE
from hotline.gateway.webrtc_calls import WebRTCCalls
from hotline.gateway.webrtc_setup import MAX_SDP_CHARS, CallRefused, parse_offer

router = APIRouter(prefix="/api/webrtc", tags=["webrtc"])


class Offer(BaseModel):
    type: str = Field(pattern="^offer$")
    sdp: str = Field(min_length=1, max_length=MAX_SDP_CHARS)
    conversation_id: str | None = Field(default=None, max_length=64)
    lang: str | None = Field(default=None, max_length=8)  # the page's language: the greeting is said in it


class Answer(BaseModel):
    type: str
    sdp: str
    call_id: str | None = None
    conversation_id: str
    token: str | None = None  # the customer's session token, bound to the call's conversation


def _calls(request: Request) -> WebRTCCalls:
    calls = webrtc_calls_of(request)
    if calls is None:
        raise HTTPException(status_code=503, detail="WebRTC is not available on this gateway")
    return calls


def _check_origin(request: Request) -> None:
    if not origin_allowed(request, services_of(request).settings.security):
        raise HTTPException(status_code=403, detail="this origin may not place calls")


@router.get("/config")
async def config(request: Request) -> dict[str, Any]:
    """The ICE servers (TURN credentials included): for a customer with a session token or a logged-in agent."""
    services = services_of(request)
    if customer_claims(request, services.settings.auth) is None:
        require_agent(request)
    settings = services.settings.webrtc
    return {
        "enabled": settings.enabled and services.speech is not None,
        "ice_servers": [server.model_dump(exclude_none=True) for server in settings.ice_servers],
    }


@router.post("/calls", status_code=201, response_model=Answer)
async def place_call(offer: Offer, request: Request) -> JSONResponse:
    _check_origin(request)
    auth = services_of(request).settings.auth
    claims, conversation_id = customer_conversation(request, auth, offer.conversation_id)
    calls = _calls(request)
    try:
        call = await calls.place(
            parse_offer(offer.sdp, offer.type),
            conversation_id,
            ClientLimits.client_of(request),
            claims.get("tenant"),
            offer.lang,
        )
    except CallRefused as refused:
        raise HTTPException(status_code=refused.status, detail=refused.detail) from None
    answer = call.pc.localDescription
    return JSONResponse(
        {
            "type": answer.type,
            "sdp": answer.sdp,
            "call_id": call.call_id,
            "conversation_id": call.conversation_id,
            "token": issue_customer_token(auth, call.conversation_id, claims["sub"], claims.get("tenant")),
        },
        status_code=201,
    )


@router.delete("/calls/{call_id}", status_code=204)
async def hang_up(call_id: str, request: Request) -> Response:
    call = _calls(request).calls.get(call_id)
    if call is None:
        raise HTTPException(status_code=404, detail="no such call (it may have ended already)")
    await require_conversation_access(request, call.conversation_id)
    await call.end("hangup")
    return Response(status_code=204)


async def _on_the_calls_worker(request: Request, conversation_id: str, op: str, payload: dict[str, Any]) -> Any:
    """Serve an agent's request for a browser call here, or, with several workers, on the worker whose process
    holds the call's media (asked over the hub's bus)."""
    calls = _calls(request)
    hub = services_of(request).hub
    payload = {"conversation_id": conversation_id, **payload}
    holder = None if calls.by_conversation(conversation_id) else await hub.worker_of(conversation_id)
    if holder is not None and holder != hub.worker_id:
        result = await hub.ask_worker(holder, op, payload)
    else:
        result = await calls.serve_agent(op, payload)
    if result["status"] >= 400:
        raise HTTPException(status_code=result["status"], detail=result["detail"])
    return result


@router.post("/conversations/{conversation_id}/agent", response_model=Answer)
async def agent_join(conversation_id: str, offer: Offer, request: Request) -> JSONResponse:
    _check_origin(request)
    claims = require_agent(request)
    payload = {"agent_id": int(claims["aid"]), "sdp": offer.sdp, "type": offer.type}
    answer = await _on_the_calls_worker(request, conversation_id, AGENT_JOIN, payload)
    return JSONResponse({"type": answer["type"], "sdp": answer["sdp"], "conversation_id": conversation_id})


@router.delete("/conversations/{conversation_id}/agent", status_code=204)
async def agent_leave(conversation_id: str, request: Request) -> Response:
    claims = require_agent(request)
    await _on_the_calls_worker(request, conversation_id, AGENT_LEAVE, {"agent_id": int(claims["aid"])})
    return Response(status_code=204)
