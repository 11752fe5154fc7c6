"""``/ws/pcm``: raw PCM16 little-endian mono over binary WebSocket frames, with a small JSON control channel.

Connect with ``?token=BRIDGE_TOKEN&rate=16000`` (8000, 16000 or 48000). Binary frames in: the caller's audio.
Binary frames out: the bot's audio at the same rate. Text frames out: ``disclosure``, ``transcript``, ``reply``,
``barge_in``, ``clear`` (drop queued audio now), ``mark``, ``agent_message``, ``handoff``, ``error``.
Text frames in: ``{"type": "stop"}`` ends the call, ``{"type": "ping"}`` → ``pong``, ``{"type": "dtmf", "digit":
"5"}`` a keypad key (digits become a turn at "#" or after a pause; its ``transcript`` has ``"keyed": true``). A
``transcript`` with ``"replaces": id`` includes the words of that earlier one (a turn taken back: the caller went
on before hearing the reply, or talked over its start) and stands for it and for any reply made to it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect

from hotline.conversation.events import CustomerEvent
from hotline.gateway.call_runner import Answered, CallFrame, Heard, Keyed, run_call
from hotline.gateway.guards import CLOSE_TRY_AGAIN, accept_voice_socket, close_socket, hang_up_socket
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


class PCMLine:
    """Raw PCM as call frames: the line answers when the socket is accepted with a bridge token and a rate;
    binary frames are heard, ``dtmf`` keyed, ``stop`` or a closed socket ends it."""

    def __init__(self, websocket: WebSocket, services: Services, out: PCMOut, details: dict[str, object]) -> None:
        self.websocket = websocket
        self.services = services
        self.out = out
        self.details = details
        self.ended = "hangup"
        self.counts: dict[str, int] | None = None
        self.close: tuple[int, str] | None = None

    async def lines_busy(self) -> None:  # the bridge has played it; the line closes ("try again later")
        self.close = (CLOSE_TRY_AGAIN, "all lines busy")

    async def frames(self) -> AsyncGenerator[CallFrame, None]:
        max_bytes = self.services.settings.voice.max_frame_bytes
        yield Answered(self.out, self.out.sample_rate, hang_up_socket(self.websocket), self.details)
        try:
            while True:
                message = await self.websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                data = message.get("bytes")
                if data is not None:
                    if len(data) > max_bytes:
                        self.close, self.ended = (CLOSE_TOO_BIG, f"frame over {max_bytes} bytes"), "protocol"
                        return
                    try:
                        pcm = pcm16_from_bytes(data)
                    except ValueError as error:
                        await self.out.event({"type": "error", "code": "bad_audio", "detail": str(error)})
                        continue
                    yield Heard(pcm)
                    continue
                try:
                    control = json.loads(message.get("text") or "")
                    kind = control.get("type") if isinstance(control, dict) else None
                except json.JSONDecodeError:
                    kind = None
                if kind == "stop":
                    return
                if kind == "ping":
                    await self.out.event({"type": "pong"})
                elif kind == "dtmf" and isinstance(control.get("digit"), str) and control["digit"]:
                    yield Keyed(control["digit"])  # a malformed one gets the error below
                else:
                    detail = 'expected {"type": "stop"|"ping"|"dtmf"}'
                    await self.out.event({"type": "error", "code": "bad_control", "detail": detail})
        except WebSocketDisconnect:
            return


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
    details: dict[str, object] = {"bridge": bridge, "transport": "pcm", "rate": rate}
    if websocket.query_params.get("lang"):  # ?lang=ru: the caller's language, for the greeting
        details["lang"] = websocket.query_params["lang"][:8]
    line = PCMLine(websocket, services, PCMOut(websocket, rate), details)
    await run_call(line, lambda out, details: VoiceCall.open(services, speech, out, details))
    if line.close is not None:
        await close_socket(websocket, *line.close)
