"""``hotline bench turn``'s model of when the bot takes a turn (bench/turn.answered): a caller who goes on before the
reply is heard, or talks over its first moment, is answered once; pieces are transcribed once per audio."""

from __future__ import annotations

import numpy as np
import pytest

from hotline.bench.turn import cut_turns, summarise
from hotline.bench.turn_answered import Piece, Setting, StreamResult, answered, transcripts
from hotline.speech.vad import SegmenterConfig

FIRST, REST = "I want to return the desk lamp.", "And the water bottle too."


def stream(went_on_ms: float, rest_s: float = 0.8) -> StreamResult:
    """Words to 1.0 s, the turn ended at 1.4 s; the caller goes on at ``went_on_ms`` for ``rest_s``."""
    first, rest = np.zeros(16_000, dtype=np.float32), np.ones(16_000, dtype=np.float32)
    end = went_on_ms + rest_s * 1000
    return StreamResult([Piece(1400.0, 1000.0, first), Piece(end + 400, end, rest)], [0.0, went_on_ms], [])


def heard(audio: np.ndarray, language: str) -> tuple[str, float]:
    return (REST if audio.any() else FIRST), 0.0


TAKE_BACK = Setting("take-back", SegmenterConfig(), take_back_s=0.45)  # the reply heard at 1.85 s
OVER = Setting("talk-over", SegmenterConfig(), take_back_s=0.45, talk_over_s=0.5, barge_in_s=0.5)


@pytest.mark.parametrize(
    ("setting", "went_on_ms", "rest_s", "turns", "talked_over"),
    [
        (TAKE_BACK, 1700.0, 0.8, 1, False),  # before the reply was heard
        (TAKE_BACK, 2100.0, 0.8, 2, False),  # after: a new turn
        (OVER, 2100.0, 0.8, 1, True),  # 0.25 s into the reply, talked over for 0.8 s: taken back
        (OVER, 2100.0, 0.3, 2, False),  # too short to be a barge-in: the reply goes on
        (OVER, 2500.0, 0.8, 2, False),  # 0.65 s into the reply: a new turn
    ],
)
def test_when_the_bot_takes_the_turn(
    setting: Setting, went_on_ms: float, rest_s: float, turns: int, talked_over: bool
) -> None:
    taken = answered(stream(went_on_ms, rest_s), setting, "en", heard)
    assert len(taken) == turns
    assert taken[-1].talked_over is talked_over and taken[-1].voiced_ms == went_on_ms + rest_s * 1000


def test_each_piece_is_transcribed_once() -> None:
    calls: list[int] = []

    def stt(audio: np.ndarray, language: str) -> str:
        calls.append(len(audio))
        return FIRST

    once = transcripts(stt)
    audio = np.zeros(800, dtype=np.float32)
    assert once(audio, "en")[0] == once(audio.copy(), "en")[0] == FIRST and len(calls) == 1
    once(audio, "ru")
    once(np.ones(800, dtype=np.float32), "en")
    assert len(calls) == 3


def test_a_turn_is_cut_when_taken_before_the_last_voiced_window() -> None:
    whole = stream(1700.0)  # taken back: one turn, to the caller's last voiced window
    assert cut_turns(answered(whole, TAKE_BACK, "en", heard), whole) == []
    taken = answered(stream(2500.0), OVER, "en", heard)  # answered, then a new turn: the first was cut
    assert [turn.voiced_ms for turn in cut_turns(taken, stream(2500.0))] == [1000.0]


def test_the_mid_turn_figure_leaves_out_utterances_with_a_longer_pause_of_their_own() -> None:
    def row(cut: bool, long_pause: bool) -> dict[str, object]:
        return {
            "kind": "paused",
            "pause_s": 0.3,
            "source": "clip",
            "lang": "ru",
            "cut": cut,
            "long_pause": long_pause,
            "model_ms": [],
        }

    summary = summarise([row(True, True), row(True, True), row(False, False), row(True, False)])
    assert summary["paused_cut_pct"] == 75.0 and summary["mid_turn_cut_pct"] == 50.0


def test_a_transcript_begun_early_is_ready_sooner() -> None:
    """Words to 1.0 s, the turn ended at 1.4 s, Whisper takes 0.3 s: begun at 1.2 s it is ready at 1.5 s."""

    def slow(audio: np.ndarray, language: str) -> tuple[str, float]:
        return FIRST, 300.0

    late = answered(stream(3000.0), Setting("late", SegmenterConfig()), "en", slow)[0]
    early = answered(stream(3000.0), Setting("early", SegmenterConfig(), early_ms=200.0), "en", slow)[0]
    assert (late.at_ms, late.stt_ms) == (1700.0, 300.0) and (early.at_ms, early.stt_ms) == (1500.0, 100.0)


@pytest.mark.parametrize(("talking_ms", "turns"), [(400.0, 1), (None, 2)])
def test_talking_over_is_measured_across_short_pauses_while_the_bot_talks(talking_ms: float | None, turns: int) -> None:
    """At a 200 ms end of turn "and the [256 ms] water bottle" over the reply's start is two pieces of 288 ms, each too
    short for a barge-in; with the longer silence while the bot talks (as the gateway's segmenter) it is one of
    864 ms, and the turn is taken back."""
    voiced = [i < 31 or 65 <= i <= 74 or 83 <= i <= 92 for i in range(110)]  # 32 ms windows
    first, rest = np.zeros(16_000, dtype=np.float32), np.ones(16_000, dtype=np.float32)
    pieces = [Piece(1200.0, 1000.0, first), Piece(2600.0, 2400.0, rest), Piece(3176.0, 2976.0, rest)]
    result = StreamResult(pieces, [0.0, 2112.0, 2688.0], [], voiced)
    config = SegmenterConfig(end_silence_ms=200.0, talking_end_silence_ms=talking_ms)
    setting = Setting("talk-over", config, take_back_s=0.45, talk_over_s=0.5, barge_in_s=0.5)
    taken = answered(result, setting, "en", heard)
    assert len(taken) == turns and taken[-1].voiced_ms == 2976.0
    assert taken[-1].talked_over is (talking_ms is not None)


@pytest.mark.parametrize(
    ("rehear", "text"), [(True, "I want to return the desk lamp."), (False, "I want to return the Desk clamp.")]
)
def test_held_words_are_heard_again_with_the_rest_as_the_gateway_does(rehear: bool, text: str) -> None:
    """A piece that sounds unfinished is held; the next one is heard with its audio (``rehear``), or joined as text
    to what Whisper made of each piece alone."""

    def stt(audio: np.ndarray, language: str) -> tuple[str, float]:
        if len(audio) > 16_000:
            return "I want to return the desk lamp.", 0.0
        return ("Desk clamp." if audio.any() else "I want to return the"), 0.0

    setting = Setting("hold", SegmenterConfig(), hold_s=1.6, rehear=rehear)
    taken = answered(stream(1700.0), setting, "en", stt)
    assert [turn.text for turn in taken] == [text]
