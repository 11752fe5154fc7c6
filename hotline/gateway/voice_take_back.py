"""A call's last turn, while the caller has heard nothing of its reply, or only its first moment: if the caller
speaks again then, they had not finished ("I want to return the desk lamp" … "and the water bottle"). The turn is
taken back (``conversation.take_back``): its reply stops, the session forgets the turn (and any reply stored to it),
and its words wait for the rest like held words (``voice_turn_end.TurnEnd.hold_again``), so the caller's whole
request is answered as one turn. The time the bot takes to answer (transcript, dialogue, first audio) is thus also
time a pausing caller can go on in, without making a finished caller wait longer.

- Before the first audio the caller hears (the reply or the holding phrase), speech starting takes the turn back at
  once; if the new sound was no speech after all (a click), the words are answered alone.
- While its words are being received (the session stores and reads them; the reply has not begun), speech starting
  is noted, and the turn is taken back as soon as it has been received (``went_on_meanwhile``), before it is answered.
- After it, speech that started within ``voice.take_back_heard_s`` of that first audio (too soon to answer anything
  the bot said) takes the turn back when it becomes a barge-in (``barge_in_ms`` of speech, so the bot's own echo
  or a backchannel does not); later speech is a new turn.

The next transcript event names the message it ``replaces``, so a page shows the words once and drops the reply.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from hotline.conversation.received import Received
from hotline.conversation.session import ConversationSession
from hotline.conversation.take_back import Before, before_turn, take_back
from hotline.gateway.voice_turn import VoiceTurnMetrics
from hotline.gateway.voice_turn_end import TurnEnd
from hotline.tasks import loop_time

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
    def __init__(self, session: ConversationSession, heard_s: float = 0.0) -> None:
        self.session = session
        self.heard_s = heard_s  # speech starting this long after the reply's first audio still takes it back
        self.answering: Answering | None = None  # the turn that can still be taken back
        self.heard_at: float | None = None  # when the caller began hearing it (loop time)
        self.talking_over = False  # the caller's speech began within ``heard_s`` of that
        self.replaces: int | None = None  # the last turn taken back, until its words are received again
        self.receiving = False  # a turn's words are being received: its reply has not begun
        self.went_on = False  # the caller's speech started meanwhile

    async def receive(self, text: str, end_of_speech: float, metrics: VoiceTurnMetrics) -> tuple[Received, int | None]:
        """The session receives the turn's words, which can be taken back until the caller hears the bot; and the
        message of a turn taken back that these words include (None if none)."""
        before = before_turn(self.session)
        self.receiving, self.went_on = True, False
        try:
            received = await self.session.receive(text)
        except BaseException:
            self.receiving = False  # no turn to take back: the call goes on as before
            raise
        replaces, self.replaces = self.replaces, None
        self.answering, self.heard_at, self.talking_over = None, None, False
        if before is not None and not received.handled_by_human:
            self.answering = Answering(text, received, before, end_of_speech, metrics)
        return received, replaces

    def heard(self) -> None:
        """The caller hears the bot (the reply's first audio, the holding phrase): past ``heard_s`` the turn stands."""
        if self.heard_at is None:
            self.heard_at = loop_time()
        if self.heard_s <= 0:
            self.answering = None

    async def caller_went_on(
        self, turn: asyncio.Task[None] | None, cancel_turn: Callable[[], Awaitable[None]], turn_end: TurnEnd
    ) -> tuple[float, VoiceTurnMetrics] | None:
        """The caller's speech starts. Before they heard the bot, while its ``turn`` runs: the reply is cancelled
        and the turn taken back. Returns what the held words are answered with (the first end of speech, for the
        timings; fresh metrics), or None when nothing was taken back. Within ``heard_s`` of the first audio, the
        speech is remembered for ``talked_over``."""
        self.talking_over = False
        if self.receiving:  # the turn being received is taken back once it is (``went_on_meanwhile``)
            self.went_on = True
            return None
        if self.answering is None:
            return None
        if self.heard_at is not None:  # the caller hears the reply: only a barge-in takes it back
            self.talking_over = loop_time() - self.heard_at <= self.heard_s
            self.answering = self.answering if self.talking_over else None
            return None
        if turn is None or turn.done():  # its reply was made without a sound: it stands
            self.answering = None
            return None
        return await self._take_back(cancel_turn, turn_end)

    async def went_on_meanwhile(self, turn_end: TurnEnd) -> tuple[float, VoiceTurnMetrics] | None:
        """The turn just received is about to be answered: if the caller's speech started while its words were
        received, it is taken back instead (as ``caller_went_on`` returns). Without this, that speech found no turn
        to take back (none was being answered yet) and the words said before it were answered alone."""
        went_on, self.receiving, self.went_on = self.went_on, False, False
        if not went_on or self.answering is None:
            return None
        return await self._take_back(_no_reply_yet, turn_end)

    async def talked_over(
        self, cancel_turn: Callable[[], Awaitable[None]], turn_end: TurnEnd
    ) -> tuple[float, VoiceTurnMetrics] | None:
        """A barge-in (the reply already cancelled and the line cleared): by speech that began within ``heard_s`` of
        the reply's first audio, the turn is taken back too. As ``caller_went_on``."""
        if self.answering is None or not self.talking_over:
            return None
        self.talking_over = False
        return await self._take_back(cancel_turn, turn_end)

    async def _take_back(
        self, cancel_turn: Callable[[], Awaitable[None]], turn_end: TurnEnd
    ) -> tuple[float, VoiceTurnMetrics] | None:
        assert self.answering is not None
        answering, self.answering, heard = self.answering, None, self.heard_at is not None
        if await self.session.services.hub.held_by_human(self.session.conversation_id):
            return None
        await cancel_turn()
        if not await take_back(self.session, answering.before, answering.received.stored.id):
            return None
        turn_end.hold_again(answering.text)
        self.replaces = answering.received.stored.id
        log.info(
            "turn taken back: the caller went on",
            extra={
                "conversation_id": self.session.conversation_id,
                "message_id": answering.received.stored.id,
                "reply_heard": heard,
            },
        )
        metrics = replace(answering.metrics, first_token_ms=None, first_audio_ms=None, hold_ms=None, cancelled=False)
        return answering.end_of_speech, metrics


async def _no_reply_yet() -> None:
    """Nothing to cancel: the turn taken back while received had no reply started."""
