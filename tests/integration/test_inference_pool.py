"""The language model in a separate inference pool: a gateway with no model of its own streams its answers from
`hotline serve-inference` workers (a dead one in the list is skipped), with the pool's live adapter."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from hotline.dialogue.remote_llm import RemoteGenerator
from hotline.gateway.app import create_app
from hotline.gateway.services import build_services
from tests.conftest import LiveServer, make_settings
from tests.integration.gateway_process import GatewayProcess, free_port

pytestmark = pytest.mark.models


def test_a_gateway_answers_with_the_pools_model(tmp_path: Path) -> None:
    pool = GatewayProcess(tmp_path / "pool", free_port(), command="serve-inference", HOTLINE_LOAD_MODELS="true")
    try:
        pool.start()
        health = httpx.get(f"{pool.url}/healthz").json()
        assert health["model"] == "packaged:smollm2-135m-instruct" and health["busy"] == 0
        dead = f"http://127.0.0.1:{free_port()}"
        settings = make_settings(tmp_path / "gateway", load_models=False, llm={"inference_urls": [dead, pool.url]})
        services = build_services(settings)  # no model of its own: a RemoteGenerator over the pool
        try:
            assert isinstance(services.dialogue.generator, RemoteGenerator)
            with LiveServer(create_app(settings, services)) as server, connect(server.chat_url()) as ws:
                json.loads(ws.recv(timeout=10))
                ws.send(json.dumps({"type": "message", "text": "How long does a refund to a credit card take?"}))
                while (event := json.loads(ws.recv(timeout=120)))["type"] != "done":
                    pass
        finally:
            services.close()
        assert event["metrics"]["tokens"] > 0, event  # the pool's model streamed this turn
        assert not event["failed"] and event["text"], event
        assert event["model"] == "packaged:smollm2-135m-instruct"
        assert event["adapter"] == health["adapter"]  # the pool's live adapter answered
    finally:
        pool.stop()
