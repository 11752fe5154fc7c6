"""Text to speech behind the ``SpeechSynthesizer`` port: Piper (neural, per-language voice files) and
espeak-ng (formant, every language, for those without a Piper voice). ``VoiceBook`` picks one per language.

Coqui TTS (the ``TTS`` package) would plug in as another ``SpeechSynthesizer``; it is not shipped: it pins
torch/transformers versions that conflict with ours and downloads its voices at run time (../shared/MODELS.md).
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from hotline.ports import SpeechSynthesizer
from hotline.speech.codecs import Int16Array

log = logging.getLogger(__name__)


class PiperSynthesizer:
    """A Piper voice on an onnxruntime session whose threads sleep between operators instead of spinning.

    Spinning threads (onnxruntime's default) hold both cores while a sentence is synthesised, so another call's
    Whisper batch and the turn's embedding, running at the same moment, wait for them. Measured on the 2-core
    reference machine (a Whisper batch of two, one reply sentence and one embedding at once, median of 12): the
    three are done in ~550 ms instead of ~715 ms, the transcription in ~490 ms instead of ~690 ms; a sentence
    synthesised alone takes ~325 ms instead of ~280 ms."""

    def __init__(self, voice_path: Path, name: str) -> None:
        import onnxruntime
        from piper import PiperConfig, PiperVoice

        started = time.perf_counter()
        options = onnxruntime.SessionOptions()
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(str(voice_path), options, providers=["CPUExecutionProvider"])
        config = json.loads(Path(f"{voice_path}.json").read_text(encoding="utf-8"))
        self.voice = PiperVoice(session=session, config=PiperConfig.from_dict(config))
        self.name = name
        self.sample_rate = int(self.voice.config.sample_rate)
        log.info("piper voice loaded", extra={"voice": name, "load_ms": round((time.perf_counter() - started) * 1000)})

    def synthesize(self, text: str) -> Iterator[Int16Array]:
        for chunk in self.voice.synthesize(text):  # one chunk per sentence
            yield np.asarray(chunk.audio_int16_array, dtype=np.int16).reshape(-1)


class EspeakSynthesizer:
    """espeak-ng from the system (Debian package ``espeak-ng``)."""

    def __init__(self, voice: str, binary: str = "espeak-ng", words_per_minute: int = 165) -> None:
        path = shutil.which(binary)
        if path is None:
            raise FileNotFoundError(f"{binary} not found (apt-get install espeak-ng)")
        self.binary = path
        self.voice = voice
        self.name = f"espeak-ng:{voice}"
        self.words_per_minute = words_per_minute
        self.sample_rate = 22_050

    def synthesize(self, text: str) -> Iterator[Int16Array]:
        result = subprocess.run(
            [self.binary, "-v", self.voice, "-s", str(self.words_per_minute), "--stdout", text],
            capture_output=True,
            timeout=30,
            check=True,
        )
        with wave.open(io.BytesIO(result.stdout)) as wav:
            self.sample_rate = wav.getframerate()
            yield np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.int16)


class VoiceBook:
    """The synthesizer for each language; languages without their own voice use the default one."""

    def __init__(self, default: SpeechSynthesizer, by_language: dict[str, SpeechSynthesizer] | None = None) -> None:
        self.default = default
        self.by_language = dict(by_language or {})

    def for_language(self, language: str | None) -> SpeechSynthesizer:
        return self.by_language.get(language or "", self.default)

    @property
    def names(self) -> dict[str, str]:
        return {"default": self.default.name, **{k: v.name for k, v in self.by_language.items()}}
