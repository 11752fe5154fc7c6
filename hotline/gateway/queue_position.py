"""Where a waiting customer stands in the queue for a human, and about how long it may take.

The position is the customer's place among their company's waiting handoffs (oldest first). The expected wait is
the median time recent customers waited before an agent accepted them, times the position, in whole minutes
rounded up — only once there are at least ``MIN_HISTORY`` such waits (else none is promised).
"""

from __future__ import annotations

import math
from statistics import median
from typing import Any

MIN_HISTORY = 3


def positions(waiting: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """conversation id -> (place in the queue, from 1; how many wait) for one company's queue, oldest first."""
    return {item["conversation_id"]: (place, len(waiting)) for place, item in enumerate(waiting, start=1)}


def expected_minutes(recent_waits_s: list[float], place: int) -> int | None:
    """About how many minutes until an agent takes this customer, or None without enough history."""
    if len(recent_waits_s) < MIN_HISTORY:
        return None
    return max(1, math.ceil(median(recent_waits_s) * place / 60))


def position_event(place: int, waiting: int, minutes: int | None) -> dict[str, Any]:
    return {"type": "queue_position", "position": place, "waiting": waiting, "expected_minutes": minutes}
