"""Fixtures the flow tests share: the demo store in memory and the packaged understanding head."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline.dialogue.understanding.head import DEFAULT_HEAD, UnderstandingHead
from hotline.store.memory import MemoryStore


@pytest.fixture(scope="session")
def base(shared_data: Path) -> MemoryStore:
    """The demo company's store, in memory (each test talks to a fresh copy: ``base.fresh()``)."""
    return MemoryStore.from_dir(shared_data / "kb")


@pytest.fixture(scope="session")
def head() -> UnderstandingHead:
    return UnderstandingHead.load(DEFAULT_HEAD)
