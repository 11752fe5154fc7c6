"""The chat page in Russian and Chinese: a browser in that language gets the page, the disclosure and the answers
in it, with the help centre's article titles as sources (never file names); screenshots at 390 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]


@pytest.mark.parametrize(
    ("locale", "question", "expected", "button", "title"),
    [
        (
            "ru-RU",
            "Сколько ждать возврата денег на карту?",
            "рабочих дней",
            "Отправить",
            "Когда я получу возврат денег?",
        ),
        ("zh-CN", "退款需要多长时间？", "个工作日", "发送", "退款什么时候到账？"),
    ],
)
def test_page_disclosure_and_answer_in_the_customers_language(
    browser: Any,
    real_server: LiveServer,
    real_services: Any,
    locale: str,
    question: str,
    expected: str,
    button: str,
    title: str,
) -> None:
    lang = locale[:2]
    for width in (390, 1280):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{real_server.http_url}/")
        page.locator("#disclosure").wait_for(state="visible")
        page.wait_for_function("document.getElementById('disclosure').textContent.length > 20")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("#send").inner_text() == button
        disclosure = page.locator("#disclosure").inner_text()
        assert ("ИИ-ассистент" in disclosure) if lang == "ru" else ("AI助手" in disclosure)
        page.fill("#text", question)
        page.click("#send")
        reply = page.locator("li.msg.bot[data-pending='false']").last
        reply.wait_for(timeout=120_000)
        assert expected in reply.inner_text()
        sources = reply.locator("details.sources")
        sources.locator("summary").click()
        listed = sources.inner_text()
        assert title in listed and ".md" not in listed and "Agent policy" not in listed
        confirm_labels = page.evaluate("[window.HotlineStrings.t('yes'), window.HotlineStrings.t('helpful')]")
        assert confirm_labels[0] in ("Да", "是")
        # the longer words ("Отправить") never push the page sideways: the composer's field gives way
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        send = page.locator("#send").bounding_box()
        assert send is not None and send["x"] + send["width"] <= width
        page.screenshot(path=str(real_services.settings.data_dir / f"chat-{lang}-{width}.png"), full_page=True)
        context.close()
