"""The gateway's composition root takes the models it is given (``build_services(settings, models)``): a gateway
built with none loads nothing, starts in under a second, and still answers — with the fixed apology and the offer of
a human — through the same conversation core."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hotline.conversation.session import ConversationSession
from hotline.gateway.services import build_services
from hotline.model_loading import LoadedModels, load_models
from hotline.ports import TurnDone
from hotline.redline.rules import RedLine
from hotline.settings import Settings


def _settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path, environment="test", load_models=False, kb={"ingest_demo": False}
    )


def test_a_gateway_built_from_given_models_answers_without_loading_any(tmp_path: Path) -> None:
    services = build_services(_settings(tmp_path), LoadedModels(errors={"llm": "not loaded in this test"}))
    try:
        assert services.load_errors == {"llm": "not loaded in this test"} and services.speech is None

        async def turn() -> str:
            session = await ConversationSession.open(services, "chat")
            assert session is not None
            events = [e async for e in session.answer(await session.receive("Can I return a gift?"))]
            await services.hub.shutdown()
            return next(e for e in events if isinstance(e, TurnDone)).reply

        reply = asyncio.run(turn())
        assert "human" in reply.lower()  # no model: the fixed apology offers a person
    finally:
        services.close()


def test_load_models_loads_only_what_settings_ask_for(tmp_path: Path) -> None:
    models = load_models(_settings(tmp_path), RedLine(), canary="HL-test")
    assert models.embedder is None and models.generator is None and models.speech is None
    assert models.ocr is None and models.matcher is None and models.catalog is None
    assert models.understanding is not None  # the shipped n-gram head reads customers without any model
