"""The raw PCM bridge (16 kHz binary frames + JSON control) and a warm transfer of a call: the caller asks
for a human by voice, the agent console gets the packet and the live transcript, the agent types and the
caller hears it spoken."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

import numpy as np
import pytest

from hotline.gateway.agent_auth import hash_password
from hotline.settings import DEV_BRIDGE_TOKEN
from hotline.speech.codecs import to_float
from hotline.speech.loader import synthesize_all
from hotline.speech.wer import word_error_rate
from tests.integration.agents import agent_cookie, agent_feed
from tests.integration.voice_helpers import transcripts, wait_for

pytestmark = [pytest.mark.models, pytest.mark.shared_data]
RATE = 16_000


class PCMCaller:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []
        self.audio: list[tuple[float, bytes]] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if isinstance(message, bytes):
                self.audio.append((time.monotonic(), message))
            else:
                self.events.append(json.loads(message))

    async def play(self, pcm: np.ndarray, pace: float = 2.0) -> None:
        frame = RATE // 50
        for start in range(0, len(pcm), frame):
            await self.ws.send(pcm[start : start + frame].astype("<i2").tobytes())
            await asyncio.sleep(0.02 / pace)

    async def until(self, condition: Any, within_s: float = 30.0) -> Any:
        """Stream silence (an open phone line) until ``condition()`` is truthy."""
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            if value := condition():
                return value
            await self.play(np.zeros(RATE // 10, dtype=np.int16))
        raise AssertionError(f"timed out; events so far: {[e.get('type') for e in self.events]}")

    def event(self, kind: str) -> dict[str, Any] | None:
        return next((e for e in self.events if e.get("type") == kind), None)


async def test_pcm_call_with_warm_transfer_to_a_typing_agent(real_server: Any, real_services: Any) -> None:
    import websockets

    voice = real_services.speech.voices.default
    real_services.handoffs.add_agent("vic", "Vic", hash_password("pcm call agent pw"), "demo")
    url = f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}"
    async with websockets.connect(url, max_size=1 << 22) as ws:
        caller = PCMCaller(ws)
        disclosure = await caller.until(lambda: caller.event("disclosure"))
        assert "AI assistant" in disclosure["text"] and 'say "human"' in disclosure["text"]
        conversation = disclosure["conversation_id"]
        await caller.until(lambda: len(caller.audio) > 50)  # the pre-synthesised greeting streams at once

        await caller.play(synthesize_all(voice, "I want to talk to a human agent.", RATE))
        heard = await caller.until(lambda: caller.event("transcript"))
        assert "human" in heard["text"].lower()
        waiting = await caller.until(lambda: caller.event("handoff"))
        assert waiting["status"] == "waiting"

        cookie = await asyncio.to_thread(agent_cookie, real_server.http_url, "vic", "pcm call agent pw")
        async with agent_feed(real_server.http_url, cookie) as agent:
            item = await caller.until(lambda: agent.queued(conversation))
            await agent.send({"type": "accept", "handoff_id": item["handoff_id"]})
            packet = (await caller.until(lambda: agent.event("conversation")))["packet"]
            assert any("human" in m["text"].lower() for m in packet["transcript"])
            await caller.until(lambda: any(e.get("status") == "agent_joined" for e in caller.events))

            # Live transcript: what the caller says now reaches the agent, not the bot.
            await caller.play(synthesize_all(voice, "Is my order late?", RATE))
            relayed = await caller.until(lambda: agent.event("customer_message"))
            assert "order" in relayed["text"].lower()

            audio_mark = len(caller.audio)
            await agent.send({"type": "message", "conversation_id": conversation, "text": "Let me check that order."})
            await caller.until(lambda: caller.event("agent_message"))
            await caller.until(lambda: len(caller.audio) > audio_mark + 40)
            await caller.play(np.zeros(RATE, dtype=np.int16))  # let the rest of the sentence arrive
        spoken = np.concatenate([np.frombuffer(b, "<i2") for _, b in caller.audio[audio_mark:]])
        stt = real_services.speech
        text = (await asyncio.to_thread(stt.stt.transcribe, to_float(spoken), stt.stt_options, "en")).text
        # The agent's words come last; the join notice's tail may come before them (a reply's next sentence is
        # synthesised just in time, so it can still be on its way when the agent types).
        said = "Let me check that order."
        assert word_error_rate(said, " ".join(text.split()[-len(said.split()) :])) <= 0.25, text
        await ws.send(json.dumps({"type": "stop"}))
    roles = [m.role for m in real_services.conversations.messages(conversation)]
    assert roles.count("agent") == 1 and "bot" not in roles[roles.index("agent") :]


async def test_pcm_bridge_refuses_bad_token_and_rate(real_server: Any) -> None:
    import websockets

    for query, code in ((f"token=nope&rate={RATE}", 1008), (f"token={DEV_BRIDGE_TOKEN}&rate=11025", 1007)):
        async with websockets.connect(f"{real_server.ws_url}/ws/pcm?{query}") as ws:
            with pytest.raises(websockets.exceptions.ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 10)
            assert ws.close_code == code


async def test_pcm_bridge_answers_odd_audio_clearly_and_goes_on(real_server: Any, real_services: Any) -> None:
    """Half a sample, an empty frame, a frame over the limit's little brother, silence as loud as int16 allows,
    garbage control messages: each gets a clear answer or is absorbed; the call stays up and still hears speech.
    (PCM16 has no NaN; a float bridge would be refused by its rate/format before any sample.)"""
    import websockets

    async with websockets.connect(f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}") as ws:
        events: list[dict[str, Any]] = []

        async def read() -> None:
            async for message in ws:
                if isinstance(message, str):
                    events.append(json.loads(message))

        reader = asyncio.create_task(read())
        await ws.send(b"\x01")  # half a sample
        await ws.send(b"")  # nothing
        await ws.send(np.full(RATE // 50, 32767, dtype="<i2").tobytes())  # a clipped square, 20 ms
        await ws.send("not json")
        await ws.send(json.dumps({"type": "dance"}))
        for _ in range(50):
            if sum(1 for e in events if e["type"] == "error") >= 3:
                break
            await asyncio.sleep(0.1)
        codes = [e["code"] for e in events if e["type"] == "error"]
        assert codes == ["bad_audio", "bad_control", "bad_control"], codes
        speech = synthesize_all(real_services.speech.voices.default, "I want to talk to a human agent.", RATE)
        audio = np.concatenate([speech, np.zeros(RATE, dtype=np.int16)]).astype("<i2")
        for start in range(0, len(audio), RATE // 50):  # 20 ms frames
            await ws.send(audio[start : start + RATE // 50].tobytes())
        for _ in range(150):
            if any(e["type"] == "transcript" for e in events):
                break
            await asyncio.sleep(0.1)
        assert any(e["type"] == "transcript" and "human" in e["text"].lower() for e in events), events[-5:]
        await ws.send(json.dumps({"type": "stop"}))
        reader.cancel()


async def test_a_bridge_that_names_the_callers_language_gets_the_greeting_in_it(
    real_server: Any, real_services: Any
) -> None:
    """?lang=ru (or Twilio's <Parameter name="lang">, or the web page's language): the disclosure is said and sent
    in Russian, by the Russian voice, with the spoken way to reach a human."""
    import websockets

    url = f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}&lang=ru"
    async with websockets.connect(url, max_size=1 << 22) as ws:
        caller = PCMCaller(ws)
        disclosure = await caller.until(lambda: caller.event("disclosure"))
        assert disclosure["lang"] == "ru" and "ИИ-ассистент" in disclosure["text"], disclosure
        assert "скажите «оператор»" in disclosure["text"]
        await caller.until(lambda: len(caller.audio) > 50)
        russian = real_services.speech.greeting(RATE, "ru")
        assert len(russian) != len(real_services.speech.greeting(RATE, "en"))  # its own audio, not the English one


async def test_keyed_digits_become_a_turn(real_server: Any, real_services: Any) -> None:
    """A caller keys in an order number on the keypad (DTMF: "5442520#"): one turn, read as the company's order
    id (a keypad has no letter W), answered like a said one; keys pressed while the bot talks stop it."""
    import websockets

    async with websockets.connect(f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}") as ws:
        caller = PCMCaller(ws)
        await caller.until(lambda: caller.event("disclosure"))
        for key in "5442520#":
            await ws.send(json.dumps({"type": "dtmf", "digit": key}))
        keyed = await caller.until(lambda: caller.event("transcript"))
        assert keyed["keyed"] is True and keyed["text"] == "#W5442520", keyed
        await caller.until(lambda: caller.event("reply"), within_s=60)
        assert not any(e.get("type") == "error" for e in caller.events), caller.events
        await ws.send(json.dumps({"type": "stop"}))
        caller.reader.cancel()


async def test_a_call_past_the_line_limit_hears_all_lines_busy(real_server: Any, real_services: Any) -> None:
    """Admission control: with one line, a second caller is told (in their language, spoken) that all lines are
    busy and the line closes with "try again later"; the first call goes on, and the line frees when it ends."""
    import websockets

    from hotline.gateway.call_admission import CallAdmission

    saved = real_services.calls
    real_services.calls = CallAdmission(limit=1)
    refused_before = real_services.metrics.calls_refused._value.get()
    url = f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}"
    try:
        async with websockets.connect(url, max_size=1 << 22) as first:
            caller = PCMCaller(first)
            await caller.until(lambda: caller.event("disclosure"))
            async with websockets.connect(url + "&lang=ru", max_size=1 << 22) as second:
                busy = PCMCaller(second)
                with contextlib.suppress(websockets.ConnectionClosed):
                    await busy.reader  # the bridge closes this line itself, with "try again later"
                assert second.close_code == 1013
                told = busy.event("busy")
                assert told is not None and "линии заняты" in told["text"]
                assert sum(len(chunk) for _, chunk in busy.audio) > RATE * 2  # over a second of speech
                assert busy.event("disclosure") is None  # no conversation was opened
            assert real_services.metrics.calls_refused._value.get() == refused_before + 1
            await caller.until(lambda: len(caller.audio) > 50)  # the first call is unaffected
        for _ in range(100):  # the first call's line is given back when it hangs up
            if real_services.calls.active == 0:
                break
            await asyncio.sleep(0.05)
        assert real_services.calls.active == 0
    finally:
        real_services.calls = saved


async def test_a_number_read_out_after_a_pause_is_one_turn(real_server: Any, real_services: Any) -> None:
    """'My order number is' … (a pause longer than the end-of-turn silence) … the digits: the first words stop
    where a caller does not stop, so they wait for the rest, and the bot answers the whole turn once."""
    import websockets

    voice = real_services.speech.voices.default
    url = f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}"
    async with websockets.connect(url, max_size=1 << 22) as ws:
        caller = PCMCaller(ws)
        disclosure = await caller.until(lambda: caller.event("disclosure"))
        await caller.until(lambda: len(caller.audio) > 50)
        await caller.play(np.zeros(RATE * 8, dtype=np.int16), pace=4.0)  # the greeting plays out
        await caller.play(synthesize_all(voice, "My order number is", RATE), pace=1.0)
        await caller.play(np.zeros(int(RATE * 0.8), dtype=np.int16), pace=1.0)  # thinking, longer than 400 ms
        await caller.play(synthesize_all(voice, "five four four two five two zero.", RATE), pace=1.0)
        await caller.until(lambda: caller.event("reply"), 60)
        heard_turns = transcripts(caller.events)
        await ws.send(json.dumps({"type": "stop"}))
    assert len(heard_turns) == 1, heard_turns
    heard = heard_turns[0].lower()
    assert "order number" in heard and sum(c.isdigit() for c in heard) >= 5, heard
    held = real_services.conversations.messages(disclosure["conversation_id"])
    assert [m.role for m in held].count("customer") == 1


async def test_a_call_at_its_maximum_length_is_ended_and_recorded(real_server: Any, real_services: Any) -> None:
    """The call's life is the VoiceCall's, whatever the bridge: at ``voice.max_call_s`` the line is closed with
    the policy code and the reason, and ``call_ended`` says why and how long (raw PCM had neither before)."""
    import websockets

    voice = real_services.settings.voice
    saved, voice.max_call_s = voice.max_call_s, 3.0
    try:
        async with websockets.connect(f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}") as ws:
            caller = PCMCaller(ws)
            disclosure = await caller.until(lambda: caller.event("disclosure"))
            with contextlib.suppress(websockets.ConnectionClosed):
                await asyncio.wait_for(caller.until(lambda: False, within_s=20), 20)
            assert ws.close_code == 1008 and ws.close_reason == "maximum call length reached"
            with contextlib.suppress(websockets.ConnectionClosed):
                await caller.reader  # it ended with the line
        conversation = disclosure["conversation_id"]
        ended = await asyncio.to_thread(
            wait_for, lambda: real_services.conversations.events(conversation, "call_ended"), 10
        )
        record = ended[0][1]
        assert record["reason"] == "max_call_length" and 2.5 <= record["duration_s"] <= 15, record
        assert record["audio_out_s"] > 1 and record["audio_in_s"] > 1, record  # the greeting; the open line
    finally:
        voice.max_call_s = saved


async def test_a_tenant_that_records_calls_says_so_and_its_agents_can_play_it(
    real_server: Any, real_services: Any
) -> None:
    """Opt-in recording (``voice.record_tenants``): the caller hears it before anything is kept; the call's two
    sides end up in one stereo WAV that the tenant's agents can list and play, and nobody else can fetch."""
    import wave

    import httpx
    import websockets

    voice = real_services.settings.voice
    saved, voice.record_tenants = voice.record_tenants, ["demo"]
    real_services.handoffs.add_agent("rae", "Rae", hash_password("recording agent pw"), "demo")
    try:
        async with websockets.connect(f"{real_server.ws_url}/ws/pcm?token={DEV_BRIDGE_TOKEN}&rate={RATE}") as ws:
            caller = PCMCaller(ws)
            disclosure = await caller.until(lambda: caller.event("disclosure"))
            assert disclosure["text"].endswith("This call is recorded for quality and training."), disclosure
            await caller.play(synthesize_all(real_services.speech.voices.default, "Where is my order?", RATE))
            await caller.until(lambda: caller.event("transcript"))
            await ws.send(json.dumps({"type": "stop"}))
            caller.reader.cancel()
        conversation = disclosure["conversation_id"]
        events = real_services.conversations.events
        recorded = await asyncio.to_thread(wait_for, lambda: events(conversation, "recording"), 20)
        path = recorded[0][1]["path"]
        with wave.open(path) as wav:
            assert (wav.getnchannels(), wav.getframerate()) == (2, 16_000)
            frames = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, 2)
        assert np.abs(frames[:, 0]).max() > 1000 and np.abs(frames[:, 1]).max() > 1000  # the caller; the bot
        assert events(conversation, "call_ended")[0][1]["recording"] == path.rsplit("/", 1)[-1]

        cookie = await asyncio.to_thread(agent_cookie, real_server.http_url, "rae", "recording agent pw")
        async with httpx.AsyncClient(base_url=real_server.http_url, cookies={"hotline_agent": cookie}) as agent:
            listed = (await agent.get(f"/api/conversations/{conversation}/recordings")).json()
            assert len(listed) == 1 and listed[0]["seconds"] > 1, listed
            played = await agent.get(listed[0]["url"])
            assert played.status_code == 200 and played.headers["content-type"] == "audio/wav"
            assert played.content[:4] == b"RIFF"
            other_file = await agent.get(f"/api/conversations/{conversation}/recordings/hotline.sqlite3")
            assert other_file.status_code == 404  # only the files its recording events name
        anonymous = await asyncio.to_thread(httpx.get, f"{real_server.http_url}{listed[0]['url']}")
        assert anonymous.status_code == 401
    finally:
        voice.record_tenants = saved
