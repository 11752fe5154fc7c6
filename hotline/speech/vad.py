"""Voice activity: Silero VAD (ONNX, run with onnxruntime and NumPy) and the utterance segmenter on top.

The segmenter turns a stream of 16 kHz PCM into events: speech started, speech going on (for barge-in),
utterance ended (after ``end_silence_ms`` of silence). With a turn model (``pause_ms`` set), a shorter pause
is reported first (``PauseHeard``, with the turn's audio so far): whoever holds the model asks it and, if the
caller sounds finished, ends the turn there (``end_turn``); otherwise ``end_silence_ms`` is the cap. It is
pure logic over per-window probabilities, so its unit tests drive it with any ``SpeechProbability``; the real
one is ``SileroVAD``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from hotline.speech.codecs import FloatArray, Int16Array, to_float

SAMPLE_RATE = 16_000
WINDOW = 512  # samples per Silero window at 16 kHz (32 ms)
_CONTEXT = 64


class SpeechProbability(Protocol):
    def __call__(self, window: FloatArray) -> float: ...

    def reset(self) -> None: ...


def silero_model_path() -> Path:
    from hotline.model_paths import package_dir

    return package_dir("silero_vad", "silero-vad") / "data" / "silero_vad.onnx"


class SileroVAD:
    """One per call: the model carries state from window to window. ~0.1 ms a window on one thread."""

    def __init__(self, model_path: Path | None = None) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(model_path or silero_model_path()), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._sr = np.array(SAMPLE_RATE, dtype=np.int64)
        self.reset()

    def reset(self) -> None:
        self._state = np.zeros((2, 1, 128), dtype=np.float32)
        self._context = np.zeros((1, _CONTEXT), dtype=np.float32)

    def __call__(self, window: FloatArray) -> float:
        x = np.concatenate([self._context, window.reshape(1, -1).astype(np.float32)], axis=1)
        out, self._state = self._session.run(None, {"input": x, "state": self._state, "sr": self._sr})
        self._context = x[:, -_CONTEXT:]
        return float(out[0][0])


@dataclass(frozen=True)
class SpeechStarted:
    at_ms: float


@dataclass(frozen=True)
class SpeechContinues:
    speech_ms: float  # voiced time in this utterance so far


@dataclass(frozen=True)
class UtteranceEnded:
    audio: FloatArray  # 16 kHz mono float32, with a little padding either side
    speech_ms: float
    ended_at_ms: float  # stream time when the speech stopped (before the end-of-turn silence)


@dataclass(frozen=True)
class PauseHeard:
    """The caller paused ``pause_ms``: is the turn over? ``pause`` names this pause for ``end_turn``."""

    audio: FloatArray  # the turn so far, with the pause
    pause: int
    ended_at_ms: float = 0.0  # stream time the speech stopped at (an UtteranceEnded of this speech says the same)


SegmentEvent = SpeechStarted | SpeechContinues | PauseHeard | UtteranceEnded


@dataclass(frozen=True)
class SegmenterConfig:
    threshold: float = 0.5
    end_silence_ms: float = 400.0  # end of turn after this much silence (with a turn model: at the latest)
    # While the bot talks (the segmenter's ``busy``), speech ends after this much silence instead, if longer: an
    # interruption's short pauses do not cut it into pieces too short for a barge-in. None: ``end_silence_ms``.
    talking_end_silence_ms: float | None = None
    pause_ms: float | None = None  # with a turn model: ask it after this much silence
    min_speech_ms: float = 200.0  # shorter blips (clicks, a cough) are dropped
    pad_ms: float = 200.0  # audio kept before the speech onset and after its end
    max_utterance_s: float = 25.0  # a caller who never pauses is cut into turns of this length

    def silence_ms(self, busy: bool) -> float:
        """The silence that ends speech: while the bot talks (``busy``), the longer one where configured."""
        talking = self.talking_end_silence_ms
        return max(self.end_silence_ms, talking) if busy and talking is not None else self.end_silence_ms


class UtteranceSegmenter:
    def __init__(
        self, vad: SpeechProbability, config: SegmenterConfig | None = None, busy: Callable[[], bool] | None = None
    ) -> None:
        self.vad = vad
        self.config = config or SegmenterConfig()
        self.busy = busy  # whether the bot is talking (or answering): ``config.talking_end_silence_ms`` applies
        self._pending = np.zeros(0, dtype=np.float32)
        self._windows: list[FloatArray] = []  # the current utterance (with pre-roll)
        self._preroll: list[FloatArray] = []
        self._in_speech = False
        self._speech_windows = 0
        self._silence_windows = 0
        self._processed = 0  # windows seen since the start of the stream
        self._last_voice_window = 0

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @staticmethod
    def _ms(windows: int) -> float:
        return windows * WINDOW * 1000.0 / SAMPLE_RATE

    def _windows_in(self, ms: float) -> int:
        """How many windows make ``ms`` (at least one)."""
        return max(1, round(ms / self._ms(1)))

    def end_silence_ms(self) -> float:
        """The silence that ends speech now: longer while the bot talks, where the config says so."""
        return self.config.silence_ms(self.busy is not None and self.busy())

    def push(self, pcm16k: Int16Array) -> list[SegmentEvent]:
        self._pending = np.concatenate([self._pending, to_float(pcm16k)])
        events: list[SegmentEvent] = []
        config = self.config
        pre_windows = self._windows_in(config.pad_ms)
        end_windows = self._windows_in(self.end_silence_ms())
        pause_windows = None if config.pause_ms is None else self._windows_in(config.pause_ms)
        max_windows = round(config.max_utterance_s * 1000 / self._ms(1))
        while len(self._pending) >= WINDOW:
            window, self._pending = self._pending[:WINDOW], self._pending[WINDOW:]
            self._processed += 1
            voiced = self.vad(window) >= config.threshold
            if not self._in_speech:
                self._preroll = [*self._preroll[-(pre_windows - 1) :], window] if pre_windows > 1 else [window]
                if voiced:
                    self._in_speech = True
                    self._windows = list(self._preroll)
                    self._speech_windows, self._silence_windows = 1, 0
                    self._last_voice_window = self._processed
                    events.append(SpeechStarted(self._ms(self._processed)))
                continue
            self._windows.append(window)
            if voiced:
                self._speech_windows += 1  # voiced windows only: two clicks with a gap are not speech
                self._silence_windows = 0
                self._last_voice_window = self._processed
                events.append(SpeechContinues(self._ms(self._speech_windows)))
            else:
                self._silence_windows += 1
                if pause_windows is not None and self._silence_windows == pause_windows < end_windows:
                    audio = np.concatenate(self._windows).astype(np.float32)
                    events.append(PauseHeard(audio, self._last_voice_window, self._ms(self._last_voice_window)))
            if self._silence_windows >= end_windows or len(self._windows) >= max_windows:
                events.extend(self._finish(pre_windows))
        return events

    def end_turn(self, pause: int) -> list[UtteranceEnded]:
        """The turn model says the caller finished at ``pause``: the turn ends now, unless the caller has spoken
        again since (or the turn already ended)."""
        if not self._in_speech or self._last_voice_window != pause or self._silence_windows == 0:
            return []
        return self._finish(self._windows_in(self.config.pad_ms))

    def _finish(self, pad_windows: int) -> list[UtteranceEnded]:
        speech_ms = self._ms(self._speech_windows)
        keep = len(self._windows) - max(0, self._silence_windows - pad_windows)
        audio = np.concatenate(self._windows[:keep]) if keep > 0 else np.zeros(0, dtype=np.float32)
        ended_at = self._ms(self._last_voice_window)
        self._in_speech = False
        self._windows, self._preroll = [], []
        self._speech_windows = self._silence_windows = 0
        if speech_ms < self.config.min_speech_ms:
            return []
        return [UtteranceEnded(audio.astype(np.float32), speech_ms, ended_at)]

    def flush(self) -> list[UtteranceEnded]:
        """The stream ended: whatever speech is in progress is an utterance."""
        if not self._in_speech:
            return []
        return self._finish(len(self._windows))
