"""The call recorder's timeline: the caller's audio is the clock; bot audio lands where it is heard, live audio
(an agent's voice) after what is queued, and what the transport dropped is not kept."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from hotline.gateway.call_records import CallRecorder

RATE = 16_000


async def test_each_side_lands_where_it_was_heard(tmp_path: Path) -> None:
    recorder = CallRecorder(tmp_path / "call-0.wav")
    tone = np.full(RATE // 2, 1000, dtype=np.int16)
    recorder.bot(np.full(2000, 2000, dtype=np.int16), 8_000, starts_in_s=0.25)  # 0.25 s at 8 kHz, in 0.25 s
    recorder.caller(tone)  # 0.0–0.5 s
    recorder.bot(np.full(RATE, 3000, dtype=np.int16), RATE, starts_in_s=0.0)  # 0.5–1.5 s, but…
    recorder.caller(np.zeros(RATE // 4, dtype=np.int16))  # 0.5–0.75 s
    recorder.cleared()  # …a barge-in at 0.75 s drops the rest
    recorder.live(np.full(RATE // 10, 4000, dtype=np.int16), RATE)  # an agent's voice from now
    recorder.live(np.full(RATE // 10, 5000, dtype=np.int16), RATE)  # its next frame, after it
    recorder.caller(np.zeros(RATE // 2, dtype=np.int16))  # 0.75–1.25 s
    path = await recorder.finish()
    assert path.exists() and not path.with_suffix(".partial").exists() and recorder.seconds == 1.25
    with wave.open(str(path)) as wav:
        frames = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, 2)
    caller, bot = frames[:, 0], frames[:, 1]
    assert (caller[: RATE // 2] == 1000).all() and not caller[RATE // 2 :].any()
    seconds = {value: np.flatnonzero(abs(bot.astype(int) - value) < 300) / RATE for value in (2000, 3000, 4000, 5000)}
    assert 0.25 <= seconds[2000][0] < 0.26 and 0.49 < seconds[2000][-1] < 0.5  # resampled to 16 kHz: 0.25 s long
    assert seconds[3000][0] == 0.5 and seconds[3000][-1] < 0.75  # cut at the barge-in
    assert seconds[4000][0] == 0.75 and seconds[5000][0] == 0.85  # the live frames one after the other
    assert not bot[int(0.95 * RATE) :].any()
