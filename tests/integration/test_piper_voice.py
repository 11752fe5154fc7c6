"""The packaged Piper voice as the gateway loads it: its onnxruntime threads sleep between operators (they do
not spin against the other calls' Whisper and embeddings), and it still speaks, a chunk per sentence. That Whisper
hears what it says is test_voice_twilio's round trip."""

from __future__ import annotations

import numpy as np
import pytest

from hotline.model_paths import resolve_piper_voice
from hotline.settings import Settings
from hotline.speech.tts import PiperSynthesizer

pytestmark = [pytest.mark.models]


@pytest.fixture(scope="module")
def voice() -> PiperSynthesizer:
    setting = Settings().voice.tts_voice
    return PiperSynthesizer(resolve_piper_voice(setting), setting)


def test_the_voice_does_not_spin_its_threads(voice: PiperSynthesizer) -> None:
    options = voice.voice.session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert options.inter_op_num_threads == 1


def test_the_voice_speaks_one_chunk_per_sentence(voice: PiperSynthesizer) -> None:
    chunks = list(voice.synthesize("Your order has shipped. It arrives on Tuesday."))
    assert len(chunks) == 2
    for chunk in chunks:
        assert chunk.dtype == np.int16
        seconds = len(chunk) / voice.sample_rate
        assert 0.5 < seconds < 5.0
        assert np.abs(chunk.astype(np.float32)).max() > 1000  # speech, not silence
