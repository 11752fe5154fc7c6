"""WebRTC signalling on a gateway without speech models: calls are refused with 503, nothing is left open."""

from __future__ import annotations

from pathlib import Path

import httpx

from hotline.chat_client import customer_token
from tests.conftest import scripted_server


async def test_calls_refused_without_voice(tmp_path: Path) -> None:
    with scripted_server(tmp_path) as (server, _services):
        async with httpx.AsyncClient(base_url=server.http_url, timeout=30) as http:
            assert (await http.get("/api/webrtc/config")).status_code == 401  # TURN credentials are not public
            token = {"authorization": f"Bearer {customer_token(server.http_url)}"}
            assert (await http.get("/api/webrtc/config", headers=token)).json()["enabled"] is False
            sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
            headers = {"authorization": f"Bearer {customer_token(server.http_url)}"}
            response = await http.post("/api/webrtc/calls", json={"type": "offer", "sdp": sdp}, headers=headers)
            assert response.status_code == 503 and "voice" in response.json()["detail"]
        assert not server.server.config.app.state.webrtc.calls
