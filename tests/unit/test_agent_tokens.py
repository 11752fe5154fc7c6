"""Agent session tokens: only unexpired HS256 tokens signed with our key are accepted."""

from __future__ import annotations

import base64
import json
import time

import jwt

from hotline.gateway.agent_auth import issue_token, read_token
from hotline.settings import AuthSettings
from hotline.storage.handoffs import AgentRecord

AUTH = AuthSettings(secret_key="test-secret-key-that-is-long-enough-for-hs256")
AGENT = AgentRecord(id=7, username="ann", display_name="Ann", password_hash="x", tenant="demo")


def _unsigned(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def test_valid_token_round_trips() -> None:
    claims = read_token(issue_token(AGENT, AUTH), AUTH)
    assert claims is not None and claims["sub"] == "ann" and claims["aid"] == 7


def test_alg_none_expired_foreign_key_and_garbage_are_refused() -> None:
    now = int(time.time())
    good = {"sub": "ann", "aid": 7, "iat": now, "exp": now + 3600}
    assert read_token(_unsigned(good), AUTH) is None  # alg=none
    expired = jwt.encode({**good, "exp": now - 1}, AUTH.secret_key, algorithm="HS256")
    assert read_token(expired, AUTH) is None
    forged = jwt.encode(good, "some-other-key-that-is-long-enough-for-hs256", algorithm="HS256")
    assert read_token(forged, AUTH) is None
    hs512 = jwt.encode(good, AUTH.secret_key, algorithm="HS512")  # our key, but not the algorithm we issue
    assert read_token(hs512, AUTH) is None
    no_exp = jwt.encode({"sub": "ann", "aid": 7}, AUTH.secret_key, algorithm="HS256")
    assert read_token(no_exp, AUTH) is None
    for junk in ("", "a.b.c", "not a token", None):
        assert read_token(junk, AUTH) is None
