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


def test_a_failed_upload_says_why_in_the_bubble_and_sends_again(
    browser: Any, real_server: LiveServer, real_services: Any, tmp_path: Path
) -> None:
    """The upload fails once (the server is busy): the photo stays, the reason stays in its bubble (not a banner that
    vanishes), and "Send again" sends the same photo, which then arrives."""
    photo = tmp_path / "label.jpg"
    photo.write_bytes(label("Order #W2611340"))
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    failures = []

    def busy_once(route: Any) -> None:
        if not failures:
            failures.append(route.request.url)
            route.fulfill(status=503, content_type="application/json", body='{"detail": "Photos are busy, sorry."}')
        else:
            route.continue_()

    page.route("**/photos", busy_once)
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("!document.getElementById('photo').disabled")
    page.set_input_files("#photo", str(photo))
    failed = page.locator("li.msg.photo.failed .error-note")
    failed.wait_for(timeout=30_000)
    assert "Photos are busy" in failed.inner_text() and page.locator("li.msg.photo img").count() == 1
    page.wait_for_timeout(7_000)  # longer than the banner lasts: the reason is still there
    assert failed.is_visible()
    page.screenshot(path=str(real_services.settings.data_dir / "photo-failed-390.png"))
    page.click("li.msg.photo .retry")
    page.locator("li.msg.photo[data-photo-id]").wait_for(timeout=60_000)
    assert page.locator("li.msg.photo.failed").count() == 0 and page.locator("li.msg.photo").count() == 1
    assert "#W2611340" in page.locator("li.msg.photo .photo-note").inner_text()
    page.context.close()
