"""The tenant's customer pages and the embeddable widget over HTTP on a real server: the chat page in the tenant's
name and colour, framed only by the allow-listed sites (CSP frame-ancestors), the widget's configuration only for
an allow-listed Origin, and a chat opened from the widget belonging to the tenant it names."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hotline.gateway.branding import contrast, on_colour
from hotline.gateway.customer_auth import read_customer_token
from hotline.gateway.services import Services
from tests.conftest import LiveServer, scripted_server

SHOP = "https://shop.example"


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, Services]]:
    with scripted_server(
        tmp_path,
        security={"allowed_origins": [SHOP]},
        brands={"b": {"name": "Bloom & <Co>", "colour": "#FDE047"}},
    ) as (server, services):
        yield server, services


def test_the_chat_page_wears_the_tenants_brand_and_only_listed_sites_may_frame_it(
    live: tuple[LiveServer, Services],
) -> None:
    server, _ = live
    page = httpx.get(f"{server.http_url}/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == f"frame-ancestors 'self' {SHOP}"
    assert "<h1>Hotline Demo Store</h1>" in page.text and 'data-tenant="demo"' in page.text
    branded = httpx.get(f"{server.http_url}/", params={"tenant": "b"})
    assert "<h1>Bloom &amp; &lt;Co&gt;</h1>" in branded.text  # escaped, never markup
    assert "--accent:#fde047;--on-accent:#000000" in branded.text  # yellow takes dark text
    missing = httpx.get(f"{server.http_url}/", params={"tenant": "nobody"})
    assert missing.status_code == 404 and "nobody" in missing.json()["detail"]


def test_the_widget_is_configured_for_allow_listed_sites_only(live: tuple[LiveServer, Services]) -> None:
    server, _ = live
    script = httpx.get(f"{server.http_url}/widget.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    config = httpx.get(f"{server.http_url}/api/widget/config?tenant=b&lang=ru", headers={"origin": SHOP})
    assert config.status_code == 200 and config.headers["access-control-allow-origin"] == SHOP
    body = config.json()
    assert body["name"] == "Bloom & <Co>" and body["colour"] == "#fde047" and body["on_colour"] == "#000000"
    assert body["open"] == "Написать нам" and body["chat_url"].endswith("/?tenant=b&lang=ru&embedded=1")
    for origin in ("https://evil.example", None):
        refused = httpx.get(f"{server.http_url}/api/widget/config", headers={"origin": origin} if origin else {})
        assert refused.status_code == 403 and "allowed_origins" in refused.json()["detail"]
    unknown = httpx.get(f"{server.http_url}/api/widget/config?tenant=zzz", headers={"origin": SHOP})
    assert unknown.status_code == 404


def test_a_chat_opened_from_the_widget_belongs_to_its_tenant(live: tuple[LiveServer, Services]) -> None:
    server, services = live
    created = httpx.post(f"{server.http_url}/api/chat/sessions?tenant=b")
    assert created.status_code == 201
    claims = read_customer_token(created.json()["token"], services.settings.auth)
    assert claims is not None and claims["tenant"] == "b"
    plain = httpx.post(f"{server.http_url}/api/chat/sessions?tenant=")  # the page outside the widget
    claims = read_customer_token(plain.json()["token"], services.settings.auth)
    assert claims is not None and claims["tenant"] == "demo"
    assert httpx.post(f"{server.http_url}/api/chat/sessions?tenant=zzz").status_code == 404


def test_text_on_any_tenant_colour_meets_wcag_aa() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        colour = "#" + "".join(rng.choice("0123456789abcdef") for _ in range(6))
        assert contrast(colour, on_colour(colour)) >= 4.5, colour
