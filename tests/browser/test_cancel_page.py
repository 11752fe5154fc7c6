"""A customer cancels a pending order through the chat page, confirming with the Yes button."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]
TIMEOUT = 120_000


def test_cancel_with_yes_button(browser: Any, real_server: LiveServer, real_services: Any) -> None:
    snapshot = real_services.store.snapshot()
    order = next(o for o in snapshot["orders"].values() if o["status"] == "pending")
    email = snapshot["users"][order["user_id"]]["email"]
    page = browser.new_context().new_page()
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")

    def send(text: str) -> None:
        count = page.locator("li.msg.bot[data-pending='false']").count()
        page.fill("#text", text)
        page.click("#send")
        page.wait_for_function(
            f"document.querySelectorAll(\"li.msg.bot[data-pending='false']\").length > {count}", timeout=TIMEOUT
        )

    send(f"Please cancel my order {order['order_id']}")
    send(f"My email is {email}")
    send("I ordered it by mistake")
    confirm = page.locator("li.msg.bot .confirm").last
    assert "Shall I go ahead" in page.locator("li.msg.bot").last.inner_text()
    assert real_services.store.order_details(order["order_id"])["status"] == "pending"
    count = page.locator("li.msg.bot[data-pending='false']").count()
    confirm.locator("button[data-answer='yes']").click()
    page.wait_for_function(
        f"document.querySelectorAll(\"li.msg.bot[data-pending='false']\").length > {count}", timeout=TIMEOUT
    )
    assert "cancelled" in page.locator("li.msg.bot").last.inner_text()
    # the answer stays visible next to the question: the chosen button marked, both disabled
    chosen = confirm.locator("button.chosen")
    assert chosen.count() == 1 and chosen.get_attribute("data-answer") == "yes"
    assert chosen.get_attribute("aria-pressed") == "true" and confirm.locator("button:enabled").count() == 0
    page.screenshot(path=str(real_services.settings.data_dir / "cancel.png"))
    assert real_services.store.order_details(order["order_id"])["status"] == "cancelled"
