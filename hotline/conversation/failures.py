"""Failures on a delivery path are never silent: each is logged with its context (and the traceback) and
counted on /metrics by what failed, and the caller goes on — a closed socket or a lost record must not end the
conversation, but someone must be able to see it happened."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any, Protocol

log = logging.getLogger("hotline.delivery")


class FailureCounter(Protocol):
    """A counter by what failed (``metrics.delivery_failures``)."""

    def labels(self, **labels: str) -> Any: ...


@contextlib.contextmanager
def logged(what: str, counter: FailureCounter | None = None, **context: Any) -> Iterator[None]:
    """``with logged("send to agent", metrics.delivery_failures, agent_id=…): await …``: an exception inside is
    logged as a warning with ``context`` and counted under ``what``, then swallowed. Cancellation passes."""
    try:
        yield
    except Exception:
        log.warning("%s failed", what, exc_info=True, extra={"what": what, **context})
        if counter is not None:
            counter.labels(what=what).inc()
