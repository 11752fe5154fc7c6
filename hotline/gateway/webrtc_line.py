"""A browser's WebRTC call as a call line (``call_runner.CallLine``), so the one call runner drives it as it drives
the socket bridges: ``Answered`` when ICE and DTLS are up, the caller's track as ``Heard`` audio, keys pressed on the
page's keypad (data-channel messages ``{"type": "dtmf", "digit": "5"}``, or RFC 4733 telephone-events on the audio:
``webrtc_keys``) as ``Keyed``; the frames end when the call is ended, whatever ends it (``finish`` with the reason
and the call's counts).

The queue between the peer connection's callbacks and the runner holds at most ``LIMIT`` frames (10 s of audio):
a call that cannot keep up slows the track reader instead of growing without bound.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator

from hotline.gateway.call_runner import Answered, CallFrame, Heard, Keyed
from hotline.speech.codecs import Int16Array
from hotline.speech.keypad import KEYS

log = logging.getLogger(__name__)
LIMIT = 500  # 20 ms frames


class WebRTCLine:
    def __init__(self, answered: Answered) -> None:
        self.ended = "remote_track_ended"
        self.counts: dict[str, int] | None = None
        self._answered = answered
        self._queue: asyncio.Queue[CallFrame | None] = asyncio.Queue(LIMIT)
        self._connected = False
        self._finished = False

    def connected(self) -> None:
        """The peer connection is up: the call starts (before any audio or key, which wait for it)."""
        if not self._connected and not self._finished:
            self._connected = True
            self._queue.put_nowait(self._answered)

    async def heard(self, pcm: Int16Array) -> None:
        if self._connected and not self._finished:
            await self._queue.put(Heard(pcm))

    def keyed(self, digit: str) -> bool:
        """A key from the page: True if the call will hear it (a key before the call is up, after it ended, one
        that is not a keypad key or one past a full queue is dropped, and logged)."""
        if not self._connected or self._finished or digit not in KEYS:
            log.info("webrtc key dropped", extra={"key": digit[:2], "connected": self._connected})
            return False
        try:
            self._queue.put_nowait(Keyed(digit))
        except asyncio.QueueFull:
            log.warning("webrtc key dropped: the call is behind", extra={"key": digit})
            return False
        return True

    def finish(self, reason: str, counts: dict[str, int]) -> None:
        """The call is over: audio not yet heard is dropped (the caller has gone), the runner stops the call with
        ``reason`` and ``counts``."""
        if self._finished:
            return
        self._finished = True
        self.ended, self.counts = reason, counts
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(None)

    async def frames(self) -> AsyncGenerator[CallFrame, None]:
        while (frame := await self._queue.get()) is not None:
            yield frame

    async def lines_busy(self) -> None:  # never: a WebRTC call is admitted when its offer is answered
        raise RuntimeError("a WebRTC call is admitted before its line answers")
