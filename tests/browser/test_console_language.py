"""The agent console in the agent's language, in Chromium at 1280×800 and 390×844: a Russian customer asks for a
person on the chat page; an agent who reads Russian switches the console to Русский and sees its words and the
packet's sentences (why, summary, intent) in Russian, then in Chinese; the choice is remembered on reload; the
customer's own words stay as they were said; the choice is kept with the agent's account, so another browser opens
in it, and an account created with a language opens the console in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hotline.gateway.agent_auth import hash_password
from tests.conftest import scripted_server

pytestmark = [pytest.mark.browser]
TIMEOUT = 60_000
PASSWORD = "correct horse battery"


def _log_in(browser: Any, base_url: str, username: str) -> Any:
    """An agent's console in a fresh English browser at 1280 × 800, logged in."""
    page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US").new_page()
    page.goto(f"{base_url}/console")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    return page


def test_the_console_and_packet_read_in_the_agents_language(browser: Any, tmp_path: Path) -> None:
    with scripted_server(tmp_path) as (server, services):
        services.handoffs.add_agent("olga", "Ольга", hash_password(PASSWORD), "demo")
        customer = browser.new_context().new_page()
        customer.goto(f"{server.http_url}/")
        customer.wait_for_function("document.getElementById('disclosure').textContent.length > 0", timeout=TIMEOUT)
        customer.fill("#text", "Здравствуйте! Соедините меня, пожалуйста, с оператором.")
        customer.click("#send")
        customer.locator("li.msg.system[data-status='waiting']").wait_for(timeout=TIMEOUT)

        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
        agent = context.new_page()
        agent.goto(f"{server.http_url}/console")
        assert agent.inner_text("#login h1") == "Agent console"  # the browser's language first
        agent.fill("#username", "olga")
        agent.fill("#password", PASSWORD)
        agent.click("#login-form button[type=submit]")
        card = agent.locator("#queue li").first
        card.wait_for(timeout=TIMEOUT)
        assert "customer asked for a human" in card.inner_text()

        agent.select_option("#agent-lang", "ru")
        assert agent.evaluate("document.documentElement.lang") == "ru"
        assert agent.inner_text("#logout") == "Выйти" and "ОЖИДАЮТ" in agent.inner_text("aside").upper()
        assert "клиент попросил оператора" in card.inner_text() and "ждёт" in card.inner_text()
        assert card.locator("button.accept").inner_text() == "Принять"
        card.locator("button.accept").click()
        agent.locator("#conversation").wait_for(state="visible")
        assert agent.inner_text("#reason") == "Передан оператору: клиент попросил оператора"
        packet = agent.inner_text("#packet")
        for label in ("Кратко", "Клиент", "Сделано", "Запрос", "Язык", "Уже сообщил"):
            assert label in packet, (label, packet)
        assert "Клиент писал: Здравствуйте!" in packet and "поговорить с человеком" in packet, packet
        assert "русский" in packet and "Summary" not in packet and "Customer said" not in packet
        assert agent.get_attribute("#reply-text", "placeholder") == "Напишите клиенту…"
        assert agent.inner_text("#hand-back") == "Вернуть боту"
        agent.screenshot(path=str(tmp_path / "console-ru-1280.png"))

        agent.select_option("#agent-lang", "zh")
        assert agent.inner_text("#reason") == "转人工原因：客户要求转人工"
        packet = agent.inner_text("#packet")
        assert "摘要" in packet and "客户说：Здравствуйте!" in packet and "转人工" in packet and "俄语" in packet, (
            packet
        )
        assert "客户" in agent.inner_text("#transcript li.customer .who")  # the speaker, in the agent's words
        agent.click("#hand-back")
        assert agent.inner_text("#wrap-up-title") == "将会话交还机器人"
        agent.click("#wrap-up-cancel")

        agent.set_viewport_size({"width": 390, "height": 844})
        agent.reload()  # the choice is remembered in this browser
        agent.locator("#queue li, #mine li").first.wait_for(timeout=TIMEOUT)
        assert agent.evaluate("document.documentElement.lang") == "zh"
        assert agent.inner_text("#logout") == "退出" and agent.input_value("#agent-lang") == "zh"
        width = agent.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the console scrolls sideways at 390 px ({width} px)"
        agent.locator("#queue button.accept").first.click()  # the console's leaving put it back in the queue
        agent.locator("#conversation").wait_for(state="visible")
        assert "客户说：Здравствуйте!" in agent.inner_text("#packet")
        agent.screenshot(path=str(tmp_path / "console-zh-390.png"), full_page=True)
        context.close()

        # the choice is the agent's, not only this browser's: another browser (an English one) opens in Chinese
        assert services.handoffs.agent_language(services.handoffs.agent("olga").id) == "zh"
        elsewhere = _log_in(browser, server.http_url, "olga")
        elsewhere.wait_for_function("document.documentElement.lang === 'zh'", timeout=TIMEOUT)
        assert elsewhere.inner_text("#logout") == "退出" and elsewhere.input_value("#agent-lang") == "zh"
        elsewhere.context.close()


def test_an_agent_account_created_with_a_language_opens_the_console_in_it(browser: Any, tmp_path: Path) -> None:
    """`hotline agents add --language ru`: the console is Russian from the first login, in an English browser."""
    with scripted_server(tmp_path) as (server, services):
        services.handoffs.add_agent("ivan", "Иван", hash_password(PASSWORD), "demo", "ru")
        page = _log_in(browser, server.http_url, "ivan")
        page.wait_for_function("document.documentElement.lang === 'ru'", timeout=TIMEOUT)
        assert page.inner_text("#logout") == "Выйти" and page.input_value("#agent-lang") == "ru"
        page.context.close()
