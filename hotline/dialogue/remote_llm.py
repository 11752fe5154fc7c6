"""The TextGenerator port over HTTP: generation in the inference pool (``hotline serve-inference``) instead of
the gateway's process. Pool members are tried in turn, starting after the last one used; one that cannot be
reached is skipped. A stop request closes the stream, which stops the model at the other end."""

from __future__ import annotations

import itertools
import json
import logging
import threading
from collections.abc import Iterator, Sequence

import httpx

from hotline.ports import ChatTurn, StopFlag

log = logging.getLogger(__name__)


class RemoteGenerator:
    def __init__(self, urls: Sequence[str], model: str, token: str | None = None, timeout_s: float = 30.0) -> None:
        if not urls:
            raise ValueError("no inference worker URLs")
        self.urls = [u.rstrip("/") for u in urls]
        self.name = model
        self.adapter: str | None = None  # as the last answering worker said
        self._token = token
        self._timeout = httpx.Timeout(timeout_s, connect=2.0)
        self._next = itertools.count()
        self._lock = threading.Lock()

    def _order(self) -> list[str]:
        with self._lock:
            start = next(self._next) % len(self.urls)
        return self.urls[start:] + self.urls[:start]

    def stream(
        self, system: str, messages: Sequence[ChatTurn], max_new_tokens: int, should_stop: StopFlag
    ) -> Iterator[str]:
        body = {
            "system": system,
            "messages": [{"role": m.role, "text": m.text} for m in messages],
            "max_new_tokens": max_new_tokens,
        }
        headers = {"authorization": f"Bearer {self._token}"} if self._token else {}
        failures = []
        for url in self._order():
            try:
                with httpx.stream(
                    "POST", f"{url}/v1/generate", json=body, headers=headers, timeout=self._timeout
                ) as response:
                    response.raise_for_status()
                    self.adapter = response.headers.get("x-hotline-adapter") or None
                    for line in response.iter_lines():
                        if should_stop.is_set():
                            return  # closing the stream stops the model in the pool
                        if line:
                            yield str(json.loads(line)["token"])
                    return
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:  # nothing was said yet: try the next one
                log.warning("inference worker unreachable", extra={"url": url, "error": str(error)})
                failures.append(f"{url}: {error}")
        raise ConnectionError(f"no inference worker answered: {'; '.join(failures)}")
