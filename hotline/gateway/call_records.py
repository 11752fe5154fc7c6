"""What a call leaves in its conversation's record: the ``call_ended`` record (why, how long, audio in and out,
the transport's counts) and, opt-in per tenant, its recording.

Call recordings for quality review, opt-in per tenant (``voice.record_tenants``): both sides of a call in one
stereo WAV (16 kHz, 16-bit: the caller left, the bot and the agent's spoken words right), on the caller's
timeline — what the caller said where they said it, and what they heard where it played. Audio the caller never
heard (dropped at a barge-in) is dropped from the recording too.

The file is written as the call goes (a second at a time, off the event loop: an hour is ~230 MB, never held in
memory), under ``<data_dir>/recordings/<conversation>/``; its ``recording`` event points at it, so erasing the
conversation erases the file (``hotline/retention.py``).
"""

from __future__ import annotations

import asyncio
import logging
import wave
from pathlib import Path
from typing import Any

import numpy as np

from hotline.conversation.events import Recording
from hotline.conversation.failures import logged
from hotline.gateway.services import Services
from hotline.speech.codecs import Int16Array, resample
from hotline.storage.conversations import ConversationStore

log = logging.getLogger(__name__)

RATE = 16_000
FLUSH_SAMPLES = RATE  # write a second at a time


class CallRecorder:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._partial = path.with_suffix(".partial")
        self._file = wave.open(str(self._partial), "wb")  # noqa: SIM115 (kept open for the call's length)
        self._file.setnchannels(2)
        self._file.setsampwidth(2)
        self._file.setframerate(RATE)
        self.caller_samples = 0  # the caller's timeline: samples received so far
        self._bot = np.zeros(0, dtype=np.int16)  # bot audio scheduled from the caller's current position on
        self._pending: list[bytes] = []
        self._pending_samples = 0
        self._writing: asyncio.Task[None] | None = None

    @property
    def seconds(self) -> float:
        return self.caller_samples / RATE

    def bot(self, pcm: Int16Array, rate: int, starts_in_s: float) -> None:
        """Bot (or agent) audio queued to the caller, starting ``starts_in_s`` from the caller's present."""
        audio = resample(np.asarray(pcm, dtype=np.int16), rate, RATE) if rate != RATE else np.asarray(pcm)
        start = max(0, round(starts_in_s * RATE))
        end = start + len(audio)
        if len(self._bot) < end:
            self._bot = np.concatenate([self._bot, np.zeros(end - len(self._bot), dtype=np.int16)])
        self._bot[start:end] = audio

    def live(self, pcm: Int16Array, rate: int) -> None:
        """Audio that plays as it comes (an agent's voice on a WebRTC call): after what is already queued."""
        self.bot(pcm, rate, len(self._bot) / RATE)

    def cleared(self) -> None:
        """The transport dropped what it had queued (barge-in, an agent took the line): not heard, not kept."""
        self._bot = np.zeros(0, dtype=np.int16)

    def caller(self, pcm16k: Int16Array) -> None:
        """The caller's audio (16 kHz), as it arrives: the recording's clock."""
        n = len(pcm16k)
        heard = self._bot[:n]
        if len(heard) < n:
            heard = np.concatenate([heard, np.zeros(n - len(heard), dtype=np.int16)])
        self._bot = self._bot[n:]
        frames = np.empty(2 * n, dtype="<i2")
        frames[0::2], frames[1::2] = pcm16k, heard
        self._pending.append(frames.tobytes())
        self._pending_samples += n
        self.caller_samples += n
        if self._pending_samples >= FLUSH_SAMPLES and (self._writing is None or self._writing.done()):
            self._writing = asyncio.get_running_loop().create_task(asyncio.to_thread(self._write, self._take()))

    def _take(self) -> bytes:
        data, self._pending, self._pending_samples = b"".join(self._pending), [], 0
        return data

    def _write(self, data: bytes) -> None:
        self._file.writeframes(data)

    async def finish(self) -> Path:
        """The rest written and the file closed (it then appears under its final name)."""
        if self._writing is not None:
            await self._writing
        await asyncio.to_thread(self._close, self._take())  # what was still queued at the hang-up was not heard
        return self.path

    def _close(self, data: bytes) -> None:
        self._file.writeframes(data)
        self._file.close()
        self._partial.replace(self.path)


def recorder_for(services: Services, tenant: str, conversation_id: str) -> CallRecorder | None:
    """A recorder when this tenant records its calls (``voice.record_tenants``), else None; the file is numbered
    by the conversation's calls so far (a page's chat may be continued by voice more than once). Blocking."""
    settings = services.settings
    if tenant not in settings.voice.record_tenants:
        return None
    number = len(services.conversations.events(conversation_id, "call"))
    return CallRecorder(settings.data_dir / "recordings" / conversation_id / f"call-{number}.wav")


async def finish_recording(
    recorder: CallRecorder, conversations: ConversationStore, conversation_id: str
) -> dict[str, Any]:
    """The file closed and its ``recording`` event stored (what the console plays, what erasure deletes); returns
    that event's payload."""
    path = await recorder.finish()
    payload: dict[str, Any] = {"path": str(path), "seconds": round(recorder.seconds, 1)}
    await asyncio.to_thread(conversations.add_event, conversation_id, "recording", payload)
    log.info("call recorded", extra={"conversation_id": conversation_id, **payload})
    return payload


def recording_event(conversation_id: str, entry: dict[str, Any]) -> Recording:
    """A recording for the agent's console, live (``entry``: as ``recording_entry`` lists it)."""
    return {
        "type": "recording",
        "conversation_id": conversation_id,
        "name": entry["name"],
        "seconds": entry["seconds"],
        "url": entry["url"],
    }


def recording_entry(conversation_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A recording as the console lists it."""
    name = Path(str(payload["path"])).name
    url = f"/api/conversations/{conversation_id}/recordings/{name}"
    return {"name": name, "seconds": payload.get("seconds"), "url": url}


async def store_call_end(
    services: Services, conversation_id: str, record: dict[str, Any], recorder: CallRecorder | None
) -> None:
    """The recording finished (if any) and the ``call_ended`` record stored; a failure of either is logged and
    counted, never raised into the hang-up. The agent who holds the conversation gets the recording at once."""
    failures = services.metrics.delivery_failures
    if recorder is not None:
        with logged("store recording", failures, conversation_id=conversation_id):
            entry = recording_entry(
                conversation_id, await finish_recording(recorder, services.conversations, conversation_id)
            )
            record["recording"] = entry["name"]
            if (agent := services.hub.assigned_agent(conversation_id)) is not None:
                await services.hub.notify_agent(agent, recording_event(conversation_id, entry))
    with logged("store call_ended", failures, conversation_id=conversation_id):
        await asyncio.to_thread(services.conversations.add_event, conversation_id, "call_ended", record)
    log.info("call ended", extra={"conversation_id": conversation_id, **record})
