"""`hotline adapters promote` reaches a running gateway without a restart: the next reply on a live chat
WebSocket reports the new adapter version; retiring it brings back the previous state."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from websockets.sync.client import connect

from hotline.chat_client import chat_url
from hotline.model_loading import SHIPPED_ADAPTERS
from hotline.model_paths import resolve_llm
from hotline.settings import PACKAGED_SMOLLM2
from hotline.training.dataset import from_manual
from hotline.training.lora import LoraConfig, train_lora
from tests.conftest import MODELS_DIR

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def ask(ws_url: str, text: str) -> dict[str, Any]:
    with connect(chat_url(ws_url)) as ws:
        ws.send(json.dumps({"type": "message", "text": text}))
        while True:
            event = json.loads(ws.recv(timeout=60))
            if event["type"] == "done":
                return event


def test_promote_swaps_the_adapter_in_a_running_gateway(
    tmp_path: Path, real_server: Any, real_services: Any, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hotline.cli import app

    settings = real_services.settings
    registry = real_services.adapters
    previous = registry.live()
    if (SHIPPED_ADAPTERS / "company-v2" / "hotline_adapter.json").exists():  # the demo company's adapter is live
        assert previous is not None and previous.version == "company-v2"
        assert real_services.dialogue.generator.adapter == "company-v2"
    out = tmp_path / "swap-test-v2"
    tiny = from_manual(shared_data / "kb" / "retail_wiki.md")[:4]
    train_lora(
        resolve_llm(PACKAGED_SMOLLM2, MODELS_DIR),
        PACKAGED_SMOLLM2,
        tiny,
        out,
        LoraConfig(max_steps=2, batch_size=2, max_length=128),
        "h",
    )
    registry.register("swap-test-v2", str(out), PACKAGED_SMOLLM2)

    # The same command an operator runs, against the gateway's database.
    for key, value in {
        "HOTLINE_DATA_DIR": str(settings.data_dir),
        "HOTLINE_MODELS_DIR": str(MODELS_DIR),
        "HOTLINE_LOG_JSON": "false",
    }.items():
        monkeypatch.setenv(key, value)
    runner = CliRunner()
    refused = runner.invoke(app, ["adapters", "promote", "swap-test-v2"])
    assert refused.exit_code == 1 and "did not beat the base" in refused.output
    promoted = runner.invoke(app, ["adapters", "promote", "swap-test-v2", "--force"])
    assert promoted.exit_code == 0, promoted.output

    deadline = time.monotonic() + settings.llm.adapter_poll_s * 3 + 10
    done = ask(real_server.ws_url, "What is your return policy?")
    while done["adapter"] != "swap-test-v2" and time.monotonic() < deadline:
        time.sleep(1)
        done = ask(real_server.ws_url, "What is your return policy?")
    assert done["adapter"] == "swap-test-v2" and done["failed"] is False

    if previous is not None:
        registry.promote(previous.version, force=True)
    else:
        registry.retire()
    expected = previous.version if previous is not None else None
    deadline = time.monotonic() + settings.llm.adapter_poll_s * 3 + 10
    while real_services.dialogue.generator.adapter != expected and time.monotonic() < deadline:
        time.sleep(0.5)
    assert real_services.dialogue.generator.adapter == expected
