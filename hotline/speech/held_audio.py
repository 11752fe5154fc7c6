"""The audio of words held for the rest of a turn, so that Whisper hears them again with the rest in one pass.

A turn cut at a short pause ("I'd like to return the" … "desk lamp") and its rest used to be heard one piece at a
time and joined as text. Whisper hears a 1.5 s piece cut from flowing speech badly (a word at the cut dropped or
garbled), and the pieces' words then stay wrong. Heard again joined, the pieces read as the one sentence they are.
Measured on Bitext requests spoken by Piper over the 8 kHz line with one mid-turn pause (0.3–1.2 s), the turns the
200 ms end of turn split: word error 37.8 % joined as text, 28.4 % heard again (80 requests; a second draw, held
out: 37.6 → 29.7 %; the same requests unpaused: 20.9 / 23.3 %). ``hotline bench turn`` reports it as "heard WER".

``HeldAudio`` is pure bookkeeping beside ``turn_end.TurnHold`` (which holds the words): the audio of exactly the
held words, or none when it is not known (keyed digits), and the last words answered with
their audio (a turn taken back holds them again, ``voice_take_back``). ``version`` changes with every change of
what is held, so a transcript begun early (``gateway.voice_early``) is used only for the held audio it heard.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hotline.speech.codecs import FloatArray

RATE = 16_000
GAP_S = 0.15  # silence between the held audio and the rest: the pause the caller made, shortened
MAX_S = 15.0  # held audio longer than this is not heard again: the rest is joined as text


@dataclass
class HeldAudio:
    gap_s: float = GAP_S
    max_s: float = MAX_S
    audio: FloatArray | None = None  # of exactly the held words (None: nothing held, or their audio is not known)
    version: int = 0
    spoken: tuple[str, FloatArray] | None = None  # the last words answered, and their audio

    def keep(self, audio: FloatArray | None) -> None:
        """The held words are now those of ``audio`` (None: held words whose audio is not known)."""
        self.audio = audio
        self.version += 1

    def with_rest(self, rest: FloatArray) -> FloatArray | None:
        """The held audio, a short gap and ``rest``: one utterance to hear again (None when no audio is held, or it
        is longer than ``max_s``). Whether it is heard again depends on the held audio alone, so a transcript begun
        at a pause in ``rest`` and the one at its end agree."""
        if self.audio is None or len(self.audio) / RATE > self.max_s:
            return None
        gap = np.zeros(round(self.gap_s * RATE), dtype=np.float32)
        return np.concatenate([self.audio.astype(np.float32), gap, rest.astype(np.float32)])

    def answered(self, text: str | None, audio: FloatArray | None) -> None:
        """``text`` (heard as ``audio``) is answered: nothing is held now; if the turn is taken back, ``audio_of``
        gives its audio."""
        self.spoken = (text, audio) if text is not None and audio is not None else None
        if self.audio is not None:
            self.keep(None)

    def audio_of(self, text: str) -> FloatArray | None:
        """The audio of words answered before, if ``text`` is what was answered last."""
        return self.spoken[1] if self.spoken is not None and self.spoken[0] == text else None
