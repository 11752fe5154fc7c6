"""A phone call started early, in virtual time (the rig of voice_call_rig.py): the transcript made during the
end-of-turn silence is the turn's when the caller stays silent, and is dropped when they go on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hotline.settings import VoiceSettings
from hotline.speech.stt import Transcript
from hotline.speech.vad import SegmenterConfig
from hotline.storage.conversations import ConversationStore
from hotline.storage.handoffs import HandoffStore
from tests.unit.voice_call_rig import (
    Rig,
    ScriptedWhisper,
    make_stores,
    reply,
)
from tests.virtual_time import run_virtual


@pytest.fixture
def stores(tmp_path: Path) -> tuple[ConversationStore, HandoffStore]:
    return make_stores(tmp_path)


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
    rig, whisper = _early_rig(stores, ["My order number is", "five four four."])

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
