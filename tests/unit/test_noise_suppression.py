"""Noise suppression (RNNoise from the pyrnnoise wheel) and the noisy-line bench's pieces: the mix is at the SNR
asked, noises are the seed's, numbers compare however they are written."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from hotline.bench.noise import (
    RATE,
    Utterance,
    active_power,
    babble,
    canonical,
    measure,
    on_the_line,
    phone_line,
    street,
    summarise,
)
from hotline.model_paths import ModelUnavailable
from hotline.speech.denoise import PACKAGED_RNNOISE, RNNoiseLibrary, load_suppressor, rnnoise_library_path
from hotline.speech.vad import UtteranceEnded


def _rnnoise() -> RNNoiseLibrary:
    try:
        return RNNoiseLibrary(rnnoise_library_path(PACKAGED_RNNOISE))
    except (ModelUnavailable, FileNotFoundError) as error:
        pytest.skip(f"RNNoise not installed (scripts/setup.sh installs pyrnnoise): {error}")


def _tone(seconds: float, hz: float = 220.0, level: float = 0.3) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return level * np.sin(2 * np.pi * hz * t)


def _power(pcm: np.ndarray) -> float:
    return float((pcm.astype(np.float64) ** 2).mean())


def test_rnnoise_quietens_steady_noise_and_keeps_a_voice_like_sound_streaming_20_ms_at_a_time() -> None:
    rng = np.random.default_rng(0)
    noise = rng.standard_normal(3 * RATE) * 0.02
    voiced = np.zeros(3 * RATE)
    voiced[RATE : 2 * RATE] = _tone(1.0) * (1 + 0.5 * np.sin(2 * np.pi * 4 * np.arange(RATE) / RATE))
    line = np.clip((noise + voiced) * 32767, -32768, 32767).astype(np.int16)
    suppressor = _rnnoise().new_call()
    out = np.concatenate([suppressor.push(line[i : i + 320]) for i in range(0, len(line), 320)])
    suppressor.close()
    assert abs(len(out) - len(line)) < 1600  # streaming: at most a few frames still inside the resamplers
    assert _power(out[int(0.5 * RATE) : int(0.9 * RATE)]) < 0.1 * _power(line[int(0.5 * RATE) : int(0.9 * RATE)])
    assert suppressor.push(line[:320]).tolist() == line[:320].tolist()  # after close: passed through, no crash


def test_a_missing_library_leaves_calls_without_suppression_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    assert load_suppressor(None) is None
    with caplog.at_level(logging.WARNING):
        assert load_suppressor(str(Path("/nonexistent/librnnoise.so"))) is None
    assert "no noise suppression" in caplog.text


def test_the_mix_is_at_the_signal_to_noise_ratio_asked_measured_on_the_speech() -> None:
    speech = np.concatenate([np.zeros(RATE // 2), _tone(1.0), np.zeros(RATE // 2)]).astype(np.float32)
    utterance = Utterance("tone", "en", "clip", speech, "")
    noise = np.random.default_rng(1).standard_normal(len(speech) + 2 * RATE).astype(np.float32)
    for snr in (10, 5):
        mixed = on_the_line(utterance, noise, snr)
        lead = round(0.8 * RATE)
        added = mixed[lead : lead + len(speech)] - speech
        measured = 10 * np.log10(active_power(speech) / float((added.astype(np.float64) ** 2).mean()))
        assert abs(measured - snr) < 0.5
    quiet = on_the_line(utterance, None, 0)
    assert float(np.abs(quiet[: round(0.8 * RATE)]).max()) == 0.0


def test_noises_are_the_seeds_and_babble_never_uses_the_utterances_own_voice() -> None:
    pool = [_tone(2.0, hz).astype(np.float32) for hz in (200, 300, 400, 500, 600)]
    first = babble(pool, RATE, np.random.default_rng(3))
    assert np.array_equal(first, babble(pool, RATE, np.random.default_rng(3)))
    assert not np.array_equal(first, babble(pool, RATE, np.random.default_rng(4)))
    assert np.array_equal(street(RATE, np.random.default_rng(3)), street(RATE, np.random.default_rng(3)))
    assert len(street(RATE, np.random.default_rng(3))) == RATE


def test_the_phone_line_is_8_khz_mu_law_back_at_16_khz() -> None:
    tone = _tone(1.0, 300.0).astype(np.float32)
    heard = phone_line(tone).astype(np.float64)
    assert abs(len(heard) - len(tone)) < 200
    assert np.abs(np.fft.rfft(heard[: RATE // 2])).argmax() in range(148, 152)  # 300 Hz at 2 Hz a bin: kept
    high = phone_line(_tone(1.0, 5000.0).astype(np.float32)).astype(np.float64)
    assert _power(high) < 0.001 * _power(heard)  # nothing above 4 kHz crosses the line


@pytest.mark.parametrize(
    ("language", "said", "heard"),
    [
        ("en", "My order number is one zero three.", "My order number is 1 0 3."),
        ("en", "one two three", "One, two, three."),
        ("en", "one two three", "1. 2. 3"),  # Whisper's digits, each a sentence: heard right, scored right
        ("ru", "Номер заказа один ноль три", "Номер заказа 103"),
        ("zh", "订单号是一 零 三", "訂單號是103"),
    ],
)
def test_numbers_compare_however_they_are_written(language: str, said: str, heard: str) -> None:
    assert canonical(language, said).rstrip(".") == canonical(language, heard).rstrip(".")


def test_a_single_number_word_in_a_sentence_stays_a_word() -> None:
    assert canonical("en", "The one I ordered") == "The one I ordered"
    assert canonical("zh", "等一下") == "等一下"
    assert canonical("en", "It is 3.5 kg") == "It is 3.5 kg"  # a decimal point is not a gap between digits


def test_the_summary_averages_per_condition_language_and_source() -> None:
    base = {"condition": "quiet", "suppression": "off"}
    rows = [
        {**base, "language": "en", "source": "clip", "error_rate": 0.1, "heard": "a"},
        {**base, "language": "ru", "source": "tts", "error_rate": 0.3, "heard": ""},
    ]
    summary = summarise(rows)["quiet / off"]
    assert summary["all"] == 20.0 and summary["median"] == 20.0
    assert summary["en"] == 10.0 and summary["ru"] == 30.0 and summary["zh"] is None
    assert summary["clip"] == 10.0 and summary["tts"] == 30.0 and summary["nothing_heard"] == 1


def test_the_quiet_clips_are_also_heard_wideband_without_the_phone_line() -> None:
    """The wideband condition is the caller's own 16 kHz audio (a web caller); "quiet" is the same room on a line."""
    heard_lines: list[np.ndarray] = []

    class _Segmenter:
        def __init__(self) -> None:
            self.audio: list[np.ndarray] = []

        def push(self, frame: np.ndarray) -> list[object]:
            self.audio.append(frame)
            return []

        def flush(self) -> list[object]:
            line = np.concatenate(self.audio)
            heard_lines.append(line)
            return [UtteranceEnded(audio=line.astype(np.float32) / 32768, speech_ms=0.0, ended_at_ms=0.0)]

    class _Speech:
        stt_options = None

        def new_segmenter(self) -> _Segmenter:
            return _Segmenter()

        class stt:
            @staticmethod
            def transcribe(audio: np.ndarray, options: object, language: str) -> object:
                return type("Heard", (), {"text": "a tone"})()

    tone = _tone(0.5, 5000.0).astype(np.float32)  # above what a phone line carries
    report = measure([Utterance("tone", "en", "clip", tone, "a tone")], _Speech(), None, 1, lambda _: None)
    assert report["conditions"][:2] == ["wideband", "quiet"]
    wideband, quiet = (_power(line.astype(np.float64)) for line in heard_lines[:2])
    assert quiet < 0.001 * wideband  # the same quiet room, the line drops what the web keeps
    assert report["summary"]["wideband / off"]["en"] == 0.0
