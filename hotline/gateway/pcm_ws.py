"""``/ws/pcm``: raw PCM16 little-endian mono over binary WebSocket frames, with a small JSON control channel.

Connect with ``?token=BRIDGE_TOKEN&rate=16000`` (8000, 16000 or 48000). Binary frames in: the caller's audio.
Binary frames out: the bot's audio at the same rate. Text frames out: ``disclosure``, ``transcript``, ``reply``,
``barge_in``, ``clear`` (drop queued audio now), ``mark``, ``agent_message``, ``handoff``, ``error``.
Text frames in: ``{"type": "stop"}`` ends the call, ``{"type": "ping"}`` → ``pong``, ``{"type": "dtmf", "digit":
"5"}`` a keypad key (digits become a turn at "#" or after a pause; its ``transcript`` has ``"keyed": true``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect

from hotline.gateway.call_admission import LinesBusy
from hotline.gateway.events import CustomerEvent
from hotline.gateway.guards import CLOSE_TRY_AGAIN, accept_voice_socket, hang_up_socket
from hotline.gateway.services import Services
from hotline.gateway.twilio_ws import (
    CLOSE_BAD_DATA,
    CLOSE_POLICY,
    CLOSE_TOO_BIG,
    bridge_for_token,
)
from hotline.gateway.voice_call import VoiceCall
from hotline.speech.codecs import Int16Array, pcm16_from_bytes

log = logging.getLogger(__name__)

RATES = (8_000, 16_000, 48_000)


class PCMOut:
    def __init__(self, websocket: WebSocket, rate: int) -> None:
        self.websocket = websocket
        self.sample_rate = rate
        self.closed = False

    async def _guard(self, coro: Any) -> None:
        if self.closed:
            coro.close()
            return
        try:
            await coro
        except (WebSocketDisconnect, RuntimeError):
            self.closed = True

    async def play(self, pcm: Int16Array) -> None:
        frame = self.sample_rate // 50  # 20 ms frames
        data = pcm.astype("<i2").tobytes()
        for start in range(0, len(data), frame * 2):
            await self._guard(self.websocket.send_bytes(data[start : start + frame * 2]))

    async def clear(self) -> None:
        await self.event({"type": "clear"})

    async def mark(self, name: str) -> None:
        await self.event({"type": "mark", "name": name})

    async def event(self, payload: CustomerEvent) -> None:
        await self._guard(self.websocket.send_text(json.dumps(payload)))


async def pcm_endpoint(websocket: WebSocket, services: Services) -> None:
    speech = await accept_voice_socket(websocket, services)
    if speech is None:
        return
    voice = services.settings.voice
    bridge = bridge_for_token(websocket.query_params.get("token"), voice.bridge_tokens)
    if bridge is None:
        await websocket.close(code=CLOSE_POLICY, reason="unknown bridge token")
        return
    try:
        rate = int(websocket.query_params.get("rate", "16000"))
    except ValueError:
        rate = 0
    if rate not in RATES:
        await websocket.close(code=CLOSE_BAD_DATA, reason=f"rate must be one of {RATES}")
        return
    out = PCMOut(websocket, rate)
    details: dict[str, object] = {"bridge": bridge, "transport": "pcm", "rate": rate}
    if websocket.query_params.get("lang"):  # ?lang=ru: the caller's language, for the greeting
        details["lang"] = websocket.query_params["lang"][:8]
    try:
        call = await VoiceCall.open(services, speech, out, details)
    except LinesBusy as busy:  # told so; the bridge plays it, then the line closes ("try again later")
        await asyncio.sleep(busy.seconds)
        await websocket.close(code=CLOSE_TRY_AGAIN, reason="all lines busy")
        return
    close: tuple[int, str] | None = None
    try:
        await call.start(rate, hang_up_socket(websocket))
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            data = message.get("bytes")
            if data is not None:
                if len(data) > voice.max_frame_bytes:
                    close = (CLOSE_TOO_BIG, f"frame over {voice.max_frame_bytes} bytes")
                    break
                try:
                    await call.push(pcm16_from_bytes(data))
                except ValueError as error:
                    await out.event({"type": "error", "code": "bad_audio", "detail": str(error)})
                continue
            try:
                control = json.loads(message.get("text") or "")
                kind = control.get("type") if isinstance(control, dict) else None
            except json.JSONDecodeError:
                kind = None
            if kind == "stop":
                break
            if kind == "ping":
                await out.event({"type": "pong"})
            elif kind == "dtmf" and isinstance(control.get("digit"), str) and control["digit"]:
                await call.key(control["digit"])  # a malformed one gets the error below
            else:
                detail = 'expected {"type": "stop"|"ping"|"dtmf"}'
                await out.event({"type": "error", "code": "bad_control", "detail": detail})
    except WebSocketDisconnect:
        pass
    finally:
        await call.stop("protocol" if close is not None else "hangup")
        if close is not None:
            with contextlib.suppress(RuntimeError, WebSocketDisconnect):  # the caller may have closed it first
                await websocket.close(code=close[0], reason=close[1])
