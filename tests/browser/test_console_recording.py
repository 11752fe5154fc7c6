"""A recorded call in the agent console: the packet of a conversation with a recording has a player for it (at a
phone's width too), and a call that ends while the agent holds the conversation shows up at once."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.gateway.agent_auth import hash_password
from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]
TIMEOUT = 120_000


def a_recording(path: Path, seconds: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tone = (np.sin(np.arange(int(16_000 * seconds)) * 0.05) * 3000).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(16_000)
        wav.writeframes(np.column_stack([tone, tone[::-1]]).tobytes())


@pytest.mark.parametrize("width", [390, 1280])
def test_the_console_plays_a_conversations_call_recordings(
    browser: Any, real_server: LiveServer, real_services: Any, width: int
) -> None:
    username = f"rec{width}"
    real_services.handoffs.add_agent(username, "Rec", hash_password("correct horse battery"), "demo")
    conversations = real_services.conversations
    conversation = conversations.start("phone")
    conversations.add_message(conversation, "customer", f"Please get me a person ({width})")
    earlier = real_services.settings.data_dir / "recordings" / conversation / "call-0.wav"
    a_recording(earlier, 2.0)
    conversations.add_event(conversation, "recording", {"path": str(earlier), "seconds": 2.0})
    loop = real_server.server.config.app.state.loop
    asyncio.run_coroutine_threadsafe(real_services.hub.escalate(conversation, "customer_request"), loop).result(30)

    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{real_server.http_url}/console")
    page.fill("#username", username)
    page.fill("#password", "correct horse battery")
    page.click("#login-form button[type=submit]")
    accept = page.locator("#queue li", has_text=f"({width})").locator("button.accept")
    accept.wait_for(timeout=TIMEOUT)
    accept.click()
    players = page.locator("#packet audio")
    players.first.wait_for(timeout=30_000)
    assert "call-0.wav (2 s)" in page.locator("#packet").inner_text()
    url = players.first.get_attribute("src")
    assert url == f"/api/conversations/{conversation}/recordings/call-0.wav"
    assert page.evaluate(f"fetch('{url}').then(r => r.status)") == 200  # the agent's cookie plays it
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    later = earlier.with_name("call-1.wav")  # a second call ends while the agent holds the conversation
    a_recording(later, 3.0)
    event = {"type": "recording", "conversation_id": conversation, "name": later.name, "seconds": 3.0}
    event["url"] = f"/api/conversations/{conversation}/recordings/{later.name}"
    agent_id = real_services.hub.assigned_agent(conversation)
    asyncio.run_coroutine_threadsafe(real_services.hub.notify_agent(agent_id, event), loop).result(30)
    page.wait_for_function("document.querySelectorAll('#packet audio').length === 2", timeout=30_000)
    page.screenshot(path=str(real_services.settings.data_dir / f"console-recording-{width}.png"), full_page=True)
