"""The utterance segmenter's turn logic, driven by a scripted speech probability (no model)."""

from __future__ import annotations

import numpy as np

from hotline.speech.vad import (
    WINDOW,
    PauseHeard,
    SegmenterConfig,
    SpeechContinues,
    SpeechStarted,
    UtteranceEnded,
    UtteranceSegmenter,
)


class ScriptedVAD:
    """Speech wherever the window's samples are non-zero (the tests write loud windows for speech)."""

    def __call__(self, window: np.ndarray) -> float:
        return 1.0 if np.abs(window).max() > 0.01 else 0.0

    def reset(self) -> None:
        pass


def audio(pattern: str) -> np.ndarray:
    """'S' a 32 ms window of speech, '.' one of silence."""
    return np.concatenate([np.full(WINDOW, 8000 if c == "S" else 0, dtype=np.int16) for c in pattern])


def run(pattern: str, config: SegmenterConfig | None = None) -> list[object]:
    segmenter = UtteranceSegmenter(ScriptedVAD(), config or SegmenterConfig(end_silence_ms=320, min_speech_ms=96))
    events: list[object] = []
    data = audio(pattern)
    for start in range(0, len(data), 160):  # 10 ms frames at 16 kHz, not aligned to windows
        events += segmenter.push(data[start : start + 160])
    return events + segmenter.flush()


def test_one_utterance_after_end_silence() -> None:
    events = run("...." + "S" * 20 + "." * 12)
    ended = [e for e in events if isinstance(e, UtteranceEnded)]
    assert len(ended) == 1 and isinstance(events[0], SpeechStarted)
    assert abs(ended[0].speech_ms - 20 * 32) < 1
    # padding before and after the speech is kept, the long trailing silence is not
    assert 20 * WINDOW < len(ended[0].audio) <= (20 + 7 + 7) * WINDOW


def test_short_pause_inside_speech_does_not_end_the_turn() -> None:
    events = run("S" * 10 + "..." + "S" * 10 + "." * 12)
    assert len([e for e in events if isinstance(e, UtteranceEnded)]) == 1


def test_two_utterances_separated_by_a_long_pause() -> None:
    events = run("S" * 10 + "." * 12 + "S" * 10 + "." * 12)
    assert len([e for e in events if isinstance(e, UtteranceEnded)]) == 2


def test_blips_and_silence_make_no_turn() -> None:
    assert run("." * 50) == []
    assert not [e for e in run("..S......S......") if isinstance(e, UtteranceEnded)]


def test_speech_duration_is_reported_while_speaking_for_barge_in() -> None:
    events = run("S" * 30)
    durations = [e.speech_ms for e in events if isinstance(e, SpeechContinues)]
    assert durations == sorted(durations) and durations[-1] >= 29 * 32


def test_a_caller_who_never_pauses_is_cut_at_the_maximum() -> None:
    config = SegmenterConfig(end_silence_ms=320, min_speech_ms=96, max_utterance_s=1.0)
    ended = [e for e in run("S" * 100, config) if isinstance(e, UtteranceEnded)]
    assert len(ended) >= 3


TURN_CONFIG = SegmenterConfig(end_silence_ms=960, pause_ms=192, min_speech_ms=96)


def run_with_turn_model(pattern: str, finished: float) -> list[object]:
    """The segmenter with a turn model that answers ``finished`` at every pause, decided at once."""
    segmenter = UtteranceSegmenter(ScriptedVAD(), TURN_CONFIG)
    events: list[object] = []
    data = audio(pattern)
    for start in range(0, len(data), 160):
        for event in segmenter.push(data[start : start + 160]):
            events.append(event)
            if isinstance(event, PauseHeard) and finished >= 0.5:
                events += segmenter.end_turn(event.pause)
    return events + segmenter.flush()


def test_a_pause_is_reported_once_with_the_turn_so_far() -> None:
    events = run("S" * 10 + "." * 40, TURN_CONFIG)
    pauses = [e for e in events if isinstance(e, PauseHeard)]
    assert len(pauses) == 1
    assert len(pauses[0].audio) >= 10 * WINDOW + 6 * WINDOW  # the speech and the pause heard so far
    # nobody ended it early: the turn still ends, at the longest silence
    assert len([e for e in events if isinstance(e, UtteranceEnded)]) == 1


def test_a_finished_caller_is_answered_at_the_short_pause() -> None:
    events = run_with_turn_model("S" * 10 + "." * 40, finished=0.9)
    ended = [i for i, e in enumerate(events) if isinstance(e, UtteranceEnded)]
    pause = next(i for i, e in enumerate(events) if isinstance(e, PauseHeard))
    assert ended == [pause + 1]
    assert isinstance(events[-1], UtteranceEnded)  # and nothing more after it: no second turn from the silence


def test_an_unfinished_caller_keeps_the_turn_across_a_pause_longer_than_the_fixed_silence() -> None:
    # "five four four ... two five two": a 0.6 s pause inside the turn, the model says "not finished"
    events = run_with_turn_model("S" * 10 + "." * 19 + "S" * 10 + "." * 40, finished=0.1)
    assert len([e for e in events if isinstance(e, PauseHeard)]) == 2
    ended = [e for e in events if isinstance(e, UtteranceEnded)]
    assert len(ended) == 1 and abs(ended[0].speech_ms - 20 * 32) < 1


def test_end_turn_for_a_pause_the_caller_has_spoken_after_does_nothing() -> None:
    segmenter = UtteranceSegmenter(ScriptedVAD(), TURN_CONFIG)
    heard = [e for e in segmenter.push(audio("S" * 10 + "." * 7)) if isinstance(e, PauseHeard)]
    assert heard
    segmenter.push(audio("SS"))  # the caller went on while the model was deciding
    assert segmenter.end_turn(heard[0].pause) == []
    assert segmenter.in_speech


def test_while_the_bot_talks_a_short_pause_does_not_cut_the_callers_speech() -> None:
    """At a short end of turn an interruption with a pause would be two pieces, each too short for a barge-in;
    while the bot talks the longer silence applies and its speech adds up across the pause."""
    config = SegmenterConfig(end_silence_ms=192, talking_end_silence_ms=384, min_speech_ms=96)
    pattern = "S" * 10 + "." * 8 + "S" * 10 + "." * 16
    talking = [True]

    def pieces(busy: bool) -> list[object]:
        talking[0] = busy
        segmenter = UtteranceSegmenter(ScriptedVAD(), config, busy=lambda: talking[0])
        events: list[object] = []
        for start in range(0, len(data := audio(pattern)), 160):
            events += segmenter.push(data[start : start + 160])
        return events

    quiet, over = pieces(False), pieces(True)
    assert len([e for e in quiet if isinstance(e, UtteranceEnded)]) == 2
    ended = [e for e in over if isinstance(e, UtteranceEnded)]
    assert len(ended) == 1 and abs(ended[0].speech_ms - 20 * 32) < 1
    assert max(e.speech_ms for e in over if isinstance(e, SpeechContinues)) >= 19 * 32  # a barge-in at 500 ms


def test_the_bot_falling_silent_ends_the_callers_speech_at_the_short_silence() -> None:
    config = SegmenterConfig(end_silence_ms=192, talking_end_silence_ms=384, min_speech_ms=96)
    talking = [True]
    segmenter = UtteranceSegmenter(ScriptedVAD(), config, busy=lambda: talking[0])
    assert segmenter.end_silence_ms() == 384
    events: list[object] = []
    data = audio("S" * 10 + "." * 8)
    for start in range(0, len(data), 160):
        events += segmenter.push(data[start : start + 160])
    assert not [e for e in events if isinstance(e, UtteranceEnded)]  # 256 ms of silence: still speech
    talking[0] = False  # the bot was barged in on, or finished
    assert segmenter.end_silence_ms() == 192
    ended = [e for e in segmenter.push(audio("..")) if isinstance(e, UtteranceEnded)]
    assert len(ended) == 1
    assert UtteranceSegmenter(ScriptedVAD(), SegmenterConfig(end_silence_ms=192)).end_silence_ms() == 192
