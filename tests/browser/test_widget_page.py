"""The embeddable widget on another company's site, in Chromium at 390×844 and 1280×800: one script tag adds a
launcher in the tenant's name and colour; it opens the chat (the gateway's page, framed) where the customer talks
to the bot; Escape or × closes it and gives the focus back; axe-core finds no serious violation on the site with the
widget open nor inside the chat. A site not on the allow-list gets no launcher. The customer page stays within its
weight budget: ≤ 100 kB of the gateway's own JS and CSS."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from hotline.gateway.services import Services
from tests.browser.test_accessibility import violations
from tests.conftest import LiveServer, scripted_server

pytestmark = [pytest.mark.browser]

SHOP_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Bloom flowers</title></head>
<body><main><h1>Bloom flowers</h1><p>Fresh flowers, delivered.</p></main>
<script src="{gateway}/widget.js" data-tenant="bloom" async></script></body></html>"""


class Site:
    """Another company's site on its own origin (localhost:<port>, not the gateway's 127.0.0.1:<port>)."""

    def __init__(self, body: str) -> None:
        page = body.encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://localhost:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[tuple[LiveServer, Services]]:
    with scripted_server(
        tmp_path,
        security={"allowed_origins": []},  # each test names its site
        brands={"bloom": {"name": "Bloom", "colour": "#be185d"}},
    ) as (server, services):
        yield server, services


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_the_widget_opens_the_tenants_chat_on_an_allowed_site(
    browser: Any, gateway: tuple[LiveServer, Services], width: int, height: int
) -> None:
    server, services = gateway
    site = Site(SHOP_PAGE.format(lang="en", gateway=server.http_url))
    services.settings.security.allowed_origins = [site.origin]
    try:
        page = browser.new_context(viewport={"width": width, "height": height}).new_page()
        page.goto(site.origin)
        launcher = page.locator("#hotline-widget button.launcher")
        launcher.wait_for()
        assert launcher.inner_text() == "Chat with us" and launcher.get_attribute("aria-expanded") == "false"
        assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(190, 24, 93)"
        box = launcher.bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
        assert page.locator("#hotline-widget iframe").count() == 0  # no chat (no session) until it is opened
        launcher.click()
        assert launcher.get_attribute("aria-expanded") == "true" and launcher.inner_text() == "Close the chat"

        chat = page.frame_locator("#hotline-widget iframe")
        chat.locator("#disclosure").filter(has_text="AI assistant").wait_for(timeout=30_000)
        # the tenant's name, not the gateway's
        assert "Bloom's AI assistant" in chat.locator("#disclosure").inner_text()
        chat.locator("#text").fill("When do you open?")
        chat.locator("#send").click()
        chat.locator("li.msg.bot[data-pending='false'] .feedback").first.wait_for(timeout=30_000)
        customer = chat.locator("li.msg.customer").first
        assert customer.evaluate("li => getComputedStyle(li).backgroundColor") == "rgb(190, 24, 93)"
        conversation = chat.locator("html").evaluate("() => window.HotlineStore.getItem('hotline.conversation')")
        assert services.conversations.tenant_of(conversation) == "bloom"

        panel = page.locator("#hotline-widget .panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width and panel["y"] + panel["height"] <= height
        if width <= 480:
            assert panel["width"] == width  # the whole phone screen
        page.screenshot(path=str(services.settings.data_dir / f"widget-open-{width}.png"))
        assert violations(page) == []
        frame = next(f for f in page.frames if f.url.startswith(server.http_url))
        assert violations(frame) == []

        focused = "document.getElementById('hotline-widget').shadowRoot.activeElement?.className"
        page.locator("#hotline-widget button.close").click()
        assert page.locator("#hotline-widget .panel").is_hidden() and page.evaluate(focused) == "launcher"
        page.keyboard.press("Enter")  # the launcher has the focus: the keyboard opens it again, Escape closes it
        assert page.locator("#hotline-widget .panel").is_visible()
        page.locator("#hotline-widget button.close").focus()
        page.keyboard.press("Escape")
        assert page.locator("#hotline-widget .panel").is_hidden() and page.evaluate(focused) == "launcher"
        page.context.close()
    finally:
        services.settings.security.allowed_origins = []
        site.close()


def test_a_site_not_on_the_allow_list_gets_no_widget(browser: Any, gateway: tuple[LiveServer, Services]) -> None:
    server, _ = gateway
    site = Site(SHOP_PAGE.format(lang="en", gateway=server.http_url))
    try:
        page = browser.new_context().new_page()
        warnings: list[str] = []
        page.on("console", lambda message: warnings.append(message.text))
        page.goto(site.origin)
        page.wait_for_function("() => window.__hotlineWidget === true")
        page.wait_for_timeout(1500)
        assert page.locator("#hotline-widget").count() == 0
        assert any("may not embed the chat" in text for text in warnings), warnings
        page.context.close()
    finally:
        site.close()


def test_the_customer_page_stays_within_its_weight_budget(browser: Any, gateway: tuple[LiveServer, Services]) -> None:
    server, _ = gateway
    page = browser.new_context().new_page()
    sizes: dict[str, int] = {}

    def count(response: Any) -> None:
        if response.url.startswith(server.http_url) and response.request.resource_type in ("script", "stylesheet"):
            sizes[response.url] = len(response.body())

    page.on("response", count)
    page.goto(f"{server.http_url}/")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    assert len(sizes) >= 5, sizes  # the page's CSS, strings, chat and call scripts
    assert sum(sizes.values()) <= 100_000, sizes
    widget = page.request.get(f"{server.http_url}/widget.js")
    assert len(widget.body()) <= 10_000
    page.context.close()
