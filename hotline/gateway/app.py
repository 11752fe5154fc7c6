"""The FastAPI application: ``create_app(settings)`` builds it; nothing is read from globals."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Request, UploadFile, WebSocket
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from hotline.conversation.photo_reply import say_photo_reply
from hotline.gateway.agent_auth import COOKIE, agent_tenant, authenticate, issue_token, require_agent
from hotline.gateway.agent_ws import agent_endpoint
from hotline.gateway.audiosocket import start_audiosocket_server
from hotline.gateway.branding import page_tenant
from hotline.gateway.call_records import recording_entry
from hotline.gateway.chat_ws import chat_endpoint
from hotline.gateway.customer_auth import (
    customer_claims,
    issue_customer_token,
    require_conversation_access,
)
from hotline.gateway.customer_pages import router as customer_pages_router
from hotline.gateway.dependencies import ServicesDep, services_of
from hotline.gateway.guards import ClientLimits, bearer_matches, origin_allowed
from hotline.gateway.pcm_ws import pcm_endpoint
from hotline.gateway.services import Services, build_services
from hotline.gateway.twilio_ws import twilio_endpoint
from hotline.gateway.webrtc_calls import WebRTCCalls
from hotline.gateway.webrtc_routes import router as webrtc_router
from hotline.languages import load_packs
from hotline.model_loading import follow_live_adapter
from hotline.settings import Settings
from hotline.vision.images import ImageRejected, clean_image

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_ROW_ID = 2**63 - 1  # database integer keys: larger path ids are a 422, not an overflow


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


def warm_sentences(services: Services) -> None:
    """The knowledge's sentences embedded while the first calls come in (a thread: blocking work)."""
    started = time.perf_counter()
    embedded = services.dialogue.warm_up()
    log.info("knowledge sentences embedded", extra={"sentences": embedded, "s": round(time.perf_counter() - started)})


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    """``services`` may be passed in (tests share one set of loaded models); otherwise built at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = services is None
        ready = services if services is not None else await asyncio.to_thread(build_services, settings)
        await ready.hub.start()
        if owned and settings.kb.warm_sentences:
            threading.Thread(target=warm_sentences, args=(ready,), name="kb-warm-up", daemon=True).start()
        log.info("gateway ready", extra={"kb_chunks": ready.retriever.size, "load_errors": ready.load_errors})
        watcher = asyncio.create_task(follow_live_adapter(ready.dialogue.generator, ready.adapters, ready.settings.llm))
        audiosocket = await start_audiosocket_server(ready)
        calls = WebRTCCalls(ready) if settings.webrtc.enabled else None
        # What the dependencies hand to routes and sockets (gateway/dependencies.py), and the loop servers started
        # beside the app use (AudioSocket, tests).
        app.state.services, app.state.webrtc, app.state.loop = ready, calls, asyncio.get_running_loop()
        try:
            yield
        finally:
            if calls is not None:
                await calls.shutdown()  # each call is stored and its peer connection closed
            watcher.cancel()
            if audiosocket is not None:
                audiosocket.close()
            await ready.hub.shutdown()
            if ready.limits is not None:
                await ready.limits.close()
            if owned:
                ready.close()

    app = FastAPI(title="Hotline gateway", version="0.1.0", lifespan=lifespan)

    def require_store_agent(request: Request) -> None:
        """The store is the default tenant's (the demo company's): its agents only."""
        claims = require_agent(request)
        services = services_of(request)
        if agent_tenant(claims, services) != services.settings.auth.tenant:
            raise HTTPException(status_code=403, detail="this store belongs to another tenant")

    app.include_router(webrtc_router)
    app.include_router(customer_pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    def strings_script(name: str, section: str) -> Response:
        strings = {code: getattr(language, section) for code, language in load_packs().items()}
        body = f"window.{name} = " + json.dumps(strings, ensure_ascii=False) + ";\n"
        return Response(body, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "max-age=300"})

    @app.get("/ui-strings.js", include_in_schema=False)
    async def ui_strings() -> Response:
        """The customer pages' own words from the language packs (static/strings.js formats them)."""
        return strings_script("HotlineStringTable", "ui")

    @app.get("/agent-strings.js", include_in_schema=False)
    async def agent_strings() -> Response:
        """The agent console's words from the language packs, per language (static/console.js picks the agent's)."""
        return strings_script("HotlineAgentStrings", "agent")

    @app.get("/healthz")
    async def health(state: ServicesDep) -> JSONResponse:
        generator = state.dialogue.generator
        return JSONResponse(
            {
                "status": "ok" if not state.load_errors else "degraded",
                "llm": getattr(generator, "name", None),
                "adapter": getattr(generator, "adapter", None),
                "kb_chunks": state.retriever.size,
                "voice": None if state.speech is None else state.speech.voices.names,
                "stt": None if state.speech is None else state.speech.stt.name,
                "load_errors": state.load_errors,
            }
        )

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request, state: ServicesDep) -> Response:
        token = state.settings.security.metrics_token
        guarded = bool(token) or state.settings.environment == "production"  # open only in development
        if guarded and not (token and bearer_matches(request, token)):
            require_agent(request)
        return Response(state.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")

    @app.websocket("/ws/chat")
    async def chat(websocket: WebSocket, services: ServicesDep) -> None:
        await chat_endpoint(websocket, services)

    @app.websocket("/ws/twilio")
    async def twilio(websocket: WebSocket, services: ServicesDep) -> None:
        """Telephony bridges speaking the Twilio Media Streams protocol (mu-law/A-law 8 kHz)."""
        await twilio_endpoint(websocket, services)

    @app.websocket("/ws/pcm")
    async def pcm(websocket: WebSocket, services: ServicesDep) -> None:
        await pcm_endpoint(websocket, services)

    # ---- agent console ----

    @app.get("/console", include_in_schema=False)
    async def console_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "console.html")

    @app.post("/api/agents/login")
    async def login(body: LoginRequest, state: ServicesDep) -> JSONResponse:
        agent = await asyncio.to_thread(authenticate, state.handoffs, body.username, body.password)
        if agent is None:
            raise HTTPException(status_code=401, detail="wrong username or password")
        response = JSONResponse({"agent": agent.display_name, "username": agent.username})
        response.set_cookie(
            COOKIE,
            issue_token(agent, state.settings.auth),
            httponly=True,
            samesite="strict",
            max_age=int(state.settings.auth.session_hours * 3600),
        )
        return response

    @app.post("/api/agents/logout")
    async def logout() -> JSONResponse:
        response = JSONResponse({"ok": True})
        response.delete_cookie(COOKIE)
        return response

    @app.get("/api/agents/me")
    async def me(request: Request) -> JSONResponse:
        claims = require_agent(request)
        return JSONResponse({"agent": claims.get("name"), "username": claims["sub"]})

    @app.get("/api/admin/store/orders/{order_id}")
    async def admin_order(order_id: str, request: Request, services: ServicesDep) -> JSONResponse:
        """One order in the store's JSON shape, for harnesses comparing states."""
        require_store_agent(request)
        order = await asyncio.to_thread(services.store.order_details, order_id)
        if order is None:
            raise HTTPException(status_code=404, detail=f"no order {order_id}")
        return JSONResponse(order)

    @app.get("/api/admin/store/users/{user_id}")
    async def admin_user(user_id: str, request: Request, services: ServicesDep) -> JSONResponse:
        require_store_agent(request)
        user = await asyncio.to_thread(services.store.user_details, user_id)
        if user is None:
            raise HTTPException(status_code=404, detail=f"no user {user_id}")
        return JSONResponse(user)

    @app.post("/api/chat/sessions", status_code=201)
    async def chat_session(request: Request, state: ServicesDep) -> JSONResponse:
        """A web customer's session token for /ws/chat (?token=). Sent again with a token bound to a conversation
        (Authorization: Bearer), it renews that token: an open chat keeps its conversation."""
        if not origin_allowed(request, state.settings.security):
            raise HTTPException(status_code=403, detail="this origin may not open chats")
        auth = state.settings.auth
        current = customer_claims(request, auth)
        limits = state.limits or ClientLimits(state.settings.security)
        if current is None and not await limits.may_issue_session(ClientLimits.client_of(request)):
            raise HTTPException(status_code=429, detail="too many new chats from this address: wait a moment")
        conversation_id = current.get("conv") if current else None
        tenant = current.get("tenant") if current else page_tenant(request, state.settings)
        token = issue_customer_token(auth, conversation_id, current["sub"] if current else None, tenant)
        return JSONResponse(
            {
                "token": token,
                "conversation_id": conversation_id,
                "expires_in": int(auth.customer_token_minutes * 60),
            },
            status_code=201,
        )

    @app.post("/api/conversations/{conversation_id}/photos", status_code=201)
    async def upload_photo(
        conversation_id: str, request: Request, file: UploadFile, state: ServicesDep
    ) -> JSONResponse:
        """A customer's photo joins their conversation: limits checked, EXIF applied and stripped, stored.
        The customer's session token for this conversation (Authorization: Bearer), or an agent's cookie."""
        await require_conversation_access(request, conversation_id)
        if not await asyncio.to_thread(state.conversations.exists, conversation_id):
            raise HTTPException(status_code=404, detail=f"no conversation {conversation_id}")
        limits = state.settings.photos
        data = await file.read(limits.max_bytes + 1)  # never more than the limit in memory
        try:
            image = await asyncio.to_thread(clean_image, data, limits.max_bytes, limits.max_pixels)
        except ImageRejected as rejected:
            state.metrics.protocol_errors.labels(code=f"photo_{rejected.code}").inc()
            return JSONResponse({"detail": rejected.detail, "code": rejected.code}, status_code=rejected.status)
        assert state.photos is not None
        photo = await asyncio.to_thread(state.photos.add, conversation_id, image)
        analysis = await analyse_photo(state, image.data)
        if analysis:
            await asyncio.to_thread(state.photos.set_analysis, photo.id, analysis)
        await asyncio.to_thread(
            state.conversations.add_event, conversation_id, "photo", {"photo_id": photo.id, "sha256": photo.sha256}
        )
        log.info("photo stored", extra={"conversation_id": conversation_id, "photo_id": photo.id})
        await say_photo_reply(state, conversation_id, photo.id, analysis)
        return JSONResponse(
            {"photo_id": photo.id, "width": photo.width, "height": photo.height, "mime": photo.mime, **analysis},
            status_code=201,
        )

    @app.get("/api/catalog/products/{class_id}/image", include_in_schema=False)
    async def catalog_image(
        class_id: Annotated[int, PathParam(ge=0, le=MAX_ROW_ID)], services: ServicesDep
    ) -> FileResponse:
        """A product's iconic image (the choices offered when a photo is not recognised for sure)."""
        catalog = services.catalog
        if catalog is None or not 0 <= class_id < len(catalog):
            raise HTTPException(status_code=404, detail="no such product")
        return FileResponse(catalog[class_id].iconic_image, media_type="image/jpeg")

    @app.get("/api/conversations/{conversation_id}/photos/{photo_id}")
    async def get_photo(
        conversation_id: str,
        photo_id: Annotated[int, PathParam(ge=1, le=MAX_ROW_ID)],
        request: Request,
        state: ServicesDep,
    ) -> FileResponse:
        """For the agent console (agents of the conversation's tenant only)."""
        await require_tenant_agent(request, state, conversation_id, missing="no such photo")
        assert state.photos is not None
        photo = await asyncio.to_thread(state.photos.get, photo_id)
        if photo is None or photo.conversation_id != conversation_id:
            raise HTTPException(status_code=404, detail="no such photo")
        return FileResponse(photo.path, media_type=photo.mime)

    @app.get("/api/conversations/{conversation_id}/recordings")
    async def list_recordings(conversation_id: str, request: Request, state: ServicesDep) -> JSONResponse:
        """The conversation's call recordings (agents of its tenant): name, length, where to play it."""
        await require_tenant_agent(request, state, conversation_id)
        events = await asyncio.to_thread(state.conversations.events, conversation_id, "recording")
        return JSONResponse([recording_entry(conversation_id, payload) for _, payload in events if payload])

    @app.get("/api/conversations/{conversation_id}/recordings/{name}")
    async def get_recording(conversation_id: str, name: str, request: Request, state: ServicesDep) -> FileResponse:
        """One call's recording, a stereo WAV: the caller left, the bot and the agent's spoken words right."""
        await require_tenant_agent(request, state, conversation_id)
        events = await asyncio.to_thread(state.conversations.events, conversation_id, "recording")
        paths = [Path(str(payload["path"])) for _, payload in events if payload]
        found = [path for path in paths if path.name == name]  # only files the conversation's events name
        if not found or not await asyncio.to_thread(found[0].is_file):
            raise HTTPException(status_code=404, detail="no such recording")
        return FileResponse(found[0], media_type="audio/wav")

    @app.websocket("/ws/agent")
    async def agent(websocket: WebSocket, services: ServicesDep) -> None:
        await agent_endpoint(websocket, services)

    return app


async def require_tenant_agent(
    request: Request, services: Services, conversation_id: str, missing: str = "no such conversation"
) -> dict[str, Any]:
    """A logged-in agent of the conversation's tenant (else 401; 404 with ``missing`` for another tenant's
    conversation or its files, as for one that does not exist: nothing leaks)."""
    claims = require_agent(request)
    tenant = await asyncio.to_thread(services.conversations.tenant_of, conversation_id)
    if tenant is None or tenant != agent_tenant(claims, services):
        raise HTTPException(status_code=404, detail=missing)
    return claims


async def analyse_photo(services: Services, data: bytes) -> dict[str, Any]:
    """OCR and the catalog match run side by side off the event loop; the match then takes the text into account."""

    async def nothing() -> None:  # a part this gateway does not have (OCR or matcher off)
        return None

    read, found = await asyncio.gather(
        asyncio.to_thread(services.ocr.read, data) if services.ocr is not None else nothing(),
        asyncio.to_thread(services.matcher.features, data) if services.matcher is not None else nothing(),
    )
    analysis: dict[str, Any] = {}
    if read is not None:
        analysis |= {"ocr": list(read.lines), "order_ids": read.order_ids, "ocr_ms": round(read.elapsed_ms)}
    if found is not None and services.matcher is not None:
        result = services.matcher.rank(found, read.text if read is not None else "")
        analysis |= result.as_dict()
    return analysis
