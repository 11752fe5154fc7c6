"""Speech to text with faster-whisper (CTranslate2, int8 on CPU), one VAD-cut utterance at a time.

Latency levers from ../shared/MODELS.md: greedy decoding (beam 1), no timestamps, no conditioning on the
previous text (the prompt is the company's words, ``STTOptions.prompts``, never the call's), and the caller's
language detected once (first utterance) then fixed for the call. A no-speech gate drops segments Whisper itself
marks as silence or that look like its known hallucinations or an echo of the prompt.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from hotline.languages.script import simplified
from hotline.speech.codecs import FloatArray

log = logging.getLogger(__name__)

# Whisper's classic outputs on silence/noise (trained on subtitles); only dropped when the audio is doubtful.
_HALLUCINATIONS = {"thank you", "thanks for watching", "thank you for watching", "you", "bye", "продолжение следует"}


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    language_probability: float
    no_speech_probability: float
    avg_logprob: float
    audio_s: float
    elapsed_ms: float
    dropped: str = ""  # why the gate dropped text, if it did

    @property
    def real_time_factor(self) -> float:
        return self.elapsed_ms / 1000.0 / self.audio_s if self.audio_s else 0.0


@dataclass(frozen=True)
class STTOptions:
    languages: tuple[str, ...] = ("en", "zh", "ru")
    beam_size: int = 1
    no_speech_threshold: float = 0.6
    logprob_threshold: float = -1.0
    compression_ratio_threshold: float = 2.4
    # Encode utterances up to this long in a short window with CTranslate2 directly (faster-whisper pads every
    # input to 30 s: 3x the encoder work). Measured: 10-15 s windows keep the transcripts; 5 s breaks words.
    short_windows_s: tuple[int, ...] = (10, 15)
    # ...for these languages only: measured on the clips, Russian and Chinese lose words in short windows
    # (a 0.7 s "Ребят" came out as "Реб"; a 1 s Chinese clip as a broken character).
    short_window_languages: tuple[str, ...] = ("en",)
    # The words of the trade, per language (language, text): Whisper reads them as the text before the utterance
    # and then hears "refund" where it heard "reef and". Measured on Piper-spoken Bitext requests over the 8 kHz
    # line (two held-out draws of 160; #22's closing note): WER 12.1 -> 9.8 % and 10.9 -> 9.9 %.
    prompts: tuple[tuple[str, str], ...] = ()
    lead_silence_s: float = 0.0  # silence put before each utterance (``voice.stt_lead_silence_s``)

    def prompt_for(self, language: str) -> str:
        return next((text for code, text in self.prompts if code == language), "")

    def led(self, audio: FloatArray) -> FloatArray:
        """The utterance as Whisper hears it: after ``lead_silence_s`` of silence."""
        lead = np.zeros(round(self.lead_silence_s * 16_000), dtype=np.float32)
        return np.concatenate([lead, np.asarray(audio, dtype=np.float32)]) if len(lead) else audio


class SpeechToText(Protocol):
    """The STT port: one utterance (16 kHz mono float) to text, in ``language`` or the one it detects.
    ``WhisperTranscriber`` is the real one; tests use scripted fakes."""

    name: str  # the model, as /health reports it

    def transcribe(self, audio: FloatArray, options: STTOptions, language: str | None = None) -> Transcript: ...


class WhisperTranscriber:
    """Thread-safe for concurrent calls (CTranslate2 serialises on its own workers)."""

    def __init__(self, model_path: str, name: str, threads: int = 2, workers: int = 1) -> None:
        from faster_whisper import WhisperModel

        started = time.perf_counter()
        self.name = name
        self.model = WhisperModel(
            model_path, device="cpu", compute_type="int8", cpu_threads=threads, num_workers=workers
        )
        log.info("whisper loaded", extra={"model": name, "load_ms": round((time.perf_counter() - started) * 1000)})

    def detect_language(self, audio: FloatArray, allowed: Sequence[str]) -> tuple[str, float]:
        _best, _p, ranked = self.model.detect_language(audio)
        return _pick_language(ranked, allowed)

    def window_for(self, audio: FloatArray, options: STTOptions, language: str | None) -> int | None:
        """The short window (seconds) this utterance is encoded in, or None: the full 30 s path."""
        audio_s = len(audio) / 16_000 + options.lead_silence_s
        window = next((w for w in options.short_windows_s if audio_s <= w - 0.5), None)
        if window is not None and (language is None or language in options.short_window_languages):
            return window
        return None

    def transcribe(self, audio: FloatArray, options: STTOptions, language: str | None = None) -> Transcript:
        window = self.window_for(audio, options, language)
        if window is None:
            return self._transcribe_long(audio, options, language)
        fast = self.transcribe_windows([np.asarray(audio, dtype=np.float32)], window, options, [language])[0]
        return self.kept_or_long(fast, audio, options)

    def kept_or_long(self, fast: Transcript, audio: FloatArray, options: STTOptions) -> Transcript:
        """A short window's transcript if its language may use one and it decoded cleanly; else the full path."""
        if fast.language in options.short_window_languages and "\ufffd" not in fast.text:
            return fast
        long = self._transcribe_long(audio, options, fast.language)
        return Transcript(
            **{
                **long.__dict__,
                "language_probability": fast.language_probability,
                "elapsed_ms": fast.elapsed_ms + long.elapsed_ms,
            }
        )

    def transcribe_windows(
        self, audios: Sequence[FloatArray], window_s: int, options: STTOptions, languages: Sequence[str | None]
    ) -> list[Transcript]:
        """Utterances (one or several calls' at once) in one encoder pass over ``window_s`` windows and one
        batched greedy decode without timestamps; each in its language, or the one it detects."""
        import ctranslate2
        from faster_whisper.tokenizer import Tokenizer

        started = time.perf_counter()
        frames = window_s * 100
        features = [self.model.feature_extractor(options.led(audio)) for audio in audios]
        batch = np.zeros((len(audios), features[0].shape[0], frames), dtype=np.float32)
        for row, mel in enumerate(features):
            usable = min(frames, mel.shape[1])
            batch[row, :, :usable] = mel[:, :usable]
        encoded = self.model.model.encode(ctranslate2.StorageView.from_array(batch), to_cpu=False)
        chosen: list[tuple[str, float]] = []
        detected = None
        for row, language in enumerate(languages):
            if language is not None:
                chosen.append((language, 1.0))
                continue
            if detected is None:
                detected = self.model.model.detect_language(encoded)
            ranked = [(token.strip("<|>"), p) for token, p in detected[row]]
            chosen.append(_pick_language(ranked, options.languages))
        tokenizers = [Tokenizer(self.model.hf_tokenizer, True, task="transcribe", language=c[0]) for c in chosen]
        texts = [options.prompt_for(language) for language, _p in chosen]  # each row's prompt, looked up once
        prompts = [_prompt_tokens(t, text) for t, text in zip(tokenizers, texts, strict=True)]
        starts = [[*p, *t.sot_sequence, t.no_timestamps] for p, t in zip(prompts, tokenizers, strict=True)]
        results = self._generate(encoded, starts, [len(p) for p in prompts], window_s, options)
        transcripts = []
        rows = zip(audios, tokenizers, chosen, texts, results, strict=True)
        for audio, tokenizer, (language, probability), prompt, result in rows:
            text = tokenizer.decode([t for t in result.sequences_ids[0] if t < tokenizer.eot]).strip()
            avg = float(result.scores[0]) if result.scores else 0.0
            no_speech = float(result.no_speech_prob)
            dropped = _gate(no_speech, avg, _compression_ratio(text) if text else 0.0, options)
            kept = "" if dropped else text
            audio_s = len(audio) / 16_000
            transcripts.append(
                _transcript(kept, language, probability, no_speech, avg, audio_s, started, dropped, prompt)
            )
        return transcripts

    def _generate(
        self, encoded: Any, starts: list[list[int]], prompt_lengths: list[int], window_s: int, options: STTOptions
    ) -> list[Any]:
        """One batched greedy decode. CTranslate2 needs every row's start of transcript at the same position, so rows
        whose prompts differ in length (callers in languages with and without one) decode in a batch of their own."""
        import ctranslate2

        groups: dict[int, list[int]] = {}
        for row, length in enumerate(prompt_lengths):
            groups.setdefault(length, []).append(row)
        features = np.asarray(encoded) if len(groups) > 1 else None
        results: list[Any] = [None] * len(starts)
        for length, rows in groups.items():
            found = self.model.model.generate(
                encoded if features is None else ctranslate2.StorageView.from_array(features[rows]),
                [starts[row] for row in rows],
                beam_size=options.beam_size,
                return_scores=True,
                return_no_speech_prob=True,
                max_length=window_s * 12 + length,  # ~3x normal speech rate (and the prompt): a looping decode stops
                suppress_blank=True,
                suppress_tokens=[-1],
            )
            for row, result in zip(rows, found, strict=True):
                results[row] = result
        return results

    def _transcribe_long(self, audio: FloatArray, options: STTOptions, language: str | None) -> Transcript:
        started = time.perf_counter()
        audio_s = len(audio) / 16_000
        probability = 1.0
        led = options.led(audio)
        if language is None:
            language, probability = self.detect_language(led, options.languages)
        prompt = options.prompt_for(language)
        segments, _info = self.model.transcribe(
            np.asarray(led, dtype=np.float32),
            language=language,
            beam_size=options.beam_size,
            condition_on_previous_text=False,
            without_timestamps=True,
            vad_filter=False,
            no_speech_threshold=options.no_speech_threshold,
            log_prob_threshold=options.logprob_threshold,
            compression_ratio_threshold=options.compression_ratio_threshold,
            temperature=0.0,
            initial_prompt=prompt or None,
        )
        kept: list[str] = []
        no_speech, logprobs, dropped = 0.0, [], ""
        for segment in segments:
            no_speech = max(no_speech, segment.no_speech_prob)
            logprobs.append(segment.avg_logprob)
            reason = _gate(segment.no_speech_prob, segment.avg_logprob, segment.compression_ratio, options)
            if reason:
                dropped = reason
                continue
            kept.append(segment.text.strip())
        text = " ".join(t for t in kept if t)
        avg = float(np.mean(logprobs)) if logprobs else 0.0
        return _transcript(text, language, probability, no_speech, avg, audio_s, started, dropped, prompt)


def _prompt_tokens(tokenizer: Any, prompt: str) -> list[int]:
    """The words of the trade as Whisper's previous text (its last 223 tokens, the most a prompt may hold)."""
    if not prompt:
        return []
    return [tokenizer.sot_prev, *tokenizer.encode(" " + prompt.strip())[-223:]]


def _gate(no_speech: float, avg_logprob: float, compression: float, options: STTOptions) -> str:
    """Why Whisper's output for one decode should be dropped ("" to keep it)."""
    if no_speech > options.no_speech_threshold and avg_logprob < options.logprob_threshold:
        return f"no speech (p={no_speech:.2f})"
    if compression > options.compression_ratio_threshold:
        return f"repetitive (compression {compression:.1f})"
    return ""


def _transcript(
    text: str,
    language: str,
    probability: float,
    no_speech: float,
    avg: float,
    audio_s: float,
    started: float,
    dropped: str,
    prompt: str = "",
) -> Transcript:
    """The result, after the last gate: on doubtful audio, Whisper's known phrases and an echo of the prompt (text
    made only of its words: "Customer service call." out of line noise) are dropped."""
    doubtful = no_speech > 0.2 or avg < -0.7
    if text and doubtful and _normalise(text) in _HALLUCINATIONS:
        dropped, text = f"likely hallucination {text!r}", ""
    elif text and doubtful and prompt and set(_normalise(text).split()) <= set(_normalise(prompt).split()):
        dropped, text = f"echo of the prompt {text!r}", ""
    if language == "zh" and text:
        text = simplified(text)  # Whisper often writes Chinese in traditional characters (廣州 for 广州)
    return Transcript(
        text=text,
        language=language,
        language_probability=probability,
        no_speech_probability=no_speech,
        avg_logprob=avg,
        audio_s=audio_s,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        dropped=dropped,
    )


def _pick_language(ranked: Sequence[tuple[str, float]], allowed: Sequence[str]) -> tuple[str, float]:
    for language, probability in ranked:
        if not allowed or language in allowed:
            return language, float(probability)
    return (allowed[0] if allowed else "en"), 0.0


def _compression_ratio(text: str) -> float:
    data = text.encode()
    return len(data) / len(zlib.compress(data))


def _normalise(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum() or c.isspace()).strip()
