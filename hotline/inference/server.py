"""``hotline serve-inference``: the language model in a pool of its own processes, for gateways that should not
carry it (``HOTLINE_LLM__INFERENCE_URLS``). Each pool process loads the model once, follows the adapter registry
like a gateway does, and streams tokens for one generation at a time (run several for more at once).

POST /v1/generate  {"system", "messages": [{"role", "text"}], "max_new_tokens"}  → NDJSON lines {"token"}; the
                   response header ``x-hotline-adapter`` names the adapter used. A client that disconnects stops
                   the generation.
GET  /healthz      {"model", "adapter", "busy"}
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from hotline.gateway.guards import bearer_matches
from hotline.ports import ChatTurn
from hotline.settings import Settings

log = logging.getLogger(__name__)


class Turn(BaseModel):
    role: Literal["customer", "bot", "agent"]
    text: str = Field(max_length=20_000)


class GenerateRequest(BaseModel):
    system: str = Field(max_length=50_000)
    messages: list[Turn] = Field(max_length=200)
    max_new_tokens: int = Field(ge=1, le=2048)


def create_inference_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from hotline.model_loading import apply_live_adapter, follow_live_adapter, load_generator
        from hotline.storage.adapters import AdapterRegistry
        from hotline.storage.database import open_database

        app.state.generator = await asyncio.to_thread(load_generator, settings)
        engine, sessions = await asyncio.to_thread(open_database, settings)
        adapters = AdapterRegistry(sessions)
        if settings.llm.adapter is None and settings.llm.use_registry:
            await asyncio.to_thread(apply_live_adapter, app.state.generator, adapters, settings)
        watcher = asyncio.create_task(follow_live_adapter(app.state.generator, adapters, settings.llm))
        app.state.busy = 0
        log.info("inference worker ready", extra={"model": settings.llm.model})
        try:
            yield
        finally:
            watcher.cancel()
            engine.dispose()

    app = FastAPI(title="Hotline inference worker", lifespan=lifespan)

    def check_token(request: Request) -> None:
        expected = settings.llm.inference_token
        if not expected:
            return
        if not bearer_matches(request, expected):
            raise HTTPException(status_code=401, detail="wrong inference token")

    @app.get("/healthz")
    async def health(request: Request) -> dict[str, Any]:
        generator = request.app.state.generator
        return {"model": generator.name, "adapter": generator.adapter, "busy": request.app.state.busy}

    @app.post("/v1/generate")
    async def generate(body: GenerateRequest, request: Request) -> StreamingResponse:
        check_token(request)
        generator = request.app.state.generator
        turns = [ChatTurn(t.role, t.text) for t in body.messages]
        stop = threading.Event()
        tokens: asyncio.Queue[str | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()

        def run() -> None:
            try:
                for piece in generator.stream(body.system, turns, body.max_new_tokens, stop):
                    loop.call_soon_threadsafe(tokens.put_nowait, piece)
            finally:
                loop.call_soon_threadsafe(tokens.put_nowait, None)

        async def lines() -> AsyncIterator[bytes]:
            request.app.state.busy += 1
            worker = asyncio.create_task(asyncio.to_thread(run))
            try:
                while (piece := await tokens.get()) is not None:
                    yield (json.dumps({"token": piece}) + "\n").encode()
            finally:  # finished, or the gateway went away: stop the model either way
                stop.set()
                try:
                    await worker
                except Exception:  # the stream is over either way; the cause is logged
                    log.warning("generation worker failed", exc_info=True)
                request.app.state.busy -= 1

        headers = {"x-hotline-adapter": generator.adapter or "", "x-hotline-model": generator.name}
        return StreamingResponse(lines(), media_type="application/x-ndjson", headers=headers)

    return app
