"""A call's last turn, while the bot has said nothing of its reply: if the caller speaks again then, they had not
finished ("I want to return the desk lamp" … "and the water bottle"). The turn is taken back
(``conversation.take_back``): its reply stops before a word of it is heard, the session forgets it, and its words
wait for the rest like held words (``voice_turn_end.TurnEnd.hold_again``), so the caller's whole request is answered
as one turn. The time the bot takes to answer (transcript, dialogue, first audio) is thus also time a pausing caller
can go on in, without making a finished caller wait longer.

The window closes with the first audio the caller hears (the reply or the holding phrase). If the new sound was no
speech after all (a click), the words are answered alone. The next transcript event names the message it
``replaces``, so a page shows the words once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from hotline.conversation.session import ConversationSession, Received
from hotline.conversation.take_back import Before, before_turn, take_back
from hotline.gateway.voice_turn import VoiceTurnMetrics
from hotline.gateway.voice_turn_end import TurnEnd

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answering:
    """The turn being answered while the caller has heard nothing of it yet."""

    text: str
    received: Received
    before: Before
    end_of_speech: float
    metrics: VoiceTurnMetrics


class TakeBack:
    def __init__(self, session: ConversationSession) -> None:
        self.session = session
        self.answering: Answering | None = None  # the turn that can still be taken back
        self.replaces: int | None = None  # the last turn taken back, until its words are received again

    async def receive(self, text: str, end_of_speech: float, metrics: VoiceTurnMetrics) -> tuple[Received, int | None]:
        """The session receives the turn's words, which can be taken back until the caller hears the bot; and the
        message of a turn taken back that these words include (None if none)."""
        before = before_turn(self.session)
        received, replaces, self.replaces = await self.session.receive(text), self.replaces, None
        if before is not None and not received.handled_by_human:
            self.answering = Answering(text, received, before, end_of_speech, metrics)
        return received, replaces

    def heard(self) -> None:
        """The caller hears the bot (the reply's first audio, the holding phrase): the turn stands."""
        self.answering = None

    async def caller_went_on(
        self, turn: asyncio.Task[None] | None, cancel_turn: Callable[[], Awaitable[None]], turn_end: TurnEnd
    ) -> tuple[float, VoiceTurnMetrics] | None:
        """The caller speaks again before hearing the bot, while its ``turn`` runs: the reply is cancelled and,
        unless a human now holds the conversation, the turn is forgotten and its words held for the rest. Returns
        what the held words are answered with (the first end of speech, for the timings; fresh metrics), or None
        when nothing was taken back."""
        if self.answering is None or turn is None or turn.done():  # nothing to take back, or its reply was made
            return None
        answering, self.answering = self.answering, None
        if await self.session.services.hub.held_by_human(self.session.conversation_id):
            return None
        await cancel_turn()
        if not await take_back(self.session, answering.before, answering.received.stored.id):
            return None
        turn_end.hold_again(answering.text)
        self.replaces = answering.received.stored.id
        log.info(
            "turn taken back: the caller went on",
            extra={"conversation_id": self.session.conversation_id, "message_id": answering.received.stored.id},
        )
        metrics = replace(answering.metrics, first_token_ms=None, first_audio_ms=None, hold_ms=None, cancelled=False)
        return answering.end_of_speech, metrics
