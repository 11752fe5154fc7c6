"""A caller who goes on before hearing the bot's reply had not finished: the turn is taken back and answered whole
(gateway/voice_take_back.py, conversation/take_back.py), in virtual time on the call rig."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from prometheus_client import CollectorRegistry, Counter

from hotline.dialogue.flow_state import PendingAction
from hotline.gateway.voice_turn_end import Heard, HoldOver, TurnEnd
from hotline.ports import DialogueEvent, SentenceEvent, TurnDone, TurnMetrics
from hotline.speech.stt import Transcript
from hotline.storage.conversations import ConversationStore
from hotline.storage.handoffs import HandoffStore
from tests.unit.voice_call_rig import GREETING, Rig, make_stores, reply
from tests.virtual_time import run_virtual

LINES = ["I want to return the desk lamp.", "And the water bottle too.", "Mm."]
WHOLE = f"{LINES[0]} {LINES[1]}"


@pytest.fixture
def stores(tmp_path: Path) -> tuple[ConversationStore, HandoffStore]:
    return make_stores(tmp_path)


def slow_answers(asked: list[str], first_after_s: float = 1.0) -> Callable[[str], AsyncIterator[DialogueEvent]]:
    def answer_to(text: str) -> AsyncIterator[DialogueEvent]:
        asked.append(text)
        return reply(f"Answer to: {text}", first_after_s=first_after_s)

    return answer_to


def test_a_caller_who_goes_on_before_the_reply_is_heard_is_answered_once_for_all_they_said(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    rig = Rig(stores, LINES, slow_answers(asked))

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(0.8)  # the turn ended (0.4 s of silence); the reply is still being made
        rig.session.flow.slots["item"] = "desk lamp"  # what the answer to the cut-off words would have remembered
        await rig.say(1, 1.0)
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    assert asked == [LINES[0], WHOLE]  # the first answer was started, then dropped unheard
    assert rig.voice.said[0] == GREETING and " ".join(rig.voice.said[1:]) == f"Answer to: {WHOLE}"  # by sentence
    assert rig.customer_texts() == [WHOLE]  # the words taken back are in the whole turn's message only
    heard = [event for event in rig.out.events if event["type"] == "transcript"]
    assert [event["text"] for event in heard] == [LINES[0], WHOLE]
    assert heard[1]["replaces"] == heard[0]["message_id"] and heard[0]["replaces"] is None
    assert rig.events("turn_taken_back") == [{"message_id": heard[0]["message_id"], "replies": []}]
    assert rig.session.flow.slots == {}  # the session forgot the turn taken back
    assert rig.out.cleared == 0 and "barge_in" not in rig.out.kinds()
    turns = rig.events("voice_turn")
    assert [turn["cancelled"] for turn in turns] == [True, False]
    assert turns[1]["first_audio_ms"] is not None


def stored_answers(asked: list[str], rig: list[Rig]) -> Callable[[str], AsyncIterator[DialogueEvent]]:
    """Answers stored as the session stores them: when the reply is made, before it is heard."""

    async def answer_to(text: str) -> AsyncIterator[DialogueEvent]:
        asked.append(text)
        await asyncio.sleep(0.1)
        yield SentenceEvent(f"Answer to: {text}")
        stored = rig[0].conversations.add_message(rig[0].session.conversation_id, "bot", f"Answer to: {text}")
        yield TurnDone(f"Answer to: {text}", TurnMetrics(), extra={"message_id": stored.id})

    return answer_to


def call_going_on_after(
    gap_s: float, stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> tuple[Rig, list[str]]:
    """A caller who says a line, is silent ``gap_s`` (the turn ends after 0.4 s, its reply is heard ~0.1 s later),
    then says the next one for a second, over the reply (a barge-in)."""
    asked: list[str] = []
    holder: list[Rig] = []
    rig = Rig(stores, LINES, stored_answers(asked, holder))
    holder.append(rig)

    run_virtual(lambda: rig.two_utterances(gap_s, after_s=4.0), monkeypatch)
    return rig, asked


def bot_texts(rig: Rig) -> list[str]:
    return [m.text for m in rig.conversations.messages(rig.session.conversation_id) if m.role == "bot"]


def test_a_caller_who_talks_over_the_first_moment_of_the_reply_is_answered_once_and_the_reply_forgotten(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig, asked = call_going_on_after(0.8, stores, monkeypatch)  # ~0.3 s into the reply: too soon to answer it
    assert asked == [LINES[0], WHOLE]
    assert rig.customer_texts() == [WHOLE]
    assert bot_texts(rig) == [f"Answer to: {WHOLE}"]  # the reply begun to the words taken back is out of the history
    (taken,) = rig.events("turn_taken_back")
    assert len(taken["replies"]) == 1 and "barge_in" in rig.out.kinds()
    heard = [event for event in rig.out.events if event["type"] == "transcript"]
    assert heard[1]["replaces"] == heard[0]["message_id"] == taken["message_id"]


def test_once_the_caller_has_heard_the_reply_their_next_words_are_a_new_turn(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig, asked = call_going_on_after(1.5, stores, monkeypatch)  # the reply heard for a second: a barge-in to it
    assert asked == [LINES[0], LINES[1]] and rig.events("turn_taken_back") == []
    assert "barge_in" in rig.out.kinds()
    assert bot_texts(rig) == [f"Answer to: {LINES[0]}", f"Answer to: {LINES[1]}"]


def test_a_sound_that_was_no_speech_leaves_the_words_answered_alone_from_the_stored_message(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    rig = Rig(stores, LINES, slow_answers(asked))

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(0.6)
        await rig.say(2, 0.1)  # a click: shorter than any speech
        await rig.silence(4.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    assert asked == [LINES[0], LINES[0]]
    assert rig.voice.said[-1] == f"Answer to: {LINES[0]}"  # after the holding phrase: it was a long wait by then
    assert rig.customer_texts() == [LINES[0]]  # stored once
    assert len(rig.events("turn_taken_back")) == 1


def test_a_turn_that_may_confirm_an_action_or_reach_a_human_is_never_taken_back(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    rig = Rig(stores, LINES, slow_answers(asked))

    async def call() -> None:
        await rig.start()
        rig.session.flow.pending = PendingAction("p1", "return_delivered_order_items", {"order_id": "#W1"}, "Return?")
        await rig.silence(3.0)
        await rig.say(0, 1.0)  # its words may say yes to the pending return
        await rig.silence(0.8)
        await rig.say(1, 1.0)
        await rig.silence(4.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    assert rig.events("turn_taken_back") == []
    assert asked[0] == LINES[0] and WHOLE not in asked


def turn_end_on(segmenter: SimpleNamespace) -> TurnEnd:
    """A call's end-of-turn logic on a stub segmenter (``in_speech`` set by the test), at stream time 5 s."""
    events = Counter("voice_events", "by kind", ["kind"], registry=CollectorRegistry())
    speech = SimpleNamespace(turn_words=None, turn_words_hold_s=1.3, turn_model=None)
    return TurnEnd(speech, segmenter, lambda: 5000.0, lambda item: None, lambda e: None, events, "c", 1.6, 3)  # type: ignore[arg-type]


def heard(text: str) -> Heard:
    """``text`` heard from a second of audio."""
    return Heard(Transcript(text, "en", 0.99, 0.0, -0.1, 1.0, 5.0), np.zeros(16_000, dtype=np.float32))


def test_words_whose_caller_is_already_talking_again_wait_for_the_rest() -> None:
    """The caller went on while their last words were being transcribed: those words join what they are saying."""

    async def check() -> None:
        segmenter = SimpleNamespace(in_speech=True)
        turn_end = turn_end_on(segmenter)
        assert turn_end.offer(heard(LINES[0]), "en", 4000.0) is None  # finished words, but the caller is talking
        segmenter.in_speech = False
        assert turn_end.offer(heard(LINES[1]), "en", 6000.0) == WHOLE
        assert turn_end.offer(heard(LINES[0]), "en", 7000.0) == LINES[0]  # silent now: answered at once
        turn_end.close()

    asyncio.run(check())


@pytest.mark.parametrize("went_on", [1, 2], ids=["words", "a-click"])
def test_a_caller_who_goes_on_while_the_turn_is_received_is_answered_once(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch, went_on: int
) -> None:
    """The caller's speech starts while the session is still receiving the turn's words (storing, reading them):
    no reply has begun, so none is taken back then — the turn is, as soon as it has been received, and the words go
    on as one turn (a click: the words are answered alone after the hold). Before, such speech found nothing to take
    back and the words said before it were answered alone, the rest a turn of its own."""
    asked: list[str] = []
    rig = Rig(stores, LINES, slow_answers(asked, first_after_s=0.3))

    async def call() -> None:
        await rig.start()
        receive, slowed = rig.session.receive, []

        async def slow_receive(text: str) -> object:
            if not slowed:
                slowed.append(text)
                await asyncio.sleep(1.0)  # a busy moment: the turn's words take a second to be received
            return await receive(text)

        rig.session.receive = slow_receive  # type: ignore[method-assign]
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(0.6)  # the turn ended after 0.4 s; its words are being received
        await rig.say(went_on, 1.0 if went_on == 1 else 0.1)
        await rig.silence(4.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    whole = WHOLE if went_on == 1 else LINES[0]
    assert asked == [whole]  # no reply was begun to the first words alone
    assert rig.customer_texts() == [whole]
    heard = [event for event in rig.out.events if event["type"] == "transcript"]
    assert [event["text"] for event in heard] == [LINES[0], whole]
    assert heard[1]["replaces"] == heard[0]["message_id"]
    assert len(rig.events("turn_taken_back")) == 1 and "barge_in" not in rig.out.kinds()


def test_a_wait_that_passed_before_the_caller_went_on_does_not_answer_them_mid_sentence() -> None:
    """Held words whose wait passed as the caller's next utterance ended, queued behind it; that utterance's words
    were held again because the caller was already talking again: the stale item answers nothing while they talk
    (bench voice: "… the hope." answered over "the dreams built around it", which was lost to the barge-in)."""

    async def check() -> None:
        segmenter = SimpleNamespace(in_speech=True)
        turn_end = turn_end_on(segmenter)
        assert turn_end.offer(heard(WHOLE), "en", 4000.0) is None  # held: the caller is talking again
        assert turn_end.due(HoldOver()) is None  # the earlier wait's item, processed now
        segmenter.in_speech = False
        assert turn_end.due(HoldOver()) == WHOLE  # the wait after their speech ends
        turn_end.close()

    asyncio.run(check())
