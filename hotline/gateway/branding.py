"""A tenant's customer pages: which tenants a page may name, each one's name and colour, and which sites may frame
its chat (the Origin allow-list, as the browser enforces it: CSP ``frame-ancestors``).

One place for these rules: the chat page, the embeddable widget's configuration and the new-chat endpoint all ask
here. Text on the tenant's colour is white or black, whichever contrasts more: at least 4.58:1 for any colour,
so a tenant's choice never breaks WCAG AA on the buttons and bubbles drawn in it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from fastapi import HTTPException
from starlette.requests import HTTPConnection

from hotline.gateway.customer_auth import tenant_for_host
from hotline.settings import Brand, Settings

LIGHT, DARK = "#ffffff", "#000000"
TENANT_PARAM = "tenant"


@dataclass(frozen=True)
class PageBrand:
    tenant: str
    name: str
    colour: str
    on_colour: str  # text drawn on the colour


def known_tenants(settings: Settings) -> set[str]:
    return {settings.auth.tenant, *settings.auth.tenant_hosts.values(), *settings.brands}


def page_tenant(connection: HTTPConnection, settings: Settings) -> str:
    """The tenant a customer page or a new chat belongs to: ``?tenant=`` (the widget names it; only a tenant this
    gateway serves, else 404), otherwise the host the page was served from."""
    asked = connection.query_params.get(TENANT_PARAM) or None
    if asked is None:
        return tenant_for_host(connection, settings.auth)
    if asked not in known_tenants(settings):
        raise HTTPException(status_code=404, detail=f"no tenant {asked!r} on this gateway")
    return asked


def brand_for(settings: Settings, tenant: str) -> PageBrand:
    brand = settings.brands.get(tenant) or Brand()
    return PageBrand(tenant, settings.company_name(tenant), brand.colour.lower(), on_colour(brand.colour))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def on_colour(colour: str) -> str:
    return LIGHT if contrast(colour, LIGHT) >= contrast(colour, DARK) else DARK


def frame_ancestors(settings: Settings) -> str:
    """The Content-Security-Policy that lets the gateway itself and the allow-listed sites frame the chat page."""
    origins = settings.security.allowed_origins
    sources = "*" if "*" in origins else " ".join(["'self'", *origins])
    return f"frame-ancestors {sources}"


def chat_page(template: str, brand: PageBrand, embedded: bool = False) -> str:
    """The chat page in the tenant's name and colour (values escaped; the page's scripts read them back).
    ``embedded``: inside the widget's panel, whose bar already shows the name (the heading stays for readers)."""
    attributes = (
        f' data-tenant="{html.escape(brand.tenant)}" data-brand="{html.escape(brand.name)}"'
        f' style="--accent:{brand.colour};--on-accent:{brand.on_colour}"' + (' data-embedded=""' if embedded else "")
    )
    return template.replace('<html lang="en">', f'<html lang="en"{attributes}>', 1).replace(
        "<h1>Customer support</h1>", f"<h1>{html.escape(brand.name)}</h1>", 1
    )
