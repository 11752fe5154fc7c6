"""When a caller's turn ends, beyond the silence the segmenter waits for: digits keyed on the phone (DTMF) gathered
into one turn, words that sound unfinished ("my order number is five four four") held until the rest comes, and
the turn model hearing a short pause (a caller who sounds finished is answered without the full silence); and at that
pause, Whisper starting on the turn so far (``voice_early.EarlyTranscript``). Held words whose audio is known are
heard again with the rest, in one Whisper pass (``speech.held_audio``), not joined as text.

``TurnEnd`` owns the waits (keypad pause, hold, turn-model check) and puts what is due on the call's turn queue;
the call (``voice_call.VoiceCall``) answers it. Hold waits run on the caller's audio clock (``stream_ms``: what
they said and the silence after it), not the server's.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from prometheus_client import Counter

from hotline.gateway.voice_early import EarlyTranscript
from hotline.speech.codecs import FloatArray
from hotline.speech.held_audio import HeldAudio
from hotline.speech.keypad import Keypad
from hotline.speech.loader import SpeechModels
from hotline.speech.stt import Transcript
from hotline.speech.turn_end import TurnHold
from hotline.speech.vad import PauseHeard, UtteranceEnded, UtteranceSegmenter
from hotline.tasks import loop_time

log = logging.getLogger(__name__)

# Answer held words anyway when the bridge has sent no audio for this long (a stalled or ended stream).
STALLED_S = 2.0
# Speech that starts within this long after the end of the caller's last turn continues it (not a backchannel).
CONTINUES_MS = 1000.0


@dataclass(frozen=True)
class Keyed:
    """Digits the caller keyed in (DTMF), as one turn."""

    entry: str


@dataclass(frozen=True)
class HoldOver:
    """The wait for the rest of a held turn has passed (or the call ends: ``now``): answer what was heard."""

    now: bool = False


TurnItem = UtteranceEnded | Keyed | HoldOver


@dataclass(frozen=True)
class Heard:
    """An utterance's transcript, and the audio it is of: the held words' and the utterance's when ``again`` (the
    transcript holds the held words too), else the utterance's alone."""

    transcript: Transcript
    audio: FloatArray
    again: bool = False


class TurnEnd:
    def __init__(
        self,
        speech: SpeechModels,
        segmenter: UtteranceSegmenter,
        stream_ms: Callable[[], float],
        enqueue: Callable[[TurnItem], None],
        ended: Callable[[UtteranceEnded], None],
        events: Counter,  # voice events by kind (held, ended early, waited)
        conversation_id: str,
        hold_s: float,
        keypad_pause_s: float,
        early: EarlyTranscript | None = None,  # Whisper hears the turn so far at a pause (voice_early.py)
    ) -> None:
        self.speech = speech
        self.segmenter = segmenter
        self._stream_ms = stream_ms
        self._enqueue = enqueue
        self._ended = ended  # an utterance the turn model ended early goes through the call's backchannel check
        self._events = events
        self._conversation_id = conversation_id
        self.hold = TurnHold(hold_s, speech.turn_words, speech.turn_words_hold_s)
        self.held_audio = HeldAudio()  # the held words' audio: heard again with the rest
        self.keypad = Keypad(keypad_pause_s)
        self._keypad_wait: asyncio.Task[None] | None = None
        self._hold_wait: asyncio.Task[None] | None = None
        self._turn_check: asyncio.Task[None] | None = None
        self.early = early
        self.last_speech_ms: float | None = None  # stream time the caller's last turn's speech stopped

    # ---- keypad ----

    def key(self, key: str) -> None:
        """One key: the digits become a turn at "#" or after the keypad pause."""
        if self._keypad_wait is not None:
            self._keypad_wait.cancel()
        entry = self.keypad.press(key, loop_time())
        if entry is not None:
            self._enqueue(Keyed(entry))
        elif self.keypad.digits:
            self._keypad_wait = asyncio.create_task(self._keypad_pause())

    async def _keypad_pause(self) -> None:
        await asyncio.sleep(self.keypad.pause_s)
        if (entry := self.keypad.due(loop_time())) is not None:
            self._enqueue(Keyed(entry))

    # ---- the turn model ----

    def pause(self, pause: PauseHeard) -> None:
        """A short pause in the caller's speech: Whisper starts on the turn so far (when starting early), and the
        turn model (when there is one) decides if they finished."""
        if self.early is not None:
            joined = self.held_audio.with_rest(pause.audio)
            self.early.start(pause, pause.audio if joined is None else joined, self.held_audio.version)
        if self.speech.turn_model is not None:
            self._turn_check = asyncio.create_task(self._hear_pause(pause))

    def continues(self, started_ms: float) -> bool:
        """Speech starting this soon after the caller's own last turn goes on with it ("Бедняга." … "ребят …"):
        short or not, it is not a backchannel to the bot's reply, which has only just begun."""
        return self.last_speech_ms is not None and started_ms - self.last_speech_ms <= CONTINUES_MS

    async def hear(self, utterance: UtteranceEnded, transcribe: Callable[[FloatArray], Transcript]) -> Heard:
        """The utterance's transcript (``transcribe``: blocking, run off the loop), with any held words whose audio
        is known heard again before it; the one started at the pause when it heard the same (``voice_early``)."""
        joined = self.held_audio.with_rest(utterance.audio)
        audio = utterance.audio if joined is None else joined
        early = None
        if self.early is not None:
            early = await self.early.take(utterance.ended_at_ms, self.held_audio.version)
        transcript = early if early is not None else await asyncio.to_thread(transcribe, audio)
        return Heard(transcript, audio, joined is not None)

    async def _hear_pause(self, pause: PauseHeard) -> None:
        """The turn model hears the pause (off the event loop): a caller who sounds finished is answered now;
        one who does not is left to the end-of-turn silence."""
        model = self.speech.turn_model
        assert model is not None
        started = time.perf_counter()
        finished = await asyncio.to_thread(model, pause.audio)
        ended = self.segmenter.end_turn(pause.pause) if finished >= self.speech.turn_threshold else []
        self._events.labels(kind="turn_ended_early" if ended else "turn_waited").inc()
        log.debug(
            "turn model",
            extra={
                "conversation_id": self._conversation_id,
                "finished": round(finished, 3),
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "ended": bool(ended),
            },
        )
        for event in ended:
            self._ended(event)

    # ---- words that sound unfinished ----

    def offer(self, heard: Heard, lang: str, ended_at_ms: float) -> str | None:
        """What an utterance that ended at ``ended_at_ms`` (stream time) was heard as: the text to answer now
        (with any held words before it), or None when it sounds unfinished, or the caller is already talking
        again, and it waits for the rest."""
        whole = heard.again or not self.hold.text  # the audio is of all the words: none were held before
        text_now = self.hold.offer(heard.transcript.text, lang, ended_at_ms / 1000, heard.again)
        if text_now is not None:
            self.held_audio.answered(text_now, heard.audio if whole else None)
        if text_now is not None and self.segmenter.in_speech:  # the caller went on while these words were heard
            self.hold_again(text_now, "turn_went_on")
            return None
        if text_now is None:
            self.held_audio.keep(heard.audio if whole else None)
            self._wait()
            self._events.labels(kind="turn_held").inc()
            log.info("turn held for the rest", extra={"conversation_id": self._conversation_id})
        return text_now

    def hold_again(self, text: str, kind: str = "turn_taken_back") -> None:
        """A turn taken back (the caller went on before or over its reply: ``voice_take_back``): its words wait for
        the rest, which joins them; if no words come, they are answered once the caller is silent again."""
        self.hold.keep(text, self._stream_ms() / 1000)
        self.held_audio.keep(self.held_audio.audio_of(text))
        self._wait()
        self._events.labels(kind=kind).inc()

    def _wait(self) -> None:
        if self._hold_wait is not None:
            self._hold_wait.cancel()
        self._hold_wait = asyncio.create_task(self._wait_for_the_rest())

    async def _wait_for_the_rest(self) -> None:
        """Held words are answered once the caller's line carried the hold's silence after them (not while they
        talk: what they are saying joins the held words when it ends); if the bridge stops sending audio for
        ``STALLED_S``, they are answered then."""
        heard_ms, heard_at = self._stream_ms(), loop_time()
        while True:
            await asyncio.sleep(0.1)
            if self._stream_ms() != heard_ms:
                heard_ms, heard_at = self._stream_ms(), loop_time()
            past = self._stream_ms() / 1000 >= self.hold.until and not self.segmenter.in_speech
            stalled = loop_time() - heard_at > STALLED_S
            if past or stalled:
                break
        self._enqueue(HoldOver(now=stalled))

    def due(self, item: HoldOver) -> str | None:
        """The held words when their wait is over (all of them when the call ends). Not while the caller talks: a
        wait that passed just before they went on (its item queued behind their last utterance, whose words were
        then held again) leaves the words to the wait that follows, and what they are saying joins them."""
        audio = self.held_audio.audio
        if item.now:
            text = self.hold.release()
        else:
            text = None if self.segmenter.in_speech else self.hold.due(self._stream_ms() / 1000)
        if text is not None:
            self.held_audio.answered(text, audio)
        return text

    def with_held(self, text: str) -> str:
        """Keyed digits after held words ("my order number is" and then keyed in) are one turn."""
        held = self.hold.release()
        self.held_audio.answered(None, None)  # keyed: no audio to hear again
        return text if held is None else f"{held} {text}"

    # ---- the end of the call ----

    def close(self) -> None:
        """The caller hung up: the waits stop; speech in progress, digits keyed and words held until now are still
        heard."""
        if self.segmenter.in_speech:
            for event in self.segmenter.flush():
                self._enqueue(event)
        for task in (self._keypad_wait, self._turn_check, self._hold_wait):
            if task is not None:
                task.cancel()
        if self.early is not None:
            self.early.drop()
        if (entry := self.keypad.due(float("inf"))) is not None:
            self._enqueue(Keyed(entry))
        self._enqueue(HoldOver(now=True))
