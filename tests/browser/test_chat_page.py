"""The customer chat page in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]


def test_chat_page_round_trip(browser: Any, real_server: LiveServer, real_services: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{real_server.http_url}/")
    disclosure = page.locator("#disclosure")
    disclosure.wait_for(state="visible")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    page.fill("#text", "I'm James Li, zip 10083. What is the status of order #W2611340?")
    page.click("#send")
    reply = page.locator("li.msg.bot[data-pending='false']").first
    reply.wait_for(timeout=120_000)
    assert "Order #W2611340 is processed." in reply.inner_text()
    # Sources are listed, and thumbs-down is stored against the reply.
    sources = reply.locator("details.sources")
    sources.locator("summary").click()
    assert "Order #W2611340: processed" in sources.inner_text()
    reply.locator("button[data-rating='down']").click()
    page.wait_for_function("document.querySelector(\"button[data-rating='down']\").ariaPressed === 'true'")
    message_id = int(reply.get_attribute("data-message-id"))
    page.screenshot(path=str(real_services.settings.data_dir / "chat-page.png"))
    context.close()

    from sqlalchemy import select

    from hotline.storage.schema import Feedback

    for _ in range(50):
        with real_services.sessions() as session:
            ratings = session.scalars(select(Feedback.rating).where(Feedback.message_id == message_id)).all()
        if ratings:
            break
        import time

        time.sleep(0.1)
    assert ratings == [-1]


def test_a_reloaded_page_shows_the_conversation_so_far(browser: Any, real_server: LiveServer) -> None:
    """A customer who reloads the page (or its tab is restored) sees what was said, once, and goes on in the same
    conversation; a card number they typed stays masked."""
    page = browser.new_context().new_page()
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    page.fill("#text", "I'm James Li, zip 10083. What is the status of order #W2611340? Card 4111 1111 1111 1111")
    page.click("#send")
    page.locator("li.msg.bot[data-pending='false']").first.wait_for(timeout=120_000)
    conversation = page.evaluate("sessionStorage.getItem('hotline.conversation')")
    page.reload()
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    page.locator("li.msg.customer").first.wait_for(timeout=10_000)
    assert page.evaluate("sessionStorage.getItem('hotline.conversation')") == conversation
    assert page.locator("li.msg.customer").count() == 1 and page.locator("li.msg.bot").count() == 1
    assert "#W2611340" in page.locator("li.msg.customer").inner_text()
    assert "4111" not in page.locator("#log").inner_text()  # stored masked, shown masked
    assert "Order #W2611340 is processed." in page.locator("li.msg.bot").inner_text()
    page.fill("#text", "thanks!")
    page.click("#send")
    page.wait_for_function(
        "document.querySelectorAll(\"li.msg.bot[data-pending='false']\").length >= 2", timeout=120_000
    )
    page.context.close()


def test_an_apology_before_the_answer_keeps_the_typing_indicator_until_the_answer(
    browser: Any, real_server: LiveServer
) -> None:
    """One customer message answered twice (asked "are you a bot?" with a question: "I'm an AI", then the answer):
    the page shows the bot still typing between the two replies, not an idle chat."""
    page = browser.new_context().new_page()
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    page.evaluate(
        """() => { window.added = [];
        new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach((n) => window.added.push(
          n.className)))).observe(document.getElementById('log'), { childList: true }); }"""
    )
    page.fill("#text", "Are you a real person? And how long does a refund take?")
    page.click("#send")
    page.locator("li.msg.bot[data-pending='false']").nth(1).wait_for(timeout=120_000)
    bots = page.locator("li.msg.bot")
    assert "AI" in bots.nth(0).inner_text() and "refund" in bots.nth(1).inner_text().lower()
    added = [name for name in page.evaluate("window.added") if name in ("typing", "msg bot", "msg customer")]
    assert added == ["msg customer", "typing", "msg bot", "typing", "msg bot"], added
    assert page.locator("li.typing").count() == 0
    page.context.close()
