"""The outbound WebRTC track: 20 ms frames on a real-time clock, silence when idle, flush on barge-in, no drift
and no burst after a stall; and received frames turned into mono PCM."""

from __future__ import annotations

import asyncio
import time

import av
import numpy as np

from hotline.gateway.webrtc_tracks import FRAME_SAMPLES, RATE, OutboundAudioTrack, frame_to_mono


async def test_frames_are_paced_without_drift_and_silent_when_idle() -> None:
    track = OutboundAudioTrack()
    first = await track.recv()
    started = time.monotonic()
    pts = [first.pts]
    for _ in range(100):
        pts.append((await track.recv()).pts)
    elapsed = time.monotonic() - started
    assert abs(elapsed - 2.0) < 0.06, elapsed  # 100 frames of 20 ms
    assert np.all(np.diff(pts) == FRAME_SAMPLES)
    assert first.sample_rate == RATE and first.samples == FRAME_SAMPLES
    assert not first.to_ndarray().any() and track.audio_frames_sent == 0


async def test_queued_audio_plays_in_order_then_silence_and_flush_drops_the_rest() -> None:
    track = OutboundAudioTrack()
    ramp = np.arange(1, FRAME_SAMPLES * 3 + 1, dtype=np.int16)
    track.enqueue(ramp[:1000])
    track.enqueue(ramp[1000:])
    got = [(await track.recv()).to_ndarray().reshape(-1) for _ in range(4)]
    assert np.array_equal(np.concatenate(got[:3]), ramp)
    assert not got[3].any()
    track.enqueue(np.full(RATE, 7, dtype=np.int16))  # one second
    assert (await track.recv()).to_ndarray().all()
    track.flush()  # barge-in
    assert track.queued_ms == 0 and not (await track.recv()).to_ndarray().any()


async def test_a_stalled_consumer_gets_no_burst() -> None:
    track = OutboundAudioTrack()
    for _ in range(3):
        await track.recv()
    await asyncio.sleep(0.3)  # the event loop was busy elsewhere
    await track.recv()
    started = time.monotonic()
    for _ in range(5):
        await track.recv()
    assert time.monotonic() - started > 0.08  # paced again at once, not five frames in a row
    assert track.stalls == 1


async def test_the_end_of_queued_audio_is_when_it_went_out_stalls_included() -> None:
    """A caller's speech ends when its last frame is sent, not when queuing said it would: a stalled loop delays
    it (the WebRTC test's caller looks for the bot's reply after that moment)."""
    track = OutboundAudioTrack()
    await track.recv()
    queued_at = time.monotonic()
    track.enqueue(np.full(FRAME_SAMPLES * 5, 100, dtype=np.int16))  # 100 ms of speech
    assert track.audio_sent_until is None
    await track.recv()
    await asyncio.sleep(0.3)
    while track.queued_ms:
        await track.recv()
    assert track.audio_sent_until is not None
    assert track.audio_sent_until - queued_at > 0.1 + 0.25, track.audio_sent_until - queued_at
    ended = track.audio_sent_until
    for _ in range(3):
        await track.recv()  # silence after it does not move it
    assert track.audio_sent_until == ended


def test_received_stereo_frames_become_mono() -> None:
    stereo = np.zeros((1, FRAME_SAMPLES * 2), dtype=np.int16)
    stereo[0, 0::2] = 1000
    stereo[0, 1::2] = 3000
    frame = av.AudioFrame.from_ndarray(stereo, format="s16", layout="stereo")
    frame.sample_rate = RATE
    mono, rate = frame_to_mono(frame)
    assert rate == RATE and len(mono) == FRAME_SAMPLES and np.all(mono == 2000)
