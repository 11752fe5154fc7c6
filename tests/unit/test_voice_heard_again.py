"""Held words heard again with the rest (``speech.held_audio``): a turn cut at a short pause is transcribed once,
whole, not piece by piece and joined as text — in the call (virtual time, the rig of voice_call_rig.py) and as
bookkeeping."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.gateway.voice_early import EarlyTranscript
from hotline.speech.held_audio import RATE, HeldAudio
from hotline.speech.stt import Transcript
from hotline.speech.vad import PauseHeard, SegmenterConfig
from hotline.storage.conversations import ConversationStore
from hotline.storage.handoffs import HandoffStore
from tests.unit.voice_call_rig import Rig, ScriptedWhisper, lines_said, make_stores, reply
from tests.virtual_time import run_virtual


@pytest.fixture
def stores(tmp_path: Path) -> tuple[ConversationStore, HandoffStore]:
    return make_stores(tmp_path)


class PieceWhisper(ScriptedWhisper):
    """Hears a piece cut from flowing speech as Whisper does: wrong on its own, right with the words around it.
    ``heard``: the pieces (levels) of each transcription, in order."""

    def __init__(self, lines: list[str], by_pieces: dict[tuple[int, ...], str]) -> None:
        super().__init__(lines)
        self.by_pieces = by_pieces
        self.heard: list[tuple[int, ...]] = []

    def transcribe(self, audio: Any, options: Any, language: str | None = None) -> Transcript:
        pieces = lines_said(audio)
        self.heard.append(pieces)
        text = self.by_pieces.get(pieces) or " ".join(self.lines[k] for k in pieces)
        return Transcript(text, "en", 0.99, 0.0, -0.1, len(audio) / RATE, 5.0)


CUT = {(0,): "I want to return the", (1,): "Desk clamp.", (0, 1): "I want to return the desk lamp."}


def _cut_turn(rig: Rig, monkeypatch: pytest.MonkeyPatch, pause_s: float = 0.6) -> None:
    """The caller stops mid-sentence for ``pause_s`` (past the 400 ms end of turn), then says the rest."""

    run_virtual(lambda: rig.two_utterances(pause_s, rest_s=0.8), monkeypatch)


@pytest.mark.parametrize("early", [False, True], ids=["at-the-end", "started-early"])
def test_held_words_are_heard_again_with_the_rest_in_one_pass(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    """Joined as text the turn read "I want to return the Desk clamp."; heard again whole it reads as said. Started
    early (at the pause before the end of turn), the early run already hears the held words with the rest, and it is
    the turn's: Whisper runs once for the rest."""
    rig = Rig(stores, ["I want to return the", "desk lamp."], lambda text: reply("Sure."))
    whisper = PieceWhisper(rig.speech.stt.lines, CUT)  # type: ignore[attr-defined]
    rig.speech.stt = whisper
    if early:
        rig.speech.segmenter = SegmenterConfig(pause_ms=200)

    _cut_turn(rig, monkeypatch)
    assert rig.customer_texts() == ["I want to return the desk lamp."]
    assert whisper.heard[-1] == (0, 1) and (1,) not in whisper.heard
    assert whisper.heard.count((0, 1)) == 1
    assert len(rig.events("voice_turn")) == 1


def test_a_turn_taken_back_is_heard_again_with_what_the_caller_went_on_to_say(
    stores: tuple[ConversationStore, HandoffStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first words sounded finished and were being answered; the caller went on before hearing the reply: the
    words taken back are heard again with the rest."""
    asked: list[str] = []

    def answer_to(text: str) -> Any:
        asked.append(text)
        return reply(f"Answer to: {text}", first_after_s=1.0)

    lines = ["I want to return the desk lamp.", "And the water bottle too."]
    rig = Rig(stores, lines, answer_to)
    whole = "I want to return the desk lamp and the water bottle too."
    rig.speech.stt = PieceWhisper(lines, {(1,): "Under water bottle too.", (0, 1): whole})

    _cut_turn(rig, monkeypatch, pause_s=0.8)
    assert asked == [lines[0], whole]
    assert rig.customer_texts() == [whole]


def test_keyed_digits_after_held_words_are_joined_as_text_and_nothing_is_heard_again() -> None:
    held = HeldAudio()
    held.keep(np.full(RATE, 0.1, dtype=np.float32))
    held.answered(None, None)  # keyed digits: the turn has no audio
    assert held.audio is None and held.spoken is None
    assert held.with_rest(np.full(RATE, 0.2, dtype=np.float32)) is None


def test_the_held_audio_and_the_rest_are_one_utterance_with_a_short_gap_unless_too_long() -> None:
    held = HeldAudio(gap_s=0.15, max_s=5.0)
    rest = np.full(RATE, 0.2, dtype=np.float32)
    assert held.with_rest(rest) is None  # nothing held
    version = held.version
    held.keep(np.full(RATE, 0.1, dtype=np.float32))
    assert held.version == version + 1
    joined = held.with_rest(rest)
    assert joined is not None and len(joined) == 2 * RATE + round(0.15 * RATE)
    assert joined[RATE : RATE + round(0.15 * RATE)].max() == 0.0 and joined[-1] == np.float32(0.2)
    held.keep(np.full(6 * RATE, 0.1, dtype=np.float32))
    assert held.with_rest(rest) is None  # held audio past max_s: joined as text


def test_words_answered_keep_their_audio_for_a_take_back_of_exactly_those_words() -> None:
    held = HeldAudio()
    audio = np.full(RATE, 0.1, dtype=np.float32)
    held.keep(audio)
    held.answered("I want to return the desk lamp.", audio)
    assert held.audio is None  # nothing held once answered
    found = held.audio_of("I want to return the desk lamp.")
    assert found is not None and np.array_equal(found, audio)
    assert held.audio_of("Something else.") is None


def test_an_early_transcript_heard_with_other_held_words_is_not_taken() -> None:
    """Started before the words before it were held (their turn was still being heard), the early run heard the
    utterance alone: it is dropped, and the turn heard again with the held words."""
    heard: list[int] = []

    def transcribe(audio: Any) -> Transcript:
        heard.append(len(audio))
        return Transcript("rest", "en", 0.99, 0.0, -0.1, 1.0, 5.0)

    async def check() -> None:
        early = EarlyTranscript(transcribe)
        pause = PauseHeard(np.zeros(RATE, dtype=np.float32), 1, 1000.0)
        early.start(pause, pause.audio, held=3)
        assert await early.take(1000.0, held=4) is None
        early.start(pause, pause.audio, held=4)
        taken = await early.take(1000.0, held=4)
        assert taken is not None and taken.text == "rest"

    asyncio.run(check())
