"""G.711 (mu-law, A-law) and PCM16 conversions, and resampling: the telephony codecs, in NumPy.

Reference: ITU-T G.711. Encoders take int16 samples, decoders return int16; both vectorised so a 20 ms frame
costs microseconds. Tested against the reference values of CPython's (deprecated) ``audioop``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Int16Array = npt.NDArray[np.int16]
FloatArray = npt.NDArray[np.float32]

_MULAW_BIAS = 0x84
_MULAW_CLIP = 32635  # 8159 in the 14-bit domain


def _mulaw_decode_table() -> Int16Array:
    codes = ~np.arange(256, dtype=np.int32) & 0xFF
    sign = codes & 0x80
    exponent = (codes >> 4) & 0x07
    mantissa = codes & 0x0F
    magnitude = (((mantissa << 3) + _MULAW_BIAS) << exponent) - _MULAW_BIAS
    return np.where(sign != 0, -magnitude, magnitude).astype(np.int16)


def _alaw_decode_table() -> Int16Array:
    codes = np.arange(256, dtype=np.int32) ^ 0x55
    sign = codes & 0x80
    exponent = (codes >> 4) & 0x07
    mantissa = codes & 0x0F
    magnitude = np.where(exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0))
    return np.where(sign != 0, magnitude, -magnitude).astype(np.int16)


MULAW_TO_PCM = _mulaw_decode_table()
ALAW_TO_PCM = _alaw_decode_table()


def mulaw_decode(data: bytes) -> Int16Array:
    return MULAW_TO_PCM[np.frombuffer(data, dtype=np.uint8)]


def alaw_decode(data: bytes) -> Int16Array:
    return ALAW_TO_PCM[np.frombuffer(data, dtype=np.uint8)]


def _segment(magnitude: npt.NDArray[np.int32], base: int) -> npt.NDArray[np.int32]:
    """Index of the highest set bit above ``base`` (the G.711 segment), 0..7."""
    shifted = magnitude >> base
    segment = np.zeros_like(magnitude)
    for bit in range(1, 8):
        segment = np.where(shifted >= (1 << bit), bit, segment)
    return segment


def mulaw_encode(pcm: Int16Array) -> bytes:
    # The 14-bit formulation of the ITU reference code (and of CPython's audioop), bit for bit.
    samples = np.asarray(pcm, dtype=np.int32) >> 2
    mask = np.where(samples < 0, 0x7F, 0xFF)
    magnitude = np.minimum(np.abs(samples), _MULAW_CLIP >> 2) + (_MULAW_BIAS >> 2)
    segment = _segment(magnitude, 5)
    code = (segment << 4) | ((magnitude >> (segment + 1)) & 0x0F)
    return ((code ^ mask) & 0xFF).astype(np.uint8).tobytes()


def alaw_encode(pcm: Int16Array) -> bytes:
    samples = np.asarray(pcm, dtype=np.int32) >> 3  # A-law works on 13-bit samples
    sign = np.where(samples >= 0, 0x80, 0)
    magnitude = np.where(samples >= 0, samples, -samples - 1)
    magnitude = np.minimum(magnitude, 0x0FFF)
    exponent = _segment(magnitude, 4)
    exponent = np.where(magnitude < 32, 0, exponent)
    mantissa = np.where(exponent < 1, (magnitude >> 1) & 0x0F, (magnitude >> exponent) & 0x0F)
    code = (sign | (exponent << 4) | mantissa) ^ 0x55
    return code.astype(np.uint8).tobytes()


def pcm16_from_bytes(data: bytes) -> Int16Array:
    if len(data) % 2:
        raise ValueError("PCM16 data must have an even number of bytes")
    return np.frombuffer(data, dtype="<i2").astype(np.int16)


def to_float(pcm: Int16Array) -> FloatArray:
    return (np.asarray(pcm, dtype=np.float32) / 32768.0).astype(np.float32)


def to_int16(audio: npt.NDArray[np.floating]) -> Int16Array:
    """Float audio in [-1, 1] to int16; NaN and infinities become silence, peaks are clipped."""
    clean = np.nan_to_num(np.asarray(audio, dtype=np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    return np.clip(np.round(clean * 32767.0), -32768, 32767).astype(np.int16)


def resample(pcm: Int16Array, from_rate: int, to_rate: int) -> Int16Array:
    """High-quality resampling (soxr, the resampler of SoX); int16 in, int16 out."""
    if from_rate == to_rate or len(pcm) == 0:
        return np.asarray(pcm, dtype=np.int16)
    import soxr

    out = soxr.resample(np.asarray(pcm, dtype=np.int16), from_rate, to_rate, quality="HQ")
    return np.asarray(out, dtype=np.int16)


class StreamResampler:
    """Resampling frame by frame without clicks at frame edges (soxr keeps the filter state)."""

    def __init__(self, from_rate: int, to_rate: int) -> None:
        import soxr

        self.from_rate, self.to_rate = from_rate, to_rate
        self._stream = None if from_rate == to_rate else soxr.ResampleStream(from_rate, to_rate, 1, dtype="int16")

    def push(self, pcm: Int16Array, last: bool = False) -> Int16Array:
        if self._stream is None:
            return np.asarray(pcm, dtype=np.int16)
        return np.asarray(self._stream.resample_chunk(np.asarray(pcm, dtype=np.int16), last=last), dtype=np.int16)
