"""The dialogue engine with a scripted generator and a fixed retriever, for the engine's unit tests."""

import asyncio

from hotline.dialogue.engine import DialogueEngine, EngineConfig
from hotline.ports import ChatTurn, OrderFacts, Passage, SentenceEvent
from tests.fakes import DictStore, ScriptedGenerator

POLICY = Passage(
    "wiki#3",
    "wiki",
    "Policy > Cancel pending order",
    "After user confirmation, the total will be refunded via the original payment method immediately "
    "if it is gift card, otherwise in 5 to 7 business days.",
)
ORDER = OrderFacts("#W1234567", "pending", ("Lamp (red)",), (), 20.0, "u1")


class FixedRetriever:
    def __init__(self, passages: list[Passage] | None = None) -> None:
        self.passages = passages if passages is not None else [POLICY]
        self.asked: list[tuple[str, str | None]] = []

    def search(self, query: str, k: int, lang: str | None = None) -> list[Passage]:
        self.asked.append((query, lang))
        return self.passages


def run(
    engine: DialogueEngine,
    text: str,
    history: list[ChatTurn] | None = None,
    verified_user: str | None = "u1",
    intent: str | None = None,
) -> list[object]:
    async def collect() -> list[object]:
        turn = engine.respond("c1", text, history or [], verified_user=verified_user, intent=intent)
        return [event async for event in turn]

    return asyncio.run(collect())


def make_engine(
    generator: ScriptedGenerator | None, timeout_s: float = 10.0, source_first: bool = False
) -> DialogueEngine:
    return DialogueEngine(
        EngineConfig(company="Acme", timeout_s=timeout_s, source_first=source_first),
        generator,
        FixedRetriever(),
        DictStore({ORDER.order_id: ORDER}),
    )


def sentences(events: list[object]) -> list[str]:
    return [e.text for e in events if isinstance(e, SentenceEvent)]
