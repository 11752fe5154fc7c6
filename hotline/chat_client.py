"""How a program opens a customer chat, as the chat page does: a session token first, then the socket.

Used by the scenario runner, the benches and the tests; standard library only.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlencode


def http_base(url: str) -> str:
    """``ws://host:port`` or ``http://host:port`` → ``http://host:port`` (same for the secure schemes)."""
    if url.startswith("ws"):
        return "http" + url[2:]
    return url


def customer_token(base_url: str, token: str | None = None, timeout: float = 30.0) -> str:
    """A new customer session token, or ``token`` renewed (a token bound to a conversation stays bound)."""
    request = urllib.request.Request(f"{http_base(base_url)}/api/chat/sessions", method="POST", data=b"")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return str(json.loads(response.read())["token"])


def chat_url(base_url: str, token: str | None = None, conversation_id: str | None = None) -> str:
    """The /ws/chat address with a session token (a fresh one when none is given)."""
    query = {"token": token or customer_token(base_url)}
    if conversation_id is not None:
        query["conversation_id"] = conversation_id
    ws_base = base_url.replace("http", "ws", 1) if base_url.startswith("http") else base_url
    return f"{ws_base}/ws/chat?{urlencode(query)}"
