"""Transcription started early: while the end-of-turn silence runs, Whisper already hears the turn so far.

The segmenter reports a short pause (``PauseHeard``, ``voice.early_transcript_ms`` of silence); the audio so far is
sent to Whisper then (after the audio of any words held for the rest: ``speech.held_audio``). If the caller stays
silent, the turn ends on exactly that speech (the same last voiced window) with the same words held, and its
transcript is taken instead of transcribing again — the silence wait and the transcription
overlap. If the caller goes on, the early transcript is dropped (the work already done is lost: Whisper cannot be
stopped mid-run; at most one early transcription per call is in flight).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from hotline.speech.codecs import FloatArray
from hotline.speech.stt import Transcript
from hotline.speech.vad import PauseHeard

log = logging.getLogger(__name__)


class EarlyTranscript:
    def __init__(self, transcribe: Callable[[FloatArray], Transcript]) -> None:
        self._transcribe = transcribe  # blocking: run in a worker thread
        self._for: tuple[float, int] | None = None  # the transcript in flight: where its speech stopped, held version
        self._task: asyncio.Task[Transcript] | None = None

    def start(self, pause: PauseHeard, audio: FloatArray, held: int) -> None:
        """The caller paused: transcribe the turn so far, ``audio`` (the pause's, after the held words' when they
        are heard again; ``held``: the version of what is held), unless one is already in flight: CPU is not spent
        twice on one caller."""
        if self._task is not None and not self._task.done():
            return
        self._for = (pause.ended_at_ms, held)
        self._task = asyncio.create_task(asyncio.to_thread(self._transcribe, audio))

    async def take(self, ended_at_ms: float, held: int) -> Transcript | None:
        """The turn ended with its speech stopping at ``ended_at_ms``: the early transcript when it heard that same
        speech, with the same words held (waiting for it to finish), else None (and whatever was early is
        dropped)."""
        task, heard = self._task, self._for
        self._task, self._for = None, None
        if task is None:
            return None
        if heard != (ended_at_ms, held):
            task.cancel()
            return None
        try:
            return await task
        except Exception:  # an early run that failed is only a missed head start: the turn is transcribed again
            log.warning("early transcription failed", exc_info=True)
            return None

    def drop(self) -> None:
        """The call ended: nothing early is kept."""
        if self._task is not None:
            self._task.cancel()
        self._task, self._for = None, None
