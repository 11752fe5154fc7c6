"""One phone call, whatever the bridge: audio in → VAD → Whisper → the conversation session → sentences →
TTS → audio out, with barge-in. Transports (twilio_ws, pcm_ws, audiosocket, webrtc) only convert frames; when
a turn ends besides the silence (keyed digits, held words, the turn model) is ``voice_turn_end.TurnEnd``'s.

Timeline of a turn: the caller stops speaking (``end_of_speech``), the utterance is transcribed, stored and
checked like a chat message (red-line, escalation, flows), the reply streams sentence by sentence; a speaker
task synthesises each sentence while the next is generated. Caller speech lasting ``barge_in_ms`` while the bot
is busy cancels the turn and flushes the bridge's queued audio; shorter speech (a backchannel) is ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from hotline.dialogue.flow_phrases import phrase
from hotline.dialogue.references import keyed_text
from hotline.gateway.call_admission import LinesBusy
from hotline.gateway.failures import logged
from hotline.gateway.services import Services
from hotline.gateway.session import ConversationSession
from hotline.gateway.voice_out import AudioOut, greeting_language, lines_busy, speakable_pieces, synthesize
from hotline.gateway.voice_turn_end import HoldOver, Keyed, TurnEnd, TurnItem
from hotline.ports import SentenceEvent, TokenEvent, TurnDone
from hotline.speech.codecs import Int16Array, StreamResampler
from hotline.speech.keypad import KEYS
from hotline.speech.loader import SpeechModels
from hotline.speech.spoken import spoken_form
from hotline.speech.vad import PauseHeard, SpeechContinues, SpeechProbability, SpeechStarted, UtteranceEnded
from hotline.tasks import cancel_and_wait

log = logging.getLogger(__name__)

IN_RATE = 16_000  # the pipeline's input rate (Silero and Whisper)
# True inside a turn and the tasks it starts (context variables are inherited by child tasks): a hub event raised
# by the turn itself (the handoff notice) must not cancel that turn — awaiting its own cancellation deadlocks.
_IN_TURN: contextvars.ContextVar[bool] = contextvars.ContextVar("hotline_in_voice_turn", default=False)


@dataclass
class VoiceTurnMetrics:
    """Milliseconds from the caller's end of speech (the VAD's last voiced window)."""

    utterance_ms: float = 0.0
    transcript_ms: float | None = None
    first_token_ms: float | None = None
    first_audio_ms: float | None = None  # the answer's first audio (not the holding phrase)
    hold_ms: float | None = None  # when the holding phrase went out, if the answer was slow
    stt_rtf: float | None = None
    language: str = ""
    cancelled: bool = False


class VoiceCall:
    def __init__(
        self,
        services: Services,
        speech: SpeechModels,
        session: ConversationSession,
        out: AudioOut,
        vad: SpeechProbability | None = None,
    ) -> None:
        self.services = services
        self.speech = speech
        self.session = session
        self.out = out
        self.segmenter = speech.new_segmenter(vad)
        self.resampler: StreamResampler | None = None
        self.language: str | None = None
        self.turn_task: asyncio.Task[None] | None = None
        self.speaking_until = 0.0  # monotonic time when the audio sent so far ends playing
        self.started_while_busy = False
        self.barged = False
        self.stream_ms = 0.0  # caller audio received, in ms: the call's clock for end-of-speech times
        self._stream_origin: float | None = None
        self._utterances: asyncio.Queue[TurnItem | None] = asyncio.Queue()
        # Keyed digits, words that stop where a caller does not ("my order number is five four four"), the turn
        # model hearing a pause: when the turn ends besides the silence.
        self.turn_end = TurnEnd(
            speech,
            self.segmenter,
            lambda: self.stream_ms,
            self._utterances.put_nowait,
            self._ended,
            services.metrics.voice_events,
            session.conversation_id,
            services.settings.voice.turn_hold_s,
            services.settings.voice.keypad_pause_s,
        )
        self._held: tuple[float, VoiceTurnMetrics] | None = None  # the held turn's end of speech and metrics
        self._worker: asyncio.Task[None] | None = None
        self._marks = 0
        self.turns: list[VoiceTurnMetrics] = []
        self._counted = False  # counted in the open-sessions gauge (opened with `open`)
        self.hold_after_s = services.settings.voice.hold_after_s
        self.muted = False  # a human agent talks on the line (WebRTC warm transfer): the bot says nothing
        # The language the bridge or page says the caller uses: the greeting is said in it. What the caller
        # then speaks is still detected (a hint is not a guarantee).
        self.greeting_language = "en"

    # ---- lifecycle ----

    @classmethod
    async def open(
        cls,
        services: Services,
        speech: SpeechModels,
        out: AudioOut,
        details: dict[str, Any],
        conversation_id: str | None = None,
        channel: str = "phone",
        tenant: str | None = None,
    ) -> VoiceCall:
        """A new conversation (or, from a web page, the page's chat conversation continued by voice), with what
        the bridge said about the call stored as its `call` event. LookupError if ``conversation_id`` is unknown.
        A bridge's calls belong to the tenant the settings give that bridge (``voice.bridge_tenants``)."""
        if tenant is None and "bridge" in details:
            tenant = services.settings.voice.bridge_tenants.get(str(details["bridge"]))
        language = greeting_language(services.settings.voice, details)
        services.metrics.call_limit.set(services.calls.limit)
        if not services.calls.admit():
            services.metrics.calls_refused.inc()
            log.warning("all lines busy: call refused", extra={"limit": services.calls.limit, **details})
            if channel == "webrtc":  # a browser is told by its refused offer, before any audio flows
                raise LinesBusy(phrase(language, "lines_busy"))
            seconds = await lines_busy(speech, out, language)
            raise LinesBusy(f"all {services.calls.limit} lines are busy", seconds)
        try:
            session = await ConversationSession.open(services, channel, conversation_id, tenant)
        except BaseException:
            services.calls.release()
            raise
        if session is None:
            services.calls.release()
            raise LookupError(f"no conversation {conversation_id!r}")
        await asyncio.to_thread(services.conversations.add_event, session.conversation_id, "call", details)
        services.metrics.active_sessions.labels(channel=channel).inc()
        call = cls(services, speech, session, out)
        call._counted = True
        call.greeting_language = language
        return call

    async def start(self, in_rate: int) -> None:
        self.resampler = StreamResampler(in_rate, IN_RATE)
        await self.session.attach(self._on_hub_event)
        self._worker = asyncio.create_task(self._handle_utterances())
        language = self.greeting_language
        text = self.speech.greeting_text_for(language)
        await self.out.event(
            {"type": "disclosure", "conversation_id": self.session.conversation_id, "text": text, "lang": language}
        )
        await self._play(await asyncio.to_thread(self.speech.greeting, self.out.sample_rate, language))
        await self.out.mark("greeting")

    async def stop(self) -> None:
        if self._counted:
            self._counted = False
            self.services.metrics.active_sessions.labels(channel=self.session.channel).dec()
            self.services.calls.release()
        if self.segmenter.in_speech:
            for event in self.segmenter.flush():
                self._utterances.put_nowait(event)
        self.turn_end.close()  # keyed, or said, then hung up mid-number: still heard
        self._utterances.put_nowait(None)
        if self._worker is not None:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(self._worker), timeout=30)  # finish the last turn's storage
            self._worker.cancel()
        await self._cancel_turn()
        await self.session.close()

    # ---- audio in ----

    async def push(self, pcm: Int16Array) -> None:
        """Caller audio at the transport's rate, any length."""
        assert self.resampler is not None, "start() first"
        now = time.monotonic()
        if self._stream_origin is None:
            self._stream_origin = now
        samples = self.resampler.push(pcm)
        self.stream_ms += len(pcm) * 1000.0 / (self.resampler.from_rate or IN_RATE)
        for event in self.segmenter.push(samples):
            if isinstance(event, SpeechStarted):
                self.started_while_busy = self.bot_busy()
                self.barged = False
            elif isinstance(event, SpeechContinues):
                if not self.barged and event.speech_ms >= self.services.settings.voice.barge_in_ms and self.bot_busy():
                    await self.barge_in()
            elif isinstance(event, PauseHeard):
                self.turn_end.pause(event)
            elif isinstance(event, UtteranceEnded):
                self._ended(event)

    def _ended(self, event: UtteranceEnded) -> None:
        short = event.speech_ms < self.services.settings.voice.barge_in_ms
        if self.started_while_busy and short and not self.barged:
            self.services.metrics.voice_events.labels(kind="backchannel").inc()
            log.info(
                "backchannel ignored",
                extra={"conversation_id": self.session.conversation_id, "speech_ms": event.speech_ms},
            )
            return
        self._utterances.put_nowait(event)

    async def key(self, key: str) -> None:
        """A keypad key (DTMF) from the bridge: the first key stops the bot talking; the digits become one turn
        at "#" or after a pause. Anything a bridge sends that is not a key is ignored."""
        key = key[:1]
        if key not in KEYS:
            return
        if not self.turn_end.keypad.digits and self.bot_busy():
            await self.barge_in()
        self.turn_end.key(key)

    def bot_busy(self) -> bool:
        turn_running = self.turn_task is not None and not self.turn_task.done()
        return turn_running or time.monotonic() < self.speaking_until

    async def barge_in(self) -> None:
        self.barged = True
        turn_running = self.turn_task is not None and not self.turn_task.done()
        unplayed_ms = max(0.0, self.speaking_until - time.monotonic()) * 1000
        await self._cancel_turn()
        self.speaking_until = 0.0
        await self.out.clear()
        await self.out.event({"type": "barge_in"})
        self.services.metrics.voice_events.labels(kind="barge_in").inc()
        await asyncio.to_thread(
            self.services.conversations.add_event,
            self.session.conversation_id,
            "barge_in",
            {"turn_running": turn_running, "unplayed_ms": round(unplayed_ms)},
        )
        log.info("barge-in", extra={"conversation_id": self.session.conversation_id})

    async def silence(self) -> None:
        """A human takes the line: the bot's turn stops and nothing it queued plays."""
        await self._cancel_turn()
        self.speaking_until = 0.0
        await self.out.clear()

    async def _cancel_turn(self) -> None:
        task, self.turn_task = self.turn_task, None
        if task is not None and not task.done():
            await cancel_and_wait(task)

    # ---- turns ----

    async def _handle_utterances(self) -> None:
        while (utterance := await self._utterances.get()) is not None:
            try:
                await self._handle(utterance)
            except Exception:
                log.exception("voice turn failed", extra={"conversation_id": self.session.conversation_id})

    async def _handle(self, utterance: TurnItem) -> None:
        if isinstance(utterance, HoldOver):
            text = self.turn_end.due(utterance)
            if text is not None and self._held is not None:
                await self._received(text, *self._held)
            return
        if isinstance(utterance, Keyed):  # typed on the keypad: no speech to transcribe
            metrics = VoiceTurnMetrics(language=self.language or "")
            await self._received(self.turn_end.with_held(keyed_text(utterance.entry)), time.monotonic(), metrics)
            return
        speech = self.speech
        end_of_speech = self._clock_at(utterance.ended_at_ms)
        transcript = await asyncio.to_thread(speech.stt.transcribe, utterance.audio, speech.stt_options, self.language)
        metrics = VoiceTurnMetrics(
            utterance_ms=utterance.speech_ms,
            stt_rtf=round(transcript.real_time_factor, 3),
            language=transcript.language,
        )
        metrics.transcript_ms = (time.monotonic() - end_of_speech) * 1000
        if not transcript.text:
            self.services.metrics.voice_events.labels(kind="no_text").inc()
            log.info(
                "utterance without text",
                extra={"conversation_id": self.session.conversation_id, "reason": transcript.dropped},
            )
            return
        if self.language is None:  # detected once, then fixed: saves an encoder pass per utterance
            self.language = transcript.language
            await asyncio.to_thread(
                self.services.conversations.add_event,
                self.session.conversation_id,
                "language",
                {"language": self.language, "p": transcript.language_probability},
            )
        text = self.turn_end.offer(transcript.text, self.language, utterance.ended_at_ms)
        if text is None:  # sounds unfinished: waits for the rest
            self._held = (end_of_speech, metrics)
            return
        await self._received(text, end_of_speech, metrics)

    async def _received(self, text: str, end_of_speech: float, metrics: VoiceTurnMetrics) -> None:
        """A turn's text (heard or keyed) joins the conversation; the bot answers unless a human holds the call."""
        received = await self.session.receive(text)
        await self.out.event(
            {
                "type": "transcript",
                "text": received.masked_text,
                "message_id": received.stored.id,
                "language": metrics.language,
                "keyed": metrics.transcript_ms is None,  # keyed on the keypad, not heard
            }
        )
        if metrics.transcript_ms is not None:  # heard, not keyed
            self.services.metrics.voice_stage.labels(stage="transcript").observe(metrics.transcript_ms / 1000)
        self.turns.append(metrics)
        if received.handled_by_human:
            return
        await self._cancel_turn()
        self.turn_task = asyncio.create_task(self._turn(received, end_of_speech, metrics))

    def _clock_at(self, stream_ms: float) -> float:
        """The monotonic time at which the caller's audio reached ``stream_ms`` (frames arrive in real time)."""
        origin = self._stream_origin or time.monotonic()
        lag = self.stream_ms - stream_ms  # audio received after the speech ended
        return max(origin, time.monotonic() - lag / 1000.0)

    async def _turn(self, received: Any, end_of_speech: float, metrics: VoiceTurnMetrics) -> None:
        _IN_TURN.set(True)  # this task's own context: the caller's is untouched
        sentences: asyncio.Queue[str | None] = asyncio.Queue()

        async def produce() -> None:
            spoken = False
            try:
                async for event in self.session.answer(received):
                    if isinstance(event, TokenEvent | SentenceEvent) and metrics.first_token_ms is None:
                        metrics.first_token_ms = (time.monotonic() - end_of_speech) * 1000
                    if isinstance(event, SentenceEvent):
                        spoken = True
                        sentences.put_nowait(event.text)
                    elif isinstance(event, TurnDone):
                        if not spoken and event.reply:
                            sentences.put_nowait(event.reply)
                        await self.out.event(
                            {"type": "reply", "text": event.reply, "message_id": event.extra.get("message_id")}
                        )
            finally:
                sentences.put_nowait(None)

        async def hold() -> None:
            """Silence on a phone line reads as a dropped call: if the answer is slow, say so."""
            await asyncio.sleep(max(0.0, end_of_speech + self.hold_after_s - time.monotonic()))
            if metrics.first_audio_ms is None and sentences.empty():
                metrics.hold_ms = (time.monotonic() - end_of_speech) * 1000
                await self._play(self.speech.hold_phrase(self.out.sample_rate, self.language))

        def first_audio() -> None:
            if metrics.first_audio_ms is None:
                metrics.first_audio_ms = (time.monotonic() - end_of_speech) * 1000

        async def speak() -> None:
            while (text := await sentences.get()) is not None:
                await self.say(text, first_audio)

        holder = asyncio.create_task(hold())
        try:
            await asyncio.gather(produce(), speak())
            await self.out.mark(f"turn-end-{len(self.turns)}")  # the bridge echoes it once the reply has played
        except asyncio.CancelledError:
            metrics.cancelled = True  # barge-in or a newer utterance: generation and synthesis stop here
            raise
        finally:
            holder.cancel()
            await self._record(metrics)

    async def _record(self, metrics: VoiceTurnMetrics) -> None:
        stage = self.services.metrics.voice_stage
        if metrics.first_token_ms is not None:
            stage.labels(stage="first_token").observe(metrics.first_token_ms / 1000)
        if metrics.first_audio_ms is not None:
            stage.labels(stage="first_audio").observe(metrics.first_audio_ms / 1000)
        payload = {k: (round(v, 1) if isinstance(v, float) else v) for k, v in asdict(metrics).items()}
        stored = asyncio.to_thread(
            self.services.conversations.add_event, self.session.conversation_id, "voice_turn", payload
        )
        with logged(
            "store voice turn", self.services.metrics.delivery_failures, conversation_id=self.session.conversation_id
        ):
            await asyncio.shield(stored)  # off the event loop; a second cancellation does not lose the row
        log.info("voice turn", extra={"conversation_id": self.session.conversation_id, **payload})

    # ---- audio out ----

    async def say(self, text: str, on_first_audio: Callable[[], None] | None = None) -> bool:
        """Synthesise one sentence and queue it to the caller; True once its first audio went out.

        Long text (a product's option list) is said piece by piece: each line or sentence goes out as soon as
        it is synthesised, so the caller hears the first words while the rest is still being made.
        """
        voice = self.speech.voices.for_language(self.language)
        rate = self.out.sample_rate
        sent = False
        for piece in speakable_pieces(spoken_form(text, self.language)):
            chunks = await asyncio.to_thread(synthesize, voice, piece, rate)
            for chunk in chunks:
                if len(chunk):
                    if not sent and on_first_audio is not None:
                        on_first_audio()
                    await self._play(chunk)
                    sent = True
        self._marks += 1
        await self.out.mark(f"sentence-{self._marks}")
        return sent

    async def _play(self, pcm: Int16Array) -> None:
        if self.muted:
            return
        now = time.monotonic()
        self.speaking_until = max(now, self.speaking_until) + len(pcm) / self.out.sample_rate
        await self.out.play(np.asarray(pcm, dtype=np.int16))

    async def _on_hub_event(self, event: dict[str, Any]) -> None:
        """Hub events for the caller: a human agent's words and handoff notices are spoken."""
        await self.out.event(event)
        if event.get("spoken") or self.muted:  # the agent's own voice already reached the caller
            return
        if event.get("type") in ("agent_message", "handoff") and event.get("text"):
            if not _IN_TURN.get():  # a notice raised by the turn itself (or its helpers) must not cancel it
                await self._cancel_turn()
            await self.say(str(event["text"]))
