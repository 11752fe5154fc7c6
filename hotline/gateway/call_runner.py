"""One call runner for every voice transport (Twilio Media Streams, raw PCM, AudioSocket, WebRTC): each is a *line*
that turns its protocol into call frames — the line answered (how to talk back, at what rate, how to hang up),
the caller's audio, a keyed digit — and says how the line ended; what a call does with them is here, once:

    the line answers  → a VoiceCall is opened (or "all lines busy" is played and the line is let go)
    audio             → the call hears it (VAD → turn → Whisper → the conversation → the voice)
    a key             → the call gathers it into a turn
    the frames end    → the call stops, with the line's reason and its protocol counts in the call record

Lifecycle, limits, records, barge-in and the hold phrase live in ``VoiceCall``; codecs, framing and control
messages in each bridge's line. WebRTC answers an HTTP offer, so its VoiceCall is opened (and admitted or refused)
with the answer and its line (``webrtc_line.py``) answers when the peer connection is up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from hotline.gateway.call_admission import LinesBusy
from hotline.gateway.voice_out import AudioOut
from hotline.speech.codecs import Int16Array

if TYPE_CHECKING:
    from hotline.gateway.voice_call import HangUp, VoiceCall

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answered:
    """The bridge's line is up: our audio goes to ``out``, the caller's arrives at ``rate``, ``hang_up`` ends the
    line from our side (the call's maximum length), ``details`` are stored as the call's ``call`` event."""

    out: AudioOut
    rate: int
    hang_up: HangUp
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Heard:
    """The caller's audio, decoded to 16-bit PCM at the answered rate."""

    pcm: Int16Array


@dataclass(frozen=True)
class Keyed:
    """A keypad key ("5", "#")."""

    digit: str


CallFrame = Answered | Heard | Keyed


class CallLine(Protocol):
    """A bridge's side of a call. ``frames`` yields ``Answered`` first, then audio and keys, and returns when
    the line ends; ``ended`` then says why ("hangup", "protocol", "bridge_error") and ``counts`` holds the
    protocol's counters (frames, gaps, bad frames) for the call record, or None."""

    ended: str
    counts: dict[str, int] | None

    def frames(self) -> AsyncGenerator[CallFrame, None]: ...

    async def lines_busy(self) -> None:
        """Every line is taken: the message has played; end the line the bridge's way ("try again later")."""


OpenCall = Callable[[AudioOut, dict[str, Any]], Awaitable["VoiceCall"]]


async def run_call(line: CallLine, open_call: OpenCall) -> None:
    """The call on ``line`` from its answer to its end (``open_call`` is ``VoiceCall.open`` with the services and
    speech models bound)."""
    call: VoiceCall | None = None
    try:
        async with contextlib.aclosing(line.frames()) as frames:
            async for frame in frames:
                if isinstance(frame, Answered):
                    if call is not None:
                        raise RuntimeError("a line answered twice")  # a line's bug: its protocol checks that
                    try:
                        call = await open_call(frame.out, frame.details)
                    except LinesBusy as busy:  # told so: the message plays, then the line is let go
                        await asyncio.sleep(busy.seconds)
                        await line.lines_busy()
                        return
                    log.info("call started", extra={"conversation_id": call.session.conversation_id, **frame.details})
                    await call.start(frame.rate, frame.hang_up)
                elif call is None:
                    raise RuntimeError(f"{type(frame).__name__} before the line answered")
                elif isinstance(frame, Heard):
                    await call.push(frame.pcm)
                else:
                    await call.key(frame.digit)
    finally:
        if call is not None:
            await call.stop(line.ended, line.counts)
