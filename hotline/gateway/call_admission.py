"""Admission control for phone and web calls: past the number of calls this machine can carry with replies in
time, a new call hears a polite "all lines are busy" and ends, instead of every call on the box slowing down.

The limit is ``voice.max_calls`` or, unset, 2 calls per CPU core: on the 2-core reference machine four
simultaneous calls kept first-answer audio at p95 1.7–1.9 s and a fifth reached 2.0 s (issue #22's
`hotline bench voice --rounds 4` runs, every call speaking at the same moment), so four is the most that keeps
the promise there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


class LinesBusy(Exception):
    """A call arrived while every line was taken. The caller is being told: the bridge keeps the line open for
    ``seconds`` (the message's length) before it hangs up."""

    def __init__(self, message: str, seconds: float = 0.0) -> None:
        super().__init__(message)
        self.seconds = min(seconds, 15.0)


def default_limit(cores: int | None = None) -> int:
    return max(1, 2 * (cores or os.cpu_count() or 1))


@dataclass
class CallAdmission:
    limit: int
    # While at most this many calls are live, the language model may add detail to a call's answers; past it the
    # sources' own sentences are the answer. The model costs 3–7 CPU seconds per answer on the 2-core reference
    # machine and, with the article's answer already said, mostly adds nothing that passes its checks (#22).
    model_detail_calls: int = 1
    active: int = 0

    def admit(self) -> bool:
        if self.active >= self.limit:
            return False
        self.active += 1
        return True

    def model_detail(self) -> bool:
        """May a call's answer now be phrased further by the language model?"""
        return self.active <= self.model_detail_calls

    def release(self) -> None:
        self.active = max(0, self.active - 1)
