"""Shared by the voice tests: the real speech clips and waiting on a call's stored state."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import SHARED_DATA

SPEECH = SHARED_DATA / "speech"


def clips() -> list[dict[str, str]]:
    path = SPEECH / "transcripts.tsv"
    if not path.exists():
        pytest.skip(f"speech clips not found at {SPEECH}")
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_clip(name: str) -> tuple[np.ndarray, int]:
    import soundfile as sf

    audio, rate = sf.read(Path(SPEECH) / name, dtype="int16")
    if audio.ndim > 1:
        audio = audio.mean(axis=1).astype(np.int16)
    return audio, rate


def wait_for(condition: Callable[[], Any], within_s: float = 30.0) -> Any:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return condition()


def transcripts(events: list[dict[str, Any]]) -> list[str]:
    """The call's transcript events as a page shows them: one that ``replaces`` an earlier one (a turn taken back,
    its words said again with the rest) stands for it."""
    kept: dict[Any, str] = {}
    for event in events:
        if event.get("type") == "transcript":
            kept.pop(event.get("replaces"), None)
            kept[event.get("message_id")] = event["text"]
    return list(kept.values())


def customer_texts(services: Any, conversation_id: str) -> list[str]:
    return [m.text for m in services.conversations.messages(conversation_id) if m.role == "customer"]


def bot_texts(services: Any, conversation_id: str) -> list[str]:
    return [m.text for m in services.conversations.messages(conversation_id) if m.role == "bot"]
