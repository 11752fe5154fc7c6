"""The call runner's lifecycle on a scripted line and a fake call (the bridges' own tests run it over real
sockets with the real models): answered → opened and started, audio heard and keys gathered in order, the line's
end stops the call with its reason and counts; all lines busy lets the line go without a call."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from hotline.gateway.call_admission import LinesBusy
from hotline.gateway.call_runner import Answered, CallFrame, Heard, Keyed, run_call


class ScriptedLine:
    def __init__(self, frames: list[CallFrame], ended: str = "hangup") -> None:
        self.script = frames
        self.ended_as = ended
        self.ended = "hangup"
        self.counts: dict[str, int] | None = {"frames": 0}
        self.busy = False
        self.closed = False

    async def lines_busy(self) -> None:
        self.busy = True

    async def frames(self) -> AsyncGenerator[CallFrame, None]:
        try:
            for frame in self.script:
                if isinstance(frame, Heard) and self.counts is not None:
                    self.counts["frames"] += 1
                yield frame
            self.ended = self.ended_as
        finally:
            self.closed = True  # the runner closes the line's frames however the call ends


class FakeCall:
    def __init__(self, log: list[Any], fail_on_key: bool = False) -> None:
        self.log = log
        self.fail_on_key = fail_on_key
        self.session = SimpleNamespace(conversation_id="c1")

    async def start(self, rate: int, hang_up: Any) -> None:
        self.log.append(("start", rate))

    async def push(self, pcm: Any) -> None:
        self.log.append(("push", len(pcm)))

    async def key(self, digit: str) -> None:
        if self.fail_on_key:
            raise ValueError("the call failed")
        self.log.append(("key", digit))

    async def stop(self, reason: str, counts: dict[str, int] | None) -> None:
        self.log.append(("stop", reason, dict(counts or {})))


async def _hang_up(reason: str) -> None:
    return None


ANSWER = Answered(out=SimpleNamespace(sample_rate=8000), rate=8000, hang_up=_hang_up, details={"bridge": "test"})  # type: ignore[arg-type]
AUDIO = Heard(np.zeros(160, dtype=np.int16))


def _opener(log: list[Any], **kwargs: Any) -> Any:
    async def open_call(out: Any, details: dict[str, Any]) -> Any:
        log.append(("open", details["bridge"]))
        return FakeCall(log, **kwargs)

    return open_call


def test_a_call_runs_from_the_answer_to_the_lines_end_in_order() -> None:
    log: list[Any] = []
    line = ScriptedLine([ANSWER, AUDIO, Keyed("5"), AUDIO, Keyed("#")], ended="protocol")
    asyncio.run(run_call(line, _opener(log)))
    assert log == [
        ("open", "test"),
        ("start", 8000),
        ("push", 160),
        ("key", "5"),
        ("push", 160),
        ("key", "#"),
        ("stop", "protocol", {"frames": 2}),  # the line's reason and counts reach the call record
    ]
    assert line.closed


def test_all_lines_busy_lets_the_line_go_without_a_call() -> None:
    async def busy(out: Any, details: dict[str, Any]) -> Any:
        raise LinesBusy("all lines busy", seconds=0.01)

    line = ScriptedLine([ANSWER, AUDIO, AUDIO])
    asyncio.run(run_call(line, busy))
    assert line.busy and line.closed  # told, then let go; the audio after it is never read


def test_a_failing_call_is_still_stopped_and_its_line_closed() -> None:
    log: list[Any] = []
    line = ScriptedLine([ANSWER, Keyed("1"), AUDIO])
    with pytest.raises(ValueError, match="the call failed"):
        asyncio.run(run_call(line, _opener(log, fail_on_key=True)))
    assert log[-1][:2] == ("stop", "hangup") and line.closed


def test_audio_before_the_answer_is_a_line_bug_not_a_silent_drop() -> None:
    log: list[Any] = []
    with pytest.raises(RuntimeError, match="before the line answered"):
        asyncio.run(run_call(ScriptedLine([AUDIO]), _opener(log)))
    assert log == []


async def test_a_webrtc_line_answers_when_connected_and_carries_the_pages_keys() -> None:
    """WebRTC runs through the same runner: nothing before the peer connection is up, then the answer, the caller's
    audio and the keys pressed on the page's keypad in order; what is not a key is dropped; the end stops the call
    with its reason and counts."""
    from hotline.gateway.webrtc_line import WebRTCLine

    log: list[Any] = []
    line = WebRTCLine(ANSWER)
    runner = asyncio.create_task(run_call(line, _opener(log)))
    assert not line.keyed("5")  # before the line is up
    await line.heard(AUDIO.pcm)
    line.connected()
    await line.heard(AUDIO.pcm)
    assert line.keyed("5") and line.keyed("#") and not line.keyed("x")
    await asyncio.sleep(0.01)
    line.finish("hangup", {"frames_received": 1})
    await asyncio.wait_for(runner, 5)
    assert log == [
        ("open", "test"),
        ("start", 8000),
        ("push", 160),
        ("key", "5"),
        ("key", "#"),
        ("stop", "hangup", {"frames_received": 1}),
    ]
    assert not line.keyed("1")  # after the end


async def test_a_webrtc_line_that_never_connects_opens_no_call() -> None:
    from hotline.gateway.webrtc_line import WebRTCLine

    log: list[Any] = []
    line = WebRTCLine(ANSWER)
    runner = asyncio.create_task(run_call(line, _opener(log)))
    await asyncio.sleep(0)
    line.finish("ice_timeout", {})
    line.connected()  # too late: ignored
    await asyncio.wait_for(runner, 5)
    assert log == []
