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
from hotline.bench.turn_answered import Piece, Setting, StreamResult, Transcribe, Turn, answered, transcripts
from hotline.speech.codecs import FloatArray
from hotline.speech.vad import (
    WINDOW,
    PauseHeard,
    SegmenterConfig,
    SileroVAD,
    SpeechStarted,
    UtteranceEnded,
    UtteranceSegmenter,
)
from hotline.speech.wer import error_rate

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
    text: str = ""  # what the caller says (the clip's transcript, the phrase read out)


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


def _words(stt: Any, audio: FloatArray, language: str) -> list[tuple[float, float]]:
    whisper = getattr(stt, "whisper", stt)  # under the gateway's batching transcriber
    segments, _ = whisper.model.transcribe(audio, language=language, word_timestamps=True, beam_size=1)
    return [(w.start, w.end) for s in segments for w in (s.words or [])]


def _spoken(item_id: str, language: str, source: str, audio: FloatArray, stt: Any, text: str) -> Spoken | None:
    words = _words(stt, audio, language)
    if not words:
        return None
    boundaries = [(a_end + b_start) / 2 for (_, a_end), (b_start, _) in itertools.pairwise(words)]
    boundaries = [b for b in boundaries if 0.3 < b < words[-1][1] - 0.2]
    return Spoken(item_id, language, source, audio, boundaries, text)


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
        if (
            item := _spoken(f"clip:{row['file']}", row["lang"], "clip", mono, speech.stt, row["transcript"])
        ) is not None:
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
            if (item := _spoken(f"tts:{language}:{index}", language, "tts", audio, speech.stt, text)) is not None:
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
            rows.append(row | _heard(item, turns, listen is not None))
        for item, at_s, pause_s in chosen:
            result = run_stream(with_pause(item, at_s, pause_s, rng), setting, vad)
            turns = answered(result, setting, item.language, listen)
            cut = bool(cut_turns(turns, result))
            rows.append(_row(item, "paused", pause_s, cut, result.model_ms, item.id in paused_long))
            rows[-1] |= _heard(item, turns, listen is not None)
            rows[-1]["talked_over"] = not cut and any(turn.talked_over for turn in turns)
        report["settings"][setting.name] = {"config": asdict(setting.config), "summary": summarise(rows), "rows": rows}
        progress(f"{setting.name}: {report['settings'][setting.name]['summary']}")
    return report


def _heard(item: Spoken, turns: list[Turn], transcribed: bool) -> dict[str, Any]:
    """What the bot heard of the caller's words, all turns together, and its error rate (words; characters in
    Chinese; at most 1) against what they said — where the setting transcribes."""
    if not transcribed or not item.text:
        return {}
    heard = " ".join(turn.text for turn in turns)
    return {"heard": heard, "wer": round(min(1.0, error_rate(item.language, item.text, heard)), 4)}


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
        # what the bot heard, against what the caller said (settings that transcribe): with the pause, and without
        "paused_wer_pct": _mean_pct(paused, "wer"),
        "as_spoken_wer_pct": _mean_pct(spoken, "wer"),
        "en_paused_wer_pct": _mean_pct([r for r in paused if r["lang"] == "en"], "wer"),
        "as_spoken_talked_over_pct": _share(spoken, "talked_over"),
    }
    for pause in PAUSES_S:
        summary[f"cut_at_{pause}s_pct"] = _pct([r for r in paused if r["pause_s"] == pause])
    for key in ("clip", "tts"):
        summary[f"{key}_cut_pct"] = _pct([r for r in paused if r["source"] == key])
    for language in ("en", "ru", "zh"):
        summary[f"{language}_cut_pct"] = _pct([r for r in paused if r["lang"] == language])
    return summary


def _mean_pct(rows: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in rows if r.get(key) is not None]
    return round(100 * statistics.fmean(values), 1) if values else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def write(report: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
