"""A weak model drifting into another language is withheld: an English caller never hears a Russian sentence
(seen in #22's voice bench: "He was not an ill-disposed young man." answered "Да, вы можете поговорить с
человеком？" by the packaged model)."""

import asyncio

from hotline.dialogue.engine import DialogueEngine, EngineConfig
from hotline.ports import SentenceEvent
from tests.fakes import DictStore, ScriptedGenerator
from tests.unit.engine_rig import ORDER, FixedRetriever


def said(generator: ScriptedGenerator, text: str) -> list[str]:
    engine = DialogueEngine(
        EngineConfig(company="Acme", source_first=True), generator, FixedRetriever(), DictStore({ORDER.order_id: ORDER})
    )

    async def collect() -> list[object]:
        return [e async for e in engine.respond("c1", text, [], verified_user="u1", lang="en")]

    return [e.text for e in asyncio.run(collect()) if isinstance(e, SentenceEvent)]


def test_a_model_sentence_in_another_script_is_withheld() -> None:
    sentences = said(ScriptedGenerator("Да, возврат занимает от 5 до 7 рабочих дней."), "How long does a refund take?")
    assert sentences and not any(any("\u0400" <= c <= "\u04ff" for c in s) for s in sentences)


def test_an_english_model_sentence_still_goes_out() -> None:
    sentences = said(ScriptedGenerator("I am happy to help with that!"), "How long does a refund take?")
    assert "I am happy to help with that!" in sentences
