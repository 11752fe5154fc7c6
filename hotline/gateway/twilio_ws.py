"""``/ws/twilio``: the Twilio Media Streams protocol, which SIP trunks and Asterisk/FreeSWITCH bridges speak.

In: ``connected``, ``start`` (stream id, custom parameters incl. the bridge token, media format), ``media``
(base64 G.711 mu-law 8 kHz, 20 ms a frame), ``mark`` (a mark we sent has played), ``dtmf``, ``stop``; each
with a ``sequenceNumber``. Out: ``media`` (our audio, base64 mu-law), ``mark`` after each sentence, ``clear``
on barge-in. Bad frames are counted and skipped (the call goes on); a bad token, media before ``start``,
an oversized frame or a run of ``max_bad_frames`` bad frames closes the socket with a WebSocket code and reason.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
from collections.abc import AsyncGenerator
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect

from hotline.conversation.events import CustomerEvent
from hotline.gateway.call_runner import Answered, CallFrame, Heard, Keyed, run_call
from hotline.gateway.guards import CLOSE_POLICY, CLOSE_TRY_AGAIN, accept_voice_socket, close_socket, hang_up_socket
from hotline.gateway.services import Services
from hotline.gateway.voice_call import VoiceCall
from hotline.speech.codecs import Int16Array, alaw_decode, alaw_encode, mulaw_decode, mulaw_encode

log = logging.getLogger(__name__)

FRAME_BYTES = 160  # 20 ms of 8 kHz G.711
CLOSE_TOO_BIG = 1009
CLOSE_BAD_DATA = 1007


def bridge_for_token(token: str | None, tokens: dict[str, str]) -> str | None:
    """The bridge's name for a valid token (constant-time comparison), else None."""
    if not token:
        return None
    found = None
    for name, expected in tokens.items():
        if hmac.compare_digest(token.encode(), expected.encode()):
            found = name
    return found


class TwilioOut:
    """Our audio to the bridge: mu-law (or A-law) media events of 20 ms, marks and clear."""

    sample_rate = 8_000

    def __init__(self, websocket: WebSocket, stream_sid: str, alaw: bool = False) -> None:
        self.websocket = websocket
        self.stream_sid = stream_sid
        self.encode = alaw_encode if alaw else mulaw_encode
        self.sent_frames = 0
        self.closed = False

    async def _send(self, payload: dict[str, Any]) -> None:
        if self.closed:
            return
        try:
            await self.websocket.send_text(json.dumps(payload))
        except (WebSocketDisconnect, RuntimeError):
            self.closed = True

    async def play(self, pcm: Int16Array) -> None:
        encoded = self.encode(pcm)
        for start in range(0, len(encoded), FRAME_BYTES):
            frame = base64.b64encode(encoded[start : start + FRAME_BYTES]).decode()
            await self._send({"event": "media", "streamSid": self.stream_sid, "media": {"payload": frame}})
            self.sent_frames += 1

    async def clear(self) -> None:
        await self._send({"event": "clear", "streamSid": self.stream_sid})

    async def mark(self, name: str) -> None:
        await self._send({"event": "mark", "streamSid": self.stream_sid, "mark": {"name": name}})

    async def event(self, payload: CustomerEvent) -> None:
        return None  # the Twilio protocol has no channel for transcripts; they are stored and logged


class FrameError(ValueError):
    pass


def _payload(message: dict[str, Any]) -> bytes:
    media = message.get("media")
    if not isinstance(media, dict) or not isinstance(media.get("payload"), str):
        raise FrameError("media event without media.payload")
    if media.get("track", "inbound") not in ("inbound", "inbound_track"):
        return b""  # outbound-track echo some bridges send: not the caller
    try:
        return base64.b64decode(media["payload"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise FrameError(f"bad base64 payload: {error}") from None


class TwilioLine:
    """The Twilio Media Streams protocol as call frames: ``start`` answers, ``media`` is heard, ``dtmf`` keyed,
    ``stop`` or a closed socket ends the line; a protocol error ends it with ``close`` (code, reason) to send."""

    def __init__(self, websocket: WebSocket, services: Services) -> None:
        self.websocket = websocket
        self.services = services
        self.ended = "hangup"
        self.counts: dict[str, int] | None = {"frames": 0, "bad": 0, "unknown": 0, "gaps": 0, "out_of_order": 0}
        self.close: tuple[int, str] | None = None

    async def lines_busy(self) -> None:
        self.close = (CLOSE_TRY_AGAIN, "all lines busy")

    def _refuse(self, code: int, reason: str) -> None:
        self.close, self.ended = (code, reason), "protocol"

    async def frames(self) -> AsyncGenerator[CallFrame, None]:
        voice = self.services.settings.voice
        counts = self.counts if self.counts is not None else {}
        decode = mulaw_decode
        answered = False
        last_sequence = 0
        bad_in_row = 0
        query_token = self.websocket.query_params.get("token")
        try:
            while True:
                raw = await self.websocket.receive()
                if raw["type"] == "websocket.disconnect":
                    return
                text = raw.get("text")
                if text is None:
                    self._refuse(CLOSE_BAD_DATA, "binary frames are not part of this protocol")
                    return
                if len(text) > voice.max_frame_bytes:
                    self._refuse(CLOSE_TOO_BIG, f"frame over {voice.max_frame_bytes} bytes")
                    return
                try:
                    message = json.loads(text)
                    if not isinstance(message, dict) or not isinstance(message.get("event"), str):
                        raise FrameError("not an event object")
                    sequence = message.get("sequenceNumber")
                    if sequence is not None:
                        number = int(sequence)
                        if number <= last_sequence:
                            counts["out_of_order"] += 1
                            continue  # a duplicate or late frame: playing it would scramble the audio
                        if last_sequence and number != last_sequence + 1:
                            counts["gaps"] += number - last_sequence - 1
                        last_sequence = number
                    kind = message["event"]
                    if kind == "connected":
                        pass
                    elif kind == "start":
                        if answered:
                            raise FrameError("second start event")
                        start = message.get("start") or {}
                        params = start.get("customParameters") or {}
                        bridge = bridge_for_token(params.get("token") or query_token, voice.bridge_tokens)
                        if bridge is None:
                            self._refuse(CLOSE_POLICY, "unknown bridge token")
                            return
                        fmt = start.get("mediaFormat") or {}
                        encoding = str(fmt.get("encoding", "audio/x-mulaw")).lower()
                        if int(fmt.get("sampleRate", 8000)) != 8000 or encoding not in (
                            "audio/x-mulaw",
                            "audio/x-alaw",
                        ):
                            self._refuse(CLOSE_BAD_DATA, f"unsupported media format {fmt}")
                            return
                        alaw = encoding == "audio/x-alaw"
                        decode = alaw_decode if alaw else mulaw_decode
                        stream_sid = str(message.get("streamSid") or start.get("streamSid") or "")
                        details = {"bridge": bridge, "call_sid": start.get("callSid"), "stream_sid": stream_sid}
                        if params.get("lang"):  # <Parameter name="lang" value="ru">: the number's language
                            details["lang"] = str(params["lang"])[:8]
                        answered = True
                        out = TwilioOut(self.websocket, stream_sid, alaw)
                        yield Answered(out, 8_000, hang_up_socket(self.websocket), details)
                    elif kind == "media":
                        if not answered:
                            self._refuse(CLOSE_POLICY, "media before start")
                            return
                        payload = _payload(message)
                        if len(payload):
                            counts["frames"] += 1
                            yield Heard(decode(payload))
                    elif kind == "mark":
                        pass  # played position; our playback clock already accounts for it
                    elif kind == "stop":
                        return
                    elif kind == "dtmf":  # a keypad key: digits become a turn ("5442520#")
                        digit = (message.get("dtmf") or {}).get("digit")
                        if answered and isinstance(digit, str):
                            yield Keyed(digit)
                    else:  # bridges add events over time: ignore, don't hang up
                        counts["unknown"] += 1
                        log.info("unknown telephony event ignored", extra={"event": kind[:40]})
                    bad_in_row = 0
                except (FrameError, ValueError, TypeError) as error:
                    counts["bad"] += 1
                    bad_in_row += 1
                    self.services.metrics.protocol_errors.labels(code="telephony_frame").inc()
                    log.warning("bad telephony frame", extra={"error": str(error)[:200]})
                    if bad_in_row >= voice.max_bad_frames:
                        self._refuse(CLOSE_BAD_DATA, f"{bad_in_row} malformed frames in a row")
                        return
        except WebSocketDisconnect:
            return


async def twilio_endpoint(websocket: WebSocket, services: Services) -> None:
    speech = await accept_voice_socket(websocket, services)
    if speech is None:
        return
    line = TwilioLine(websocket, services)
    await run_call(line, lambda out, details: VoiceCall.open(services, speech, out, details))
    if line.close is not None:
        await close_socket(websocket, *line.close)
