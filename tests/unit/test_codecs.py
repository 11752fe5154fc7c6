"""G.711 and resampling against reference values: CPython's audioop (ITU-T G.711 reference code) and sines."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from hotline.speech.codecs import (
    StreamResampler,
    alaw_decode,
    alaw_encode,
    mulaw_decode,
    mulaw_encode,
    pcm16_from_bytes,
    resample,
    to_int16,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import audioop
    except ImportError:  # removed in Python 3.13
        audioop = None  # type: ignore[assignment]

needs_audioop = pytest.mark.skipif(audioop is None, reason="audioop (the reference) is gone in Python 3.13+")
ALL_SAMPLES = np.arange(-32768, 32768, dtype=np.int16)
ALL_CODES = bytes(range(256))


@needs_audioop
def test_mulaw_encode_matches_reference_for_every_sample() -> None:
    assert mulaw_encode(ALL_SAMPLES) == audioop.lin2ulaw(ALL_SAMPLES.tobytes(), 2)


@needs_audioop
def test_mulaw_decode_matches_reference_for_every_code() -> None:
    assert mulaw_decode(ALL_CODES).tobytes() == audioop.ulaw2lin(ALL_CODES, 2)


@needs_audioop
def test_alaw_matches_reference_both_ways() -> None:
    assert alaw_encode(ALL_SAMPLES) == audioop.lin2alaw(ALL_SAMPLES.tobytes(), 2)
    assert alaw_decode(ALL_CODES).tobytes() == audioop.alaw2lin(ALL_CODES, 2)


def test_known_g711_code_points() -> None:
    # ITU-T G.711 tables: mu-law 0xFF/0x7F are the two zeros, 0x00 is the negative peak; A-law 0xD5 ~ +8.
    assert mulaw_decode(b"\xff\x7f\x00\x80").tolist() == [0, 0, -32124, 32124]
    assert mulaw_encode(np.array([0], dtype=np.int16)) == b"\xff"
    assert alaw_decode(b"\xd5\x55").tolist() == [8, -8]


def test_round_trip_error_is_within_g711_step() -> None:
    x = (np.sin(np.linspace(0, 200 * np.pi, 8000)) * 20000).astype(np.int16)
    for encode, decode in ((mulaw_encode, mulaw_decode), (alaw_encode, alaw_decode)):
        y = decode(encode(x)).astype(np.int32)
        # Companding error grows with amplitude: at most 1/16 of the sample's magnitude (+ a small floor).
        assert np.all(np.abs(y - x) <= np.abs(x.astype(np.int32)) / 16 + 16)


@pytest.mark.parametrize(("source", "target"), [(8000, 16000), (16000, 8000), (48000, 16000), (22050, 8000)])
def test_resample_keeps_a_tone_and_the_duration(source: int, target: int) -> None:
    t = np.arange(source) / source  # one second
    tone = (np.sin(2 * np.pi * 440 * t) * 10000).astype(np.int16)
    out = resample(tone, source, target)
    assert abs(len(out) - target) <= 2
    spectrum = np.abs(np.fft.rfft(out.astype(np.float64)))
    peak_hz = np.argmax(spectrum) * target / len(out)
    assert abs(peak_hz - 440) < 2


def test_stream_resampler_equals_one_shot_without_edge_clicks() -> None:
    t = np.arange(8000) / 8000
    tone = (np.sin(2 * np.pi * 300 * t) * 8000).astype(np.int16)
    stream = StreamResampler(8000, 16000)
    pieces = [stream.push(tone[i : i + 160]) for i in range(0, len(tone), 160)] + [
        stream.push(np.zeros(0, np.int16), last=True)
    ]
    joined = np.concatenate(pieces).astype(np.int32)
    assert abs(len(joined) - 16000) <= 2
    # No discontinuities at the 20 ms frame edges: sample-to-sample steps stay those of a 300 Hz tone.
    assert np.max(np.abs(np.diff(joined[200:-200]))) < 8000 * 2 * np.pi * 300 / 16000 * 1.2


def test_odd_audio_is_cleaned_or_refused() -> None:
    assert to_int16(np.array([np.nan, np.inf, -np.inf, 2.0, -2.0])).tolist() == [0, 0, 0, 32767, -32768]
    with pytest.raises(ValueError, match="even number"):
        pcm16_from_bytes(b"\x00\x01\x02")
    assert len(pcm16_from_bytes(b"")) == 0
