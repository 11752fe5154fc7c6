"""A phone call's timing logic in virtual time: the real VoiceCall, segmenter, hub and outboxes, with a fake VAD,
Whisper and voice, on an event loop whose clock jumps to the next timer — half a minute of call runs in
milliseconds, the same way every time. (The real models are the integration tests' job.)

The caller speaks in tones: utterance ``k`` is audio at level ``(k + 1) / 10``, which the fake Whisper reads as
the script's ``k``-th sentence. The fake voice takes 0.25 s per word.
"""

from __future__ import annotations

import wave
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from hotline.conversation.hub import AgentConnection
from hotline.ports import DialogueEvent
from hotline.settings import Brand
from hotline.speech.vad import SegmenterConfig
from hotline.storage.conversations import ConversationStore
from hotline.storage.handoffs import HandoffStore
from tests.unit.voice_call_rig import (
    GREETING,
    Rig,
    make_stores,
    reply,
)
from tests.virtual_time import run_virtual


@pytest.fixture
def stores(tmp_path: Path) -> tuple[ConversationStore, HandoffStore]:
    return make_stores(tmp_path)


def test_a_slow_answer_gets_the_holding_phrase_then_the_answer(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig = Rig(stores, ["Where is my order?"], lambda text: reply("It ships tomorrow.", first_after_s=3.0))

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)  # the greeting plays
        await rig.say(0, 1.0)
        await rig.silence(6.0)
        await rig.call.stop()

    _, took = run_virtual(call, monkeypatch)
    assert rig.voice.said == [GREETING, "One moment, please.", "It ships tomorrow."]
    assert rig.customer_texts() == ["Where is my order?"]
    turn = rig.events("voice_turn")[0]
    assert 1400 <= turn["hold_ms"] <= 1600, turn  # hold_after_s after the caller's last voiced audio
    assert 3300 <= turn["first_token_ms"] <= 3600 and turn["first_audio_ms"] >= turn["first_token_ms"], turn
    assert not turn["cancelled"]
    assert "reply" in rig.out.kinds() and rig.out.cleared == 0
    assert took >= 9.9  # ten seconds of call ran in virtual time


def test_a_backchannel_is_ignored_and_a_longer_interruption_barges_in(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    long_reply = " ".join(["word"] * 39) + "."  # ten seconds of speech
    lines = ["Tell me about returns.", "Mm-hm.", "Wait, one more thing."]
    answers = {lines[0]: long_reply, lines[2]: "Of course."}
    rig = Rig(stores, lines, lambda text: reply(answers[text]))

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(1.5)  # the long reply is playing
        await rig.say(1, 0.3)  # "mm-hm" over it: shorter than barge_in_ms
        await rig.silence(1.0)
        assert rig.out.cleared == 0 and rig.call.bot_busy()
        await rig.say(2, 1.0)  # a real interruption
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    assert rig.customer_texts() == [lines[0], lines[2]]  # the backchannel was not a turn
    assert rig.out.cleared == 1 and rig.out.kinds().count("barge_in") == 1
    barge = rig.events("barge_in")[0]
    assert barge["unplayed_ms"] > 3000, barge  # most of the long reply was still to play, and was dropped
    assert rig.voice.said[-1] == "Of course."


def test_a_notice_waits_for_the_reply_then_an_agent_takes_over_and_is_heard(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reply that escalates (the bot could not help) is said whole, then the waiting notice; the agent's
    joining and words are spoken, and while the agent holds the call the bot says nothing."""
    lines = ["Can you fix my router?", "Hello? Are you there?"]
    rig = Rig(stores, lines, lambda text: None)  # type: ignore[arg-type,return-value]
    console: list[dict[str, Any]] = []

    async def answer_to(text: str) -> AsyncIterator[DialogueEvent]:
        async for event in reply("I cannot help with routers.", "Let me find you a person."):
            yield event
        await rig.hub.escalate(rig.session.conversation_id, "bot_could_not_help")  # as the session's after-reply

    rig.answer_to = answer_to

    async def to_console(event: dict[str, Any]) -> None:
        console.append(event)

    async def call() -> None:
        await rig.start()
        agent_id = rig.handoffs.add_agent("ann", "Ann", "x", "demo")
        await rig.hub.register_agent(AgentConnection(agent_id, "ann", "Ann", to_console))
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(6.0)
        handoff = next(e for e in rig.out.events if e.get("status") == "waiting")
        await rig.hub.accept(agent_id, handoff["handoff_id"])
        await rig.silence(2.0)
        await rig.say(1, 1.0)  # the caller speaks: to the agent, not the bot
        await rig.silence(2.0)
        await rig.hub.agent_said(agent_id, rig.session.conversation_id, "Hi, this is Ann.")
        await rig.silence(2.0)
        await rig.call.stop()
        await rig.hub.unregister_agent(agent_id)
        await rig.hub.shutdown()

    run_virtual(call, monkeypatch)
    said = rig.voice.said
    assert said[1:3] == ["I cannot help with routers.", "Let me find you a person."], said  # the reply, whole
    joined = next(i for i, text in enumerate(said) if "Ann" in text)
    assert joined > 3 and "connecting you" in " ".join(said[3:joined]), said  # then the waiting notice
    assert said[joined + 1 :] == ["Hi, this is Ann."], said  # the agent's words; the bot never answered the caller
    assert any(e["type"] == "customer_message" and e["text"] == lines[1] for e in console)
    assert len(rig.events("voice_turn")) == 1 and not rig.events("voice_turn")[0]["cancelled"]


def test_the_call_hangs_up_at_its_maximum_length_and_records_why(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig = Rig(stores, [], lambda text: reply("unused"))
    rig.settings.voice.max_call_s = 30.0

    async def call() -> None:
        await rig.start()
        await rig.silence(31.0)
        assert rig.hung_up == ["maximum call length reached"]
        await rig.call.stop("hangup", {"frames": 1550})  # the transport's loop ends as for any hang-up

    _, took = run_virtual(call, monkeypatch)
    ended = rig.events("call_ended")
    assert len(ended) == 1 and ended[0]["reason"] == "max_call_length" and ended[0]["frames"] == 1550, ended
    assert 30.0 <= ended[0]["duration_s"] <= 31.5 and ended[0]["audio_in_s"] == 31.0, ended
    assert took >= 30.9


def test_a_recorded_call_is_announced_and_keeps_what_each_side_heard(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Both sides on the caller's timeline: the caller's words in the left channel where they said them, the bot's
    in the right where they played; the long reply cut by a barge-in is in it only up to the interruption."""
    long_reply = " ".join(["word"] * 39) + "."  # ten seconds
    lines = ["Tell me about returns.", "Stop, please."]
    rig = Rig(stores, lines, lambda text: reply(long_reply if text == lines[0] else "Sure."))
    path = tmp_path / "recordings" / "call-1.wav"

    async def call() -> None:
        await rig.start(record_to=path)
        await rig.silence(6.0)  # greeting (6 words) and the recording notice (8 words): 3.5 s
        await rig.say(0, 1.0)  # 6.0–7.0 s
        await rig.silence(2.0)  # the long reply starts at ~7.4 s
        await rig.say(1, 1.0)  # 9.0–10.0 s: a barge-in at 9.5 s
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    disclosure = next(e for e in rig.out.events if e["type"] == "disclosure")
    assert disclosure["text"].endswith("This call is recorded for quality and training.")
    assert rig.voice.said[:2] == [GREETING, "This call is recorded for quality and training."]
    with wave.open(str(path)) as recording:
        assert (recording.getnchannels(), recording.getframerate(), recording.getsampwidth()) == (2, 16_000, 2)
        frames = np.frombuffer(recording.readframes(recording.getnframes()), dtype="<i2").reshape(-1, 2)
    caller, bot = frames[:, 0], frames[:, 1]
    assert len(frames) == 13 * 16_000  # the caller's timeline: 13 s of line
    said = np.flatnonzero(caller > 1000) / 16_000
    assert 5.9 <= said[0] <= 6.1 and 9.9 <= said[-1] <= 10.1, (said[0], said[-1])
    heard = np.flatnonzero(bot) / 16_000
    assert heard[0] < 0.1  # the greeting, from the start
    reply_heard = heard[(heard > 7.0) & (heard < 10.2)]
    assert 7.2 <= reply_heard[0] <= 7.6 and 9.4 <= reply_heard[-1] <= 9.6, reply_heard[[0, -1]]  # cut at the barge-in
    assert heard[-1] > 10.2  # then "Sure.", after the caller's interruption
    stored = rig.events("recording")
    assert stored and stored[0]["path"] == str(path) and stored[0]["seconds"] == 13.0
    assert rig.events("call_ended")[0]["recording"] == "call-1.wav"


def test_a_branded_tenants_caller_hears_that_company_named(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tenant with its own brand (a shop on the shared gateway) is named in the AI disclosure on the phone, as
    on its chat page; the gateway's own greeting stays for everyone else."""
    rig = Rig(stores, [], lambda text: reply("unused"))
    rig.settings.brands = {"bloom": Brand(name="Bloom Flowers")}

    async def call() -> None:
        await rig.start(tenant="bloom")  # a call on a bridge that belongs to Bloom
        await rig.silence(1.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    disclosure = next(e["text"] for e in rig.out.events if e["type"] == "disclosure")
    assert "Bloom Flowers" in disclosure and GREETING not in disclosure, disclosure
    assert rig.voice.said == [disclosure]  # spoken in the tenant's name, not only sent


class HalvingSuppressor:
    """A stand-in noise suppressor that halves the caller's level (and says when it is closed)."""

    def __init__(self) -> None:
        self.closed = False

    def push(self, pcm16k: Any) -> Any:
        return (np.asarray(pcm16k, dtype=np.int32) // 2).astype(np.int16)

    def close(self) -> None:
        self.closed = True


def test_with_noise_suppression_the_call_hears_the_suppressed_audio_and_records_what_came(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made: list[HalvingSuppressor] = []

    def new_call() -> HalvingSuppressor:
        made.append(HalvingSuppressor())
        return made[-1]

    rig = Rig(stores, ["I said the first thing.", "I said the second thing."], lambda text: reply("Sure."))
    rig.speech.noise = SimpleNamespace(new_call=new_call)

    async def call() -> None:
        await rig.start(record_to=tmp_path / "call.wav")
        await rig.silence(3.0)
        await rig.say(1, 1.0)  # level 0.2: the second line, unless it reaches VAD and Whisper at half the level
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    assert rig.customer_texts() == ["I said the first thing."]  # what the suppressor gave is what was heard
    assert len(made) == 1 and made[0].closed
    with wave.open(str(tmp_path / "call.wav")) as recording:
        caller = np.frombuffer(recording.readframes(recording.getnframes()), dtype=np.int16)[0::2]
    assert abs(int(np.abs(caller).max()) - int(0.2 * 32767)) < 400  # the recording keeps what the caller sent


def test_a_turn_that_fails_is_apologised_for_and_the_next_one_is_answered(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer_to(text: str) -> AsyncIterator[DialogueEvent]:
        if text == "Where is my order?":
            raise RuntimeError("the anger head failed")
        return reply("It ships tomorrow.")

    rig = Rig(stores, ["Where is my order?", "And my chair?"], answer_to)

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(6.0)
        await rig.say(1, 1.0)
        await rig.silence(4.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    apology = "Sorry, something went wrong on my side and I could not answer that. Please try again."
    said = rig.voice.said  # the apology is said sentence by sentence
    assert said[0] == GREETING and " ".join(said[1:-1]) == apology and said[-1] == "It ships tomorrow."
    failed = rig.events("reply_failed")
    assert len(failed) == 1 and failed[0]["message_id"] is not None
    assert [turn["cancelled"] for turn in rig.events("voice_turn")] == [False, False]


@pytest.mark.parametrize("talking_silence_ms", [400.0, None])
def test_at_a_short_end_of_turn_an_interruption_with_a_pause_still_barges_in(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch, talking_silence_ms: float | None
) -> None:
    """With 200 ms ending a turn, "Wait — [pause] one more thing" over the bot would be two pieces too short to
    interrupt, each dropped as a backchannel; while the bot talks the longer silence keeps it one interruption."""
    long_reply = " ".join(["word"] * 39) + "."  # ten seconds of speech
    lines = ["Tell me about returns.", "Wait, one more thing."]
    rig = Rig(stores, lines, lambda text: reply({lines[0]: long_reply, lines[1]: "Of course."}[text]))
    rig.speech.segmenter = SegmenterConfig(end_silence_ms=200.0, talking_end_silence_ms=talking_silence_ms)

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(1.5)  # the long reply is playing
        await rig.say(1, 0.35)
        await rig.silence(0.3)  # longer than the turn's end, shorter than the talking one
        await rig.say(1, 0.35)
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    if talking_silence_ms is None:  # the old behaviour: two backchannels, the reply played on
        assert rig.customer_texts() == [lines[0]] and rig.out.cleared == 0
        return
    assert rig.customer_texts() == lines and rig.out.kinds().count("barge_in") == 1
    assert rig.voice.said[-1] == "Of course."
