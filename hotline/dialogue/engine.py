"""One customer turn: retrieve, look up the store, generate, check each sentence, fall back, measure.

Code decides what is said about facts; the model only phrases. Order facts (and, asked in Russian or Chinese,
what the store sells: product_answers.py) come from the store as fixed sentences; every model sentence is
checked against the passages and store facts before release (model_stream.py); if none survives, the best
source sentences are quoted instead.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hotline.dialogue.flow_phrases import order_description, phrase
from hotline.dialogue.grounding import (
    article_answer,
    covers,
    extractive_answer,
    mentions,
)
from hotline.dialogue.handoff import detect_language
from hotline.dialogue.help_centre import HelpCentreAnswers
from hotline.dialogue.model_stream import ModelStream, OutputGate
from hotline.dialogue.order_questions import asks_where_order_is
from hotline.dialogue.product_answers import ProductCatalogue, product_answer
from hotline.dialogue.prompt import approximate_tokens, build_prompt
from hotline.dialogue.references import emails, order_ids
from hotline.dialogue.request_kinds import keyword_kind
from hotline.dialogue.sentences import split_sentences
from hotline.dialogue.smalltalk import smalltalk_reply
from hotline.kb.chunking import entry_name
from hotline.kb.documents import CATALOGUE_TITLE
from hotline.languages import pack
from hotline.ports import (
    ChatTurn,
    DialogueEvent,
    OrderFacts,
    ReplyStyle,
    Retriever,
    SentenceEvent,
    SentenceScorer,
    SourcesEvent,
    StoreAPI,
    TextGenerator,
    TokenEvent,
    TurnDone,
    TurnMetrics,
)

log = logging.getLogger(__name__)

APOLOGY = phrase("en", "apology")
NO_ANSWER = phrase("en", "no_answer")
# Words that make a follow-up message about an order named earlier ("and what about its status?"); in every
# language also the pack's ``own_order`` words ("посылка", "包裹").
_ORDER_WORDS = re.compile(
    r"\b(orders?|it|its|package|parcel|deliver\w*|track\w*|ship\w*|status|refund\w*|return\w*|cancel\w*|"
    r"arriv\w*|exchang\w*|address)\b",
    re.IGNORECASE,
)
# A follow-up that asks for the order's state: its facts are stated again, not only given to the model (in every
# language also the pack's ``where_is`` words).
_STATUS_QUESTION = re.compile(r"\b(status|where|track\w*|arriv\w*|when)\b", re.IGNORECASE)


@dataclass(frozen=True)
class EngineConfig:
    company: str
    top_k: int = 4
    max_new_tokens: int = 72
    timeout_s: float = 30.0
    history_turns: int = 6
    prompt_token_budget: int = 900
    max_model_sentences: int = 3
    source_first: bool = True
    max_withheld_in_row: int = 2  # then the model is off track: stop it and quote the sources
    # Nothing said yet and no checked model sentence by then: stop waiting for the model (a caller on the
    # phone hears silence meanwhile) and answer from the sources or offer a human. None: no such limit.
    first_sentence_s: float | None = 4.0
    canary: str = ""  # planted in the system prompt; the output red-line blocks any sentence carrying it
    money_disclaimer: str = ""  # said once after any reply that states an amount of money
    money_disclaimers: Mapping[str, str] = field(default_factory=dict)  # the same, by language (code replies)
    model_languages: tuple[str, ...] = ("en",)  # the model phrases only in these; elsewhere the sources speak
    prefer_language: bool = True  # retrieval ranks passages in the customer's language first
    # Below this similarity between the question and the best article's title (by language), the knowledge does
    # not answer it: "no information" and a human offered. Empty: every question gets the nearest article.
    answerable_similarity: Mapping[str, float] = field(default_factory=dict)


class DialogueEngine(HelpCentreAnswers, ModelStream):
    config: EngineConfig

    def __init__(
        self,
        config: EngineConfig,
        generator: TextGenerator | None,
        retriever: Retriever | None,
        store: StoreAPI,
        count_tokens: Callable[[str], int] = approximate_tokens,
        output_gate: OutputGate | None = None,
        scorer: SentenceScorer | None = None,
    ) -> None:
        self.config = config
        self._scorer = scorer
        self.output_gate = output_gate
        self.generator = generator
        self._retriever = retriever
        self._store = store
        self._count_tokens = count_tokens

    def _lookup_orders(
        self, text: str, history: Sequence[ChatTurn], verified_user: str | None, lang: str
    ) -> tuple[list[OrderFacts], list[OrderFacts]]:
        """Orders named in this message, and orders named earlier that this message seems to be about: only the
        identified customer's own (the company's policy: authenticate first; order ids are guessable). An e-mail
        stands for all its orders only where none of the customer's own is named with it ("it's ann@… — has
        #W123 shipped?" is about #W123)."""

        def lookup(chunk: str) -> dict[str, OrderFacts]:
            found: dict[str, OrderFacts] = {}
            if verified_user is None:  # nobody identified: no store reads at all
                return found
            for order_id in order_ids(chunk):
                if (facts := self._store.order(order_id)) and facts.user_id == verified_user:
                    found[order_id] = facts
            for email in emails(chunk) if not found else ():
                for facts in self._store.orders_for_email(email):
                    found.setdefault(facts.order_id, facts)
            return {k: f for k, f in found.items() if f.user_id == verified_user}

        current = lookup(text)
        earlier: dict[str, OrderFacts] = {}
        if not current and (_ORDER_WORDS.search(text) or mentions(text, pack(lang).own_order)):
            for turn in reversed(history):
                if turn.role == "customer" and (earlier := lookup(turn.text)):
                    break
        return list(current.values())[:3], list(earlier.values())[:3]

    async def respond(
        self,
        conversation_id: str,
        text: str,
        history: Sequence[ChatTurn],
        lookup_text: str | None = None,
        verified_user: str | None = None,
        lang: str | None = None,
        style: ReplyStyle = ReplyStyle(),
        intent: str | None = None,
    ) -> AsyncIterator[DialogueEvent]:
        """Answer ``text`` (PII-masked) in ``lang`` (default: the message's own language). ``lookup_text`` is
        the raw message, used only to find store records (an e-mail address) and never put in a prompt, a log
        or the database. Internal documents are retrieved for agents but never quoted or shown to the model.
        ``style``: a spoken reply summarises what the store sells (a caller cannot scan a list); without its
        ``model_detail`` the sources' own sentences are the whole answer: the language model is not run (a busy
        phone server sheds it — it costs seconds of CPU per answer). ``intent``: the intent head's label for the
        message, read when it was received (it tells a where-is-my-order no pack word covers)."""
        started = time.perf_counter()
        lang = lang or detect_language(text)
        gap = "" if lang == "zh" else " "  # Chinese sentences follow each other without a space
        metrics = TurnMetrics()
        reply: list[str] = []  # every sentence said this turn, in order

        money: list[bool] = []

        def say(sentences: Sequence[str]) -> Iterator[DialogueEvent]:
            """Sentences written by code (store facts, quoted sources, fixed replies): gated like the model's."""
            for sentence in sentences:
                checked, events = self._gate(sentence, money)
                yield from events
                reply.append(checked)
                yield TokenEvent(checked + gap)
                yield SentenceEvent(checked)

        fixed = smalltalk_reply(text)
        if fixed is not None:
            yield SourcesEvent(())
            for event in say(split_sentences(fixed)):
                yield event
            metrics.total_ms = (time.perf_counter() - started) * 1000
            yield TurnDone(reply=fixed, metrics=metrics, model="", extra={"smalltalk": True})
            return

        # the store is a database: read off the event loop
        if verified_user is None and asks_where_order_is(text, lang, intent):  # only the store knows, once it knows who
            yield SourcesEvent(())
            for event in say([phrase(lang, "identify_for_order")]):
                yield event
            metrics.total_ms = (time.perf_counter() - started) * 1000
            yield TurnDone(reply=gap.join(reply), metrics=metrics, model="", extra={"lang": lang})
            return
        named, earlier = await asyncio.to_thread(self._lookup_orders, lookup_text or text, history, verified_user, lang)
        orders = named + earlier
        asks_state = _STATUS_QUESTION.search(text) or mentions(text, pack(lang).where_is)
        stated = named + (earlier if asks_state else [])
        # "has #W1 shipped yet?": the store's facts are the whole answer (the model added the returns policy to it)
        only_state = bool(stated) and bool(asks_state) and keyword_kind(text, text) is None
        known = await self._knowledge(text, lang, check_fit=not stated)
        passages, public, article, unknown, fit = known.passages, known.public, known.article, known.unknown, known.fit
        products: list[str] = []  # a question about what the store sells, answered from the store
        if not stated and isinstance(self._store, ProductCatalogue):
            entries = tuple(entry_name(p.heading) for p in public if p.document == CATALOGUE_TITLE)
            products = await asyncio.to_thread(product_answer, text, lang, self._store, style.spoken, entries)
        metrics.retrieval_ms = (time.perf_counter() - started) * 1000
        yield SourcesEvent(tuple(passages), tuple(orders))
        if not named and order_ids(lookup_text or text) and verified_user is None:  # say what is needed instead
            for event in say([phrase(lang, "identify_for_order")]):
                yield event

        for order in stated:
            for event in say(split_sentences(order_description(lang, order))):
                yield event
        for event in say(products):
            yield event
        if self.config.source_first and not stated and not products:
            # Lead with the answer: the article's sentence that answers this question (or the best source
            # sentence), correct by construction and out within milliseconds; then the detail.
            if article is not None:
                answer = await asyncio.to_thread(article_answer, text, article, self._scorer, lang)
            else:
                answer = extractive_answer(text, public, max_sentences=1)
            for event in say(answer):
                yield event

        evidence = "\n".join([*(p.heading + ": " + p.text for p in public), *(o.describe() for o in orders)])
        generator = self.generator
        failure: str | None = None
        model_sentences = 0
        if generator is None:
            failure = "language model unavailable"
        elif lang not in self.config.model_languages or not style.model_detail():
            generator = None  # the model cannot phrase this language, or is shed: the company's sentences answer
        elif unknown or products or only_state:
            generator = None  # nothing to ground an answer in, or the store's facts are the answer
        else:
            prompt = build_prompt(
                self.config.company,
                text,
                history,
                public,
                orders,
                self.config.history_turns,
                self.config.prompt_token_budget,
                self._count_tokens,
                self.config.canary,
            )
            checks = (evidence, text, [o.status for o in orders])
            try:
                async for event in self._generate(
                    generator,
                    prompt.system,
                    prompt.turns,
                    checks,
                    reply,
                    started,
                    metrics,
                    money,
                    lang,
                    keep_going=style.model_detail,
                ):
                    if isinstance(event, SentenceEvent):
                        reply.append(event.text)
                        model_sentences += 1
                    yield event
            except TimeoutError:
                failure = f"generation timed out after {self.config.timeout_s:.0f} s"
            except Exception as error:  # the customer gets the apology; the error is stored with the turn
                log.exception("generation failed", extra={"conversation_id": conversation_id})
                failure = f"generation failed: {type(error).__name__}: {error}"

        no_answer = False
        if failure is not None:
            for event in say([phrase(lang, "apology")]):
                yield event
        else:
            # The key fact is guaranteed by code: whatever the best source sentences say that the reply does
            # not say yet is quoted (two when nothing else was said, else one).
            # For an order question the store's facts are the answer: no policy quote is added.
            answered = article is not None and bool(reply) and not model_sentences
            quoted = (
                []
                if stated or answered or products
                else extractive_answer(text, public, max_sentences=1 if reply else 2)
            )
            missing = [sentence for sentence in quoted if not covers(" ".join(reply), sentence)]
            if not reply and not missing:
                missing, no_answer = [phrase(lang, "no_answer")], True
            for event in say(missing):
                yield event
            disclaimer = self.config.money_disclaimers.get(lang) or self.config.money_disclaimer
            if any(money) and disclaimer:
                for event in say([disclaimer]):
                    yield event
        metrics.total_ms = (time.perf_counter() - started) * 1000
        yield TurnDone(
            reply=gap.join(reply),
            metrics=metrics,
            failed=failure is not None,
            error=failure,
            model=getattr(generator, "name", "") or "",
            adapter=getattr(generator, "adapter", None),
            extra={
                "model_sentences": model_sentences,
                "no_answer": no_answer,
                "lang": lang,
                "answer_fit": None if fit is None else round(fit, 3),
            },
        )

    async def respond_fixed(
        self, text: str, extra: dict[str, Any] | None = None, lang: str = "en"
    ) -> AsyncIterator[DialogueEvent]:
        """A reply written by code (a flow's question, an action's result), through the same output gate."""
        started = time.perf_counter()
        disclaimer = self.config.money_disclaimers.get(lang) or self.config.money_disclaimer
        gap = "" if lang == "zh" else " "  # Chinese sentences follow each other without a space
        money: list[bool] = []
        said: list[str] = []
        yield SourcesEvent(())
        for sentence in split_sentences(text):
            before = len(money)
            checked, events = self._gate(sentence, money)
            for event in events:
                yield event
            said.append(checked)
            yield TokenEvent(checked + gap)
            yield SentenceEvent(checked)
            if len(money) > before and disclaimer and disclaimer not in said:
                # Right after the first amount, before any question that follows it.
                said.append(disclaimer)
                yield TokenEvent(disclaimer + gap)
                yield SentenceEvent(disclaimer)
        metrics = TurnMetrics(total_ms=(time.perf_counter() - started) * 1000)
        yield TurnDone(reply=gap.join(said), metrics=metrics, model="flow", extra=dict(extra or {}))
