"""Asterisk AudioSocket over TCP: ``AudioSocket(${UUID},host:port)`` in a dialplan streams a call here.

Framing: 1 byte kind, 2 bytes big-endian length, payload. Kinds: 0x01 the call's UUID (first), 0x10 audio
(signed 16-bit little-endian, 8 kHz mono, 20 ms = 320 bytes), 0x03 a DTMF digit, 0x00 hang up, 0xff error.
We answer with 0x10 audio frames, paced in real time by a sender task (Asterisk has no ``clear``: barge-in
empties our own queue), and 0x00 when we end the call.

The protocol carries no credentials, so the bridge is authenticated by its address: only peers listed in
``voice.audiosocket_allowed_peers`` are served (put Asterisk and Hotline on a private network).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import struct
import time
import uuid
from collections.abc import AsyncGenerator, Awaitable, Callable

import numpy as np

from hotline.conversation.events import CustomerEvent
from hotline.gateway.call_runner import Answered, CallFrame, Heard, Keyed, run_call
from hotline.gateway.services import Services
from hotline.gateway.voice_call import VoiceCall
from hotline.speech.codecs import Int16Array, pcm16_from_bytes
from hotline.tasks import cancel_and_wait

log = logging.getLogger(__name__)

KIND_HANGUP, KIND_UUID, KIND_DTMF, KIND_AUDIO, KIND_ERROR = 0x00, 0x01, 0x03, 0x10, 0xFF
RATE = 8_000
FRAME_SAMPLES = 160  # 20 ms


def frame(kind: int, payload: bytes = b"") -> bytes:
    return struct.pack(">BH", kind, len(payload)) + payload


async def read_frame(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    header = await reader.readexactly(3)
    kind, length = struct.unpack(">BH", header)
    return kind, await reader.readexactly(length) if length else b""


class PacedOut:
    """Our audio to Asterisk: 20 ms frames sent on a real-time clock; ``clear`` drops what is queued."""

    sample_rate = RATE

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        self.queue: asyncio.Queue[bytes] = asyncio.Queue()
        self.sender = asyncio.create_task(self._send())

    async def _send(self) -> None:
        next_at = time.monotonic()
        while True:
            payload = await self.queue.get()
            next_at = max(next_at, time.monotonic())
            self.writer.write(frame(KIND_AUDIO, payload))
            await self.writer.drain()
            next_at += FRAME_SAMPLES / RATE
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    async def play(self, pcm: Int16Array) -> None:
        data = np.asarray(pcm, dtype="<i2").tobytes()
        step = FRAME_SAMPLES * 2
        for start in range(0, len(data), step):
            chunk = data[start : start + step]
            self.queue.put_nowait(chunk + b"\x00" * (step - len(chunk)))

    async def clear(self) -> None:
        while not self.queue.empty():
            self.queue.get_nowait()

    async def mark(self, name: str) -> None:
        return None

    async def event(self, payload: CustomerEvent) -> None:
        return None

    async def close(self) -> None:
        await cancel_and_wait(self.sender)


def hang_up_after(writer: asyncio.StreamWriter) -> Callable[[str], Awaitable[None]]:
    """How an AudioSocket call is ended from our side (its maximum length): the hang-up frame, then the
    connection closes, which ends the reading loop as the bridge's own hang-up would."""

    async def hang_up(reason: str) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            writer.write(frame(KIND_HANGUP))
            await writer.drain()
        writer.close()

    return hang_up


class AudioSocketLine:
    """AudioSocket as call frames: the call's UUID answers, audio frames are heard, DTMF keyed; the bridge's
    hang-up, an error frame or a closed connection ends it."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, max_bytes: int) -> None:
        self.reader, self.writer, self.host, self.max_bytes = reader, writer, host, max_bytes
        self.ended = "hangup"
        self.counts: dict[str, int] | None = None
        self.out: PacedOut | None = None

    async def lines_busy(self) -> None:  # the paced message has played out: hang up
        self.writer.write(frame(KIND_HANGUP))

    async def frames(self) -> AsyncGenerator[CallFrame, None]:
        try:
            kind, payload = await asyncio.wait_for(read_frame(self.reader), timeout=10)
            if kind != KIND_UUID or len(payload) != 16:
                self.writer.write(frame(KIND_ERROR, b"\x01"))
                return
            details = {"bridge": f"audiosocket:{self.host}", "call_sid": str(uuid.UUID(bytes=payload))}
            self.out = PacedOut(self.writer)
            yield Answered(self.out, RATE, hang_up_after(self.writer), {**details, "transport": "audiosocket"})
            while True:
                kind, payload = await read_frame(self.reader)
                if kind == KIND_AUDIO:
                    if len(payload) > self.max_bytes or len(payload) % 2:
                        log.warning("bad audiosocket frame", extra={"bytes": len(payload)})
                        continue
                    yield Heard(pcm16_from_bytes(payload))
                elif kind == KIND_HANGUP:
                    return
                elif kind == KIND_DTMF:  # a keypad key: digits become a turn
                    yield Keyed(payload[:1].decode(errors="replace"))
                elif kind == KIND_ERROR:
                    log.warning("audiosocket error from the bridge", extra={"code": payload.hex()})
                    self.ended = "bridge_error"
                    return
        except (asyncio.IncompleteReadError, ConnectionError, TimeoutError):
            return


async def handle_audiosocket(services: Services, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    voice = services.settings.voice
    peer = writer.get_extra_info("peername")
    host = peer[0] if peer else ""
    speech = services.speech
    if host not in voice.audiosocket_allowed_peers or speech is None:
        log.warning("audiosocket refused", extra={"peer": host, "voice": services.speech is not None})
        writer.write(frame(KIND_HANGUP))
        writer.close()
        return
    line = AudioSocketLine(reader, writer, host, voice.max_frame_bytes)
    try:
        await run_call(line, lambda out, details: VoiceCall.open(services, speech, out, details))
    finally:
        if line.out is not None:
            await line.out.close()
        with contextlib.suppress(ConnectionError, OSError):  # the bridge may have hung up first
            writer.write(frame(KIND_HANGUP))
            await writer.drain()
        writer.close()


async def start_audiosocket_server(services: Services) -> asyncio.Server | None:
    voice = services.settings.voice
    if voice.audiosocket_port is None:
        return None
    server = await asyncio.start_server(
        lambda r, w: handle_audiosocket(services, r, w), voice.audiosocket_host, voice.audiosocket_port
    )
    log.info("audiosocket listening", extra={"host": voice.audiosocket_host, "port": voice.audiosocket_port})
    return server
