"""The customer page as a person uses it, at a phone's width and a laptop's (390×844, 1280×800): the header and
the composer stay on screen however long the conversation gets, the controls are buttons with names that the
keyboard reaches and a finger can hit, icons are drawn (no emoji a system may lack), and the page shows that the
assistant is writing until its reply starts."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]

SAW_TYPING = """() => {
  window.__sawTyping = false;
  new MutationObserver((changes) => {
    for (const change of changes)
      for (const node of change.addedNodes)
        if (node.classList && node.classList.contains('typing')) window.__sawTyping = true;
  }).observe(document.getElementById('log'), { childList: true });
}"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_the_chat_page_keeps_its_controls_in_view_and_reachable(
    browser: Any, real_server: LiveServer, real_services: Any, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")

    # the assistant is writing: shown after the customer sends, gone once the reply is there
    page.evaluate(SAW_TYPING)
    page.fill("#text", "How long does a refund take?")
    page.click("#send")
    page.locator("li.msg.bot[data-pending='false']").first.wait_for(timeout=120_000)
    assert page.evaluate("window.__sawTyping") and page.locator("#log li.typing").count() == 0

    # a long conversation scrolls inside the log; the header and the composer do not move
    page.evaluate("for (let i = 0; i < 40; i++) window.hotlineChat.bubble(i % 2 ? 'bot' : 'customer', 'line ' + i)")
    assert page.evaluate("document.scrollingElement.scrollHeight <= window.innerHeight + 1")
    assert page.evaluate("document.getElementById('log').scrollHeight > document.getElementById('log').clientHeight")
    for selector in ("header h1", "#call", "#text", "#send", "#photo-button"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector

    # the controls: real buttons with names, reached in order by the keyboard, at least 44 px tall
    photo = page.locator("#photo-button")
    assert photo.get_attribute("aria-label") == "Send a photo" and photo.is_enabled()
    page.focus("#text")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "photo-button"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "send"
    for selector in ("#photo-button", "#send", "#call"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, selector
    # drawn icons, no emoji (a system without an emoji font shows empty boxes)
    assert page.locator("#call svg").count() == 1 and page.locator("#photo-button svg").count() == 1
    assert page.locator("#call .label").inner_text() == "Call"
    assert not any(ord(ch) > 0x2FFF for ch in page.locator("header").inner_text() + photo.inner_text())
    # the file chooser opens from the button (the phone's camera on a mobile)
    with page.expect_file_chooser() as chooser:
        photo.click()
    assert chooser.value is not None
    page.screenshot(path=str(real_services.settings.data_dir / f"chat-layout-{width}.png"))
    context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_call_bar_and_keypad_fit_a_phone(browser: Any, real_server: LiveServer, lang: str) -> None:
    """On a call at 390 px the call bar wraps its buttons instead of squeezing the status into a column of words
    (Russian's "Выключить микрофон" is long), and the keypad's keys are finger-sized; nothing scrolls sideways."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{real_server.http_url}/?lang={lang}")
    page.wait_for_function("document.getElementById('disclosure').textContent.length > 0", timeout=60_000)
    page.evaluate(  # the bar as a call shows it (the call test runs a real one at 1280 px)
        """() => { document.getElementById('call-bar').hidden = false;
        document.getElementById('call-state').textContent = window.HotlineStrings.t('onCall');
        document.getElementById('keypad').hidden = false; }"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    state = page.locator("#call-state").bounding_box()
    assert state is not None and state["height"] <= 40, state  # two lines at most
    for control in ("#mute", "#keypad-toggle", "#keypad button[data-key='5']"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["height"] >= 36 and box["x"] + box["width"] <= 390, (control, box)
    page.context.close()
