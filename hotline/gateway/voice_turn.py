"""One bot turn on a call: the session's answer, streamed sentence by sentence into speech while the next sentence
is made; the holding phrase when the answer is slow (silence on a phone line reads as a dropped call); and the
turn's timings, measured from the caller's end of speech and stored as its ``voice_turn`` record.

A barge-in, or a newer utterance, cancels the turn: generation and synthesis stop where they are, and the record
says it was cancelled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from hotline.conversation.events import Reply, Transcript
from hotline.conversation.failures import logged
from hotline.conversation.received import Received
from hotline.gateway.services import Services
from hotline.gateway.voice_out import AudioOut
from hotline.ports import DialogueEvent, SentenceEvent, TokenEvent, TurnDone
from hotline.speech.codecs import Int16Array
from hotline.tasks import loop_time

log = logging.getLogger(__name__)


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


def transcript_event(received: Received, metrics: VoiceTurnMetrics, replaces: int | None) -> Transcript:
    """What the caller's page is told the turn's words were; ``replaces``: the message of a turn taken back that
    these words include (the page shows them once)."""
    return {
        "type": "transcript",
        "text": received.masked_text,
        "message_id": received.stored.id,
        "language": metrics.language,
        "keyed": metrics.transcript_ms is None,  # keyed on the keypad, not heard
        "replaces": replaces,
    }


class CallLine(Protocol):
    """What a turn needs of its call: the way out, speech, and how long a caller may wait in silence."""

    out: AudioOut
    hold_after_s: float

    async def say(self, text: str, on_first_audio: Callable[[], None] | None = None) -> bool: ...
    async def play(self, pcm: Int16Array) -> None: ...
    def hold_audio(self) -> Int16Array: ...


async def speak_turn(
    line: CallLine,
    answer: AsyncIterator[DialogueEvent],
    end_of_speech: float,
    metrics: VoiceTurnMetrics,
    number: int,
) -> None:
    """Say ``answer`` on ``line``; ``metrics`` gets the first token, the first audio and the holding phrase's time."""
    sentences: asyncio.Queue[str | None] = asyncio.Queue()

    def since_end_of_speech() -> float:
        return (loop_time() - end_of_speech) * 1000

    async def produce() -> None:
        spoken = False
        try:
            async for event in answer:
                if isinstance(event, TokenEvent | SentenceEvent) and metrics.first_token_ms is None:
                    metrics.first_token_ms = since_end_of_speech()
                if isinstance(event, SentenceEvent):
                    spoken = True
                    sentences.put_nowait(event.text)
                elif isinstance(event, TurnDone):
                    if not spoken and event.reply:
                        sentences.put_nowait(event.reply)
                    reply: Reply = {"type": "reply", "text": event.reply, "message_id": event.extra.get("message_id")}
                    await line.out.event(reply)
        finally:
            sentences.put_nowait(None)

    async def hold() -> None:
        await asyncio.sleep(max(0.0, end_of_speech + line.hold_after_s - loop_time()))
        if metrics.first_audio_ms is None and sentences.empty():
            metrics.hold_ms = since_end_of_speech()
            await line.play(line.hold_audio())

    def first_audio() -> None:
        if metrics.first_audio_ms is None:
            metrics.first_audio_ms = since_end_of_speech()

    async def speak() -> None:
        while (text := await sentences.get()) is not None:  # the answer's first audio is awaited until it came
            await line.say(text, first_audio if metrics.first_audio_ms is None else None)

    holder = asyncio.create_task(hold())
    try:
        await asyncio.gather(produce(), speak())
        await line.out.mark(f"turn-end-{number}")  # the bridge echoes it once the reply has played
    except asyncio.CancelledError:
        metrics.cancelled = True
        raise
    finally:
        holder.cancel()


async def record_turn(services: Services, conversation_id: str, metrics: VoiceTurnMetrics) -> None:
    """The turn's timings on /metrics and as its ``voice_turn`` record (stored even if the turn was cancelled)."""
    stage = services.metrics.voice_stage
    if metrics.first_token_ms is not None:
        stage.labels(stage="first_token").observe(metrics.first_token_ms / 1000)
    if metrics.first_audio_ms is not None:
        stage.labels(stage="first_audio").observe(metrics.first_audio_ms / 1000)
    payload: dict[str, Any] = {k: (round(v, 1) if isinstance(v, float) else v) for k, v in asdict(metrics).items()}
    stored = asyncio.to_thread(services.conversations.add_event, conversation_id, "voice_turn", payload)
    with logged("store voice turn", services.metrics.delivery_failures, conversation_id=conversation_id):
        await asyncio.shield(stored)  # off the event loop; a second cancellation does not lose the row
    log.info("voice turn", extra={"conversation_id": conversation_id, **payload})
