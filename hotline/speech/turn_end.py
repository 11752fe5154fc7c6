"""End of turn: has the caller finished?

A fixed silence is too eager for a caller reading out digits ("five four four … two five two") and slow for a
short "yes". Two helpers, measured by ``hotline bench turn``:

- ``TurnHold`` (on by default): words that stop where a caller does not stop (``sounds_unfinished``: the language
  pack's words such as "and", "my", "的", a trailing comma, a number shorter than a zip code or an order id; and,
  with the words' head of ``turn_words``, any ending that does not read as a finished turn: "I want to return the
  desk") are held for the rest, which joins them. It reads the transcript the turn needs anyway.
- ``SmartTurn`` (off by default: on read speech and TTS it cut more mid-sentence pauses than it saved time): an
  acoustic model that hears the last 8 s of the turn and says how likely the caller is done; the segmenter asks it
  after a short pause and ends the turn early when it says so. Smart Turn v3 (Whisper-tiny encoder + classifier,
  int8 ONNX, ~8.7 MB, BSD-2) ships inside the ``pipecat-ai`` wheel, which setup installs without its
  dependencies: only the weights are read from it, none of its code is imported. One session serves every call
  (onnxruntime's run is thread-safe); callers run it off the event loop.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from hotline.speech.codecs import FloatArray
from hotline.speech.turn_words import TurnWords

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
_WINDOW_S = 8  # the model hears the turn's last 8 s (shorter turns are padded with silence before them)
_N_FFT = 400
_HOP = 160
_N_MELS = 80
PACKAGED_SMART_TURN = "packaged:smart-turn-v3"


class TurnCompletion(Protocol):
    """Probability that the speaker has finished their turn, from the turn's 16 kHz audio (float32)."""

    def __call__(self, audio: FloatArray) -> float: ...


def smart_turn_path(setting: str) -> Path:
    """``packaged:smart-turn-v3`` (the weights in the installed pipecat-ai wheel) or a path to an ONNX file."""
    if setting == PACKAGED_SMART_TURN:
        from hotline.model_paths import package_dir

        data = package_dir("pipecat", "pipecat-ai") / "audio" / "turn" / "smart_turn" / "data"
        return data / "smart-turn-v3.2-cpu.onnx"
    return Path(setting)


@cache
def _mel_filters() -> np.ndarray:
    """Whisper's 80 mel filters (Slaney scale and norm, 0–8 kHz), shape (80, 201)."""

    def hz_to_mel(freq: np.ndarray) -> np.ndarray:
        mels = 3.0 * freq / 200.0
        log_region = freq >= 1000.0
        mels[log_region] = 15.0 + np.log(freq[log_region] / 1000.0) * (27.0 / np.log(6.4))
        return mels

    def mel_to_hz(mels: np.ndarray) -> np.ndarray:
        freq = 200.0 * mels / 3.0
        log_region = mels >= 15.0
        freq[log_region] = 1000.0 * np.exp((np.log(6.4) / 27.0) * (mels[log_region] - 15.0))
        return freq

    fft_freqs = np.linspace(0, SAMPLE_RATE / 2, 1 + _N_FFT // 2)
    top = hz_to_mel(np.array([SAMPLE_RATE / 2.0]))[0]
    mel_points = mel_to_hz(np.linspace(0.0, top, _N_MELS + 2))
    widths = np.diff(mel_points)
    slopes = mel_points[:, None] - fft_freqs[None, :]
    lower = -slopes[:-2] / widths[:-1, None]
    upper = slopes[2:] / widths[1:, None]
    filters = np.maximum(0.0, np.minimum(lower, upper))
    filters *= (2.0 / (mel_points[2 : _N_MELS + 2] - mel_points[:_N_MELS]))[:, None]
    return filters


def log_mel(audio: FloatArray) -> np.ndarray:
    """Whisper-style log-mel features of exactly 8 s of audio, normalised to zero mean and unit variance first:
    shape (80, 800), float32 (what the model was trained on)."""
    x = audio.astype(np.float64)
    x = (x - x.mean()) / np.sqrt(x.var() + 1e-7)
    padded = np.pad(x, (_N_FFT // 2, _N_FFT // 2), mode="reflect")
    frames = np.lib.stride_tricks.sliding_window_view(padded, _N_FFT)[::_HOP]
    window = np.hanning(_N_FFT + 1)[:-1]  # periodic Hann
    power = np.abs(np.fft.rfft(frames * window, axis=-1)) ** 2
    spec = np.log10(np.maximum(1e-10, _mel_filters() @ power.T))[:, :-1]
    spec = np.maximum(spec, spec.max() - 8.0)
    return ((spec + 4.0) / 4.0).astype(np.float32)


def last_window(audio: FloatArray) -> FloatArray:
    """The turn's last 8 s; a shorter turn gets silence before it."""
    size = _WINDOW_S * SAMPLE_RATE
    if len(audio) >= size:
        return audio[-size:]
    return np.pad(audio, (size - len(audio), 0))


class SmartTurn:
    """Smart Turn v3 on onnxruntime, one thread per run: ~60 ms a decision on this 2-core machine."""

    def __init__(self, model_path: Path, threads: int = 1) -> None:
        import onnxruntime

        if not model_path.is_file():
            raise FileNotFoundError(f"turn model not found: {model_path}")
        options = onnxruntime.SessionOptions()
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = threads
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.name = model_path.name

    def __call__(self, audio: FloatArray) -> float:
        features = log_mel(last_window(audio))[None, :, :]
        (probability,) = self._session.run(None, {"input_features": features})
        return float(np.asarray(probability).reshape(-1)[0])


_VALUE_MARK = re.compile(r"[0-9@#a-z]")  # a value said after its name: digits, an id, an e-mail
_TRAILING_MARKS = (",", "-", "–", "—", ":", "…", "...", "，", "、", "：")


def _tokens(text: str, script: str) -> list[str]:
    import re

    if script == "han":  # no spaces: digits and characters one by one, Latin words whole
        return re.findall(r"[a-z']+|\d|[^\W\d_]", text.lower())
    return re.findall(r"[\w']+", text.lower())


def sounds_unfinished(text: str, language: str) -> bool:
    """Whether the words heard so far stop where a caller does not stop: on a word that needs a next one ("and",
    "my", "的": the language pack's ``speech.unfinished``; not in a question: "…where my package is?"), on a
    comma-like mark, or part-way through a number read out (fewer digits than a zip code, than an order number after
    an order word; four after "ends in")."""
    from hotline.languages import pack

    words = text.strip()
    if not words:
        return False
    if words.endswith(_TRAILING_MARKS):
        return True
    language_pack = pack(language)
    speech = language_pack.speech
    if _only_answer_words(words, language_pack):
        return False
    tokens = _tokens(words, language_pack.script)
    unfinished = {str(word).lower() for word in speech.get("unfinished", [])}
    asked = words.endswith(("?", "？"))  # "Can you tell me where my package is?": a question heard whole
    if not asked and tokens and tokens[-1] in unfinished:
        return True
    longer = [word for word in unfinished if len(word) > 1]  # Chinese words of two characters or more ("我的")
    if not asked and language_pack.script == "han" and _ends_with(words, longer, "。.！!"):
        return True
    if _announces_a_value(tokens, words, speech, language_pack.script):
        return True
    return _number_unfinished(tokens, words, speech)


def _only_answer_words(words: str, language_pack: Any) -> bool:
    """A whole turn of the language's yes and no words ("Yes.", "是的。", "嗯，是的", "不对"; in Chinese with the
    pack's ``answer_particles``): an answer heard whole, whatever its last word ("是", "对" also lead into more)."""
    import re

    answers = {str(word).lower() for word in (*language_pack.yes_words, *language_pack.no_words)}
    parts = [part for part in re.split(r"[\s,，、.。!！?？…;；]+", words.lower()) if part]
    if language_pack.script != "han":
        return bool(parts) and all(part in answers for part in parts)
    pieces = answers | {str(word) for word in language_pack.speech.get("answer_particles", [])}
    return bool(parts) and all(_made_of(part, pieces) for part in parts)


def _made_of(text: str, pieces: set[str]) -> bool:
    """Whether ``text`` is a run of ``pieces`` with nothing else ("不是" is 不 + 是)."""
    longest = max(map(len, pieces), default=0)
    ends = {0}
    for end in range(1, len(text) + 1):
        if any(end - size in ends and text[end - size : end] in pieces for size in range(1, longest + 1)):
            ends.add(end)
    return len(text) in ends


def _announces_a_value(tokens: list[str], words: str, speech: dict[str, Any], script: str) -> bool:
    """Ends on the name of a value not said yet ("my order number", heard as "my order numbers."; "我的订单号"), not
    in a question ("what's my order number?"). Where the language names the value first ("номер моего заказа"),
    the name may stand up to the pack's ``announces_within`` words from the end, with no value after it yet (no
    digit, digit word or Latin-script token: "номер #W9667707", "почта aarav")."""
    if words.rstrip().endswith(("?", "？")):
        return False
    announces = [str(word).lower() for word in speech.get("announces", [])]
    if script == "han":
        return _ends_with(words, announces, "。.！!")
    tail = tokens[-max(1, int(speech.get("announces_within", 1))) :]  # 0 would be the whole text
    named = [index for index, token in enumerate(tail) if token in announces]
    if not named:
        return False
    digit_words = _digit_words(speech)
    return not any(token in digit_words or _VALUE_MARK.search(token) for token in tail[named[-1] + 1 :])


def _digit_words(speech: dict[str, Any]) -> set[str]:
    """The pack's spoken digits ("three", "три", 三), lower-cased."""
    return {str(word).lower() for word in speech.get("digits", [])}


def _ends_with(words: str, endings: list[str], marks: str) -> bool:
    """Chinese has no spaces to split a last word off: whether the text ends with one of ``endings``, ``marks``
    (punctuation) aside."""
    stripped = words.rstrip(marks)
    return any(stripped.endswith(ending) for ending in endings)


def _number_unfinished(tokens: list[str], words: str, speech: dict[str, Any]) -> bool:
    """Part-way through a number read out: fewer digits than a zip code (than an order number after an order
    word)."""
    digit_words = _digit_words(speech)
    digits = run = 0
    for token in reversed(tokens):
        if token.isdigit() or token in digit_words:
            digits += len(token) if token.isdigit() else 1
            run += 1
        else:
            break
    if digits == 0:
        return False
    before = tokens[-run - 1] if len(tokens) > run else None
    pronouns = {str(word).lower() for word in speech.get("pronoun_digits", [])}
    cues = {str(word).lower() for word in speech.get("number_cues", [])}
    if run == 1 and tokens[-1] in pronouns and before is not None and before not in cues:
        return False  # "a bigger one": the pronoun, not a number read out
    order_words = [str(word).lower() for word in speech.get("order_words", [])]
    wanted = int(speech.get("number_digits", 5))
    if any(word in words.lower() for word in order_words):
        wanted = max(wanted, int(speech.get("order_digits", wanted)))
    if any(str(cue).lower() in words.lower() for cue in speech.get("last_digits_cues", [])):
        wanted = int(speech.get("last_digits", 4))  # "my card ends in 4421": the last four digits are all of it
    return digits < wanted


def hold_for(text: str, language: str, wait_s: float, words: TurnWords | None, words_wait_s: float) -> float:
    """How long the words heard so far wait for the rest (0: answered now): ``wait_s`` when a rule says they stop
    where a caller does not (``sounds_unfinished``), ``words_wait_s`` (at most ``wait_s``) when only the words'
    head (``turn_words``) reads them as cut off — it is wrong more often than the rules, so a finished caller it
    holds waits less."""
    if wait_s <= 0:
        return 0.0
    if sounds_unfinished(text, language):
        return wait_s
    if words is not None and words.unfinished(text, language):
        return min(words_wait_s, wait_s)
    return 0.0


@dataclass
class TurnHold:
    """A turn whose words stop where a caller does not stop ("my order number is five four four") is held, not
    answered, for up to ``wait_s`` after the speech ended; what the caller says next joins it. Pure logic with an
    injected clock: the call asks ``due(now)`` once the wait has passed."""

    wait_s: float = 1.6  # voice.turn_hold_s
    words: TurnWords | None = None  # the words' head: holds what does not read as a finished turn (None: rules only)
    words_wait_s: float = 1.3  # how long words only the head holds wait (voice.turn_words_hold_s)
    text: str = ""
    until: float = 0.0  # when held words are answered anyway

    def offer(self, text: str, language: str, ended_at: float, again: bool = False) -> str | None:
        """The turn's words to answer now (joined to any held ones; ``again``: heard again with them, so ``text``
        holds them already — ``held_audio``), or None: held until ``until``."""
        joined = f"{self.text} {text}".strip() if self.text and not again else text
        if (wait := hold_for(joined, language, self.wait_s, self.words, self.words_wait_s)) > 0:
            self.keep(joined, ended_at + wait)
            return None
        self.text = ""
        return joined

    def keep(self, text: str, until: float) -> None:
        """Hold ``text`` (what the caller says next joins it) until ``until``."""
        self.text, self.until = text, until

    def due(self, now: float) -> str | None:
        """The held words once their wait has passed (None: nothing held, or still waiting)."""
        if self.text and now >= self.until:
            return self.release()
        return None

    def release(self) -> str | None:
        """The held words now, whatever the time (the call ends, or the caller's next sound had no words)."""
        text, self.text = self.text, ""
        return text or None
