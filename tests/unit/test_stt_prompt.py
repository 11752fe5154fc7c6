"""The company's words as Whisper's prompt: chosen per language from the settings, passed as previous text, and
text that only echoes them on doubtful audio is dropped (Whisper copies its prompt out of line noise)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np
import pytest

from hotline.settings import VoiceSettings
from hotline.speech.loader import stt_options
from hotline.speech.stt import STTOptions, WhisperTranscriber, _prompt_tokens, _transcript

PROMPT = "Customer service call: orders, refunds, returns, payment methods (credit card, gift card, PayPal)."


def test_the_prompt_is_the_languages_own_and_none_for_the_others() -> None:
    options = stt_options(VoiceSettings(stt_prompts={"en": PROMPT}, languages=["en", "ru", "zh"]))
    assert options.languages == ("en", "ru", "zh")
    assert options.prompt_for("en") == PROMPT
    assert options.prompt_for("ru") == "" and options.prompt_for("zh") == ""
    assert stt_options(VoiceSettings(stt_prompts={}), ["en"]).prompts == ()
    assert STTOptions().prompt_for("en") == ""


def test_the_shipped_settings_prompt_english_only() -> None:
    prompts = VoiceSettings().stt_prompts
    assert set(prompts) == {"en"} and "refunds" in prompts["en"]


class _Tokenizer:
    sot_prev = 50361

    def encode(self, text: str) -> list[int]:
        return [len(word) for word in text.split()]


def test_prompt_tokens_follow_the_previous_text_marker_and_keep_the_last_223() -> None:
    assert _prompt_tokens(_Tokenizer(), "") == []
    assert _prompt_tokens(_Tokenizer(), "  refunds and returns ") == [50361, 7, 3, 7]
    long = _prompt_tokens(_Tokenizer(), " ".join(["a"] * 300 + ["refunds"]))
    assert len(long) == 224 and long[0] == 50361 and long[-1] == 7


def _heard(text: str, no_speech: float, avg_logprob: float, prompt: str = PROMPT) -> tuple[str, str]:
    result = _transcript(text, "en", 1.0, no_speech, avg_logprob, 2.0, time.perf_counter(), "", prompt)
    return result.text, result.dropped


@pytest.mark.parametrize(
    ("text", "no_speech", "avg_logprob"),
    [("Customer service call.", 0.48, -1.39), ("Gift card, PayPal", 0.1, -0.9), ("service", 0.40, -3.87)],
)
def test_an_echo_of_the_prompt_on_doubtful_audio_is_dropped(text: str, no_speech: float, avg_logprob: float) -> None:
    kept, dropped = _heard(text, no_speech, avg_logprob)
    assert kept == "" and dropped.startswith("echo of the prompt")


def test_the_prompts_words_said_clearly_or_among_other_words_are_kept() -> None:
    assert _heard("Refunds.", 0.02, -0.2) == ("Refunds.", "")  # clear audio: the caller said it
    assert _heard("When do refunds arrive?", 0.3, -1.1)[0] == "When do refunds arrive?"  # words of its own
    assert _heard("Customer service call.", 0.5, -1.5, prompt="")[0] == "Customer service call."  # no prompt


class _Result:
    def __init__(self, row: int) -> None:
        self.row = row


class _Generator:
    def __init__(self) -> None:
        self.calls: list[tuple[int, list[list[int]], int]] = []

    def generate(self, features: object, starts: list[list[int]], max_length: int, **_: object) -> list[_Result]:
        rows = np.asarray(features)[:, 0, 0].astype(int).tolist()
        self.calls.append((len(rows), starts, max_length))
        return [_Result(row) for row in rows]


def test_rows_whose_prompts_differ_in_length_decode_in_batches_of_their_own() -> None:
    """CTranslate2 needs the start of transcript at one position in a batch: an English caller (prompted) and a
    Russian one (not) in the same batch decode apart, each result back in its row."""
    whisper = object.__new__(WhisperTranscriber)
    generator = _Generator()
    whisper.model = SimpleNamespace(model=generator)
    encoded = np.arange(4, dtype=np.float32)[:, None, None] * np.ones((4, 2, 3), dtype=np.float32)
    starts = [[9, 9, 1], [1], [9, 9, 1], [1]]
    results = whisper._generate(encoded, starts, [2, 0, 2, 0], 10, STTOptions())
    assert [r.row for r in results] == [0, 1, 2, 3]
    assert sorted((n, m) for n, _, m in generator.calls) == [(2, 120), (2, 122)]
    generator.calls.clear()
    whisper._generate(encoded, [[9, 9, 1]] * 4, [2] * 4, 10, STTOptions())
    assert [n for n, _, _ in generator.calls] == [4]  # one prompt length: one batch
