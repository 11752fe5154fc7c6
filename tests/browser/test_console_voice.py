"""Warm transfer by voice from the real agent console: a caller on a WebRTC call (an aiortc peer) asks for a
human; the agent, in headless Chromium with a fake microphone, accepts and joins the call by voice. The caller
hears the agent, the agent's page receives the caller's audio, the agent's words are transcribed for the record,
and handing back gives the line to the bot again."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.bench.webrtc_caller import WebRTCCaller
from hotline.gateway.agent_auth import hash_password
from hotline.gateway.webrtc_setup import restrict_host_addresses
from hotline.speech.codecs import resample, to_float
from hotline.speech.loader import synthesize_all
from hotline.speech.wer import word_error_rate
from tests.browser.conftest import CHROMIUM, FLAGS
from tests.conftest import LiveServer
from tests.integration.voice_helpers import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]
AGENT_SAYS = "Hello, this is Dana from support. Let me check that order for you."


class LoopThread:
    """An asyncio loop in a thread, for the aiortc caller beside the synchronous Playwright API."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 120) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def test_agent_joins_a_web_call_by_voice_from_the_console(
    real_server: LiveServer, real_services: Any, tmp_path: Path
) -> None:
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh installs it as root)")
    import soundfile as sf
    from playwright.sync_api import sync_playwright

    restrict_host_addresses(["127.0.0.1"])
    voice = real_services.speech.voices.default
    wav = tmp_path / "agent-microphone.wav"
    spoken = resample(synthesize_all(voice, AGENT_SAYS, voice.sample_rate), voice.sample_rate, 48_000)
    silence = np.zeros(48_000 * 3, dtype=np.int16)
    sf.write(wav, np.concatenate([silence, spoken, silence, silence, silence]), 48_000, subtype="PCM_16")
    real_services.handoffs.add_agent("dana", "Dana", hash_password("console voice pw"), "demo")

    loop = LoopThread()

    async def new_caller() -> WebRTCCaller:
        return WebRTCCaller(real_server.http_url)  # aiortc objects belong to the loop they are made on

    caller = loop.run(new_caller())
    try:

        async def ask_for_a_human() -> str:
            conversation = str((await caller.connect())["conversation_id"])
            await caller.until(lambda: caller.event("disclosure"))
            caller.say(np.zeros(48_000 * 6, dtype=np.int16), 48_000)
            caller.say(synthesize_all(voice, "I want to talk to a human agent.", voice.sample_rate), voice.sample_rate)
            await caller.until(lambda: caller.event("handoff", status="waiting"), within_s=60)
            return conversation

        conversation = loop.run(ask_for_a_human())
        handoff = real_services.handoffs.latest_for(conversation)
        flags = [
            *FLAGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}%noloop",
            "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection",
            "--disable-features=WebRtcHideLocalIpsWithMdns",
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
            try:
                page = browser.new_context(permissions=["microphone"]).new_page()
                page.goto(f"{real_server.http_url}/console")
                page.fill("#username", "dana")
                page.fill("#password", "console voice pw")
                page.click("#login-form button[type=submit]")
                accept = page.locator(f"#queue li[data-handoff-id='{handoff.id}'] button.accept")
                accept.wait_for(timeout=60_000)
                accept.click()
                page.locator("#conversation").wait_for(state="visible")
                page.click("#voice")
                page.wait_for_function("document.getElementById('voice').dataset.state === 'active'", timeout=30_000)
                loop.run(caller.until(lambda: caller.event("agent_voice", status="joined"), within_s=30))
                joined = time.monotonic()

                # The caller talks: the agent's page receives it.
                caller_speech = synthesize_all(voice, "Is my order late?", voice.sample_rate)

                async def caller_talks() -> None:
                    caller.say(caller_speech, voice.sample_rate)

                loop.run(caller_talks())
                page.wait_for_function(
                    "window.hotlineVoice.stats().then(s => s.packetsReceived > 100)", timeout=30_000, polling=500
                )

                # The agent's microphone (the WAV) reaches the caller and is transcribed for the record.
                def agent_said() -> str:  # the agent pauses: one or more utterances
                    return " ".join(
                        e["text"] for e in caller.events if e.get("type") == "agent_message" and e.get("spoken")
                    )

                with contextlib.suppress(AssertionError):
                    loop.run(caller.until(lambda: word_error_rate(AGENT_SAYS, agent_said()) <= 0.3, 60), timeout=90)
                assert word_error_rate(AGENT_SAYS, agent_said()) <= 0.3, agent_said()
                first = caller.first_speech_after(joined)
                speech = real_services.speech

                def heard_from(start: float) -> str:
                    audio = caller.audio_between(start, start + 20)
                    return str(
                        speech.stt.transcribe(to_float(resample(audio, 48_000, 16_000)), speech.stt_options, "en").text
                    )

                # The caller hears the agent after the bot's "connecting you" notice has played out, so the agent's
                # words can reach the caller after the gateway has already transcribed them: listen until they do.
                def agent_voice_played() -> bool:  # the agent's words (~4 s, 3 s into the clip) have reached the caller
                    started = caller.first_speech_after(joined + 2.5)
                    return started is not None and time.monotonic() > started + 7

                with contextlib.suppress(AssertionError):
                    loop.run(caller.until(agent_voice_played, 40), timeout=60)
                voiced = caller.first_speech_after(joined + 2.5) or joined
                heard = [heard_from(max(joined, voiced - 0.5)), heard_from(joined)]
                assert first is not None and min(word_error_rate(AGENT_SAYS, h) for h in heard) <= 0.35, heard

                # The console's transcript shows what was heard of the agent, too.
                page.wait_for_function(
                    "document.getElementById('transcript').textContent.toLowerCase().includes('check')", timeout=10_000
                )

                page.click("#hand-back")
                page.click("#wrap-up-confirm")  # the wrap-up's defaults: resolved, no note
                left = loop.run(caller.until(lambda: caller.event("agent_voice", status="left"), within_s=30))
                assert left["reason"] == "handoff_returned_to_bot"
                page.wait_for_function("document.getElementById('voice').dataset.state === 'idle'", timeout=30_000)
            finally:
                browser.close()
        loop.run(caller.hang_up("channel"))
    finally:
        loop.run(caller.close())
        loop.stop()
    agent_lines = [m.text for m in real_services.conversations.messages(conversation) if m.role == "agent"]
    assert word_error_rate(AGENT_SAYS, " ".join(agent_lines)) <= 0.3, agent_lines
    assert wait_for(lambda: real_services.conversations.events(conversation, "agent_voice_left"), 10)
