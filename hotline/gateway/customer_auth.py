"""Web customers' session tokens: signed (HS256), short-lived, and bound to one conversation once it exists.

The chat page asks ``POST /api/chat/sessions`` for a token before it opens ``/ws/chat``; the socket's first
event hands back a token bound to the conversation, which is what resumes it, uploads photos into it and
starts a browser call on it. Knowing a conversation id is not enough to read or write it. Tokens carry their
own audience so an agent's cookie is never a customer token and the other way round.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any

import jwt
from fastapi import HTTPException
from starlette.requests import HTTPConnection

from hotline.gateway.agent_auth import COOKIE, agent_tenant, read_token
from hotline.gateway.dependencies import services_of
from hotline.gateway.guards import bearer
from hotline.settings import AuthSettings

AUDIENCE = "hotline-customer"
TOKEN_PARAM = "token"


def issue_customer_token(
    auth: AuthSettings, conversation_id: str | None = None, subject: str | None = None, tenant: str | None = None
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject or secrets.token_urlsafe(12),  # one browser tab's session
        "aud": AUDIENCE,
        "tenant": tenant or auth.tenant,
        "iat": now,
        "exp": now + int(auth.customer_token_minutes * 60),
    }
    if conversation_id is not None:
        claims["conv"] = conversation_id
    return jwt.encode(claims, auth.secret_key, algorithm="HS256")


def read_customer_token(token: str | None, auth: AuthSettings) -> dict[str, Any] | None:
    """Claims of a valid, unexpired customer token; None for anything else (an agent's token included)."""
    if not token:
        return None
    try:
        return jwt.decode(
            token, auth.secret_key, algorithms=["HS256"], audience=AUDIENCE, options={"require": ["exp", "sub", "aud"]}
        )
    except jwt.PyJWTError:
        return None


def bearer_token(connection: HTTPConnection) -> str | None:
    """``Authorization: Bearer …`` (HTTP), else ``?token=`` (WebSockets: browsers can't set their headers)."""
    return bearer(connection) or connection.query_params.get(TOKEN_PARAM)


def customer_claims(connection: HTTPConnection, auth: AuthSettings) -> dict[str, Any] | None:
    return read_customer_token(bearer_token(connection), auth)


def tenant_for_host(connection: HTTPConnection, auth: AuthSettings) -> str:
    """Which company a new web chat belongs to: by the host the page was served from, else the default."""
    host = connection.headers.get("host", "").split(":")[0].lower()
    return auth.tenant_hosts.get(host, auth.tenant)


async def require_conversation_access(connection: HTTPConnection, conversation_id: str) -> str:
    """Who may act on this conversation over HTTP: its customer (a token bound to it) or a logged-in agent.
    Returns "customer" or "agent"; anything else is HTTP 401 (no valid token) or 403 (another conversation)."""
    services = services_of(connection)
    auth: AuthSettings = services.settings.auth
    if (agent := read_token(connection.cookies.get(COOKIE), auth)) is not None:
        tenant = await asyncio.to_thread(services.conversations.tenant_of, conversation_id)
        if tenant not in (None, agent_tenant(agent, services)):
            raise HTTPException(status_code=403, detail="this conversation belongs to another tenant")
        return "agent"
    customer_conversation(connection, auth, conversation_id)
    return "customer"


def customer_conversation(
    connection: HTTPConnection, auth: AuthSettings, requested: str | None
) -> tuple[dict[str, Any], str | None]:
    """The customer's claims and the conversation they may open: the one they name, else their token's own
    (None: a new one). A token opens only the conversation it is bound to: HTTP 401 without a valid token,
    403 for another conversation (the chat socket says the same as an ``unauthorized`` error)."""
    claims = customer_claims(connection, auth)
    if claims is None:
        raise HTTPException(
            status_code=401,
            detail="a valid customer session token is required: POST /api/chat/sessions (sockets take it as ?token=)",
        )
    conversation_id = requested or claims.get("conv")
    if conversation_id is not None and claims.get("conv") != conversation_id:
        raise HTTPException(status_code=403, detail="this session token is not for that conversation")
    return claims, conversation_id
