"""One phone call, whatever the bridge: audio in → VAD → Whisper → the conversation session → sentences →
TTS → audio out, with barge-in. Transports (twilio_ws, pcm_ws, audiosocket, webrtc) only convert frames and
say how to hang up; the call's life is here, once for all of them: admission (``open``), the greeting (and
the recording notice where the tenant records calls), the maximum call length (``start``'s deadline hangs up
through the transport), the ``call_ended`` record and the recording (``stop``; ``call_records.py``).

A turn ends at the caller's silence, or as ``voice_turn_end.TurnEnd`` decides (keyed digits, held words, the
turn model); the utterance is transcribed, stored and checked like a chat message, and the bot's turn
(``voice_turn.py``) speaks the reply sentence by sentence. Caller speech lasting ``barge_in_ms`` while the bot is
busy cancels the turn (or takes it back: ``voice_take_back``) and flushes the queued audio; a backchannel is not."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import numpy as np

from hotline.conversation.received import Received
from hotline.conversation.session import ConversationSession
from hotline.dialogue.flow_phrases import phrase
from hotline.dialogue.references import keyed_text
from hotline.gateway import voice_notices, voice_out
from hotline.gateway.call_records import CallRecorder, recorder_for, store_call_end
from hotline.gateway.reply_failures import reply_failed, reply_failed_text
from hotline.gateway.services import Services
from hotline.gateway.voice_early import EarlyTranscript
from hotline.gateway.voice_out import AudioOut
from hotline.gateway.voice_take_back import TakeBack
from hotline.gateway.voice_turn import VoiceTurnMetrics, record_turn, speak_turn, transcript_event
from hotline.gateway.voice_turn_end import HoldOver, Keyed, TurnEnd, TurnItem
from hotline.speech.codecs import FloatArray, Int16Array, StreamResampler
from hotline.speech.keypad import KEYS
from hotline.speech.loader import SpeechModels
from hotline.speech.spoken import spoken_form
from hotline.speech.stt import Transcript
from hotline.speech.vad import PauseHeard, SpeechContinues, SpeechProbability, SpeechStarted, UtteranceEnded
from hotline.tasks import cancel_and_wait, loop_time

log = logging.getLogger(__name__)

IN_RATE = 16_000  # the pipeline's input rate (Silero and Whisper)
HangUp = Callable[[str], Awaitable[None]]  # the transport ends the call; the argument says why, for the peer


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
        self.segmenter = speech.new_segmenter(vad, busy=self.bot_busy)
        self.denoiser = speech.new_denoiser()  # before VAD and Whisper; the recording keeps what the caller sent
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
            EarlyTranscript(self._transcribe) if services.settings.voice.early_transcript_ms is not None else None,
        )
        self._held: tuple[float, VoiceTurnMetrics] | None = None  # the held turn's end of speech and metrics
        self.take_back = TakeBack(session, services.settings.voice.take_back_heard_s)  # the caller went on: one turn
        self._worker: asyncio.Task[None] | None = None
        self._marks = 0
        self.turns: list[VoiceTurnMetrics] = []
        self._counted = False  # counted in the open-sessions gauge (opened with `open`)
        self.hold_after_s = services.settings.voice.hold_after_s
        self.muted = False  # a human agent talks on the line (WebRTC warm transfer): the bot says nothing
        self.agent_leaves: Callable[[str], Awaitable[None]] | None = None  # how the transport drops that agent
        # The language the bridge or page says the caller uses: the greeting is said in it. What the caller
        # then speaks is still detected (a hint is not a guarantee).
        self.greeting_language = "en"
        self.opened_at = loop_time()
        self.audio_out_s = 0.0
        self.end_reason: str | None = None  # set by the call itself (its maximum length), else the transport's
        self._deadline: asyncio.Task[None] | None = None
        self._stopped = False
        self.recorder: CallRecorder | None = None  # both sides, when the tenant records its calls

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
        language = voice_out.greeting_language(services.settings.voice, details)
        await voice_out.take_a_line(services, speech, out, language, channel == "webrtc", details)
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
        recorder = await asyncio.to_thread(recorder_for, services, session.tenant, session.conversation_id)
        session.model_detail = services.calls.model_detail  # a busy server sheds the model's detail
        call = cls(services, speech, session, out)
        call.recorder = recorder
        call._counted = True
        call.greeting_language = language
        return call

    async def start(self, in_rate: int, hang_up: HangUp | None = None) -> None:
        """Caller audio arrives at ``in_rate``; ``hang_up`` ends the call at ``voice.max_call_s`` (then ``stop``)."""
        self.resampler = StreamResampler(in_rate, IN_RATE)
        await self.session.attach(partial(voice_notices.hear, self))  # an agent's words, handoff notices
        self._worker = asyncio.create_task(self._handle_utterances())
        if hang_up is not None:
            self._deadline = asyncio.create_task(self._hang_up_at_limit(hang_up))
        language = self.greeting_language
        recorded = phrase(language, "call_recorded") if self.recorder is not None else ""
        rate, tenant = self.out.sample_rate, self.session.tenant
        greeting, audio = await asyncio.to_thread(
            voice_out.greeting_for, self.services, self.speech, tenant, language, rate
        )
        text = " ".join(filter(None, [greeting, recorded]))
        await self.out.event(
            {"type": "disclosure", "conversation_id": self.session.conversation_id, "text": text, "lang": language}
        )
        await self.play(audio)
        if recorded:  # the caller is told before anything they say is kept
            await self.say(recorded)
        await self.out.mark("greeting")

    async def _hang_up_at_limit(self, hang_up: HangUp) -> None:
        await asyncio.sleep(self.services.settings.voice.max_call_s)
        self.end_reason = "max_call_length"
        self._note("max_call_length", "maximum call length reached")
        await hang_up("maximum call length reached")

    async def stop(self, reason: str = "hangup", counts: dict[str, Any] | None = None) -> None:
        """The call is over (the caller hung up, the bridge stopped, the line failed: ``reason``): the last turn's
        storage finishes, and the ``call_ended`` record keeps why, how long, and the transport's ``counts``."""
        if self._stopped:
            return
        self._stopped = True
        if self._deadline is not None and self._deadline is not asyncio.current_task():
            self._deadline.cancel()
        if self._counted:
            self._counted = False
            self.services.metrics.active_sessions.labels(channel=self.session.channel).dec()
            self.services.calls.release()
        self.turn_end.close()  # said (or keyed) and then hung up, mid-number: still heard
        if self.denoiser is not None:
            self.denoiser.close()
        self._utterances.put_nowait(None)
        if self._worker is not None:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(self._worker), timeout=30)  # finish the last turn's storage
            self._worker.cancel()
        await self.cancel_turn()
        await self.session.close()
        spans = {"duration_s": loop_time() - self.opened_at, "audio_in_s": self.stream_ms / 1000}
        spans["audio_out_s"] = self.audio_out_s
        record = {"reason": self.end_reason or reason, "channel": self.session.channel}
        record |= {name: round(seconds, 1) for name, seconds in spans.items()} | (counts or {})
        await store_call_end(self.services, self.session.conversation_id, record, self.recorder)

    # ---- audio in ----

    async def push(self, pcm: Int16Array) -> None:
        """Caller audio at the transport's rate, any length."""
        assert self.resampler is not None, "start() first"
        now = loop_time()
        if self._stream_origin is None:
            self._stream_origin = now
        samples = self.resampler.push(pcm)
        if self.recorder is not None:
            self.recorder.caller(samples)
        self.stream_ms += len(pcm) * 1000.0 / (self.resampler.from_rate or IN_RATE)
        if self.denoiser is not None:
            samples = self.denoiser.push(samples)
        for event in self.segmenter.push(samples):
            if isinstance(event, SpeechStarted):
                went_on = await self.take_back.caller_went_on(self.turn_task, self.cancel_turn, self.turn_end)
                self._held = went_on or self._held
                self.started_while_busy = self.bot_busy() and not self.turn_end.continues(event.at_ms)
                self.barged = False
            elif isinstance(event, SpeechContinues):
                if not self.barged and event.speech_ms >= self.services.settings.voice.barge_in_ms and self.bot_busy():
                    await self.barge_in()
                    self._held = await self.take_back.talked_over(self.cancel_turn, self.turn_end) or self._held
            elif isinstance(event, PauseHeard):
                self.turn_end.pause(event)
            elif isinstance(event, UtteranceEnded):
                self._ended(event)

    def _transcribe(self, audio: FloatArray) -> Transcript:  # blocking: in a worker thread
        return self.speech.stt.transcribe(audio, self.speech.stt_options, self.language)

    def _note(self, kind: str, message: str, **extra: Any) -> None:
        """A voice event counted on /metrics by kind, and logged with the conversation."""
        self.services.metrics.voice_events.labels(kind=kind).inc()
        log.info(message, extra={"conversation_id": self.session.conversation_id, **extra})

    def _ended(self, event: UtteranceEnded) -> None:
        short = event.speech_ms < self.services.settings.voice.barge_in_ms
        if self.started_while_busy and short and not self.barged:
            self._note("backchannel", "backchannel ignored", speech_ms=event.speech_ms)
            return
        self.turn_end.last_speech_ms = event.ended_at_ms
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
        return turn_running or loop_time() < self.speaking_until

    async def barge_in(self) -> None:
        self.barged = True
        turn_running = self.turn_task is not None and not self.turn_task.done()
        unplayed_ms = max(0.0, self.speaking_until - loop_time()) * 1000
        await self.cancel_turn()
        await self._clear_line()
        await self.out.event({"type": "barge_in"})
        record = {"turn_running": turn_running, "unplayed_ms": round(unplayed_ms)}
        self._note("barge_in", "barge-in", **record)
        await asyncio.to_thread(self.services.conversations.add_event, self.session.conversation_id, "barge_in", record)

    async def silence(self) -> None:
        """A human takes the line: the bot's turn stops and nothing it queued plays."""
        await self.cancel_turn()
        await self._clear_line()

    async def _clear_line(self) -> None:
        """What the transport still had queued is dropped: from the line, and from the recording."""
        self.speaking_until = 0.0
        if self.recorder is not None:
            self.recorder.cleared()
        await self.out.clear()

    async def cancel_turn(self) -> None:
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
            await self._received(self.turn_end.with_held(keyed_text(utterance.entry)), loop_time(), metrics)
            return
        end_of_speech = self._clock_at(utterance.ended_at_ms)
        heard = await self.turn_end.hear(utterance, self._transcribe)  # with held words, maybe while silence ran
        transcript = heard.transcript
        rtf = round(transcript.real_time_factor, 3)
        metrics = VoiceTurnMetrics(utterance_ms=utterance.speech_ms, stt_rtf=rtf, language=transcript.language)
        metrics.transcript_ms = (loop_time() - end_of_speech) * 1000
        if not transcript.text:
            self._note("no_text", "utterance without text", reason=transcript.dropped)
            return
        if self.language is None:  # detected once, then fixed: saves an encoder pass per utterance
            self.language = transcript.language
            detected = {"language": self.language, "p": transcript.language_probability}
            add_event = self.services.conversations.add_event
            await asyncio.to_thread(add_event, self.session.conversation_id, "language", detected)
        text = self.turn_end.offer(heard, self.language, utterance.ended_at_ms)
        if text is None:  # sounds unfinished: waits for the rest
            self._held = (end_of_speech, metrics)
            return
        await self._received(text, end_of_speech, metrics)

    async def _received(self, text: str, end_of_speech: float, metrics: VoiceTurnMetrics) -> None:
        """A turn's text (heard or keyed) joins the conversation; the bot answers unless a human holds the call."""
        received, replaces = await self.take_back.receive(text, end_of_speech, metrics)  # may be taken back
        await self.out.event(transcript_event(received, metrics, replaces))
        if metrics.transcript_ms is not None:  # heard, not keyed
            self.services.metrics.voice_stage.labels(stage="transcript").observe(metrics.transcript_ms / 1000)
        self.turns.append(metrics)
        if (went_on := await self.take_back.went_on_meanwhile(self.turn_end)) is not None:
            self._held = went_on
        if received.handled_by_human or went_on is not None:
            return
        await self.cancel_turn()
        self.turn_task = asyncio.create_task(self._turn(received, end_of_speech, metrics))

    def _clock_at(self, stream_ms: float) -> float:
        """The monotonic time at which the caller's audio reached ``stream_ms`` (frames arrive in real time)."""
        origin = loop_time() if self._stream_origin is None else self._stream_origin
        lag = self.stream_ms - stream_ms  # audio received after the speech ended
        return max(origin, loop_time() - lag / 1000.0)

    async def _turn(self, received: Received, end_of_speech: float, metrics: VoiceTurnMetrics) -> None:
        try:
            await speak_turn(self, self.session.answer(received), end_of_speech, metrics, len(self.turns))
        except Exception:  # the caller hears that it failed; the call goes on
            await reply_failed(self.services, self.session.conversation_id, received.stored.id)
            await self.say(reply_failed_text(self.language))
        finally:
            await record_turn(self.services, self.session.conversation_id, metrics)

    # ---- audio out ----

    async def say(self, text: str, on_first_audio: Callable[[], None] | None = None) -> bool:
        """Synthesise one sentence and queue it to the caller; True once its first audio went out. Long text (an
        option list) is said piece by piece, each made when the audio queued ahead runs short (``synth_ahead_s``);
        while the caller waits for an answer (``on_first_audio``: in silence or the holding phrase), clause first.
        """
        voice, rate, sent = self.speech.voices.for_language(self.language), self.out.sample_rate, False
        ahead = self.services.settings.voice.synth_ahead_s
        waiting = on_first_audio is not None or self.speaking_until < loop_time()  # first words out soonest
        for piece in voice_out.speakable_pieces(spoken_form(text, self.language), first_clause=waiting):
            await asyncio.sleep(self.speaking_until - ahead - loop_time())  # just in time: the CPU serves others
            chunks = await asyncio.to_thread(voice_out.synthesize, voice, piece, rate)
            for chunk in chunks:
                if len(chunk):
                    if not sent and on_first_audio is not None:
                        on_first_audio()
                    await self.play(chunk)
                    sent = True
        self._marks += 1
        await self.out.mark(f"sentence-{self._marks}")
        return sent

    def hold_audio(self) -> Int16Array:
        """The holding phrase ("one moment, please") in the caller's language, at the line's rate."""
        return self.speech.hold_phrase(self.out.sample_rate, self.language)

    async def play(self, pcm: Int16Array) -> None:
        if self.muted:
            return
        self.take_back.heard()
        now, rate = loop_time(), self.out.sample_rate
        start = max(now, self.speaking_until)  # after what is queued: where the caller hears it, and the recording
        if self.recorder is not None:
            self.recorder.bot(pcm, rate, start - now)
        self.speaking_until = start + len(pcm) / rate
        self.audio_out_s += len(pcm) / rate
        await self.out.play(np.asarray(pcm, dtype=np.int16))
