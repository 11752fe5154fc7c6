"""The customer's pages: the chat page (in the tenant's name and colour) and the embeddable widget — a script any
allow-listed site adds with one tag, which opens the chat page in a panel:

    <script src="https://support.example/widget.js" data-tenant="demo" async></script>

The widget asks for its tenant's configuration with the site's Origin: a site not on the allow-list gets 403 and
no launcher, and the browser refuses to frame the chat page there anyway (CSP frame-ancestors on every chat page).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from hotline.gateway.branding import brand_for, chat_page, frame_ancestors, page_tenant
from hotline.gateway.dependencies import services_of
from hotline.gateway.guards import origin_listed
from hotline.languages import load_packs

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"
router = APIRouter()


@lru_cache(maxsize=1)
def _chat_template() -> str:
    return (STATIC_DIR / "chat.html").read_text(encoding="utf-8")


@router.get("/", include_in_schema=False)
async def customer_chat_page(request: Request) -> HTMLResponse:
    settings = services_of(request).settings
    brand = brand_for(settings, page_tenant(request, settings))
    return HTMLResponse(
        chat_page(_chat_template(), brand, embedded=request.query_params.get("embedded") == "1"),
        headers={"Content-Security-Policy": frame_ancestors(settings), "Cache-Control": "no-cache"},
    )


@router.get("/widget.js", include_in_schema=False)
async def widget_script() -> FileResponse:
    return FileResponse(
        STATIC_DIR / "widget.js",
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "max-age=300", "Access-Control-Allow-Origin": "*"},
    )


@router.get("/api/widget/config")
async def widget_config(request: Request, lang: str = "en") -> JSONResponse:
    """The launcher's looks and words for ``?tenant=`` (default: by host), for the site in the Origin header."""
    settings = services_of(request).settings
    origin = request.headers.get("origin")
    # The site may read the answer either way: a refused one learns why instead of a bare CORS error.
    headers = {"Access-Control-Allow-Origin": origin or "*", "Vary": "Origin", "Cache-Control": "no-cache"}
    if not origin_listed(origin, settings.security):  # a site may show the widget
        log.warning("widget refused: origin not on the allow-list", extra={"origin": origin})
        detail = f"the site {origin or '(no Origin)'} may not embed the chat: add it to security.allowed_origins"
        return JSONResponse({"detail": detail}, 403, headers=headers)
    brand = brand_for(settings, page_tenant(request, settings))
    packs = load_packs()
    lang = lang if lang in packs else "en"
    ui = packs[lang].ui
    body = {
        "tenant": brand.tenant,
        "name": brand.name,
        "colour": brand.colour,
        "on_colour": brand.on_colour,
        "chat_url": f"{request.base_url}?tenant={brand.tenant}&lang={lang}&embedded=1",
        "open": ui["widgetOpen"],
        "close": ui["widgetClose"],
        "frame_title": ui["title"],
    }
    return JSONResponse(body, headers=headers)
