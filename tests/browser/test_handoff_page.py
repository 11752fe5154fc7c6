"""Warm transfer in two real browser contexts: an angry customer in the chat page, an agent in the console."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import text

from hotline.gateway.agent_auth import hash_password
from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]
TIMEOUT = 120_000


def send(page: Any, message: str) -> None:
    page.fill("#text", message)
    page.click("#send")


def test_angry_customer_goes_to_an_agent_and_back(browser: Any, real_server: LiveServer, real_services: Any) -> None:
    real_services.handoffs.add_agent("ann", "Ann", hash_password("correct horse battery"), "demo")
    customer = browser.new_context().new_page()
    customer.goto(f"{real_server.http_url}/")
    customer.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    send(customer, "I'm James Li, zip 10083. My order #W2611340 never arrived, my card is 4111 1111 1111 1111")
    customer.locator("li.msg.bot[data-pending='false']").first.wait_for(timeout=TIMEOUT)
    send(customer, "This is ridiculous, you idiots! I want a human NOW")
    notice = customer.locator("li.msg.system[data-status='waiting']")
    notice.wait_for(timeout=TIMEOUT)
    assert "human agent" in notice.inner_text()
    # the status line says where they stand (another test's customer may wait too)
    customer.wait_for_function("document.getElementById('status').dataset.position !== undefined", timeout=30_000)
    assert "in the queue" in customer.locator("#status").inner_text()

    agent = browser.new_context().new_page()
    agent.goto(f"{real_server.http_url}/console")
    agent.fill("#username", "ann")
    agent.fill("#password", "correct horse battery")
    agent.click("#login-form button[type=submit]")
    card = agent.locator("#queue li", has_text="James Li")  # this customer's (another test may have left one)
    accept = card.locator("button.accept")
    accept.wait_for(timeout=TIMEOUT)
    assert "customer asked for a human" in card.inner_text()
    assert re.match(r"waiting (<1|\d+) min · EN", card.locator(".meta").inner_text())
    assert re.match(r"\(\d+\) Agent console", agent.title())  # the tab counts waiting customers
    assert agent.evaluate("Number(document.body.dataset.chimes || 0)") >= 1  # and a chime said so
    agent.click("#sound")  # the agent turns the chime off (and on again)
    assert agent.get_attribute("#sound", "aria-pressed") == "false" and agent.inner_text("#sound") == "Sound off"
    agent.click("#sound")
    accept.click()
    agent.locator("#conversation").wait_for(state="visible")
    packet = agent.locator("#packet").inner_text()
    assert "#W2611340" in packet  # already provided: the customer does not repeat it
    assert "human_request" in packet and "profanity" in packet  # red-line hits
    assert re.search(r"Orders looked up\s+#W2611340: processed", packet)
    transcript = agent.locator("#transcript").inner_text()
    assert "[card]" in transcript and "4111" not in transcript
    assert agent.locator("#transcript li time").count() >= 2  # each line has its time
    customer.locator("li.msg.system[data-status='agent_joined']").wait_for(timeout=TIMEOUT)

    agent.fill("#reply-text", "Hi, I'm Ann. I can see order #W2611340 is processed.")
    agent.click("#reply button[type=submit]")
    customer.locator("li.msg.agent").wait_for(timeout=TIMEOUT)
    assert "I'm Ann" in customer.locator("li.msg.agent").inner_text()
    send(customer, "ok thanks Ann, can the bot tell me the tracking number?")
    agent.wait_for_function("document.getElementById('transcript').textContent.includes('tracking number?')")
    agent.screenshot(path=str(real_services.settings.data_dir / "console.png"))

    agent.click("#hand-back")  # a wrap-up first: outcome and a note, kept with the conversation
    agent.locator("#wrap-up").wait_for(state="visible")
    agent.screenshot(path=str(real_services.settings.data_dir / "console-wrap-up.png"))
    agent.check("input[name=outcome][value=follow_up]")
    agent.fill("#wrap-up-note", "Tracking number given; call back if not delivered by Friday.")
    agent.click("#wrap-up-confirm")
    customer.locator("li.msg.system[data-status='returned_to_bot']").wait_for(timeout=TIMEOUT)
    bot_before = customer.locator("li.msg.bot[data-pending='false']").count()
    send(customer, "What is the tracking number of my order #W2611340?")
    customer.wait_for_function(
        f"document.querySelectorAll(\"li.msg.bot[data-pending='false']\").length > {bot_before}", timeout=TIMEOUT
    )
    assert "357962501027" in customer.locator("li.msg.bot[data-pending='false']").last.inner_text()
    customer.screenshot(path=str(real_services.settings.data_dir / "customer-handoff.png"))

    with real_services.db.connect() as connection:
        rows = [
            str(row)
            for table in ("messages", "events", "redline_hits", "handoffs", "escalation_decisions")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        ]
    assert not any("4111 1111" in row or "4111111111111111" in row for row in rows)
    with real_services.db.connect() as connection:
        wrap_ups = [
            row[0] for row in connection.execute(text("SELECT payload FROM events WHERE kind = 'handoff_returned'"))
        ]
    assert any("follow_up" in str(p) and "call back if not delivered" in str(p) for p in wrap_ups), wrap_ups


def test_the_console_fits_a_phone(browser: Any, real_server: LiveServer, real_services: Any) -> None:
    """At 390 px: the login form alone (the console's skeleton stays hidden), then the console in one column with
    no sideways scrolling and touch-sized buttons; errors are shown in the page, not in alert() boxes."""
    real_services.handoffs.add_agent("bo", "Bo", hash_password("correct horse battery"), "demo")
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"alert() shown: {dialog.message}"))
    page.goto(f"{real_server.http_url}/console")
    page.locator("#login-form").wait_for(state="visible")
    assert not page.locator("#console").is_visible() and not page.locator(".side").is_visible()
    page.fill("#username", "bo")
    page.fill("#password", "correct horse battery")
    page.click("#login-form button[type=submit]")
    page.locator("#console").wait_for(state="visible")
    page.wait_for_function("document.getElementById('link').textContent === 'online'", timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for control in ("hand-back", "close", "voice", "reply-text"):  # touch-sized, for when they show
        assert page.evaluate(f"getComputedStyle(document.getElementById('{control}')).minHeight") == "44px", control
    page.evaluate("window.hotlineConsole.error('That conversation is no longer yours.')")
    assert page.locator("#console-error").inner_text() == "That conversation is no longer yours."
    page.screenshot(path=str(real_services.settings.data_dir / "console-390.png"))


def test_the_wrap_up_and_a_reloaded_customer_page_fit_a_phone(
    browser: Any, real_server: LiveServer, real_services: Any
) -> None:
    """At 390 px on both sides: the agent's wrap-up dialog fits the screen with touch-sized choices and its
    Confirm button in view; a customer who reloads while waiting for the human sees the conversation and the
    waiting notice again, without sideways scrolling."""
    real_services.handoffs.add_agent("cy", "Cy", hash_password("correct horse battery"), "demo")
    phone = {"width": 390, "height": 844}
    customer = browser.new_context(viewport=phone).new_page()
    customer.goto(f"{real_server.http_url}/")
    customer.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    send(customer, "Hi, I'm Omar Anderson. I want to talk to a human agent please.")
    customer.locator("li.msg.system[data-status='waiting']").wait_for(timeout=TIMEOUT)
    customer.reload()
    customer.locator("li.msg.customer").first.wait_for(timeout=TIMEOUT)
    assert "Omar Anderson" in customer.locator("li.msg.customer").first.inner_text()
    customer.locator("li.msg.system[data-status='waiting']").wait_for(timeout=TIMEOUT)  # still told they wait
    customer.wait_for_function("document.getElementById('status').dataset.position !== undefined", timeout=30_000)
    status = customer.locator("#status").inner_text()  # with their place in the queue, told again on the new page
    assert status.startswith("waiting for an agent") and "in the queue" in status
    assert customer.evaluate("document.documentElement.scrollWidth") <= 390
    customer.screenshot(path=str(real_services.settings.data_dir / "customer-waiting-reloaded-390.png"))

    agent = browser.new_context(viewport=phone).new_page()
    agent.goto(f"{real_server.http_url}/console")
    agent.fill("#username", "cy")
    agent.fill("#password", "correct horse battery")
    agent.click("#login-form button[type=submit]")
    accept = agent.locator("#queue li", has_text="Omar Anderson").locator("button.accept")
    accept.wait_for(timeout=TIMEOUT)
    accept.click()
    agent.locator("#conversation").wait_for(state="visible")
    customer.locator("li.msg.system[data-status='agent_joined']").wait_for(timeout=TIMEOUT)
    customer.reload()  # reloaded while the agent holds the conversation: told so again, not "connected"
    customer.locator("li.msg.system[data-status='agent_joined']").wait_for(timeout=TIMEOUT)
    customer.wait_for_function("document.getElementById('status').textContent.includes('Cy')", timeout=30_000)
    agent.click("#hand-back")
    dialog = agent.locator("#wrap-up")
    dialog.wait_for(state="visible")
    box = dialog.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    confirm = agent.locator("#wrap-up-confirm").bounding_box()
    assert confirm is not None and confirm["y"] + confirm["height"] <= 844 and confirm["height"] >= 44, confirm
    for label in agent.locator("#wrap-up fieldset label").all():
        assert (label.bounding_box() or {"height": 0})["height"] >= 44
    agent.screenshot(path=str(real_services.settings.data_dir / "console-wrap-up-390.png"))
    agent.click("#wrap-up-confirm")
    customer.locator("li.msg.system[data-status='returned_to_bot']").wait_for(timeout=TIMEOUT)
