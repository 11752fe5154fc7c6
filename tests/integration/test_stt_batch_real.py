"""Real Whisper under the shared speech worker: callers who stop speaking at once are transcribed as one batch and
hear the same words as one at a time (#22). Clips of every language: a Russian or Chinese first utterance is
detected in the batch and then takes Whisper's full path, as alone."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pytest

from hotline.speech.codecs import resample, to_float
from hotline.speech.stt_batch import BatchingTranscriber
from tests.integration.voice_helpers import clips, load_clip

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def test_simultaneous_callers_are_batched_and_hear_what_they_would_alone(real_services: Any) -> None:
    speech = real_services.speech
    stt = speech.stt
    assert isinstance(stt, BatchingTranscriber)
    audios = []
    for row in clips():
        pcm, rate = load_clip(row["file"])
        if len(pcm) / rate <= 9:  # the short-window path batches; the 30 s path goes straight through
            audios.append(to_float(resample(pcm, rate, 16_000)))
    assert len(audios) >= 4
    alone = [stt.whisper.transcribe(audio, speech.stt_options, None) for audio in audios]
    together: list[Any] = [None] * len(audios)
    before = dict(stt.batches)

    def call(index: int) -> None:
        together[index] = stt.transcribe(audios[index], speech.stt_options, None)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(audios))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    ran = {size: count - before.get(size, 0) for size, count in stt.batches.items()}
    assert any(size > 1 and count for size, count in ran.items()), ran  # some went together
    for one, batched in zip(alone, together, strict=True):
        assert batched.language == one.language
        assert batched.text == one.text, (one.text, batched.text)
    assert np.mean([t.audio_s for t in together]) > 0
