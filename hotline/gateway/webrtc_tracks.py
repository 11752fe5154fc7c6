"""Audio tracks for WebRTC calls: a pull-based outbound track and the conversion of received frames.

aiortc pulls frames from a track (``recv()``) as fast as it is asked; the track itself keeps the real-time
pace. Frames are scheduled against an absolute clock (start + samples sent / rate), so waiting never adds up to
drift; a consumer that fell far behind (a stalled event loop) moves the clock on rather than getting the missed
frames in a burst. Between replies the track sends
silence: the browser's jitter buffer and the RTP clock keep running, so the next reply starts without a glitch.
"""

from __future__ import annotations

import asyncio
import fractions
import time
from collections import deque

import av
import numpy as np
from aiortc import MediaStreamTrack

from hotline.speech.codecs import Int16Array

RATE = 48_000  # Opus's clock; browsers send and expect 48 kHz
MAX_LAG_S = 0.06  # a consumer further behind than this (a stalled loop) re-anchors the clock instead of bursting
FRAME_SAMPLES = RATE // 50  # 20 ms
TIME_BASE = fractions.Fraction(1, RATE)


class OutboundAudioTrack(MediaStreamTrack):
    """Audio to the peer: queued PCM16 mono at 48 kHz, 20 ms per ``recv()``, silence when nothing is queued."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self._chunks: deque[Int16Array] = deque()
        self._queued = 0  # samples waiting
        self._start: float | None = None
        self._sent = 0  # samples handed out since start: the RTP timestamp
        self.frames_sent = 0
        self.audio_frames_sent = 0  # frames carrying queued audio (not silence)
        self.audio_sent_until: float | None = None  # when the last frame carrying audio ends playing (monotonic)
        self.stalls = 0

    @property
    def queued_ms(self) -> float:
        return self._queued * 1000.0 / RATE

    def enqueue(self, pcm: Int16Array) -> None:
        if len(pcm):
            self._chunks.append(np.asarray(pcm, dtype=np.int16))
            self._queued += len(pcm)

    def flush(self) -> None:
        """Barge-in: what has not been sent yet is dropped."""
        self._chunks.clear()
        self._queued = 0

    def _take(self, n: int) -> tuple[Int16Array, bool]:
        if self._queued == 0:
            return np.zeros(n, dtype=np.int16), False
        out = np.zeros(n, dtype=np.int16)
        filled = 0
        while filled < n and self._chunks:
            chunk = self._chunks[0]
            take = min(n - filled, len(chunk))
            out[filled : filled + take] = chunk[:take]
            filled += take
            if take == len(chunk):
                self._chunks.popleft()
            else:
                self._chunks[0] = chunk[take:]
        self._queued -= filled
        return out, True

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            from aiortc.mediastreams import MediaStreamError

            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            wait = self._start + self._sent / RATE - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            elif wait < -MAX_LAG_S:
                self._start -= wait  # late: continue from now rather than send the missed frames at once
                self.stalls += 1
        samples, has_audio = self._take(FRAME_SAMPLES)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self._sent
        frame.time_base = TIME_BASE
        self._sent += FRAME_SAMPLES
        self.frames_sent += 1
        self.audio_frames_sent += int(has_audio)
        if has_audio:
            self.audio_sent_until = time.monotonic() + FRAME_SAMPLES / RATE
        return frame


def received_pcm(frame: object) -> Int16Array:
    """A received frame as PCM16 mono at the tracks' 48 kHz, whatever the peer's decoder produced."""
    from hotline.speech.codecs import resample

    pcm, rate = frame_to_mono(frame)
    return pcm if rate == RATE else resample(pcm, rate, RATE)


def frame_to_mono(frame: object) -> tuple[Int16Array, int]:
    """A received (decoded) frame as PCM16 mono and its rate. aiortc's Opus decoder gives packed s16 stereo."""
    if not isinstance(frame, av.AudioFrame):
        raise TypeError(f"expected an audio frame, got {type(frame).__name__}")
    if frame.format.name not in ("s16", "s16p"):
        frame = av.AudioResampler(format="s16", layout=frame.layout.name, rate=frame.sample_rate).resample(frame)[0]
    data = frame.to_ndarray()
    channels = len(frame.layout.channels)
    if frame.format.is_planar:
        mono = data.mean(axis=0) if channels > 1 else data[0]
    else:
        mono = data.reshape(-1, channels).mean(axis=1) if channels > 1 else data.reshape(-1)
    return np.asarray(mono, dtype=np.int16), int(frame.sample_rate)
