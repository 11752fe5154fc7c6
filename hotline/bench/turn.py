"""``hotline bench turn``: when does a caller's turn end — fixed silence against the semantic turn model.

Utterances: the real speech clips in ../shared/data/speech (en, ru, zh) and phone phrases of the demo store
(order numbers, zip codes, e-mail, item lists; en by Piper, ru/zh by espeak-ng where installed). Whisper's word
timestamps give the word boundaries; each variant inserts one pause (0.3, 0.5, 0.8 or 1.2 s of faint line noise) at
a boundary drawn by the seed. A variant is **cut** when the bot takes a turn that ends before the caller's last
voiced window (by the same VAD, so Whisper's word timestamps, which drift on synthetic speech, do not decide it).
Utterances that already pause longer than the longest inserted pause as spoken (a real clip's 1.7 s breath) are cut
there in every variant: the mid-turn figure leaves them out, the overall one keeps them. On the utterances as spoken
(with 2 s of line noise after them) the **wait** is the time from the last voiced window to the turn's end (with the
model: the pause it waits for, plus its own run time, measured).
Each setting runs the same variants through the real Silero VAD and segmenter, one window at a time.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from hotline.bench.stats import percentile
from hotline.speech.codecs import FloatArray
from hotline.speech.turn_end import TurnCompletion, hold_for
from hotline.speech.turn_words import TurnWords
from hotline.speech.vad import (
    WINDOW,
    PauseHeard,
    SegmenterConfig,
    SileroVAD,
    SpeechStarted,
    UtteranceEnded,
    UtteranceSegmenter,
)

RATE = 16_000
PAUSES_S = (0.3, 0.5, 0.8, 1.2)
NOISE_DBFS = -60.0
# Phone phrases: what callers read out with pauses. {digits} etc. are drawn by the seed, spoken as words.
PHRASES = {
    "en": (
        "My order number is {digits}.",
        "The zip code is {zip} and my name is Sofia Rossi.",
        "I want to return the desk lamp and the water bottle from my last order.",
        "Can you send it to 12 Oak Street, apartment 4, instead?",
        "My email is sofia dot rossi at example dot com.",
        "Cancel the order, please.",
        "Yes, that's right.",
        "How long does a refund take?",
    ),
    "ru": (
        "Номер моего заказа {digits}.",
        "Я хочу вернуть настольную лампу и бутылку для воды.",
        "Да, всё верно.",
        "Сколько идёт возврат денег?",
    ),
    "zh": (
        "我的订单号是{digits}。",
        "我想退台灯和水瓶。",
        "对，没错。",
        "退款要多久？",
    ),
}


@dataclass
class Spoken:
    id: str
    language: str
    source: str  # "clip" (real speech) or "tts"
    audio: FloatArray
    boundaries: list[float] = field(default_factory=list)  # seconds between words where a pause can go


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


class _Recorded:
    """The VAD, each window's verdict kept (speech at ``threshold``)."""

    def __init__(self, vad: SileroVAD, threshold: float, voiced: list[bool]) -> None:
        self.vad, self.threshold, self.voiced = vad, threshold, voiced

    def __call__(self, window: FloatArray) -> float:
        probability = self.vad(window)
        self.voiced.append(probability >= self.threshold)
        return probability

    def reset(self) -> None:
        self.vad.reset()


def _noise(n: int, rng: np.random.Generator) -> FloatArray:
    return (rng.standard_normal(n) * 10 ** (NOISE_DBFS / 20)).astype(np.float32)


def run_stream(audio: FloatArray, setting: Setting, vad: SileroVAD) -> StreamResult:
    """The audio through VAD and segmenter window by window; at each reported pause the model decides, and its
    run time is counted into the moment the turn ends."""
    vad.reset()
    result = StreamResult([], [], [])
    segmenter = UtteranceSegmenter(_Recorded(vad, setting.config.threshold, result.voiced), setting.config)
    for start in range(0, len(audio) - WINDOW + 1, WINDOW):
        now_ms = (start + WINDOW) * 1000 / RATE
        window = np.clip(audio[start : start + WINDOW] * 32768, -32768, 32767).astype(np.int16)
        for event in segmenter.push(window):
            if isinstance(event, SpeechStarted):
                result.starts_ms.append(event.at_ms)
            elif isinstance(event, UtteranceEnded):
                result.pieces.append(Piece(now_ms, event.ended_at_ms, event.audio))
            elif isinstance(event, PauseHeard) and setting.model is not None:
                began = time.perf_counter()
                finished = setting.model(event.audio)
                spent = (time.perf_counter() - began) * 1000
                result.model_ms.append(spent)
                if finished >= setting.threshold:
                    ended = segmenter.end_turn(event.pause)
                    result.pieces.extend(Piece(now_ms + spent, e.ended_at_ms, e.audio) for e in ended)
    result.pieces.extend(Piece(len(audio) * 1000 / RATE, e.ended_at_ms, e.audio) for e in segmenter.flush())
    return result


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


def answered(result: StreamResult, setting: Setting, language: str, stt: Heard | None) -> list[Turn]:
    """When the bot would take each turn. A piece is transcribed when it ends, or from ``early_ms`` into its
    silence (as the gateway does); with a hold, words that sound unfinished wait for the next piece — joined if its
    speech starts within ``hold_s`` of theirs ending, else answered when the wait ends. With ``take_back_s``, a turn
    whose caller speaks again before its reply is heard is joined to the next piece too; with ``talk_over_s``, also
    one whose reply they talk over from within that long of its start (for ``barge_in_s`` at least)."""
    turns: list[Turn] = []
    held, talked_over = "", False
    for index, piece in enumerate(result.pieces):
        text, stt_ms = stt(piece.audio, language) if stt is not None else (".", 0.0)
        began_ms = (
            piece.ended_ms if setting.early_ms is None else min(piece.ended_ms, piece.voiced_ms + setting.early_ms)
        )
        ready_ms = max(piece.ended_ms, began_ms + stt_ms)
        joined = f"{held} {text}".strip()
        if (wait_s := hold_for(joined, language, setting.hold_s, setting.words, setting.words_hold_s)) > 0:
            until = piece.voiced_ms + wait_s * 1000
            if any(piece.voiced_ms < start < until for start in result.starts_ms) and index + 1 < len(result.pieces):
                held = joined
                continue
            at_ms = max(until, ready_ms)
        else:
            at_ms = ready_ms
        heard_ms = at_ms + setting.take_back_s * 1000  # the reply's first audio
        if setting.take_back_s > 0 and index + 1 < len(result.pieces):
            went_on = [start for start in result.starts_ms if piece.voiced_ms < start]
            if went_on and went_on[0] < heard_ms:  # the caller went on before hearing the reply
                held = joined
                continue
            over = went_on and went_on[0] < heard_ms + setting.talk_over_s * 1000
            if over and _talking_over_ms(result, index, went_on[0], setting.config) >= setting.barge_in_s * 1000:
                held, talked_over = joined, True  # a barge-in at the reply's start
                continue
        turns.append(Turn(at_ms, piece.voiced_ms, ready_ms - piece.ended_ms, talked_over))
        held, talked_over = "", False
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


def _words(stt: Any, audio: FloatArray, language: str) -> list[tuple[float, float]]:
    whisper = getattr(stt, "whisper", stt)  # under the gateway's batching transcriber
    segments, _ = whisper.model.transcribe(audio, language=language, word_timestamps=True, beam_size=1)
    return [(w.start, w.end) for s in segments for w in (s.words or [])]


def _spoken(item_id: str, language: str, source: str, audio: FloatArray, stt: Any) -> Spoken | None:
    words = _words(stt, audio, language)
    if not words:
        return None
    boundaries = [(a_end + b_start) / 2 for (_, a_end), (b_start, _) in itertools.pairwise(words)]
    boundaries = [b for b in boundaries if 0.3 < b < words[-1][1] - 0.2]
    return Spoken(item_id, language, source, audio, boundaries)


def shared_clips(shared_dir: Path) -> list[tuple[dict[str, str], FloatArray]]:
    """The real speech clips of ../shared/data/speech: (their transcripts.tsv row, mono 16 kHz audio)."""
    import soundfile as sf

    from hotline.speech.codecs import resample, to_float

    clips = []
    tsv = shared_dir / "speech" / "transcripts.tsv"
    if tsv.exists():
        with tsv.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                audio, rate = sf.read(shared_dir / "speech" / row["file"], dtype="int16")
                if audio.ndim > 1:
                    audio = audio.mean(axis=1).astype(np.int16)
                clips.append((row, to_float(resample(audio, rate, RATE))))
    return clips


def load_spoken(shared_dir: Path, speech: Any, seed: int, progress: Callable[[str], None]) -> list[Spoken]:
    from hotline.languages import pack
    from hotline.speech.codecs import to_float
    from hotline.speech.loader import synthesize_all

    found: list[Spoken] = []
    for row, mono in shared_clips(shared_dir):
        if (item := _spoken(f"clip:{row['file']}", row["lang"], "clip", mono, speech.stt)) is not None:
            found.append(item)
    rng = random.Random(seed)
    for language, phrases in PHRASES.items():
        if language != "en" and language not in speech.voices.by_language:
            progress(f"no {language} voice: its phone phrases are skipped")
            continue
        voice = speech.voices.for_language(language)
        for index, template in enumerate(phrases):
            names = pack(language).speech["digits"]
            digits = " ".join(names[int(d)] for d in str(rng.randrange(1_000_000, 9_999_999)))
            zip_code = " ".join(names[int(d)] for d in str(rng.randrange(10_000, 99_999)))
            text = template.format(digits=digits, zip=zip_code)
            audio = to_float(synthesize_all(voice, text, RATE))
            if (item := _spoken(f"tts:{language}:{index}", language, "tts", audio, speech.stt)) is not None:
                found.append(item)
    progress(f"{len(found)} utterances, {sum(len(s.boundaries) for s in found)} word boundaries")
    return found


def variants(spoken: list[Spoken], seed: int, per_utterance: int) -> list[tuple[Spoken, float, float]]:
    """(utterance, where the pause goes in s, how long) — up to ``per_utterance`` boundaries each, every length."""
    rng = random.Random(seed)
    chosen: list[tuple[Spoken, float, float]] = []
    for item in spoken:
        places = rng.sample(item.boundaries, min(per_utterance, len(item.boundaries)))
        chosen.extend((item, place, pause) for place in sorted(places) for pause in PAUSES_S)
    return chosen


def with_pause(item: Spoken, at_s: float, pause_s: float, rng: np.random.Generator) -> FloatArray:
    cut = round(at_s * RATE)
    return np.concatenate(
        [item.audio[:cut], _noise(round(pause_s * RATE), rng), item.audio[cut:], _noise(2 * RATE, rng)]
    )


CUT_TOLERANCE_MS = 150.0  # a turn ending this close to the last voiced window holds all of the caller's words


def cut_turns(turns: list[Turn], result: StreamResult) -> list[Turn]:
    """The turns taken before the caller's last voiced window in the stream (the VAD's, as the gateway hears it)."""
    last_ms = max((piece.voiced_ms for piece in result.pieces), default=0.0)
    return [turn for turn in turns if turn.voiced_ms < last_ms - CUT_TOLERANCE_MS]


def long_pauses(spoken: list[Spoken], config: SegmenterConfig, vad: SileroVAD) -> set[str]:
    """The utterances that pause longer than the longest inserted pause as spoken: their speech is in more than one
    piece after that much silence."""
    longest = Setting("longest pause", replace(config, end_silence_ms=max(PAUSES_S) * 1000))
    found = set()
    for item in spoken:
        if len(run_stream(np.concatenate([item.audio, np.zeros(RATE, dtype=np.float32)]), longest, vad).pieces) > 1:
            found.add(item.id)
    return found


def measure(
    settings: list[Setting],
    spoken: list[Spoken],
    seed: int,
    per_utterance: int,
    progress: Callable[[str], None],
    stt: Transcribe | None = None,
) -> dict[str, Any]:
    vad = SileroVAD()
    heard = transcripts(stt) if stt is not None else None
    chosen = variants(spoken, seed, per_utterance)
    report: dict[str, Any] = {"utterances": len(spoken), "variants": len(chosen), "settings": {}}
    paused_long = long_pauses(spoken, settings[0].config, vad) if settings else set()
    report["long_pause_utterances"] = sorted(paused_long)
    for setting in settings:
        rng = np.random.default_rng(seed)
        rows: list[dict[str, Any]] = []
        # Without a hold or a take-back the words change nothing: not transcribed, not timed.
        listen = heard if setting.hold_s > 0 or setting.take_back_s > 0 else None
        for item in spoken:  # as spoken: how long a finished caller waits for the bot to take the turn
            audio = np.concatenate([item.audio, _noise(2 * RATE, rng)])
            result = run_stream(audio, setting, vad)
            turns = answered(result, setting, item.language, listen)
            early = cut_turns(turns, result)
            finals = [turn for turn in turns if turn not in early]
            row = _row(item, "as_spoken", 0.0, bool(early), result.model_ms, item.id in paused_long)
            row["talked_over"] = any(turn.talked_over for turn in turns)  # a reply begun, then talked over
            if finals:  # the turn-taking wait, transcription aside
                row["wait_ms"] = finals[0].at_ms - finals[0].voiced_ms - finals[0].stt_ms
            rows.append(row)
        for item, at_s, pause_s in chosen:
            result = run_stream(with_pause(item, at_s, pause_s, rng), setting, vad)
            turns = answered(result, setting, item.language, listen)
            cut = bool(cut_turns(turns, result))
            rows.append(_row(item, "paused", pause_s, cut, result.model_ms, item.id in paused_long))
            rows[-1]["talked_over"] = not cut and any(turn.talked_over for turn in turns)
        report["settings"][setting.name] = {"config": asdict(setting.config), "summary": summarise(rows), "rows": rows}
        progress(f"{setting.name}: {report['settings'][setting.name]['summary']}")
    return report


def _row(item: Spoken, kind: str, pause_s: float, cut: bool, model_ms: list[float], long_pause: bool) -> dict[str, Any]:
    return {
        "id": item.id,
        "lang": item.language,
        "source": item.source,
        "kind": kind,
        "pause_s": pause_s,
        "cut": cut,
        "long_pause": long_pause,  # the utterance pauses longer than any inserted pause as spoken
        "wait_ms": None,
        "model_ms": model_ms,
    }


def _pct(rows: list[dict[str, Any]]) -> float | None:
    return _share(rows, "cut")


def _share(rows: list[dict[str, Any]], key: str) -> float | None:
    return round(100 * sum(bool(r.get(key)) for r in rows) / len(rows), 1) if rows else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    paused = [r for r in rows if r["kind"] == "paused"]
    spoken = [r for r in rows if r["kind"] == "as_spoken"]
    waits = [r["wait_ms"] for r in spoken if r["wait_ms"] is not None]
    model = [ms for r in rows for ms in r["model_ms"]]
    summary: dict[str, Any] = {
        "paused_cut_pct": _pct(paused),
        # the target's figure: pauses of at most the longest inserted one (utterances without a longer one of their own)
        "mid_turn_cut_pct": _pct([r for r in paused if not r.get("long_pause")]),
        "as_spoken_cut_pct": _pct(spoken),
        "wait_mean_ms": round(statistics.fmean(waits), 1) if waits else None,
        "wait_p95_ms": _rounded(percentile(waits, 0.95)),
        "model_p50_ms": _rounded(percentile(model, 0.5)),
        "model_p95_ms": _rounded(percentile(model, 0.95)),
        # answered whole, but the bot had begun its reply to the first part (the caller talked over it)
        "talked_over_pct": _share(paused, "talked_over"),
        "as_spoken_talked_over_pct": _share(spoken, "talked_over"),
    }
    for pause in PAUSES_S:
        summary[f"cut_at_{pause}s_pct"] = _pct([r for r in paused if r["pause_s"] == pause])
    for key in ("clip", "tts"):
        summary[f"{key}_cut_pct"] = _pct([r for r in paused if r["source"] == key])
    for language in ("en", "ru", "zh"):
        summary[f"{language}_cut_pct"] = _pct([r for r in paused if r["lang"] == language])
    return summary


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def write(report: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
