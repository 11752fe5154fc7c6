"""The conversation core's and the gateway's files stay readable rooms: none past 400 lines (#19's target)."""

from __future__ import annotations

from pathlib import Path

import hotline

ROOT = Path(hotline.__file__).resolve().parent
LIMIT = 400


def test_no_conversation_or_gateway_file_is_over_400_lines() -> None:
    sizes = {
        f"{folder}/{path.name}": len(path.read_text(encoding="utf-8").splitlines())
        for folder in ("conversation", "gateway")
        for path in (ROOT / folder).glob("*.py")
    }
    assert sizes and {name: n for name, n in sizes.items() if n > LIMIT} == {}
