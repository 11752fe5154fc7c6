"""A photo sent from the chat page in headless Chromium: the thumbnail shows, the order id on the label is read,
and the next reply is about that order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LiveServer
from tests.integration.test_photo_ocr import label

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]


def test_photo_from_the_chat_page(browser: Any, real_server: LiveServer, real_services: Any, tmp_path: Path) -> None:
    photo = tmp_path / "label.jpg"
    photo.write_bytes(label("Order #W2611340"))
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    page.wait_for_function("!document.getElementById('photo').disabled")
    page.set_input_files("#photo", str(photo))
    note = page.locator("li.msg.photo .photo-note")
    note.wait_for(timeout=60_000)
    assert "#W2611340" in note.inner_text()
    assert page.locator("li.msg.photo img").count() == 1
    page.fill("#text", "I'm James Li, zip 10083. This arrived damaged. What is its status?")
    page.click("#send")
    reply = page.locator("li.msg.bot[data-pending='false']").last
    reply.wait_for(timeout=120_000)
    assert "#W2611340" in reply.inner_text()
    context.close()
