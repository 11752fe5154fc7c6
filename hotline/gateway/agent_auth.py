"""Agent accounts: argon2 password hashes, and a signed session cookie (JWT, HS256 only)."""

from __future__ import annotations

import time
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import HTTPException, Request

from hotline.gateway.dependencies import services_of
from hotline.settings import AuthSettings
from hotline.storage.handoffs import AgentRecord, HandoffStore

COOKIE = "hotline_agent"
_hasher = PasswordHasher()
# Verifying against this keeps the time of "no such user" equal to "wrong password".
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(store: HandoffStore, username: str, password: str) -> AgentRecord | None:
    agent = store.agent(username)
    try:
        _hasher.verify(agent.password_hash if agent else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return agent


def issue_token(agent: AgentRecord, auth: AuthSettings) -> str:
    now = int(time.time())
    claims = {
        "sub": agent.username,
        "aid": agent.id,
        "name": agent.display_name,
        "tenant": agent.tenant,
        "iat": now,
        "exp": now + int(auth.session_hours * 3600),
    }
    return jwt.encode(claims, auth.secret_key, algorithm="HS256")


def read_token(token: str | None, auth: AuthSettings) -> dict[str, Any] | None:
    """Claims of a valid, unexpired HS256 token; None for anything else (alg=none included)."""
    if not token:
        return None
    try:
        return jwt.decode(token, auth.secret_key, algorithms=["HS256"], options={"require": ["exp", "sub", "aid"]})
    except jwt.PyJWTError:
        return None


def agent_tenant(claims: dict[str, Any], services: Any) -> str:
    return str(claims.get("tenant") or services.settings.auth.tenant)


def require_agent(request: Request) -> dict[str, Any]:
    """The logged-in agent's claims, or HTTP 401."""
    claims = read_token(request.cookies.get(COOKIE), services_of(request).settings.auth)
    if claims is None:
        raise HTTPException(status_code=401, detail="not logged in")
    return claims
