"""Whisper hears a little silence before each utterance (voice.stt_lead_silence_s): first words that start the
audio at once were dropped ("the dreams built around it" heard as "the")."""

from __future__ import annotations

import numpy as np

from hotline.settings import Settings
from hotline.speech.loader import stt_options
from hotline.speech.stt import STTOptions


def test_the_lead_silence_comes_before_the_utterance_and_counts_toward_its_window() -> None:
    options = STTOptions(lead_silence_s=0.15)
    audio = np.full(1_000, 0.5, dtype=np.float32)
    led = options.led(audio)
    assert len(led) == 1_000 + 2_400 and not led[:2_400].any() and (led[2_400:] == 0.5).all()
    assert STTOptions().led(audio) is audio  # none: the utterance as it is


def test_the_setting_reaches_whisper_options() -> None:
    assert stt_options(Settings().voice).lead_silence_s == 0.15
    zero = Settings.model_validate({"voice": {"stt_lead_silence_s": 0}})
    assert stt_options(zero.voice).lead_silence_s == 0


def test_an_utterance_whose_lead_would_not_fit_its_short_window_takes_the_next() -> None:
    from hotline.speech.stt import WhisperTranscriber

    whisper = object.__new__(WhisperTranscriber)  # the window choice needs no model
    audio = np.zeros(int(9.4 * 16_000), dtype=np.float32)  # fits 10 s (less its 0.5 s margin) alone, not with a lead
    assert whisper.window_for(audio, STTOptions(), "en") == 10
    assert whisper.window_for(audio, STTOptions(lead_silence_s=0.15), "en") == 15
