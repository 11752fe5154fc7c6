"""Small deterministic doubles for unit tests of logic (never the only test of a feature)."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

from hotline.ports import ChatTurn, OrderFacts, StopFlag


class ScriptedGenerator:
    """Streams a fixed text piece by piece; records the prompts it was given."""

    name = "scripted"
    adapter = None

    def __init__(self, text: str, delay_s: float = 0.0, fail_after: int | None = None) -> None:
        self.text = text
        self.delay_s = delay_s
        self.fail_after = fail_after
        self.prompts: list[tuple[str, list[ChatTurn]]] = []

    def stream(
        self, system: str, messages: Sequence[ChatTurn], max_new_tokens: int, should_stop: StopFlag
    ) -> Iterator[str]:
        self.prompts.append((system, list(messages)))
        for index, word in enumerate(self.text.split(" ")):
            if should_stop.is_set():
                return
            if self.fail_after is not None and index >= self.fail_after:
                raise RuntimeError("model crashed")
            time.sleep(self.delay_s)
            yield word if index == 0 else " " + word


class DictStore:
    def __init__(self, orders: dict[str, OrderFacts]) -> None:
        self.orders = orders

    def order(self, order_id: str) -> OrderFacts | None:
        return self.orders.get(order_id)

    def orders_for_email(self, email: str) -> list[OrderFacts]:
        return []
