"""A phone call's timing logic in virtual time: the real VoiceCall, segmenter, hub and outboxes, with a fake VAD,
Whisper and voice, on an event loop whose clock jumps to the next timer — half a minute of call runs in
milliseconds, the same way every time. (The real models are the integration tests' job.)

The caller speaks in tones: utterance ``k`` is audio at level ``(k + 1) / 10``, which the fake Whisper reads as
the script's ``k``-th sentence. The fake voice takes 0.25 s per word.
"""

from __future__ import annotations

import asyncio
import wave
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from hotline.conversation.events import customer_message
from hotline.conversation.hub import AgentConnection, Hub
from hotline.gateway.call_admission import CallAdmission
from hotline.gateway.call_records import CallRecorder
from hotline.gateway.metrics import GatewayMetrics
from hotline.gateway.voice_call import VoiceCall
from hotline.ports import DialogueEvent, SentenceEvent, TurnDone, TurnMetrics
from hotline.redline.rules import RedLine
from hotline.settings import Brand, ChatSettings, Settings, VoiceSettings
from hotline.speech.loader import SpeechModels
from hotline.speech.stt import STTOptions, Transcript
from hotline.speech.tts import VoiceBook
from hotline.speech.vad import SegmenterConfig
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import make_engine, migrate, session_factory
from hotline.storage.handoffs import HandoffStore
from tests.virtual_time import run_virtual

RATE = 16_000
FRAME = RATE // 50  # 20 ms
GREETING = "Hello, I am the AI assistant."


class ToneVAD:
    def __call__(self, window: Any) -> float:
        return 1.0 if float(np.abs(window).max()) > 0.05 else 0.0

    def reset(self) -> None:
        return None


class ScriptedWhisper:
    name = "scripted"

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def transcribe(self, audio: Any, options: Any, language: str | None = None) -> Transcript:
        k = round(float(np.abs(audio).max()) * 10) - 1
        return Transcript(self.lines[k], "en", 0.99, 0.0, -0.1, len(audio) / RATE, 5.0)


class WordVoice:
    """0.25 s of audio per word; remembers what it was asked to say, in order."""

    sample_rate = RATE

    def __init__(self) -> None:
        self.said: list[str] = []

    def synthesize(self, text: str) -> Any:
        self.said.append(text)
        yield np.full(int(0.25 * RATE * max(1, len(text.split()))), 100, dtype=np.int16)


@dataclass
class LineOut:
    """The transport's side: what reached the caller, and when (on the loop's clock)."""

    sample_rate: int = RATE
    played_s: float = 0.0
    cleared: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)

    async def play(self, pcm: Any) -> None:
        self.played_s += len(pcm) / RATE

    async def clear(self) -> None:
        self.cleared += 1

    async def mark(self, name: str) -> None:
        self.marks.append(name)

    async def event(self, payload: dict[str, Any]) -> None:
        self.events.append(payload)

    def kinds(self) -> list[str]:
        return [e["type"] for e in self.events]


Answer = Callable[[str], AsyncIterator[DialogueEvent]]


class ScriptedSession:
    """The conversation session's surface a call uses; the bot's answers come from ``answer_to``."""

    channel = "phone"
    tenant = "demo"

    def __init__(self, services: Any, answer_to: Answer) -> None:
        self.services = services
        self.conversation_id = services.conversations.start("phone")
        self.answer_to = answer_to
        self._send: Callable[[dict[str, Any]], Awaitable[None]] | None = None

    async def attach(self, send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self._send = send
        await self.services.hub.register_customer(self.conversation_id, send)

    async def receive(self, text: str) -> Any:
        stored = self.services.conversations.add_message(self.conversation_id, "customer", text)
        human = await self.services.hub.held_by_human(self.conversation_id)
        if human:
            said = customer_message(self.conversation_id, text, stored.id)
            await self.services.hub.customer_said(self.conversation_id, said)
        return SimpleNamespace(stored=stored, masked_text=text, handled_by_human=human)

    async def answer(self, received: Any) -> AsyncIterator[DialogueEvent]:
        async for event in self.answer_to(received.masked_text):
            yield event

    async def close(self) -> None:
        if self._send is not None:
            await self.services.hub.unregister_customer(self.conversation_id, self._send)


def reply(*sentences: str, first_after_s: float = 0.0) -> AsyncIterator[DialogueEvent]:
    async def events() -> AsyncIterator[DialogueEvent]:
        await asyncio.sleep(first_after_s)  # the model thinking
        for sentence in sentences:
            yield SentenceEvent(sentence)
        yield TurnDone(" ".join(sentences), TurnMetrics())

    return events()


@pytest.fixture
def stores(tmp_path: Path) -> tuple[ConversationStore, HandoffStore]:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    return ConversationStore(session_factory(engine)), HandoffStore(session_factory(engine))


class Rig:
    """One call on a virtual line: the caller pushes 20 ms frames as time passes."""

    def __init__(self, stores: tuple[ConversationStore, HandoffStore], lines: list[str], answer_to: Answer) -> None:
        conversations, handoffs = stores
        self.voice = WordVoice()
        self.speech = SpeechModels(
            stt=ScriptedWhisper(lines),
            stt_options=STTOptions(),
            voices=VoiceBook(self.voice),
            segmenter=SegmenterConfig(),
            greeting_texts={"en": GREETING},
        )
        self.conversations, self.handoffs = conversations, handoffs
        self.settings = Settings(voice=VoiceSettings(), chat=ChatSettings())
        self.answer_to = answer_to
        self.out = LineOut()
        self.hung_up: list[str] = []

    async def start(self, record_to: Path | None = None, tenant: str = "demo") -> VoiceCall:
        self.hub = Hub(self.conversations, self.handoffs, timeout_s=600)
        services: Any = SimpleNamespace(
            settings=self.settings,
            metrics=GatewayMetrics(),
            conversations=self.conversations,
            hub=self.hub,
            calls=CallAdmission(limit=4),
            redline=RedLine(),
        )
        self.session = ScriptedSession(services, self.answer_to)
        self.session.tenant = tenant
        recorder = CallRecorder(record_to) if record_to is not None else None
        self.call = VoiceCall(services, self.speech, self.session, self.out, ToneVAD())  # type: ignore[arg-type]
        self.call.recorder = recorder  # as VoiceCall.open sets it for a tenant that records its calls

        async def hang_up(reason: str) -> None:
            self.hung_up.append(reason)

        await self.call.start(RATE, hang_up)
        return self.call

    async def say(self, k: int, seconds: float) -> None:
        await self._push(np.full(FRAME, int((k + 1) / 10 * 32767), dtype=np.int16), seconds)

    async def silence(self, seconds: float) -> None:
        await self._push(np.zeros(FRAME, dtype=np.int16), seconds)

    async def _push(self, frame: Any, seconds: float) -> None:
        for _ in range(round(seconds * 50)):
            await self.call.push(frame)
            await asyncio.sleep(0.02)

    def events(self, kind: str) -> list[dict[str, Any]]:
        return [payload for _, payload in self.conversations.events(self.session.conversation_id, kind)]

    def customer_texts(self) -> list[str]:
        return [m.text for m in self.conversations.messages(self.session.conversation_id) if m.role == "customer"]


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


class CountingWhisper(ScriptedWhisper):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.heard: list[str] = []

    def transcribe(self, audio: Any, options: Any, language: str | None = None) -> Transcript:
        transcript = super().transcribe(audio, options, language)
        self.heard.append(transcript.text)
        return transcript


def _early_rig(stores: tuple[ConversationStore, HandoffStore], lines: list[str]) -> tuple[Rig, CountingWhisper]:
    rig = Rig(stores, lines, lambda text: reply("Sure."))
    whisper = CountingWhisper(lines)
    rig.speech.stt = whisper
    rig.speech.segmenter = SegmenterConfig(pause_ms=200)  # as segmenter_config sets it for early_transcript_ms
    return rig, whisper


def _one_turn(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    """The greeting plays, the caller says one thing, stays silent for three seconds, hangs up."""

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)


def test_started_early_the_transcript_heard_during_the_silence_is_the_turns(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig, whisper = _early_rig(stores, ["Where is my order?"])

    _one_turn(rig, monkeypatch)
    assert rig.customer_texts() == ["Where is my order?"]
    assert whisper.heard == ["Where is my order?"]  # once, at the pause: not again when the turn ended


def test_started_early_a_caller_who_goes_on_gets_the_whole_turn_heard(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig, whisper = _early_rig(stores, ["My order number is", "My order number is five four four."])

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(0.3)  # a pause past the early start, short of the end of the turn
        await rig.say(1, 1.0)
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    assert rig.customer_texts() == ["My order number is five four four."]
    assert whisper.heard[0] == "My order number is"  # heard early at the pause, then dropped
    assert whisper.heard[1:] == ["My order number is five four four."] * len(whisper.heard[1:])


def test_without_starting_early_whisper_hears_the_turn_once_it_ended(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    rig, whisper = _early_rig(stores, ["Where is my order?"])
    rig.speech.segmenter = SegmenterConfig()
    rig.settings.voice = VoiceSettings(early_transcript_ms=None)

    _one_turn(rig, monkeypatch)
    assert whisper.heard == ["Where is my order?"]


def test_a_short_piece_right_after_the_callers_own_turn_goes_on_with_it_and_is_heard(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = ["Poor thing.", "Guys."]
    rig = Rig(stores, lines, lambda text: reply(" ".join(["word"] * 39) + "."))

    async def call() -> None:
        await rig.start()
        await rig.silence(3.0)
        await rig.say(0, 1.0)
        await rig.silence(0.7)  # the turn ended after 400 ms and the reply has begun
        await rig.say(1, 0.3)  # shorter than barge_in_ms, but the caller is still talking
        await rig.silence(3.0)
        await rig.call.stop()

    run_virtual(call, monkeypatch)
    assert rig.customer_texts() == lines  # not a backchannel: both pieces were heard
