"""``hotline bench turn``'s model of the gateway taking turns: a stream's pieces (as the segmenter ended them)
answered, held for the rest, or taken back and joined to what follows — when the bot takes each turn and what it
heard (``answered``), under one ``Setting``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from hotline.speech.codecs import FloatArray
from hotline.speech.held_audio import HeldAudio
from hotline.speech.turn_end import TurnCompletion, hold_for
from hotline.speech.turn_words import TurnWords
from hotline.speech.vad import WINDOW, SegmenterConfig

RATE = 16_000


@dataclass
class Setting:
    name: str
    config: SegmenterConfig
    model: TurnCompletion | None = None  # asked at each pause (``config.pause_ms``); may end the turn there
    threshold: float = 0.5
    hold_s: float = 0.0  # words that sound unfinished wait this long after the speech for the rest
    words: TurnWords | None = None  # the words' head (with a hold): words that do not read as finished wait too
    words_hold_s: float = 1.6  # ... this long
    # The bot's reply is heard this long after the turn is answered (the dialogue and the first audio): a caller who
    # speaks again before that had not finished — the gateway takes the turn back and joins it to what follows
    # (gateway/voice_take_back.py). 0: every turn answered stands.
    take_back_s: float = 0.0
    # ... and one who starts talking over the reply within this long of its first audio, for at least
    # ``barge_in_s`` (a barge-in; the reply assumed longer than that), had not finished either (voice.take_back_heard_s)
    talk_over_s: float = 0.0
    barge_in_s: float = 0.5
    # Whisper starts on the turn so far after this much silence (voice.early_transcript_ms), so by the turn's end
    # part of its run is done. None: it starts when the turn ends.
    early_ms: float | None = None
    # Pieces joined (held, taken back) are heard again as one utterance, as the gateway does; False: their words
    # joined as text (how the gateway did before issue #22's session 51)
    rehear: bool = True


@dataclass
class Piece:
    """One turn as the segmenter ended it: when (stream ms), the last voiced window (ms), its audio."""

    ended_ms: float
    voiced_ms: float
    audio: FloatArray


@dataclass
class StreamResult:
    pieces: list[Piece]
    starts_ms: list[float]  # where each stretch of speech began
    model_ms: list[float]
    voiced: list[bool] = field(default_factory=list)  # each VAD window of the stream: speech or not


Transcribe = Callable[[FloatArray, str], str]
Heard = Callable[[FloatArray, str], tuple[str, float]]  # a piece's words and the time transcribing them took


def transcripts(stt: Transcribe) -> Heard:
    """``stt`` timed, each piece's words kept: settings that cut a stream into the same pieces share them."""
    kept: dict[tuple[str, bytes], tuple[str, float]] = {}

    def heard(audio: FloatArray, language: str) -> tuple[str, float]:
        key = (language, hashlib.blake2b(np.ascontiguousarray(audio).tobytes(), digest_size=16).digest())
        if key not in kept:
            began = time.perf_counter()
            text = stt(audio, language)
            kept[key] = (text, (time.perf_counter() - began) * 1000)
        return kept[key]

    return heard


@dataclass
class Turn:
    at_ms: float  # when the bot takes it
    voiced_ms: float  # its last voiced window
    stt_ms: float  # transcribing it after the turn ended (less what began early)
    talked_over: bool = False  # it includes a turn whose reply the caller talked over at its start (taken back)
    text: str = ""  # what the bot heard


def answered(result: StreamResult, setting: Setting, language: str, stt: Heard | None) -> list[Turn]:
    """When the bot would take each turn, and what it heard. A piece is transcribed when it ends, or from
    ``early_ms`` into its silence (as the gateway does); with a hold, words that sound unfinished wait for the next
    piece — joined if its speech starts within ``hold_s`` of theirs ending, else answered when the wait ends. With
    ``take_back_s``, a turn whose caller speaks again before its reply is heard is joined to the next piece too; with
    ``talk_over_s``, also one whose reply they talk over from within that long of its start (for ``barge_in_s`` at
    least). Joined pieces are heard again as one (``speech.held_audio``, as the gateway does), or, with
    ``rehear`` off, their words joined as text."""
    turns: list[Turn] = []
    held, talked_over = "", False
    held_audio = HeldAudio()
    for index, piece in enumerate(result.pieces):
        again = held_audio.with_rest(piece.audio) if setting.rehear else None  # None when no audio is held
        audio = piece.audio if again is None else again
        text, stt_ms = stt(audio, language) if stt is not None else (".", 0.0)
        began_ms = (
            piece.ended_ms if setting.early_ms is None else min(piece.ended_ms, piece.voiced_ms + setting.early_ms)
        )
        ready_ms = max(piece.ended_ms, began_ms + stt_ms)
        joined = text if again is not None else f"{held} {text}".strip()
        whole = again is not None or not held  # ``audio`` holds all the joined words
        if (wait_s := hold_for(joined, language, setting.hold_s, setting.words, setting.words_hold_s)) > 0:
            until = piece.voiced_ms + wait_s * 1000
            if any(piece.voiced_ms < start < until for start in result.starts_ms) and index + 1 < len(result.pieces):
                held = joined
                held_audio.keep(audio if whole else None)
                continue
            at_ms = max(until, ready_ms)
        else:
            at_ms = ready_ms
        heard_ms = at_ms + setting.take_back_s * 1000  # the reply's first audio
        if setting.take_back_s > 0 and index + 1 < len(result.pieces):
            went_on = [start for start in result.starts_ms if piece.voiced_ms < start]
            over = bool(went_on) and went_on[0] < heard_ms + setting.talk_over_s * 1000
            before = bool(went_on) and went_on[0] < heard_ms  # the caller went on before hearing the reply
            if before or (
                over and _talking_over_ms(result, index, went_on[0], setting.config) >= setting.barge_in_s * 1000
            ):
                held, talked_over = joined, talked_over or not before  # not before: a barge-in at its start
                held_audio.keep(audio if whole else None)
                continue
        turns.append(Turn(at_ms, piece.voiced_ms, ready_ms - piece.ended_ms, talked_over, joined))
        held, talked_over = "", False
        held_audio.keep(None)
    return turns


def _talking_over_ms(result: StreamResult, index: int, start_ms: float, config: SegmenterConfig) -> float:
    """How long the caller's speech from ``start_ms`` lasts (first to last voiced window) as the gateway hears it
    while the bot talks: to the end of the next piece, or, with ``config.talking_end_silence_ms`` longer than the
    turn's end, across pauses shorter than that (``SegmenterConfig.silence_ms``)."""
    talking = config.silence_ms(busy=True)
    if talking == config.end_silence_ms or not result.voiced:
        return result.pieces[index + 1].voiced_ms - start_ms
    window_ms = WINDOW * 1000 / RATE
    first = last = max(0, round(start_ms / window_ms) - 1)
    quiet, gap = 0, max(1, round(talking / window_ms))
    for at in range(first, len(result.voiced)):
        last, quiet = (at, 0) if result.voiced[at] else (last, quiet + 1)
        if quiet >= gap:
            break
    return (last - first) * window_ms
