"""A voice call from the chat page in headless Chromium: its fake microphone plays a real speech clip (a WAV file),
the page shows what the bot heard and answered, and the bot's audio arrives over WebRTC."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.gateway.webrtc_setup import restrict_host_addresses
from hotline.speech.codecs import resample
from hotline.speech.wer import word_error_rate
from tests.browser.conftest import CHROMIUM, FLAGS
from tests.conftest import LiveServer
from tests.integration.voice_helpers import clips, customer_texts, load_clip, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]


def _microphone_wav(path: Path) -> str:
    """Silence while the greeting plays, the clip, then silence: what the fake microphone says, once."""
    import soundfile as sf

    row = next(r for r in clips() if r["file"] == "fw_jfk.flac")
    clip, rate = load_clip(row["file"])
    speech = resample(clip, rate, 48_000)
    silence = np.zeros(48_000 * 7, dtype=np.int16)
    sf.write(path, np.concatenate([silence, speech, silence, silence]), 48_000, subtype="PCM_16")
    return row["transcript"]


def test_call_from_the_chat_page(real_server: LiveServer, real_services: Any, tmp_path: Path) -> None:
    import shutil

    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh installs it as root)")
    from playwright.sync_api import sync_playwright

    restrict_host_addresses(["127.0.0.1"])
    wav = tmp_path / "microphone.wav"
    said = _microphone_wav(wav)
    flags = [
        *FLAGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}%noloop",
        "--autoplay-policy=no-user-gesture-required",
        "--allow-loopback-in-peer-connection",  # the gateway offers only 127.0.0.1 here
        "--disable-features=WebRtcHideLocalIpsWithMdns",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        try:
            context = browser.new_context(permissions=["microphone"])
            page = context.new_page()
            page.goto(f"{real_server.http_url}/")
            page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
            conversation = page.evaluate("window.hotlineChat.conversationId()")
            page.click("#call")
            page.wait_for_function(
                "document.getElementById('call-state').textContent.includes('on call')", timeout=30_000
            )
            page.wait_for_function(
                "document.querySelectorAll('li.msg.bot.spoken').length > 0", timeout=120_000, polling=500
            )
            # The bot may answer the first half of the clip before the second half is transcribed (a pause in the
            # speech ends a turn): wait, up to 30 s, for what was heard to cover the clip.
            deadline = time.monotonic() + 30
            heard = ""
            while time.monotonic() < deadline:
                heard = " ".join(page.locator("li.msg.customer.spoken").all_inner_texts())
                if word_error_rate(said, heard) <= 0.3:
                    break
                page.wait_for_timeout(500)
            assert word_error_rate(said, heard) <= 0.3, heard
            page.wait_for_function(
                "window.hotlineCall.stats().then(s => s.packetsReceived > 250 && s.totalSamplesReceived > 0)",
                timeout=30_000,
                polling=500,
            )
            stats = page.evaluate("window.hotlineCall.stats()")
            assert stats["bytesSent"] > 10_000, stats
            # the call's line: live, with a running timer and a mute switch that silences the microphone
            assert page.locator("#call-bar").is_visible()
            assert page.locator("#call-timer").inner_text() != "0:00"
            page.click("#mute")
            assert page.evaluate("window.hotlineCall.micEnabled") is False
            assert page.get_attribute("#mute", "aria-pressed") == "true" and page.inner_text("#mute") == "Unmute"
            page.click("#mute")
            assert page.evaluate("window.hotlineCall.micEnabled") is True
            # the phone's keypad: an order number keyed in on the page is one turn, as from a phone; the keys go
            # as telephone-events on the audio (RFC 4733), as a phone's
            assert page.locator("#keypad").is_hidden()
            assert page.evaluate("window.hotlineCall.keysAsTones") is True
            page.click("#keypad-toggle")
            assert page.get_attribute("#keypad-toggle", "aria-expanded") == "true"
            for key in "5442520#":
                page.click(f"#keypad button[data-key='{key}']")
            page.wait_for_function(
                "[...document.querySelectorAll('li.msg.customer.spoken')]"
                ".some(li => li.textContent.includes('#W5442520'))",
                timeout=30_000,
            )
            page.screenshot(path=str(real_services.settings.data_dir / "call-keypad.png"))
            page.click("#call")  # hang up
            page.wait_for_function("document.getElementById('call').dataset.state === 'idle'")
            assert page.locator("#call-bar").is_hidden() and page.inner_text("#call-timer") == "0:00"
            assert page.locator("#keypad").is_hidden()
            context.close()
        finally:
            browser.close()
    calls = real_server.server.config.app.state.webrtc
    assert wait_for(lambda: not calls.calls, 30)
    ended = wait_for(lambda: real_services.conversations.events(conversation, "call_ended"), 30)
    assert ended and ended[0][1]["reason"] == "hangup"
    assert word_error_rate(said, " ".join(customer_texts(real_services, conversation))) <= 0.3
