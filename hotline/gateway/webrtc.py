"""WebRTC browser voice (aiortc): one peer connection per call, the same VoiceCall as the telephony bridges.

Signalling is one HTTP offer/answer (non-trickle: aiortc gathers its candidates before answering). The
call is a line for the one call runner (``webrtc_line.py``): the browser's audio track, decoded to 48 kHz, and the
keys pressed on the page's keypad reach the VoiceCall (VAD → Whisper → session) as they do from a phone bridge; the
bot's speech goes out through a pull-based track that paces 20 ms frames. Events the page shows (transcript, reply,
barge-in, handoff) travel on the data channel the page opens; anything it missed is in the database anyway.

Warm transfer by voice: an agent who owns the conversation opens a second peer connection; the caller's audio is
forwarded to the agent and the agent's to the caller, the bot is muted, and both sides are still transcribed
(the caller by the call's own path, the agent by a segmenter of its own) so the record stays complete.

A call ends once, whatever ends it: hang-up (HTTP or data channel), ICE/DTLS failure or timeout, the remote
track ending, or gateway shutdown. Ending stores the call, closes the peer connections and cancels every task.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from typing import TYPE_CHECKING, Any

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from hotline.conversation.events import CustomerEvent
from hotline.conversation.failures import logged
from hotline.gateway.call_admission import LinesBusy
from hotline.gateway.call_runner import Answered, run_call
from hotline.gateway.voice_call import VoiceCall
from hotline.gateway.voice_out import AudioOut
from hotline.gateway.webrtc_keys import hear_keys
from hotline.gateway.webrtc_line import WebRTCLine
from hotline.gateway.webrtc_setup import CallRefused
from hotline.gateway.webrtc_tracks import RATE, OutboundAudioTrack, received_pcm
from hotline.speech.codecs import StreamResampler
from hotline.speech.vad import UtteranceEnded
from hotline.tasks import TaskSet

if TYPE_CHECKING:
    from hotline.gateway.webrtc_calls import WebRTCCalls

log = logging.getLogger(__name__)
AGENT_JOIN, AGENT_LEAVE = "webrtc_agent_join", "webrtc_agent_leave"  # what another worker may ask


class RTCOut:
    """The VoiceCall's way out: audio into the outbound track, events onto the data channel."""

    sample_rate = RATE

    def __init__(self, call: WebRTCCall) -> None:
        self.call = call

    async def play(self, pcm: Any) -> None:
        self.call.track.enqueue(pcm)

    async def clear(self) -> None:
        self.call.track.flush()
        await self.event({"type": "clear"})

    async def mark(self, name: str) -> None:
        pass  # WebRTC has no mark echo; the page needs nothing here

    async def event(self, payload: CustomerEvent) -> None:
        self.call.send_event(payload)


class AgentLeg:
    """A human agent on the call by voice: their own peer connection, track and transcription."""

    def __init__(self, agent_id: int, pc: RTCPeerConnection) -> None:
        self.agent_id = agent_id
        self.pc = pc
        self.track = OutboundAudioTrack()  # the caller's voice, to the agent
        self.resampler = StreamResampler(RATE, 16_000)
        self.tasks = TaskSet()


class WebRTCCall:
    def __init__(self, calls: WebRTCCalls, pc: RTCPeerConnection, client: str) -> None:
        self.calls = calls
        self.services = calls.services
        self.call_id = secrets.token_urlsafe(16)  # also the capability to hang up: only the page knows it
        self.pc = pc
        self.client = client
        self.track = OutboundAudioTrack()
        self.voice: VoiceCall | None = None
        self.line: WebRTCLine | None = None
        self.runner: asyncio.Task[None] | None = None  # the call runner, from the answer to the end
        self.agent: AgentLeg | None = None
        self.channel: Any = None
        self._pending_events: list[str] = []
        self.tasks = TaskSet()
        self.started = asyncio.Event()
        self.ended = asyncio.Event()
        self._ending = False
        self.frames_received = 0

    @property
    def conversation_id(self) -> str:
        assert self.voice is not None
        return self.voice.session.conversation_id

    # ---- set-up ----

    async def answer(
        self,
        offer: RTCSessionDescription,
        conversation_id: str | None,
        tenant: str | None = None,
        lang: str | None = None,
    ) -> RTCSessionDescription:
        speech = self.services.speech
        assert speech is not None
        pc = self.pc
        details = {"transport": "webrtc", "client": self.client, "rate": RATE, "lang": lang}
        try:
            self.voice = await VoiceCall.open(
                self.services,
                speech,
                RTCOut(self),
                details,
                conversation_id=conversation_id,
                channel="webrtc",
                tenant=tenant,
            )
        except LookupError as missing:
            raise CallRefused(404, str(missing)) from None
        except LinesBusy as busy:
            raise CallRefused(503, str(busy)) from None
        self.voice.agent_leaves = self.drop_agent  # when the conversation goes back to the bot or is closed
        self.line = WebRTCLine(Answered(self.voice.out, RATE, self._hang_up, details))

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind == "audio":
                self.tasks.spawn(self._read_caller(track))

        @pc.on("datachannel")
        def on_datachannel(channel: Any) -> None:
            self.channel = channel

            @channel.on("open")
            def flush() -> None:
                self._flush_events()

            @channel.on("message")
            def on_message(message: Any) -> None:
                self._on_page_message(message)

            if channel.readyState == "open":
                self._flush_events()

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            state = pc.connectionState
            log.info("webrtc state", extra={"call_id": self.call_id, "state": state})
            if state == "connected" and not self.started.is_set():
                self.started.set()
                assert self.line is not None
                self.line.connected()
            elif state in ("failed", "closed"):
                self.tasks.spawn(self.end(f"ice_{state}"))

        try:
            await pc.setRemoteDescription(offer)
        except Exception as bad:  # untrusted input: whatever aiortc makes of it, the caller gets a 400
            await self.end("bad_offer")
            raise CallRefused(400, f"the offer could not be read: {bad}") from None
        hear_keys(pc, self.line.keyed)
        pc.addTrack(self.track)
        await pc.setLocalDescription(await pc.createAnswer())
        self.tasks.spawn(self._connect_deadline())
        self.runner = asyncio.create_task(run_call(self.line, self._opened))
        self.runner.add_done_callback(self._runner_done)
        return pc.localDescription

    async def _opened(self, out: AudioOut, details: dict[str, Any]) -> VoiceCall:
        """The runner's ``open_call``: this call's VoiceCall was opened with the answer (a refusal is the offer's
        HTTP error), so the runner starts it when the line answers."""
        assert self.voice is not None
        return self.voice

    def _runner_done(self, runner: asyncio.Task[None]) -> None:
        if not runner.cancelled() and runner.exception() is not None:
            log.error("webrtc call failed", exc_info=runner.exception(), extra={"call_id": self.call_id})
            self.tasks.spawn(self.end("call_error"))

    async def _connect_deadline(self) -> None:
        try:
            await asyncio.wait_for(self.started.wait(), self.calls.settings.connect_timeout_s)
        except TimeoutError:
            await self.end("ice_timeout")

    # ---- audio in ----

    async def _read_caller(self, track: MediaStreamTrack) -> None:
        try:
            await self.started.wait()
            assert self.line is not None
            while True:
                frame = await track.recv()
                pcm = received_pcm(frame)
                self.frames_received += 1
                if self.agent is not None:
                    self.agent.track.enqueue(pcm)
                await self.line.heard(pcm)
        except MediaStreamError:
            self.tasks.spawn(self.end("remote_track_ended"))

    async def _read_agent(self, leg: AgentLeg, track: MediaStreamTrack) -> None:
        speech = self.services.speech
        assert speech is not None and self.voice is not None
        segmenter = speech.new_segmenter()
        with contextlib.suppress(MediaStreamError):
            while True:
                frame = await track.recv()
                pcm = received_pcm(frame)
                if self.agent is leg:
                    self.track.enqueue(pcm)  # the agent's voice, live, to the caller
                    if self.voice.recorder is not None:  # and into the call's recording, where it is heard
                        self.voice.recorder.live(pcm, RATE)
                for event in segmenter.push(leg.resampler.push(pcm)):
                    if isinstance(event, UtteranceEnded):
                        leg.tasks.spawn(self._record_agent_speech(leg, event))

    async def _record_agent_speech(self, leg: AgentLeg, utterance: UtteranceEnded) -> None:
        """For the record: what the agent said is transcribed and stored as the agent's message."""
        speech = self.services.speech
        assert speech is not None and self.voice is not None
        language = self.voice.language
        result = await asyncio.to_thread(speech.stt.transcribe, utterance.audio, speech.stt_options, language)
        if result.text:
            failures = self.services.metrics.delivery_failures  # the agent may have handed back meanwhile
            with logged("relay agent speech", failures, conversation_id=self.conversation_id, agent_id=leg.agent_id):
                await self.services.hub.agent_said(leg.agent_id, self.conversation_id, result.text, spoken=True)

    # ---- events to the page ----

    def send_event(self, payload: CustomerEvent) -> None:
        message = json.dumps(payload)
        if self.channel is not None and self.channel.readyState == "open":
            self.channel.send(message)
        elif len(self._pending_events) < 200:
            self._pending_events.append(message)

    def _flush_events(self) -> None:
        pending, self._pending_events = self._pending_events, []
        for message in pending:
            self.channel.send(message)

    def _on_page_message(self, message: Any) -> None:
        try:
            data = json.loads(message) if isinstance(message, str) else None
            kind = data.get("type") if isinstance(data, dict) else None
        except json.JSONDecodeError:
            data, kind = None, None
        if kind == "hangup":
            self.tasks.spawn(self.end("hangup"))
        elif kind == "ping":
            self.send_event({"type": "pong"})
        elif kind == "dtmf" and isinstance(data, dict) and self.line is not None:
            self.line.keyed(str(data.get("digit", ""))[:1])

    # ---- warm transfer by voice ----

    async def join_agent(self, agent_id: int, offer: RTCSessionDescription) -> RTCSessionDescription:
        assert self.voice is not None
        if self.agent is not None:
            await self.drop_agent("replaced")
        pc = RTCPeerConnection(self.calls.configuration)
        leg = AgentLeg(agent_id, pc)

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind == "audio":
                leg.tasks.spawn(self._read_agent(leg, track))

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            if pc.connectionState in ("failed", "closed") and self.agent is leg:
                self.tasks.spawn(self.drop_agent(f"agent_ice_{pc.connectionState}"))

        try:
            await pc.setRemoteDescription(offer)
        except Exception as bad:
            await pc.close()
            raise CallRefused(400, f"the offer could not be read: {bad}") from None
        pc.addTrack(leg.track)
        await pc.setLocalDescription(await pc.createAnswer())
        self.agent = leg
        self.voice.muted = True  # the bot stops talking: what is queued is dropped, no new turn speaks
        await self.voice.silence()
        self.track.flush()
        self.send_event({"type": "agent_voice", "status": "joined"})
        await asyncio.to_thread(
            self.services.conversations.add_event, self.conversation_id, "agent_voice_joined", {"agent_id": agent_id}
        )
        log.info("agent joined by voice", extra={"call_id": self.call_id, "conversation_id": self.conversation_id})
        return pc.localDescription

    async def drop_agent(self, reason: str) -> None:
        leg, self.agent = self.agent, None
        if leg is None:
            return
        await leg.tasks.cancel()
        leg.track.stop()
        await leg.pc.close()
        if self.voice is not None:
            self.voice.muted = False
            self.send_event({"type": "agent_voice", "status": "left", "reason": reason})
            await asyncio.to_thread(
                self.services.conversations.add_event,
                self.conversation_id,
                "agent_voice_left",
                {"agent_id": leg.agent_id, "reason": reason},
            )
        log.info("agent left the call", extra={"call_id": self.call_id, "reason": reason})

    # ---- teardown ----

    async def _hang_up(self, why: str) -> None:
        """The call reached its maximum length (the VoiceCall's deadline): ended as any other end."""
        await self.end("max_call_length")

    async def end(self, reason: str) -> None:
        if self._ending:
            await self.ended.wait()
            return
        self._ending = True
        try:
            await self.tasks.cancel()
            await self.drop_agent("call_ended")
            counts = {"frames_received": self.frames_received, "frames_sent": self.track.frames_sent}
            if self.line is not None:  # the runner stops the call with the reason ...
                self.line.finish(reason, counts)
            if self.runner is not None and self.runner is not asyncio.current_task():
                await asyncio.wait([self.runner])
            if self.voice is not None:  # ... or, if the line never answered, it is stopped here
                await self.voice.stop(reason, counts)
            self.track.stop()
            await self.pc.close()
        finally:
            self.calls.forget(self)
            self.ended.set()
            self.services.metrics.voice_events.labels(kind=f"webrtc_end_{reason}").inc()
            log.info("webrtc call ended", extra={"call_id": self.call_id, "reason": reason})
