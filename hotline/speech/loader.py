"""Load what calls share (Whisper, the voices, the pre-synthesised greeting) once per gateway process."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from hotline.languages import pack
from hotline.ports import SpeechSynthesizer
from hotline.speech.codecs import Int16Array, resample
from hotline.speech.denoise import NoiseSuppressor, Suppressors, load_suppressor
from hotline.speech.stt import SpeechToText, STTOptions, WhisperTranscriber
from hotline.speech.stt_batch import BatchingTranscriber
from hotline.speech.tts import EspeakSynthesizer, PiperSynthesizer, VoiceBook
from hotline.speech.turn_end import SmartTurn, TurnCompletion, smart_turn_path
from hotline.speech.turn_words import TurnWords, load_turn_words
from hotline.speech.vad import SegmenterConfig, SileroVAD, SpeechProbability, UtteranceSegmenter, silero_model_path

if TYPE_CHECKING:
    from hotline.settings import Settings, VoiceSettings

log = logging.getLogger(__name__)


def synthesize_all(synthesizer: SpeechSynthesizer, text: str, rate: int) -> Int16Array:
    chunks = [resample(chunk, synthesizer.sample_rate, rate) for chunk in synthesizer.synthesize(text)]
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)


@dataclass
class SpeechModels:
    stt: SpeechToText
    stt_options: STTOptions
    voices: VoiceBook
    segmenter: SegmenterConfig
    greeting_texts: dict[str, str]  # the AI-disclosure greeting by language ("en" always there)
    hold_texts: dict[str, str] = field(default_factory=lambda: {"en": "One moment, please."})  # by language
    turn_model: TurnCompletion | None = None  # semantic end of turn (shared by every call); None: silence only
    turn_threshold: float = 0.5  # the turn ends at a pause when the model's "finished" probability reaches this
    turn_words: TurnWords | None = None  # holds words that do not read as a finished turn; None: the rules alone
    turn_words_hold_s: float = 1.3  # ... this long
    noise: Suppressors | None = None  # noise suppression before VAD/STT (one state per call); None: off
    _greetings: dict[tuple[int, str], Int16Array] = field(default_factory=dict)
    _holds: dict[tuple[int, str], Int16Array] = field(default_factory=dict)
    _phrases: dict[tuple[int, str], Int16Array] = field(default_factory=dict)  # other fixed texts, by rate

    def new_segmenter(
        self, vad: SpeechProbability | None = None, busy: Callable[[], bool] | None = None
    ) -> UtteranceSegmenter:
        """A call's segmenter; ``busy``: whether the bot is talking (``voice.talking_end_silence_ms`` then)."""
        return UtteranceSegmenter(vad or SileroVAD(), self.segmenter, busy)

    def new_denoiser(self) -> NoiseSuppressor | None:
        """A call's noise suppressor, or None when suppression is off."""
        return self.noise.new_call() if self.noise is not None else None

    def hold_phrase(self, rate: int, language: str | None = None) -> Int16Array:
        """ "One moment, please." in the caller's language (English where there is no text for it)."""
        code = language if language in self.hold_texts else "en"
        if (rate, code) not in self._holds:
            text = self.hold_texts.get(code) or next(iter(self.hold_texts.values()))
            self._holds[rate, code] = synthesize_all(self.voices.for_language(code), text, rate)
        return self._holds[rate, code]

    @property
    def greeting_text(self) -> str:
        return self.greeting_texts["en"]

    def greeting_text_for(self, language: str | None) -> str:
        return self.greeting_texts.get(language or "en") or self.greeting_texts["en"]

    def fixed_phrase(self, text: str, rate: int, language: str | None = None) -> Int16Array:
        """A fixed text said again and again (a tenant's own greeting), synthesised once per rate."""
        if (rate, text) not in self._phrases:
            self._phrases[rate, text] = synthesize_all(self.voices.for_language(language), text, rate)
        return self._phrases[rate, text]

    def greeting(self, rate: int, language: str | None = None) -> Int16Array:
        """The disclosure greeting in ``language`` (English's synthesised at start-up, others on first use);
        resampled once per transport rate."""
        code = language if language in self.greeting_texts else "en"
        if (rate, code) not in self._greetings:
            voice = self.voices.for_language(code)
            base = self._greetings.get((voice.sample_rate, code))
            if base is None:
                text = self.greeting_texts[code]
                base = self._greetings[voice.sample_rate, code] = synthesize_all(voice, text, voice.sample_rate)
            self._greetings[rate, code] = resample(base, voice.sample_rate, rate)
        return self._greetings[rate, code]


def _hold_texts(configured: str | None, languages: list[str]) -> dict[str, str]:
    """The hold phrase per served language: the language pack's, or the configured one (English) when set."""
    texts = {code: pack(code).phrases["hold"] for code in languages if pack(code).code == code}
    if configured:
        texts["en"] = configured
    return texts


def segmenter_config(voice_settings: VoiceSettings, with_turn_model: bool) -> SegmenterConfig:
    """A turn ends after ``end_silence_ms``; with a turn model, the model is asked after ``turn_pause_ms`` and
    may end it then; without one, the pause reported after ``early_transcript_ms`` starts the transcription."""
    return SegmenterConfig(
        threshold=voice_settings.vad_threshold,
        end_silence_ms=voice_settings.end_silence_ms,
        talking_end_silence_ms=voice_settings.talking_end_silence_ms,
        pause_ms=voice_settings.turn_pause_ms if with_turn_model else voice_settings.early_transcript_ms,
        min_speech_ms=voice_settings.min_speech_ms,
        max_utterance_s=voice_settings.max_utterance_s,
    )


def stt_options(voice_settings: VoiceSettings, languages: Sequence[str] | None = None) -> STTOptions:
    """How Whisper is run for these settings: the served languages (or ``languages``) and the company's words."""
    return STTOptions(
        languages=tuple(languages or voice_settings.languages),
        prompts=tuple(sorted(voice_settings.stt_prompts.items())),
        lead_silence_s=voice_settings.stt_lead_silence_s,
    )


def load_turn_model(setting: str | None) -> TurnCompletion | None:
    """The configured turn model, or None (turns end on silence alone) when unset or missing — said in the log."""
    if not setting:
        return None
    from hotline.model_paths import ModelUnavailable

    try:
        model = SmartTurn(smart_turn_path(setting))
    except (ModelUnavailable, FileNotFoundError) as error:
        log.warning("no turn model (%s): turns end on silence alone", error)
        return None
    model(np.zeros(16_000, dtype=np.float32))  # the first run allocates: pay it now, not on a caller's pause
    return model


def load_speech(settings: Settings, greeting_texts: dict[str, str]) -> SpeechModels:
    from hotline.model_paths import resolve_piper_voice, resolve_whisper

    voice_settings = settings.voice
    started = time.perf_counter()
    stt_path = resolve_whisper(voice_settings.stt_model, settings.model_cache_dir)
    threads, workers = voice_settings.stt_threads, voice_settings.stt_workers
    # One speech worker for every call: utterances that arrive together are transcribed as a batch.
    stt = BatchingTranscriber(WhisperTranscriber(stt_path, voice_settings.stt_model, threads, workers))
    default = PiperSynthesizer(resolve_piper_voice(voice_settings.tts_voice), voice_settings.tts_voice)
    by_language: dict[str, SpeechSynthesizer] = {}
    for language, espeak_voice in voice_settings.espeak_voices.items():
        try:
            by_language[language] = EspeakSynthesizer(espeak_voice)
        except FileNotFoundError as error:
            log.warning("no voice for %s: %s; the default voice speaks it", language, error)
    silero_model_path()  # fail at start-up, not on the first call, if the VAD model is missing
    turn_model = load_turn_model(voice_settings.turn_model)
    models = SpeechModels(
        stt=stt,
        stt_options=stt_options(voice_settings),
        voices=VoiceBook(default, by_language),
        segmenter=segmenter_config(voice_settings, turn_model is not None),
        greeting_texts=greeting_texts,
        hold_texts=_hold_texts(voice_settings.hold_phrase, voice_settings.languages),
        turn_model=turn_model,
        turn_threshold=voice_settings.turn_threshold,
        turn_words=load_turn_words(voice_settings.turn_words),
        turn_words_hold_s=voice_settings.turn_words_hold_s,
        noise=load_suppressor(voice_settings.noise_suppression),
    )
    models.greeting(default.sample_rate)
    for rate in (8_000, 16_000):  # pre-synthesised: said exactly when the line would otherwise be silent
        for language in models.hold_texts:
            models.hold_phrase(rate, language)
    # Whisper's first call allocates its buffers: pay that now, not on the first caller's first words.
    stt.transcribe(np.zeros(16_000, dtype=np.float32), models.stt_options, language="en")
    log.info(
        "speech ready",
        extra={"voices": models.voices.names, "load_ms": round((time.perf_counter() - started) * 1000)},
    )
    return models
