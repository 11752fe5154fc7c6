"""Where the trained heads live: ``dialogue/heads/<kind>-<embedder>.npz``, one file per kind and embedder (a head
trained on one embedder's vectors means nothing on another's)."""

from __future__ import annotations

import re
from pathlib import Path

HEAD_DIR = Path(__file__).resolve().parent / "heads"


def head_file(kind: str, embedder_name: str | None = None) -> Path:
    """The head of this kind for this embedder; ``<kind>.npz`` for a head that uses no embedder."""
    if embedder_name is None:
        return HEAD_DIR / f"{kind}.npz"
    safe = re.sub(r"[^\w.-]+", "_", embedder_name)
    return HEAD_DIR / f"{kind}-{safe}.npz"
