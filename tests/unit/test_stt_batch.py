"""The shared speech worker: utterances that arrive while Whisper is busy go together as one batch (#22)."""

import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from hotline.speech.stt import STTOptions, Transcript
from hotline.speech.stt_batch import BatchingTranscriber


def transcript(text: str, language: str = "en") -> Transcript:
    return Transcript(text, language, 1.0, 0.0, -0.1, 1.0, 1.0)


class FakeWhisper:
    """Whisper's batching surface: each utterance's first sample names it; a batch takes ``seconds``."""

    name = "fake-whisper"

    def __init__(self, seconds: float = 0.2, fail: bool = False) -> None:
        self.seconds = seconds
        self.fail = fail
        self.batches: list[list[int]] = []
        self.long: list[int] = []
        self.running = 0
        self.most_at_once = 0

    def window_for(self, audio: Any, options: STTOptions, language: str | None) -> int | None:
        return None if len(audio) > 16_000 * 9 else 10

    def transcribe_windows(
        self, audios: Sequence[Any], window_s: int, options: STTOptions, languages: Sequence[str | None]
    ) -> list[Transcript]:
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        self.batches.append([int(a[0]) for a in audios])
        time.sleep(self.seconds)
        self.running -= 1
        if self.fail:
            raise RuntimeError("whisper failed")
        return [transcript(f"utterance {int(a[0])}", lang or "en") for a, lang in zip(audios, languages, strict=True)]

    def kept_or_long(self, fast: Transcript, audio: Any, options: STTOptions) -> Transcript:
        return fast

    def transcribe(self, audio: Any, options: STTOptions, language: str | None = None) -> Transcript:
        self.long.append(int(audio[0]))
        return transcript(f"long {int(audio[0])}")

    def detect_language(self, audio: Any, allowed: Sequence[str]) -> tuple[str, float]:
        return "en", 1.0


def utterance(number: int, seconds: float = 2.0) -> np.ndarray:
    audio = np.zeros(int(16_000 * seconds), dtype=np.float32)
    audio[0] = number
    return audio


def at_once(stt: BatchingTranscriber, audios: list[np.ndarray], gap_s: float = 0.0) -> list[Any]:
    results: list[Any] = [None] * len(audios)

    def call(index: int) -> None:
        try:
            results[index] = stt.transcribe(audios[index], STTOptions(), None)
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(audios))]
    for thread in threads:
        thread.start()
        time.sleep(gap_s)
    for thread in threads:
        thread.join(5)
    return results


def test_utterances_arriving_while_whisper_is_busy_go_as_one_batch() -> None:
    whisper = FakeWhisper(seconds=0.3)
    stt = BatchingTranscriber(whisper)  # type: ignore[arg-type]
    results = at_once(stt, [utterance(n) for n in (1, 2, 3, 4)], gap_s=0.02)
    assert [r.text for r in results] == ["utterance 1", "utterance 2", "utterance 3", "utterance 4"]
    assert whisper.batches[0] == [1]  # the first one is not kept waiting
    assert sorted(whisper.batches[1]) == [2, 3, 4] and len(whisper.batches) == 2
    assert whisper.most_at_once == 1  # one transcription at a time, never several competing
    assert stt.batches == {1: 1, 3: 1}


def test_a_lone_caller_is_transcribed_at_once_and_long_audio_goes_straight_through() -> None:
    whisper = FakeWhisper(seconds=0.0)
    stt = BatchingTranscriber(whisper)  # type: ignore[arg-type]
    assert stt.transcribe(utterance(7), STTOptions()).text == "utterance 7"
    assert stt.transcribe(utterance(8, seconds=12.0), STTOptions()).text == "long 8"
    assert whisper.batches == [[7]] and whisper.long == [8]
    assert stt.name == "fake-whisper"


def test_a_failed_batch_fails_every_caller_in_it_and_the_next_ones_still_run() -> None:
    whisper = FakeWhisper(seconds=0.2, fail=True)
    stt = BatchingTranscriber(whisper)  # type: ignore[arg-type]
    results = at_once(stt, [utterance(n) for n in (1, 2, 3)], gap_s=0.02)
    assert all(isinstance(r, RuntimeError) for r in results)
    whisper.fail = False
    assert stt.transcribe(utterance(5), STTOptions()).text == "utterance 5"


@pytest.mark.parametrize("size", [2, 3])
def test_a_batch_holds_at_most_max_batch(size: int) -> None:
    whisper = FakeWhisper(seconds=0.3)
    stt = BatchingTranscriber(whisper, max_batch=size)  # type: ignore[arg-type]
    at_once(stt, [utterance(n) for n in range(1, 7)], gap_s=0.02)
    assert max(len(b) for b in whisper.batches) <= size
    assert sorted(n for b in whisper.batches for n in b) == [1, 2, 3, 4, 5, 6]
