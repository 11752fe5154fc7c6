"""WebRTC calls end to end with two real aiortc peers on loopback: a real speech clip in, the bot's voice out
and transcribed back, the conversation stored; an agent joining by voice; teardown paths and leaks."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import os
import time
from typing import Any

import httpx
import numpy as np
import pytest

from hotline.bench.webrtc_caller import WebRTCCaller, is_speech
from hotline.chat_client import customer_token
from hotline.gateway.agent_auth import hash_password
from hotline.gateway.customer_auth import issue_customer_token
from hotline.gateway.webrtc_setup import restrict_host_addresses
from hotline.speech.codecs import resample, to_float
from hotline.speech.loader import synthesize_all
from hotline.speech.wer import word_error_rate
from tests.integration.agents import agent_cookie, agent_feed
from tests.integration.voice_helpers import bot_texts, clips, customer_texts, load_clip, transcripts, wait_for

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


@pytest.fixture(autouse=True)
def loopback_only() -> None:
    restrict_host_addresses(["127.0.0.1"])  # CI machines may have no other interface


def _calls(server: Any) -> Any:
    return server.server.config.app.state.webrtc


def _transcribe(services: Any, pcm48: np.ndarray) -> str:
    speech = services.speech
    audio = to_float(resample(pcm48, 48_000, 16_000))
    return str(speech.stt.transcribe(audio, speech.stt_options, "en").text)


def _words(text: str) -> set[str]:
    return set(text.lower().replace(",", " ").replace(".", " ").split())


def _quiet_after(caller: WebRTCCaller, start: float, quiet_s: float = 0.5) -> float:
    """The arrival time at which the speech heard from ``start`` on is followed by ``quiet_s`` of silence."""
    loud = [arrival for arrival, pcm in caller.frames if arrival >= start and is_speech(pcm)]
    for this, following in zip(loud, [*loud[1:], float("inf")], strict=True):
        if following - this >= quiet_s:
            return this + 0.02
    return loud[-1] + 0.02 if loud else start


def _events(services: Any, conversation_id: str, kind: str) -> list[dict[str, Any]]:
    return [payload or {} for _, payload in services.conversations.events(conversation_id, kind)]


async def test_call_round_trip_clip_in_bot_voice_out(real_server: Any, real_services: Any) -> None:
    row = next(r for r in clips() if r["file"] == "fw_jfk.flac")
    clip, rate = load_clip(row["file"])
    caller = WebRTCCaller(real_server.http_url)
    # The audio path is under test, not the escalation signals: a speech quoted in three pauses ("And so, my fellow
    # Americans." → no information; "Ask not what your country can do for you." scores 0.89 unhappy) is handed
    # over as "unhappy and not helped" when the pauses cut it so, and the bot's voice stops (the dissatisfaction
    # head's weakness on quoted speech is measured by `hotline bench escalation` and noted in issue #21).
    unhappy, real_services.dissatisfied = real_services.dissatisfied, None
    try:
        answer = await caller.connect()
        conversation = answer["conversation_id"]
        disclosure = await caller.until(lambda: caller.event("disclosure"))
        assert "AI" in disclosure["text"]
        greeting_start = await caller.until(lambda: caller.first_speech_after(0.0))
        greeting_s = len(real_services.speech.greeting(48_000)) / 48_000
        # The greeting is heard out before the caller talks (or it would be a barge-in): counted in samples
        # received, not in seconds on this side's clock, which a busy loop stalls (CI).
        await caller.until(lambda: len(caller.audio_between(greeting_start)) >= 48_000 * (greeting_s + 0.5), 60)
        caller.say(clip, rate)

        def heard() -> str:  # the clip has pauses: the caller's turn may arrive as two utterances
            return " ".join(transcripts(caller.events))

        with contextlib.suppress(AssertionError):
            await caller.until(lambda: word_error_rate(row["transcript"], heard()) <= 0.2, within_s=60)
        assert word_error_rate(row["transcript"], heard()) <= 0.2, heard()
        await caller.until(lambda: caller.event("reply"), within_s=90)
        await caller.until(lambda: caller.first_speech_after(caller.speech_end), within_s=30)
        await asyncio.sleep(6)  # let the reply's first sentences arrive
        greeting = caller.audio_from(greeting_start, greeting_s)
        heard_greeting = await asyncio.to_thread(_transcribe, real_services, greeting)
        said = [e.get("type") for e in caller.events]
        assert word_error_rate(real_services.speech.greeting_text, heard_greeting) <= 0.3, (heard_greeting, said)

        def replied() -> set[str]:
            """The words of every reply: where a pause ended a turn that stood (a slow machine's caller pauses
            longer), the clip's first words have their own reply, and the audio after the clip is the second's."""
            return set().union(*(_words(e.get("text") or "") for e in caller.events if e.get("type") == "reply"))

        first_reply_audio = caller.first_speech_after(caller.speech_end)
        heard_reply = await asyncio.to_thread(
            _transcribe, real_services, caller.audio_from(first_reply_audio - 0.2, 5.2)
        )
        hold_s = len(real_services.speech.hold_phrase(48_000)) / 48_000
        turns = await caller.until(lambda: _events(real_services, conversation, "voice_turn"), within_s=30)
        held = bool(turns) and turns[-1].get("hold_ms") is not None
        if held or ("moment" in heard_reply.lower() and "moment" not in replied()):
            # A slow answer is preceded by the holding phrase (voice.hold_after_s), the answer queued right after it
            # (Whisper may hear the two as no more than "1.")
            after_hold: float | None = first_reply_audio + hold_s + 0.1
        elif not _words(heard_reply) & replied():
            # The holding phrase cut short when a pause in the caller's speech ended ("One—"): the turn was taken
            # back, and the reply to the whole of it follows after a silence.
            after_hold = _quiet_after(caller, first_reply_audio)
        else:
            after_hold = None
        skipped = ""
        if after_hold is not None:
            with contextlib.suppress(AssertionError):  # none follows: the assertion below says what was heard
                next_audio = await caller.until(lambda: caller.first_speech_after(after_hold), within_s=30)
                await asyncio.sleep(6)
                skipped, heard_reply = (
                    heard_reply,
                    await asyncio.to_thread(_transcribe, real_services, caller.audio_from(next_audio - 0.2, 5.2)),
                )
        replies = [e.get("text") for e in caller.events if e.get("type") == "reply"]
        heard_words = _words(heard_reply)
        shared = heard_words & replied()
        assert heard_words and len(shared) >= min(3, len(heard_words)), (heard_reply, skipped, replies, turns)
        await caller.hang_up("channel")
    finally:
        await caller.close()
        real_services.dissatisfied = unhappy
    assert wait_for(lambda: not _calls(real_server).calls, 30)
    assert wait_for(lambda: _events(real_services, conversation, "call_ended"), 30)[0]["reason"] == "hangup"
    stored = customer_texts(real_services, conversation)
    assert stored and word_error_rate(row["transcript"], " ".join(stored)) <= 0.2
    assert bot_texts(real_services, conversation)


@pytest.mark.parametrize("sent", ["channel", "tones"])
async def test_keys_pressed_become_a_turn(real_server: Any, real_services: Any, sent: str) -> None:
    """Keys on a WebRTC call work as a phone's: "5442520#" is one turn, read as the company's order id, answered
    like a said one (the same call runner as the phone bridges), each key once — sent as the page's keypad sends
    them without telephone-event (the data channel; what is not a key is ignored), or as a softphone or a
    browser's RTCDTMFSender sends them (RFC 4733 packets on the audio stream, each key's end three times)."""
    caller = WebRTCCaller(real_server.http_url)
    try:
        answer = await caller.connect()
        conversation = answer["conversation_id"]
        await caller.until(lambda: caller.event("disclosure"))
        if sent == "channel":
            caller.channel.send(json.dumps({"type": "dtmf", "digit": "x"}))
            caller.channel.send("not json")
            caller.key("5442520#")
        else:
            await caller.tones("5442520#")
        keyed = await caller.until(lambda: caller.event("transcript"), within_s=30)
        assert keyed["keyed"] is True and keyed["text"] == "#W5442520", keyed
        await caller.until(lambda: caller.event("reply"), within_s=90)
        await caller.hang_up("channel")
    finally:
        await caller.close()
    assert wait_for(lambda: not _calls(real_server).calls, 30)
    assert wait_for(lambda: _events(real_services, conversation, "call_ended"), 30)[0]["reason"] == "hangup"
    assert "#W5442520" in customer_texts(real_services, conversation)


async def test_call_continues_the_chat_conversation_and_takes_a_photo(
    real_server: Any, real_services: Any, shared_data: Any
) -> None:
    import websockets

    async with websockets.connect(real_server.chat_url()) as chat:
        hello = json.loads(await chat.recv())
        conversation = hello["conversation_id"]
        caller = WebRTCCaller(real_server.http_url, conversation_id=conversation, token=hello["token"])
        try:
            answer = await caller.connect()
            assert answer["conversation_id"] == conversation
            await caller.until(lambda: caller.event("disclosure"))
            photo = next((shared_data / "images").rglob("*.jpg"))
            async with httpx.AsyncClient(base_url=real_server.http_url, timeout=60) as http:
                uploaded = await http.post(
                    f"/api/conversations/{conversation}/photos",
                    files={"file": (photo.name, photo.read_bytes())},
                    headers={"authorization": f"Bearer {hello['token']}"},
                )
            assert uploaded.status_code == 201, uploaded.text
            await caller.hang_up("http")
        finally:
            await caller.close()
    assert [p.conversation_id for p in real_services.photos.for_conversation(conversation)] == [conversation]
    assert _events(real_services, conversation, "call")[0]["transport"] == "webrtc"


async def test_agent_joins_the_call_by_voice_and_hands_back(
    real_server: Any, real_services: Any, caplog: pytest.LogCaptureFixture
) -> None:

    voice = real_services.speech.voices.default
    real_services.handoffs.add_agent("wendy", "Wendy", hash_password("webrtc agent pw"), "demo")
    caller = WebRTCCaller(real_server.http_url)
    agent_peer: WebRTCCaller | None = None
    try:
        conversation = (await caller.connect())["conversation_id"]
        await caller.until(lambda: caller.event("disclosure"))
        caller.say(np.zeros(48_000 * 6, dtype=np.int16), 48_000)
        caller.say(synthesize_all(voice, "I want to talk to a human agent.", voice.sample_rate), voice.sample_rate)
        await caller.until(lambda: caller.event("handoff", status="waiting"), within_s=60)

        cookie = await asyncio.to_thread(agent_cookie, real_server.http_url, "wendy", "webrtc agent pw")
        async with agent_feed(real_server.http_url, cookie) as agent:
            item = await caller.until(lambda: agent.queued(conversation))
            await agent.send({"type": "accept", "handoff_id": item["handoff_id"]})
            await caller.until(lambda: agent.event("conversation"))

            agent_peer = WebRTCCaller(real_server.http_url, cookies={"hotline_agent": cookie})
            await agent_peer.connect(f"/api/webrtc/conversations/{conversation}/agent")
            await caller.until(lambda: caller.event("agent_voice", status="joined"))

            # The caller's voice reaches the agent live, and the live transcript continues.
            start = time.monotonic()
            caller.say(synthesize_all(voice, "Is my order late?", voice.sample_rate), voice.sample_rate)
            await agent_peer.until(lambda: agent_peer.first_speech_after(start), within_s=10)
            relayed = await caller.until(lambda: agent.event("customer_message"), within_s=30)
            assert "order" in relayed["text"].lower()

            # The agent's voice reaches the caller, and is transcribed for the record (not spoken by the bot).
            start = time.monotonic()
            agent_peer.say(synthesize_all(voice, "Let me check that order for you.", voice.sample_rate), 22_050)
            agent_peer.say(np.zeros(48_000, dtype=np.int16), 48_000)
            spoken = await caller.until(lambda: caller.event("agent_message", spoken=True), within_s=30)
            assert word_error_rate("Let me check that order for you.", spoken["text"]) <= 0.25, spoken["text"]
            heard = await asyncio.to_thread(_transcribe, real_services, caller.audio_between(start, start + 4))
            assert word_error_rate("Let me check that order for you.", heard) <= 0.3, heard

            await agent.send({"type": "hand_back", "conversation_id": conversation})
            left = await caller.until(lambda: caller.event("agent_voice", status="left"))
            assert left["reason"] == "handoff_returned_to_bot"
        await caller.hang_up("channel")
    finally:
        await caller.close()
        if agent_peer is not None:
            await agent_peer.close()
    messages = real_services.conversations.messages(conversation)
    agent_lines = [m.text for m in messages if m.role == "agent"]
    assert agent_lines and "check" in agent_lines[0].lower()
    roles = [m.role for m in messages]
    assert "bot" not in roles[roles.index("agent") :]  # muted while the agent was on the line
    assert _events(real_services, conversation, "agent_voice_joined")
    assert wait_for(lambda: _events(real_services, conversation, "agent_voice_left"), 10)
    # The handoff notice is said from inside the turn that raised it: it must not cancel (and await) that turn.
    assert not [r for r in caplog.records if r.name == "asyncio" and r.levelno >= logging.ERROR]


def _server_state(server: Any) -> dict[str, int]:
    loop = server.server.config.app.state.loop

    async def count() -> int:
        return len(asyncio.all_tasks())

    tasks = asyncio.run_coroutine_threadsafe(count(), loop).result(10)
    from aiortc import RTCPeerConnection

    gc.collect()
    open_pcs = sum(1 for o in gc.get_objects() if isinstance(o, RTCPeerConnection) and o.connectionState != "closed")
    return {"tasks": tasks, "fds": len(os.listdir("/proc/self/fd")), "open_pcs": open_pcs}


async def test_hundred_connect_disconnect_cycles_leak_nothing(real_server: Any, real_services: Any) -> None:
    async def cycle(i: int) -> None:
        caller = WebRTCCaller(real_server.http_url)
        try:
            await caller.connect()
            await caller.until(lambda: caller.event("disclosure"), within_s=30)
            await caller.hang_up(("channel", "http", "drop")[i % 3])
        finally:
            await caller.close()

    await cycle(0)
    assert wait_for(lambda: not _calls(real_server).calls, 30)
    before = _server_state(real_server)
    started = time.monotonic()
    for batch in range(0, 100, 4):
        await asyncio.gather(*(cycle(i) for i in range(batch, batch + 4)))
    elapsed = time.monotonic() - started
    assert wait_for(lambda: not _calls(real_server).calls, 60), list(_calls(real_server).calls)
    await asyncio.sleep(1)
    after = _server_state(real_server)
    print(f"100 WebRTC cycles in {elapsed:.1f} s; before {before}, after {after}")
    assert after["open_pcs"] == 0
    assert wait_for(lambda: real_services.calls.active == 0, 10), real_services.calls  # every line given back
    assert after["tasks"] <= before["tasks"] + 2, (before, after)
    assert after["fds"] <= before["fds"] + 8, (before, after)


async def test_ice_failure_ends_and_stores_the_call(real_server: Any, real_services: Any) -> None:
    calls = _calls(real_server)
    timeout = calls.settings.connect_timeout_s
    calls.settings.connect_timeout_s = 3.0
    caller = WebRTCCaller(real_server.http_url)
    try:
        await caller.pc.setLocalDescription(await caller.pc.createOffer())

        # Every candidate points at a port where nobody answers: connectivity checks cannot succeed.
        def unreachable(line: str) -> str:
            fields = line.split(" ")
            return " ".join([*fields[:5], "9", *fields[6:]]) if line.startswith("a=candidate:") else line

        sdp = "\r\n".join(unreachable(line) for line in caller.pc.localDescription.sdp.split("\r\n"))
        async with httpx.AsyncClient(base_url=real_server.http_url, timeout=30) as http:
            headers = {"authorization": f"Bearer {customer_token(real_server.http_url)}"}
            response = await http.post("/api/webrtc/calls", json={"type": "offer", "sdp": sdp}, headers=headers)
        assert response.status_code == 201
        conversation = response.json()["conversation_id"]
        ended = wait_for(lambda: _events(real_services, conversation, "call_ended"), 20)
        assert ended and ended[0]["reason"] in ("ice_timeout", "ice_failed"), ended
        # The end is stored before the peer connection has finished closing; the call is let go right after.
        call_id = response.json()["call_id"]
        assert wait_for(lambda: call_id not in calls.calls, 10), "the ended call is still held"
    finally:
        calls.settings.connect_timeout_s = timeout
        await caller.close()


async def _offer_sdp() -> str:
    from aiortc import RTCPeerConnection

    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    await pc.setLocalDescription(await pc.createOffer())
    sdp = str(pc.localDescription.sdp)
    await pc.close()
    return sdp


async def test_signalling_refuses_bad_offers_clearly(real_server: Any) -> None:
    sdp = await _offer_sdp()
    auth = real_server.server.config.app.state.services.settings.auth
    token = {"authorization": f"Bearer {customer_token(real_server.http_url)}"}
    unknown = {"authorization": f"Bearer {issue_customer_token(auth, 'no-such-conversation')}"}
    async with httpx.AsyncClient(base_url=real_server.http_url, timeout=30) as http:
        assert (await http.get("/api/webrtc/config", headers=token)).json() == {"enabled": True, "ice_servers": []}
        cases = [
            ({"type": "answer", "sdp": sdp}, token, 422),
            ({"type": "offer", "sdp": "v=0\r\nnot sdp"}, token, 400),
            ({"type": "offer", "sdp": "v=0\r\nm=audio garbage\r\n"}, token, 400),
            ({"type": "offer", "sdp": sdp, "conversation_id": "no-such-conversation"}, unknown, 404),
            ({"type": "offer", "sdp": sdp}, {"Origin": "https://evil.example", **token}, 403),
            ({"type": "offer", "sdp": "x" * 70_000}, token, 422),
            ({"type": "offer", "sdp": sdp}, {}, 401),
        ]
        for body, headers, status in cases:
            response = await http.post("/api/webrtc/calls", json=body, headers=headers)
            assert response.status_code == status, (body.get("sdp", "")[:30], response.text)
            assert response.json()["detail"]
        assert (await http.delete("/api/webrtc/calls/nope")).status_code == 404
        agent = await http.post("/api/webrtc/conversations/x/agent", json={"type": "offer", "sdp": sdp})
        assert agent.status_code == 401
    calls = _calls(real_server)
    assert wait_for(lambda: not calls.calls, 10) and not calls.limits.open


async def test_gateway_shutdown_ends_and_stores_calls(real_services: Any) -> None:
    from hotline.gateway.app import create_app
    from tests.conftest import LiveServer

    server = LiveServer(create_app(real_services.settings, real_services))
    with server:
        caller = WebRTCCaller(server.http_url)
        conversation = (await caller.connect())["conversation_id"]
        await caller.until(lambda: caller.event("disclosure"))
    try:  # the server is gone: its lifespan ended the call
        ended = wait_for(lambda: _events(real_services, conversation, "call_ended"), 10)
        assert ended and ended[0]["reason"] == "server_shutdown"
        await caller.until(lambda: caller.pc.connectionState in ("closed", "failed") or not caller.frames, 5)
    finally:
        await caller.close()


async def test_barge_in_flushes_the_outbound_track(real_server: Any, real_services: Any) -> None:
    """The caller talks over the greeting: a barge_in event, and the bot's audio stops at once."""
    row = next(r for r in clips() if r["file"] == "wenet_libri.wav")
    clip, rate = load_clip(row["file"])
    caller = WebRTCCaller(real_server.http_url)
    try:
        await caller.connect()
        await caller.until(lambda: caller.event("disclosure"))
        await caller.until(lambda: caller.first_speech_after(0.0))
        caller.say(clip, rate)  # over the greeting, which lasts several seconds
        await caller.until(lambda: caller.event("barge_in"), within_s=20)
        barged = time.monotonic()
        assert caller.event("clear")
        await asyncio.sleep(2.5)
        quiet = caller.audio_between(barged + 0.3, barged + 2.5)
        rms = float(np.sqrt(np.mean(quiet.astype(np.float64) ** 2)))
        assert len(quiet) > 48_000 and rms < 100, rms  # frames keep coming (silence), the greeting does not
    finally:
        await caller.close()
