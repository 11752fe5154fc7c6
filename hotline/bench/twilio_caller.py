"""A scripted telephony bridge: speaks the Twilio Media Streams protocol to a gateway, like a SIP bridge would.

Used by the voice tests and ``hotline bench voice``. It streams audio as 20 ms mu-law frames paced like a
real line (``pace`` > 1 plays faster), keeps the line open with silence, and records what comes back.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hotline.speech.codecs import Int16Array, mulaw_decode, mulaw_encode, resample

FRAME = 160  # samples per 20 ms at 8 kHz


@dataclass
class Received:
    media: list[tuple[float, bytes]] = field(default_factory=list)  # (monotonic time, mu-law bytes)
    marks: list[tuple[float, str]] = field(default_factory=list)  # (when it has played, name)
    clears: list[float] = field(default_factory=list)
    other: list[dict[str, Any]] = field(default_factory=list)

    def audio_between(self, start: float, end: float = float("inf")) -> Int16Array:
        chunks = [mulaw_decode(b) for t, b in self.media if start <= t < end]
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)

    def first_media_after(self, t: float) -> float | None:
        return next((m for m, _ in self.media if m >= t), None)

    def gaps_after(self, t: float) -> list[float]:
        """Silences (seconds) heard inside the audio that arrived from ``t`` on: a frame that came after what was
        queued before it had played out — a line whose 20 ms pacing was not held (the caller hears a dropout).
        The silence before the first frame is not one."""
        gaps: list[float] = []
        playing_until: float | None = None
        for arrived, payload in self.media:
            if arrived < t:
                continue
            if playing_until is not None and arrived > playing_until:
                gaps.append(arrived - playing_until)
            playing_until = max(arrived, playing_until or arrived) + len(payload) / 8_000
        return gaps


class TwilioCaller:
    def __init__(self, url: str, token: str, pace: float = 1.0) -> None:
        self.url = url
        self.token = token
        self.pace = pace
        self.stream_sid = "MZ" + uuid.uuid4().hex
        self.call_sid = "CA" + uuid.uuid4().hex
        self.received = Received()
        self.sequence = 0
        self.chunk = 0
        self.close_code: int | None = None
        self.close_reason = ""
        self.playback_end = 0.0
        self._reader: asyncio.Task[None] | None = None
        self._ws: Any = None

    async def __aenter__(self) -> TwilioCaller:
        import websockets

        self._ws = await websockets.connect(self.url, max_size=1 << 22)
        self._reader = asyncio.create_task(self._read())
        await self.send({"event": "connected", "protocol": "Call", "version": "1.0.0"})
        await self.send(
            {
                "event": "start",
                "streamSid": self.stream_sid,
                "start": {
                    "streamSid": self.stream_sid,
                    "callSid": self.call_sid,
                    "accountSid": "AC" + "0" * 32,
                    "tracks": ["inbound"],
                    "customParameters": {"token": self.token},
                    "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
                },
            }
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        from websockets.exceptions import ConnectionClosed

        # The gateway may have ended the call first (its maximum length, a protocol error): then there is no
        # one to tell, and the socket is already closed.
        with contextlib.suppress(ConnectionClosed):
            await self.send({"event": "stop", "streamSid": self.stream_sid, "stop": {"callSid": self.call_sid}})
        await self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, timeout=5)
            except TimeoutError:
                self._reader.cancel()

    async def send(self, event: dict[str, Any]) -> None:
        self.sequence += 1
        await self._ws.send(json.dumps({**event, "sequenceNumber": str(self.sequence)}))

    async def send_raw(self, text: str | bytes) -> None:
        await self._ws.send(text)

    async def _read(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for message in self._ws:
                now = time.monotonic()
                event = json.loads(message)
                kind = event.get("event")
                if kind == "media":
                    payload = base64.b64decode(event["media"]["payload"])
                    self.received.media.append((now, payload))
                    # Like a phone: audio plays in real time after what is queued before it.
                    self.playback_end = max(now, self.playback_end) + len(payload) / 8_000
                elif kind == "mark":
                    self.received.marks.append((max(now, self.playback_end), event["mark"]["name"]))
                elif kind == "clear":
                    self.received.clears.append(now)
                    self.playback_end = now
                else:
                    self.received.other.append(event)
        except ConnectionClosed as closed:
            self.close_code = closed.rcvd.code if closed.rcvd else None
            self.close_reason = closed.rcvd.reason if closed.rcvd else ""
        if self.close_code is None and self._ws.close_code is not None:
            self.close_code, self.close_reason = self._ws.close_code, self._ws.close_reason or ""

    @property
    def closed(self) -> bool:
        return self._reader is not None and self._reader.done()

    async def play(self, pcm: Int16Array, rate: int) -> float:
        """Stream audio in real-time-paced 20 ms frames; returns the monotonic time its last frame went out."""
        encoded = mulaw_encode(resample(pcm, rate, 8_000))
        started = time.monotonic()
        for index, offset in enumerate(range(0, len(encoded), FRAME)):
            self.chunk += 1
            payload = base64.b64encode(encoded[offset : offset + FRAME]).decode()
            await self.send(
                {
                    "event": "media",
                    "streamSid": self.stream_sid,
                    "media": {
                        "track": "inbound",
                        "chunk": str(self.chunk),
                        "timestamp": str(self.chunk * 20),
                        "payload": payload,
                    },
                }
            )
            due = started + (index + 1) * 0.02 / self.pace
            await asyncio.sleep(max(0.0, due - time.monotonic()))
        return time.monotonic()

    async def silence(self, seconds: float) -> None:
        await self.play(np.zeros(int(8_000 * seconds), dtype=np.int16), 8_000)

    async def silence_until(self, condition: Any, within_s: float) -> bool:
        """Keep the line open with silence until ``condition()`` holds (True) or ``within_s`` passes (False)."""
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            if condition():
                return True
            if self.closed:
                return False
            await self.silence(0.1)
        return bool(condition())

    def played(self, prefix: str, after: int = 0) -> bool:
        """A mark named ``prefix...`` (sent after index ``after``) has finished playing at the caller's end."""
        now = time.monotonic()
        return any(name.startswith(prefix) and at <= now for at, name in self.received.marks[after:])
