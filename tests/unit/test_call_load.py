"""What a busy phone server sheds and how it spends its CPU (#22): the language model's detail past a number of
live calls, a reply's first clause said first while the caller waits, the knowledge's sentences embedded once."""

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator, Sequence

import numpy as np
import pytest

from hotline.dialogue.engine import DialogueEngine, EngineConfig
from hotline.gateway.call_admission import CallAdmission
from hotline.gateway.voice_out import speakable_pieces
from hotline.kb.sentence_scorer import EmbeddingSentenceScorer
from hotline.ports import Passage, ReplyStyle, SentenceEvent, TurnDone
from tests.fakes import DictStore, ScriptedGenerator
from tests.unit.engine_rig import ORDER, FixedRetriever


def answer(engine: DialogueEngine, text: str, model_detail: bool) -> list[object]:
    async def collect() -> list[object]:
        style = ReplyStyle(model_detail=lambda: model_detail)
        return [e async for e in engine.respond("c1", text, [], verified_user="u1", style=style)]

    return asyncio.run(collect())


def test_the_model_adds_detail_only_while_the_server_is_not_busy() -> None:
    lines = CallAdmission(limit=4, model_detail_calls=1)
    assert lines.admit() and lines.model_detail()
    assert lines.admit() and not lines.model_detail()  # a second live call: the sources' sentences answer
    lines.release()
    assert lines.model_detail()
    never = CallAdmission(limit=4, model_detail_calls=0)
    assert never.admit() and not never.model_detail()  # 0: no call's answer is phrased by the model


@pytest.mark.parametrize("model_detail", [True, False])
def test_without_model_detail_the_source_answers_and_the_model_is_never_run(model_detail: bool) -> None:
    generator = ScriptedGenerator("I am happy to help with that!")
    engine = DialogueEngine(
        EngineConfig(company="Acme", source_first=True), generator, FixedRetriever(), DictStore({ORDER.order_id: ORDER})
    )
    events = answer(engine, "How long does a refund take?", model_detail)
    said = [e.text for e in events if isinstance(e, SentenceEvent)]
    assert said[0].startswith("After your confirmation, the total will be refunded")  # the source, either way
    assert bool(generator.prompts) is model_detail
    assert ("I am happy to help with that!" in said) is model_detail
    done = events[-1]
    assert isinstance(done, TurnDone) and not done.failed and (done.model == "scripted") is model_detail


class CountingGenerator(ScriptedGenerator):
    """Counts the words it was let to write."""

    def __init__(self, text: str) -> None:
        super().__init__(text, delay_s=0.01)
        self.written = 0

    def stream(self, *args: object) -> Iterator[str]:  # type: ignore[override]
        for word in super().stream(*args):  # type: ignore[arg-type]
            self.written += 1
            yield word


def test_a_server_that_gets_busy_mid_answer_stops_the_model() -> None:
    # One call: the model may add detail; a second call arrives while it writes — it stops, and the source stays.
    generator = CountingGenerator(" ".join(["Refunds are handled with care."] * 40))
    engine = DialogueEngine(
        EngineConfig(company="Acme", source_first=True), generator, FixedRetriever(), DictStore({ORDER.order_id: ORDER})
    )
    lines = CallAdmission(limit=4, model_detail_calls=1)
    lines.admit()

    def busy_soon() -> bool:
        if generator.written >= 3:
            lines.admit()  # a second caller
        return lines.model_detail()

    async def collect() -> list[object]:
        style = ReplyStyle(spoken=True, model_detail=busy_soon)
        return [e async for e in engine.respond("c1", "How long does a refund take?", [], style=style)]

    events = asyncio.run(collect())
    said = [e.text for e in events if isinstance(e, SentenceEvent)]
    assert said[0].startswith("After your confirmation, the total will be refunded")
    assert generator.prompts and generator.written <= 5, generator.written  # it stopped at once (else 12+)
    done = events[-1]
    assert isinstance(done, TurnDone) and not done.failed


def test_a_long_first_sentence_is_said_clause_first_while_the_caller_waits() -> None:
    text = "We accept three kinds of payment method: credit cards, PayPal and gift cards. Ask us anything."
    assert speakable_pieces(text, first_clause=True) == [
        "We accept three kinds of payment method:",
        "credit cards, PayPal and gift cards.",
        "Ask us anything.",
    ]
    assert speakable_pieces(text) == [
        "We accept three kinds of payment method: credit cards, PayPal and gift cards.",
        "Ask us anything.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Your total is $1,250.00 and it was charged at 12:30 today to the card ending 4242.",  # no clause mark
        "Yes, it is.",  # short: not worth a break
        "Refunds go back to the card, in 5 to 7 days.",  # the clause after the mark would be too short
    ],
)
def test_numbers_and_short_sentences_are_not_broken(text: str) -> None:
    assert speakable_pieces(text, first_clause=True) == [text]


class CountingEmbedder:
    name = "counting"
    dimension = 2

    def __init__(self) -> None:
        self.passages: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passages += list(texts)
        return np.asarray([[len(t), 1.0] for t in texts], dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray([[1.0, 0.0] for _ in texts], dtype=np.float32)


class ArticleRetriever(FixedRetriever):
    def articles(self) -> list[Passage]:
        return self.passages


def test_the_knowledge_sentences_are_embedded_once_at_warm_up_not_on_a_callers_question() -> None:
    article = Passage(
        "faq#1",
        "FAQ",
        "How long does a refund take?",
        "Refunds take 5 to 7 days. Gift cards are instant.",
        questions=("How long does a refund take?", "When do I get my money?"),
    )
    internal = Passage("ops#1", "Ops", "Escalations", "Call the duty manager.", visibility="internal")
    embedder = CountingEmbedder()
    scorer = EmbeddingSentenceScorer(embedder)
    engine = DialogueEngine(
        EngineConfig(company="Acme"), None, ArticleRetriever([article, internal]), DictStore({}), scorer=scorer
    )
    assert engine.warm_up() == 4  # two statements, two questions; nothing internal
    assert "Call the duty manager." not in embedder.passages
    embedder.passages.clear()
    scorer.similarities("refund time?", ["Refunds take 5 to 7 days.", "Gift cards are instant."])
    assert embedder.passages == []  # known already: only the query is embedded
    assert engine.warm_up() == 0


class WaitingLine:
    """A call line that notes, for each sentence, whether the caller was still waiting for the answer's first audio
    (then the call says it clause first) — and plays the holding phrase when the answer is slow."""

    hold_after_s = 0.05

    def __init__(self) -> None:
        self.said: list[tuple[str, bool]] = []
        self.played = 0

        class Out:
            async def event(self, payload: object) -> None: ...

            async def mark(self, name: str) -> None: ...

        self.out = Out()

    async def say(self, text: str, on_first_audio: Callable[[], None] | None = None) -> bool:
        self.said.append((text, on_first_audio is not None))
        if on_first_audio is not None:
            on_first_audio()
        return True

    async def play(self, pcm: object) -> None:
        self.played += 1

    def hold_audio(self) -> object:
        return np.zeros(160, dtype=np.int16)


def test_the_first_sentence_after_the_holding_phrase_is_still_said_clause_first() -> None:
    # The holding phrase is playing when a slow answer's first sentence comes: the caller is still waiting, so the
    # call says its first clause first (it used to synthesise the whole sentence: 1.2 s more under load).
    from hotline.gateway.voice_turn import VoiceTurnMetrics, speak_turn

    async def slow_answer() -> AsyncIterator[object]:
        await asyncio.sleep(0.1)  # past hold_after_s
        yield SentenceEvent("Office Chair comes in 13 options, from $466.44 to $544.29, 12 of them available.")
        yield SentenceEvent("Ask about one of them.")

    async def run() -> tuple[WaitingLine, VoiceTurnMetrics]:
        line, metrics = WaitingLine(), VoiceTurnMetrics()
        await speak_turn(line, slow_answer(), asyncio.get_running_loop().time(), metrics, 1)  # type: ignore[arg-type]
        return line, metrics

    line, metrics = asyncio.run(run())
    assert line.played == 1 and metrics.hold_ms is not None  # the holding phrase went out first
    assert [waiting for _, waiting in line.said] == [True, False]
