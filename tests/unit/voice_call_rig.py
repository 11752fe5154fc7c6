"""The virtual-time rig of a phone call (tests/unit/test_voice_call_*.py): the real VoiceCall, segmenter, hub and
outboxes, with a fake VAD, Whisper and voice. The caller speaks in tones: utterance ``k`` is audio at level
``(k + 1) / 10``, which the fake Whisper reads as the script's ``k``-th sentence. The fake voice takes 0.25 s per word.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from hotline.conversation.events import customer_message
from hotline.conversation.hub import Hub
from hotline.conversation.photo_reply import PhotosSeen
from hotline.dialogue.escalation import EscalationState
from hotline.dialogue.flow_state import FlowState
from hotline.dialogue.repetition import Repetition
from hotline.gateway.call_admission import CallAdmission
from hotline.gateway.call_records import CallRecorder
from hotline.gateway.metrics import GatewayMetrics
from hotline.gateway.voice_call import VoiceCall
from hotline.ports import DialogueEvent, SentenceEvent, TurnDone, TurnMetrics
from hotline.redline.rules import RedLine
from hotline.settings import ChatSettings, Settings, VoiceSettings
from hotline.speech.loader import SpeechModels
from hotline.speech.stt import STTOptions, Transcript
from hotline.speech.tts import VoiceBook
from hotline.speech.vad import SegmenterConfig
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import make_engine, migrate, session_factory
from hotline.storage.handoffs import HandoffStore

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
        """Each run of one level is its line (held words heard again with the rest are two levels, in order)."""
        text = " ".join(self.lines[k] for k in lines_said(audio))
        return Transcript(text, "en", 0.99, 0.0, -0.1, len(audio) / RATE, 5.0)


def lines_said(audio: Any) -> tuple[int, ...]:
    """The script's lines in ``audio``, in order: utterance ``k`` is a tone at level ``(k + 1) / 10``."""
    loud = np.abs(np.asarray(audio, dtype=np.float32))
    levels = np.rint(loud[loud > 0.05] * 10).astype(int) - 1
    return tuple(int(k) for k, same in zip(levels, np.r_[False, levels[1:] == levels[:-1]], strict=True) if not same)


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
        # What the session remembers between turns (a turn taken back puts it back: conversation/take_back.py).
        self.flow, self.escalation, self.repetition = FlowState(), EscalationState(), Repetition()
        self.photos, self._acknowledged = PhotosSeen(), False
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


def make_stores(tmp_path: Path) -> tuple[ConversationStore, HandoffStore]:
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

    async def two_utterances(self, gap_s: float, rest_s: float = 1.0, after_s: float = 3.0) -> None:
        """A whole call: the greeting plays, the caller says line 0 for a second, is silent ``gap_s``, says line 1
        for ``rest_s``, is silent ``after_s`` and hangs up."""
        await self.start()
        await self.silence(3.0)
        await self.say(0, 1.0)
        await self.silence(gap_s)
        await self.say(1, rest_s)
        await self.silence(after_s)
        await self.call.stop()

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
