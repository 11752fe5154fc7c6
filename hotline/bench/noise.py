"""``hotline bench noise``: what callers on noisy lines are heard saying, with and without noise suppression.

Utterances: the real speech clips in ../shared/data/speech (en, ru, zh; their transcripts are the references)
and the phone phrases of ``bench turn`` (order numbers and zip codes read digit by digit, items, questions; en by
Piper; the text said is the reference — the espeak-ng voices of ru/zh are left out: on an 8 kHz line Whisper
hears them as noise even in a quiet room, so their rates would measure the voice, not the line). Russian and
Chinese are measured on their real clips (one each in the shared data: read their rows as anecdotes).
Each is put on a line as a caller would be: 0.8 s of the noise, the speech, 1.2 s of the noise, mixed at a
signal-to-noise ratio measured on the speech's active part (10 ms frames within 35 dB of its loudest), then through
the phone line the Twilio bridge gets (8 kHz G.711 mu-law and back to 16 kHz, as the gateway resamples it). The
gateway's path then runs on it: the noise suppressor (when on), Silero VAD and the segmenter 20 ms at a time,
Whisper on each utterance the segmenter cut, the pieces' texts joined — so noise the VAD takes for speech, and
speech it misses, count too.

Noises, drawn by the seed:
- **babble**: four other talkers at once — other clips of the set (never the utterance's own), each from a random
  offset, looped, summed;
- **street**: synthetic (no street recording is in the shared data): brown-noise rumble with a slow swell and fade
  like passing traffic, broadband tyre hiss, and now and then a two-tone horn.
Word error rate (characters for Chinese) per utterance, averaged per language and over all; "nothing heard" counts
utterances the pipeline returned no words for. Numbers count as said however they are written: two or more digit
words in a row ("one zero three", "один ноль три", "一零三") and digits ("103", "1 0 3") are compared as one number.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotline.speech.codecs import FloatArray, Int16Array, StreamResampler, mulaw_decode, mulaw_encode, resample
from hotline.speech.denoise import RNNoiseLibrary
from hotline.speech.vad import UtteranceEnded
from hotline.speech.wer import error_rate

RATE = 16_000
PHONE_RATE = 8_000
FRAME = 320  # 20 ms at 16 kHz, as a bridge delivers it
LEAD_S, TAIL_S = 0.8, 1.2
NOISES = ("babble", "street")
SNRS_DB = (10, 5)
TALKERS = 4


@dataclass
class Utterance:
    id: str
    language: str
    source: str  # "clip" (real speech) or "tts"
    audio: FloatArray  # 16 kHz
    reference: str


def load_utterances(shared_dir: Path, speech: Any, seed: int, progress: Callable[[str], None]) -> list[Utterance]:
    """The clips with their transcripts and the phone phrases (numbers drawn by ``seed``) with their texts."""
    from hotline.bench.turn import PHRASES, shared_clips
    from hotline.languages import pack
    from hotline.speech.codecs import to_float
    from hotline.speech.loader import synthesize_all

    found = [
        Utterance(f"clip:{row['file']}", row["lang"], "clip", mono, row["transcript"])
        for row, mono in shared_clips(shared_dir)
    ]
    rng = random.Random(seed)
    for language, phrases in PHRASES.items():
        if language != "en":
            continue
        voice = speech.voices.for_language(language)
        names = pack(language).speech["digits"]
        for index, template in enumerate(phrases):
            digits = " ".join(names[int(d)] for d in str(rng.randrange(1_000_000, 9_999_999)))
            zip_code = " ".join(names[int(d)] for d in str(rng.randrange(10_000, 99_999)))
            text = template.format(digits=digits, zip=zip_code)
            audio = to_float(synthesize_all(voice, text, RATE))
            found.append(Utterance(f"tts:{language}:{index}", language, "tts", audio, text))
    progress(f"{len(found)} utterances ({sum(u.source == 'clip' for u in found)} real clips)")
    return found


def canonical(language: str, text: str) -> str:
    """Digit runs as one number: "one zero three" / "1 0 3" / "103" -> "103"; Chinese in simplified characters
    (as the gateway reads it)."""
    import re

    from hotline.languages import pack
    from hotline.languages.script import simplified

    names = pack(language).speech["digits"]
    if language == "zh":
        text = simplified(text)
        chars = "".join(names)
        run = f"[{chars}](?:[\\s,、]*[{chars}])+"
        text = re.sub(run, lambda m: "".join(str(names.index(c)) for c in m.group() if c in names), text)
    else:
        word = "|".join(names)
        run = rf"\b(?:{word})(?:[\s,-]+(?:{word}))+\b"
        digits = lambda m: "".join(str(names.index(w.lower())) for w in re.findall(word, m.group(), flags=re.I))  # noqa: E731
        text = re.sub(run, digits, text, flags=re.I)
    return re.sub(r"(?<=\d)(?:[.,]?\s+|[,-])(?=\d)", "", text)  # "1. 2. 3" too (not "3.5")


def active_power(audio: FloatArray) -> float:
    """Mean power of the 10 ms frames within 35 dB of the loudest (the speech, not the pauses around it)."""
    frames = audio[: len(audio) // 160 * 160].reshape(-1, 160)
    if not len(frames):
        return 0.0
    power = (frames.astype(np.float64) ** 2).mean(axis=1)
    active = power[power >= power.max() * 10 ** (-35 / 10)]
    return float(active.mean()) if len(active) else 0.0


def babble(pool: list[FloatArray], n: int, rng: np.random.Generator) -> FloatArray:
    """``TALKERS`` voices from ``pool`` at once, each from a random offset, looped to ``n`` samples."""
    out = np.zeros(n, dtype=np.float64)
    for index in rng.choice(len(pool), size=min(TALKERS, len(pool)), replace=False):
        voice = pool[int(index)]
        voice = voice / (np.sqrt(active_power(voice)) or 1.0)
        start = int(rng.integers(0, len(voice)))
        out += np.resize(np.roll(voice, -start), n)
    return out.astype(np.float32)


def street(n: int, rng: np.random.Generator) -> FloatArray:
    """Synthetic street noise: brown rumble swelling as traffic passes, tyre hiss, an occasional horn."""
    t = np.arange(n) / RATE
    rumble = np.cumsum(rng.standard_normal(n))
    rumble -= np.convolve(rumble, np.ones(1600) / 1600, mode="same")  # drift removed: a rumble, not a DC walk
    rumble /= np.abs(rumble).max() or 1.0
    swell = 0.55 + 0.45 * np.sin(2 * np.pi * t / rng.uniform(2.5, 5.0) + rng.uniform(0, 2 * np.pi))
    hiss = rng.standard_normal(n) * 0.08
    out = rumble * swell + hiss * swell
    for _ in range(int(rng.integers(0, 3))):  # a car horn: two tones, ~0.4 s
        start, length = int(rng.integers(0, max(1, n - RATE // 2))), int(RATE * rng.uniform(0.25, 0.5))
        span = t[start : start + length] - t[start]
        horn = np.sin(2 * np.pi * 400 * span) + np.sin(2 * np.pi * 500 * span)
        out[start : start + len(span)] += 0.6 * horn * np.hanning(len(span))
    return out.astype(np.float32)


def on_the_line(utterance: Utterance, noise: FloatArray | None, snr_db: float) -> FloatArray:
    """The caller's side: lead, speech, tail, with the noise under it all at ``snr_db`` (None: a quiet room)."""
    pad = np.zeros(round(LEAD_S * RATE), dtype=np.float32), np.zeros(round(TAIL_S * RATE), dtype=np.float32)
    speech = np.concatenate([pad[0], utterance.audio, pad[1]])
    if noise is None:
        return speech
    noise = noise[: len(speech)]
    scale = np.sqrt(active_power(utterance.audio) / (float((noise.astype(np.float64) ** 2).mean()) or 1.0))
    mixed = speech + noise * scale * 10 ** (-snr_db / 20)
    peak = float(np.abs(mixed).max())
    return (mixed / peak * 0.9 if peak > 0.99 else mixed).astype(np.float32)


def _pcm(audio: FloatArray) -> Int16Array:
    return np.clip(np.rint(audio * 32767), -32768, 32767).astype(np.int16)


def phone_line(audio: FloatArray) -> Int16Array:
    """8 kHz G.711 mu-law, as a Twilio bridge carries it, back at 16 kHz as the gateway resamples it."""
    coded = mulaw_decode(mulaw_encode(resample(_pcm(audio), RATE, PHONE_RATE)))
    return StreamResampler(PHONE_RATE, RATE).push(coded, last=True)


def heard(line: Int16Array, speech: Any, language: str, suppressor: RNNoiseLibrary | None) -> tuple[str, float]:
    """The gateway's path on one call's audio: (suppressor), VAD + segmenter 20 ms at a time, Whisper on each
    utterance. Returns the joined text and the suppressor's CPU seconds."""
    segmenter = speech.new_segmenter()
    denoiser = suppressor.new_call() if suppressor is not None else None
    pieces: list[FloatArray] = []
    spent = 0.0
    for start in range(0, len(line), FRAME):
        frame = line[start : start + FRAME]
        if denoiser is not None:
            began = time.process_time()
            frame = denoiser.push(frame)
            spent += time.process_time() - began
        pieces.extend(e.audio for e in segmenter.push(frame) if isinstance(e, UtteranceEnded))
    pieces.extend(e.audio for e in segmenter.flush())
    if denoiser is not None:
        denoiser.close()
    texts = [speech.stt.transcribe(audio, speech.stt_options, language).text for audio in pieces]
    return " ".join(t for t in texts if t).strip(), spent


def measure(
    utterances: list[Utterance],
    speech: Any,
    suppressor: RNNoiseLibrary | None,
    seed: int,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """Every utterance in every condition (quiet, each noise at each SNR), with and without the suppressor."""
    rng = np.random.default_rng(seed)
    # "wideband": a quiet room heard at 16 kHz, as a web or WebRTC caller is; every other condition is a phone line.
    conditions: list[tuple[str, str | None, float]] = [("wideband", None, 0.0), ("quiet", None, 0.0)]
    conditions += [(f"{kind} {snr} dB", kind, float(snr)) for kind in NOISES for snr in SNRS_DB]
    modes = {"off": None, "rnnoise": suppressor} if suppressor is not None else {"off": None}
    clips = [u.audio for u in utterances if u.source == "clip"]
    rows: list[dict[str, Any]] = []
    audio_s = 0.0
    suppressor_s = 0.0
    for number, utterance in enumerate(utterances, 1):
        progress(f"[{number}/{len(utterances)}] {utterance.id}")
        length = len(utterance.audio) + round((LEAD_S + TAIL_S) * RATE)
        others = [c for c in clips if c is not utterance.audio] or clips
        for name, kind, snr in conditions:
            noise = None if kind is None else babble(others, length, rng) if kind == "babble" else street(length, rng)
            said = on_the_line(utterance, noise, snr)
            line = _pcm(said) if name == "wideband" else phone_line(said)
            for mode, library in modes.items():
                text, spent = heard(line, speech, utterance.language, library)
                if library is not None:
                    suppressor_s += spent
                    audio_s += len(line) / RATE
                rows.append(
                    {
                        "id": utterance.id,
                        "language": utterance.language,
                        "source": utterance.source,
                        "condition": name,
                        "suppression": mode,
                        "error_rate": round(
                            error_rate(
                                utterance.language,
                                canonical(utterance.language, utterance.reference),
                                canonical(utterance.language, text),
                            ),
                            4,
                        ),
                        "heard": text,
                        "reference": utterance.reference,
                    }
                )
    return {
        "seed": seed,
        "utterances": len(utterances),
        "conditions": [c[0] for c in conditions],
        "suppression": list(modes),
        "suppressor_cpu_s_per_audio_s": round(suppressor_s / audio_s, 5) if audio_s else None,
        "summary": summarise(rows),
        "rows": rows,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """ "condition / suppression" -> mean error rate over all, per language and per source; nothing heard."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(f"{row['condition']} / {row['suppression']}", []).append(row)
    summary = {}
    for key, members in groups.items():
        rates = sorted(r["error_rate"] for r in members)
        median = (rates[(len(rates) - 1) // 2] + rates[len(rates) // 2]) / 2
        entry: dict[str, Any] = {"n": len(members), "all": _mean(members), "median": round(100 * median, 1)}
        for language in ("en", "ru", "zh"):
            entry[language] = _mean([r for r in members if r["language"] == language])
        for source in ("clip", "tts"):
            entry[source] = _mean([r for r in members if r["source"] == source])
        entry["nothing_heard"] = sum(1 for r in members if not r["heard"])
        summary[key] = entry
    return summary


def _mean(rows: list[dict[str, Any]]) -> float | None:
    return round(100 * sum(r["error_rate"] for r in rows) / len(rows), 1) if rows else None


def write(report: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
