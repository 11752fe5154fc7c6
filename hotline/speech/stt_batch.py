"""One speech worker for every call: utterances that reach Whisper while it is busy go together, as one batch.

Whisper runs one transcription at a time (CTranslate2 serialises on its worker); four callers who stop speaking at
once would wait for each other's transcripts in turn. Here the first utterance to arrive is transcribed at once;
those that arrive meanwhile wait and then go in one encoder pass and one batched decode (measured on the 2-core
reference machine: four 2 s utterances in 0.64 s as a batch against 0.87 s one after another). Nothing waits on
purpose: a lone caller is transcribed as before. Only utterances on the short-window path batch (the same window,
so the same encoder input shape); the rest go straight through.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from hotline.speech.codecs import FloatArray
from hotline.speech.stt import STTOptions, Transcript, WhisperTranscriber

log = logging.getLogger(__name__)


@dataclass(eq=False)
class _Request:
    audio: FloatArray
    options: STTOptions
    language: str | None
    window: int
    result: Transcript | None = None
    error: BaseException | None = None
    done: bool = False


class BatchingTranscriber:
    """The ``SpeechToText`` port over one ``WhisperTranscriber``, shared by every call. Blocking and thread-safe:
    each caller's thread either leads a batch (everything pending) or waits for the batch that carries it."""

    def __init__(self, whisper: WhisperTranscriber, max_batch: int = 8) -> None:
        self.whisper = whisper
        self.name = whisper.name
        self.max_batch = max_batch
        self._pending: list[_Request] = []
        self._busy = False
        self._changed = threading.Condition()
        self.batches: dict[int, int] = {}  # batch size -> how many ran (for the bench and the logs)

    def transcribe(self, audio: FloatArray, options: STTOptions, language: str | None = None) -> Transcript:
        window = self.whisper.window_for(audio, options, language)
        if window is None:
            return self.whisper.transcribe(audio, options, language)
        mine = _Request(np.asarray(audio, dtype=np.float32), options, language, window)
        with self._changed:
            self._pending.append(mine)
            while not mine.done and self._busy:
                self._changed.wait()
            if mine.done:
                return self._result(mine)
            self._busy = True
            others = [r for r in self._pending if r is not mine and r.window == window and r.options == options]
            batch = [mine, *others[: self.max_batch - 1]]  # the leader's own, then the longest waiting
            self._pending = [r for r in self._pending if r not in batch]
        try:
            self._run(batch)
        finally:
            with self._changed:
                self._busy = False
                self._changed.notify_all()
        return self._result(mine)

    def _run(self, batch: list[_Request]) -> None:
        try:
            fast = self.whisper.transcribe_windows(
                [r.audio for r in batch], batch[0].window, batch[0].options, [r.language for r in batch]
            )
        except BaseException as error:  # every waiting caller hears of it, not only the leader
            for request in batch:
                request.error, request.done = error, True
            return
        self.batches[len(batch)] = self.batches.get(len(batch), 0) + 1
        if len(batch) > 1:
            log.debug("whisper batch", extra={"utterances": len(batch)})
        for request, transcript in zip(batch, fast, strict=True):
            try:  # a language the short window does not suit takes the full path (this thread, this request)
                request.result = self.whisper.kept_or_long(transcript, request.audio, request.options)
            except Exception as error:
                request.error = error
            request.done = True

    @staticmethod
    def _result(request: _Request) -> Transcript:
        if request.error is not None:
            raise request.error
        assert request.result is not None
        return request.result
