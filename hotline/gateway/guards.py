"""Admission guards shared by the WebSocket endpoints: Origin allow-list, per-client session caps and message
rate limits (token buckets). A socket's own limits (its message bucket) and the open-socket count live in the
worker that holds the sockets; the new-chat limit per address is shared by all workers through Redis when
several run (``RedisClientLimits``)."""

from __future__ import annotations

import contextlib
import hmac
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fastapi import WebSocket, WebSocketDisconnect
from starlette.requests import HTTPConnection

from hotline.settings import SecuritySettings

if TYPE_CHECKING:
    from hotline.gateway.services import Services
    from hotline.speech.loader import SpeechModels

CLOSE_POLICY = 1008
CLOSE_TRY_AGAIN = 1013


def bearer(connection: HTTPConnection) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if there is one."""
    header = connection.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def bearer_matches(connection: HTTPConnection, expected: str) -> bool:
    """The request carries exactly this shared token (a scraper's, the inference pool's): constant-time."""
    return hmac.compare_digest((bearer(connection) or "").encode(), expected.encode())


def origin_listed(origin: str | None, settings: SecuritySettings) -> bool:
    """The allow-list names this Origin (or is "*")."""
    return bool(origin) and (origin in settings.allowed_origins or "*" in settings.allowed_origins)


def origin_allowed(websocket: HTTPConnection, settings: SecuritySettings) -> bool:
    """Browsers always send Origin; bridges and scripts usually don't (and can't be stopped by it anyway).
    A present Origin must be the gateway's own host or on the allow-list."""
    origin = websocket.headers.get("origin")
    if not origin:
        return True
    if origin_listed(origin, settings):
        return True
    host = websocket.headers.get("host", "")
    return urlsplit(origin).netloc == host


async def accept_voice_socket(websocket: WebSocket, services: Services) -> SpeechModels | None:
    """The admission every telephony WebSocket shares: Origin, handshake, speech models loaded.
    Returns the speech models, or None after closing the socket."""
    if not origin_allowed(websocket, services.settings.security):
        await websocket.close(code=CLOSE_POLICY)  # a web page from elsewhere: refused before the handshake
        return None
    await websocket.accept()
    if services.speech is None:
        await websocket.close(code=CLOSE_TRY_AGAIN, reason="voice is not available on this gateway")
        return None
    return services.speech


async def close_socket(websocket: WebSocket, code: int, reason: str) -> None:
    """Close a telephony WebSocket with a code and a reason; the peer may have closed it first."""
    with contextlib.suppress(RuntimeError, WebSocketDisconnect):
        await websocket.close(code=code, reason=reason)


def hang_up_socket(websocket: WebSocket) -> Callable[[str], Awaitable[None]]:
    """How a telephony WebSocket's call is ended from our side (its maximum length): closed with the policy code
    and the reason; the transport's receive loop then ends as for any hang-up."""

    async def hang_up(reason: str) -> None:
        await close_socket(websocket, CLOSE_POLICY, reason)

    return hang_up


@dataclass
class TokenBucket:
    rate: float  # tokens per second
    burst: float
    tokens: float = -1.0
    updated: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        if self.tokens < 0:
            self.tokens = self.burst
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class ClientLimits:
    """Open sessions per client address and a message bucket per session."""

    def __init__(self, settings: SecuritySettings) -> None:
        self.settings = settings
        self.open: dict[str, int] = defaultdict(int)
        self._issuing: dict[str, TokenBucket] = {}

    @staticmethod
    def client_of(websocket: HTTPConnection) -> str:
        return websocket.client.host if websocket.client else "unknown"

    def admit(self, client: str) -> bool:
        if self.open[client] >= self.settings.max_sessions_per_client:
            return False
        self.open[client] += 1
        return True

    def release(self, client: str) -> None:
        self.open[client] = max(0, self.open[client] - 1)
        if not self.open[client]:
            del self.open[client]

    def message_bucket(self) -> TokenBucket:
        return TokenBucket(self.settings.messages_per_minute / 60.0, self.settings.message_burst)

    async def close(self) -> None:
        """Nothing to release in one worker."""

    async def may_issue_session(self, client: str) -> bool:
        """New customer session tokens per client address (a token bucket each, in this worker)."""
        if len(self._issuing) > 10_000:  # many addresses: forget the full buckets rather than grow
            self._issuing = {c: b for c, b in self._issuing.items() if b.tokens < b.burst}
        bucket = self._issuing.setdefault(
            client, TokenBucket(self.settings.sessions_per_minute / 60.0, self.settings.session_burst)
        )
        return bucket.take()


# A token bucket in one Redis hash, updated atomically: every worker draws from the same bucket.
_BUCKET_LUA = """
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 60)
return allowed
"""


class RedisClientLimits(ClientLimits):
    """Several workers: new chats per client address counted in Redis, so the limit holds whichever worker
    the address reaches."""

    def __init__(self, settings: SecuritySettings, url: str) -> None:
        import redis.asyncio as redis

        super().__init__(settings)
        self._redis = redis.from_url(url, decode_responses=True)
        self._bucket = self._redis.register_script(_BUCKET_LUA)

    async def may_issue_session(self, client: str) -> bool:
        rate, burst = self.settings.sessions_per_minute / 60.0, self.settings.session_burst
        allowed = await self._bucket(keys=[f"hotline:new-chats:{client}"], args=[rate, burst, time.time()])
        return bool(allowed)

    async def close(self) -> None:
        await self._redis.aclose()
