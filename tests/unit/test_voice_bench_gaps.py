"""The voice bench's dropout count: a reply frame that reaches the caller after the audio before it has played."""

from __future__ import annotations

import pytest

from hotline.bench.twilio_caller import Received

FRAME = b"\xff" * 160  # 20 ms of mu-law


def test_a_reply_sent_ahead_of_playback_has_no_gaps() -> None:
    received = Received(media=[(10.0 + i * 0.001, FRAME) for i in range(50)])  # a burst: queued at the caller
    assert received.gaps_after(9.0) == []


def test_a_frame_arriving_after_the_queue_ran_dry_is_a_gap() -> None:
    media = [(10.0, FRAME), (10.01, FRAME)]  # plays until 10.04
    media += [(10.54, FRAME), (10.55, FRAME)]  # half a second of dropout
    gaps = Received(media=media).gaps_after(9.0)
    assert gaps == [pytest.approx(0.5)]


def test_the_silence_before_the_first_frame_is_not_a_gap() -> None:
    media = [(1.0, FRAME), (5.0, FRAME), (5.01, FRAME)]  # the greeting, then the reply after the caller spoke
    assert Received(media=media).gaps_after(4.0) == []
