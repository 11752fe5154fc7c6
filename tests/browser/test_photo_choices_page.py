"""Product photos from the chat page in headless Chromium: a photo the matcher is sure of is named; for one it is
unsure of, the page shows the top 3 as buttons with the catalog's pictures, and a click answers the bot."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]


def _pick(services: Any) -> tuple[Any, Any]:
    """A val photo the matcher names correctly, and one it is unsure about."""
    sure = unsure = None
    for photo in services.catalog.split("val"):
        result = services.matcher.match(photo.path.read_bytes())
        if sure is None and result.confident and result.best.class_id == photo.class_id:
            sure = photo
        if unsure is None and not result.confident:
            unsure = photo
        if sure and unsure:
            return sure, unsure
    pytest.fail("the shipped matcher gave no sure-and-right or no unsure val photo")


def test_named_and_asked_from_the_chat_page(browser: Any, real_server: LiveServer, real_services: Any) -> None:
    sure, unsure = _pick(real_services)
    page = browser.new_context().new_page()
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("!document.getElementById('photo').disabled")

    page.set_input_files("#photo", str(sure.path))
    named = page.locator("li.msg.bot", has_text="it looks like")
    named.wait_for(timeout=60_000)
    assert real_services.catalog[sure.class_id].name in named.inner_text()

    page.set_input_files("#photo", str(unsure.path))
    choices = page.locator("li.msg.bot .choices").last
    choices.wait_for(timeout=60_000)
    buttons = choices.locator("button.choice")
    assert buttons.count() == 4  # the top 3 and "None of these"
    assert choices.locator("img").count() == 3
    page.wait_for_function(
        "[...document.querySelectorAll('.choices img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    first = buttons.first.get_attribute("data-choice")
    bots = page.locator("li.msg.bot[data-pending='false']").count()
    buttons.first.click()
    page.locator("li.msg.customer", has_text=f"It's the {first}.").wait_for()
    page.wait_for_function(
        f"document.querySelectorAll(\"li.msg.bot[data-pending='false']\").length > {bots}", timeout=120_000
    )
    assert buttons.first.is_disabled()
    # the answer is about the product picked, never a text search ("Pink Lady" once found the pink Yoga Mat)
    answer = page.locator("li.msg.bot[data-pending='false']").last.inner_text()
    assert f"it's the {first.lower()}" in answer.lower(), answer
