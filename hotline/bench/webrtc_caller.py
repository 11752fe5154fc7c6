"""A scripted WebRTC caller (aiortc), like a browser: microphone track, data channel, HTTP offer/answer.

Used by the WebRTC tests and ``hotline bench voice --webrtc``. The microphone is a paced outbound track (silence
between utterances, like an open microphone); what the gateway sends back is decoded and kept with arrival times.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

import httpx
import numpy as np
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from hotline.gateway.webrtc_keys import (
    EVENT_KEYS,
    OFFERED_TYPES,
    accept_telephone_events,
    telephone_event_payload,
    telephone_event_types,
)
from hotline.gateway.webrtc_tracks import RATE, OutboundAudioTrack, received_pcm
from hotline.speech.codecs import Int16Array, resample
from hotline.tasks import cancel_and_wait

SPEECH_RMS = 300.0  # a received 20 ms frame louder than this carries speech (Opus silence decodes to ~0)


def is_speech(pcm: Int16Array) -> bool:
    """A received frame carries speech (``SPEECH_RMS``)."""
    return float(np.sqrt(np.mean(pcm.astype(np.float64) ** 2))) > SPEECH_RMS


class WebRTCCaller:
    def __init__(
        self,
        base_url: str,
        conversation_id: str | None = None,
        cookies: dict[str, str] | None = None,
        token: str | None = None,
    ):
        """``token``: the customer's session token (bound to ``conversation_id`` when calling into one); a new
        one is asked for when none is given. An agent's leg passes the agent's ``cookies`` instead."""
        self.base_url = base_url
        self.conversation_id = conversation_id
        self.token = token
        self.cookies = cookies or {}
        accept_telephone_events()  # offered as a softphone offers it, so ``tones`` can send keys (RFC 4733)
        self.pc = RTCPeerConnection()
        self.mic = OutboundAudioTrack()
        self.events: list[dict[str, Any]] = []
        self.frames: list[tuple[float, Int16Array]] = []  # (arrival, 48 kHz mono 20 ms)
        self.call_id: str | None = None
        self._tasks: list[asyncio.Task[Any]] = []
        self.channel = self.pc.createDataChannel("events")
        self.channel.on("message", self._on_message)
        self.pc.on("track", self._on_track)
        self.pc.addTrack(self.mic)

    def _on_message(self, message: Any) -> None:
        with contextlib.suppress(json.JSONDecodeError, TypeError):
            self.events.append(json.loads(message))

    def _on_track(self, track: MediaStreamTrack) -> None:
        self._tasks.append(asyncio.create_task(self._read(track)))

    async def _read(self, track: MediaStreamTrack) -> None:
        with contextlib.suppress(MediaStreamError):
            while True:
                self.frames.append((time.monotonic(), received_pcm(await track.recv())))

    async def connect(self, path: str = "/api/webrtc/calls") -> dict[str, Any]:
        """Offer, answer; returns the gateway's answer body (call_id, conversation_id)."""
        await self.pc.setLocalDescription(await self.pc.createOffer())
        offer = {"type": "offer", "sdp": self.pc.localDescription.sdp}
        if self.conversation_id and path.endswith("/calls"):
            offer["conversation_id"] = self.conversation_id
        async with httpx.AsyncClient(base_url=self.base_url, cookies=self.cookies, timeout=30) as http:
            if path.endswith("/calls") and self.token is None:
                issued = await http.post("/api/chat/sessions")
                issued.raise_for_status()
                self.token = issued.json()["token"]
            response = await http.post(path, json=offer, headers=self._auth())
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=body["sdp"], type=body["type"]))
        self.call_id = body.get("call_id")
        self.conversation_id = body["conversation_id"]
        self.token = body.get("token") or self.token
        return body

    def _auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"} if self.token else {}

    def say(self, pcm: Int16Array, rate: int) -> None:
        """Queue speech on the microphone (it plays in real time after what is already queued)."""
        self.mic.enqueue(resample(pcm, rate, RATE) if rate != RATE else pcm)

    @property
    def speech_end(self) -> float:
        """When the caller's speech finished playing: the microphone's last frame of it went out. A stalled loop
        sends it later than it was queued (the track re-anchors its clock rather than burst), so while some is
        still queued this is only the earliest it can end."""
        if self.mic.queued_ms:
            return time.monotonic() + self.mic.queued_ms / 1000
        return self.mic.audio_sent_until or 0.0

    async def until(self, condition: Any, within_s: float = 30.0) -> Any:
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            if value := condition():
                return value
            await asyncio.sleep(0.05)
        raise AssertionError(f"timed out; events so far: {[e.get('type') for e in self.events]}")

    def event(self, kind: str, **match: Any) -> dict[str, Any] | None:
        return next(
            (e for e in self.events if e.get("type") == kind and all(e.get(k) == v for k, v in match.items())), None
        )

    def audio_between(self, start: float, end: float = float("inf")) -> Int16Array:
        chunks = [pcm for t, pcm in self.frames if start <= t < end]
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)

    def audio_from(self, start: float, seconds: float) -> Int16Array:
        """The first ``seconds`` of audio received from ``start`` on, by samples rather than arrival times: frames
        that arrived in a burst after a stall of this side's loop are still counted where they belong."""
        audio = self.audio_between(start)
        return audio[: int(seconds * RATE)]

    def first_speech_after(self, t: float) -> float | None:
        """Arrival time of the first loud frame after ``t``: the reply's first audio."""
        for arrival, pcm in self.frames:
            if arrival >= t and is_speech(pcm):
                return arrival
        return None

    def key(self, digits: str) -> None:
        """Keys pressed on the page's keypad, sent on the data channel as the chat page sends them."""
        for digit in digits:
            self.channel.send(json.dumps({"type": "dtmf", "digit": digit}))

    async def tones(self, keys: str) -> None:
        """Keys sent as a softphone or a browser's RTCDTMFSender sends them: RFC 4733 telephone-event packets on
        the audio stream (a start, then the end three times per key), on an SSRC of their own so aiortc's audio
        keeps its sequence."""
        import random

        from aiortc.rtp import RtpPacket

        answered = telephone_event_types(self.pc.remoteDescription.sdp)
        if not answered:
            raise RuntimeError("the gateway did not answer telephone-event")
        payload_type = OFFERED_TYPES[8000] if OFFERED_TYPES[8000] in answered else min(answered)
        transport = self.pc.getSenders()[0].transport
        chance = random.Random()
        ssrc, sequence, start = chance.getrandbits(32), chance.getrandbits(16), chance.getrandbits(32)
        for index, key in enumerate(keys):
            timestamp = (start + index * 1600) & 0xFFFFFFFF  # a key every 200 ms at 8 kHz
            for end, duration in ((False, 400), (True, 800), (True, 800), (True, 800)):
                event = telephone_event_payload(EVENT_KEYS.index(key), end, duration)
                packet = RtpPacket(payload_type, int(not end), sequence & 0xFFFF, timestamp, ssrc, event)
                await transport._send_rtp(packet.serialize())
                sequence += 1
                await asyncio.sleep(0.02)

    async def hang_up(self, how: str = "channel") -> None:
        """``channel``: say so on the data channel; ``http``: DELETE the call; ``drop``: just close (a closed tab)."""
        if how == "channel" and self.channel.readyState == "open":
            self.channel.send(json.dumps({"type": "hangup"}))
            await asyncio.sleep(0.2)
        elif how == "http" and self.call_id:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=30) as http:
                await http.delete(f"/api/webrtc/calls/{self.call_id}", headers=self._auth())
        await self.close()

    async def close(self) -> None:
        await cancel_and_wait(*self._tasks)
        self.mic.stop()
        await self.pc.close()
