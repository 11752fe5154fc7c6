"""Asterisk AudioSocket over TCP: UUID, 8 kHz signed-linear audio frames in, paced audio frames back."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import numpy as np
import pytest

from hotline.gateway.audiosocket import KIND_AUDIO, KIND_HANGUP, KIND_UUID, frame, handle_audiosocket, read_frame
from hotline.speech.codecs import resample
from tests.integration.voice_helpers import customer_texts, load_clip, wait_for

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


async def test_audiosocket_call(real_server: Any, real_services: Any) -> None:
    app_loop = real_server.server.config.app.state.loop  # the gateway's own event loop
    assert app_loop is not None
    started = asyncio.run_coroutine_threadsafe(
        asyncio.start_server(lambda r, w: handle_audiosocket(real_services, r, w), "127.0.0.1", 0), app_loop
    )
    server = started.result(timeout=10)
    port = server.sockets[0].getsockname()[1]
    call_id = uuid.uuid4()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    received: list[tuple[float, bytes]] = []

    async def read() -> None:
        while True:
            kind, payload = await read_frame(reader)
            if kind == KIND_AUDIO:
                received.append((time.monotonic(), payload))
            elif kind == KIND_HANGUP:
                return

    reader_task = asyncio.create_task(read())

    async def send_audio(pcm: np.ndarray, pace: float = 2.0) -> None:
        for start in range(0, len(pcm), 160):
            writer.write(frame(KIND_AUDIO, pcm[start : start + 160].astype("<i2").tobytes()))
            await writer.drain()
            await asyncio.sleep(0.02 / pace)

    writer.write(frame(KIND_UUID, call_id.bytes))
    await send_audio(np.zeros(8000, dtype=np.int16))
    assert received, "no greeting audio"
    # Audio comes back paced in real time: about 50 frames a second, not all at once.
    span = received[-1][0] - received[0][0]
    assert len(received) <= 50 * span + 10
    assert all(len(p) == 320 for _, p in received)

    audio, rate = load_clip("ps_sense_and_sensibility_01_austen_64kb-0930.wav")
    await send_audio(resample(audio, rate, 8000))
    conversation = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        conversation = real_services.conversations.find_by_event("call", "call_sid", str(call_id))
        if conversation and customer_texts(real_services, conversation):
            break
        await send_audio(np.zeros(800, dtype=np.int16))
    assert conversation is not None
    assert "amiable" in " ".join(customer_texts(real_services, conversation)).lower()
    writer.write(frame(KIND_HANGUP))
    await writer.drain()
    await asyncio.wait_for(reader_task, 30)
    writer.close()
    app_loop.call_soon_threadsafe(server.close)
    events = real_services.conversations.events
    ended = await asyncio.to_thread(wait_for, lambda: events(conversation, "call_ended"), 10)
    assert ended[0][1]["reason"] == "hangup" and ended[0][1]["audio_in_s"] > 3, ended  # recorded on every bridge


async def test_audiosocket_call_at_its_maximum_length_is_hung_up(real_server: Any, real_services: Any) -> None:
    """Asterisk has no close code: at ``voice.max_call_s`` we send the hang-up frame and close the connection."""
    app_loop = real_server.server.config.app.state.loop
    started = asyncio.run_coroutine_threadsafe(
        asyncio.start_server(lambda r, w: handle_audiosocket(real_services, r, w), "127.0.0.1", 0), app_loop
    )
    server = started.result(timeout=10)
    voice = real_services.settings.voice
    saved, voice.max_call_s = voice.max_call_s, 2.0
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
        call_id = uuid.uuid4()
        writer.write(frame(KIND_UUID, call_id.bytes))

        async def until_hung_up() -> None:
            while (await read_frame(reader))[0] != KIND_HANGUP:
                pass

        hung_up = asyncio.create_task(until_hung_up())
        while not hung_up.done():  # an open line: silence, as Asterisk sends it
            writer.write(frame(KIND_AUDIO, bytes(320)))
            await writer.drain()
            await asyncio.sleep(0.02)
        await asyncio.wait_for(hung_up, 1)
        conversation = real_services.conversations.find_by_event("call", "call_sid", str(call_id))
        ended = await asyncio.to_thread(
            wait_for, lambda: real_services.conversations.events(conversation, "call_ended"), 10
        )
        assert ended[0][1]["reason"] == "max_call_length", ended
        writer.close()
    finally:
        voice.max_call_s = saved
        app_loop.call_soon_threadsafe(server.close)
