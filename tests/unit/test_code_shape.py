"""The gateway's files stay readable rooms: none past 400 lines (the conversation core's redesign target, #19)."""

from __future__ import annotations

from pathlib import Path

import hotline

GATEWAY = Path(hotline.__file__).resolve().parent / "gateway"
LIMIT = 400


def test_no_gateway_file_is_over_400_lines() -> None:
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in GATEWAY.glob("*.py")}
    assert sizes and {name: n for name, n in sizes.items() if n > LIMIT} == {}
