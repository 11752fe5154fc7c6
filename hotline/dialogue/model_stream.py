"""The language model's sentences inside a turn, checked as they stream: each sentence is released (its tokens, as
they came) only once it is grounded in the passages and store facts and has passed the output red-line; the model
is stopped when it goes off track (sentences withheld in a row), repeats what was already said, or is too slow
for its first checked sentence (a caller hears silence meanwhile).

A mixin of the dialogue engine (engine.py), which holds the settings, the output gate and the generator.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Protocol

from hotline.dialogue.grounding import Verdict, check_sentence, covers, drop_opener
from hotline.dialogue.language import script_language
from hotline.dialogue.sentences import SentenceChunker
from hotline.ports import ChatTurn, DialogueEvent, RedLineEvent, SentenceEvent, TextGenerator, TokenEvent, TurnMetrics
from hotline.redline.rules import OutputCheck

log = logging.getLogger(__name__)

_END = object()
_ROLE_LABEL = re.compile(r"^\s*(customer|assistant|agent|bot|user)\s*:\s*", re.IGNORECASE)


class OutputGate(Protocol):
    """The output red-line: every bot sentence passes here before it is sent or spoken."""

    def check_output(self, sentence: str) -> OutputCheck: ...


class StreamSettings(Protocol):
    """The engine's settings this part reads (EngineConfig has them)."""

    @property
    def timeout_s(self) -> float: ...
    @property
    def first_sentence_s(self) -> float | None: ...
    @property
    def max_new_tokens(self) -> int: ...
    @property
    def max_model_sentences(self) -> int: ...
    @property
    def max_withheld_in_row(self) -> int: ...


class ModelStream:
    config: StreamSettings
    output_gate: OutputGate | None

    def _gate(self, sentence: str, money: list[bool]) -> tuple[str, list[DialogueEvent]]:
        """Output red-line for one sentence: the text to send (maybe a safe template) and the audit events."""
        if self.output_gate is None:
            return sentence, []
        check = self.output_gate.check_output(sentence)
        if check.states_money:
            money.append(True)
        events: list[DialogueEvent] = []
        if check.hits:
            events.append(RedLineEvent(tuple(hit.as_dict() for hit in check.hits)))
            if check.blocked:
                log.warning("sentence blocked", extra={"rules": [h.rule_id for h in check.hits]})
        return check.text, events

    async def _generate(
        self,
        generator: TextGenerator,
        system: str,
        turns: Sequence[ChatTurn],
        evidence: tuple[str, str, list[str]],
        said: Sequence[str],
        started: float,
        metrics: TurnMetrics,
        money: list[bool],
        lang: str | None = None,
        keep_going: Callable[[], bool] = lambda: True,
    ) -> AsyncIterator[DialogueEvent]:
        """Run the blocking token stream in a thread; release each sentence's tokens once it is accepted. A yes or
        no the model opens a sentence with is dropped: the sources answer the question, and the "Yes, …" it copies
        from an article answers that article's title, not this customer. Generation stops when ``keep_going()``
        turns false (a phone server that got busy sheds the model's detail)."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue()
        stop = threading.Event()

        def produce() -> None:
            try:
                for piece in generator.stream(system, turns, self.config.max_new_tokens, stop):
                    loop.call_soon_threadsafe(queue.put_nowait, piece)
            except BaseException as error:  # handed to the event loop, raised there
                loop.call_soon_threadsafe(queue.put_nowait, error)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, _END)

        worker = loop.run_in_executor(None, produce)
        deadline = started + self.config.timeout_s
        first_by = time.perf_counter() + self.config.first_sentence_s if self.config.first_sentence_s else None
        chunker = SentenceChunker()
        raw = ""
        pieces: list[tuple[int, str]] = []  # (offset in raw, piece)
        cursor = 0
        released = withheld_in_row = 0
        try:
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise TimeoutError
                if first_by is not None and not released and not said:
                    wait = first_by - time.perf_counter()
                    try:
                        item = await asyncio.wait_for(queue.get(), timeout=max(0.0, min(remaining, wait)))
                    except TimeoutError:
                        if time.perf_counter() >= deadline:
                            raise
                        log.info("no checked model sentence in time; answering from the sources")
                        return
                else:
                    item = await asyncio.wait_for(queue.get(), timeout=remaining)
                if item is _END:
                    sentences = chunker.flush()
                elif isinstance(item, BaseException):
                    raise item
                elif not keep_going():
                    log.info("the server got busy: the model's detail is shed mid-answer")
                    return
                else:
                    piece = str(item)
                    if metrics.first_token_ms is None:
                        metrics.first_token_ms = (time.perf_counter() - started) * 1000
                    metrics.tokens += 1
                    pieces.append((len(raw), piece))
                    raw += piece
                    sentences = chunker.push(piece)
                for sentence in sentences:
                    found = raw.find(sentence, cursor)
                    end = len(raw) if found < 0 else found + len(sentence)
                    cleaned = drop_opener(_ROLE_LABEL.sub("", sentence), lang)
                    verdict = check_sentence(cleaned, *evidence)
                    if verdict.grounded and script_language(cleaned) != lang:  # a weak model drifting language
                        verdict = Verdict(False, f"not in the conversation's language ({lang})")
                    if not verdict.grounded:
                        log.info("sentence withheld", extra={"sentence": cleaned, "reason": verdict.reason})
                        withheld_in_row += 1
                    elif covers(" ".join(said), cleaned):
                        pass  # the model repeating what was already said this turn
                    elif (gated := self._gate(cleaned, money))[0] != sentence:
                        # Cut role label, masked PII or a blocked sentence: the model's pieces no longer match.
                        for event in gated[1]:
                            yield event
                        yield TokenEvent(gated[0] + " ")
                        yield SentenceEvent(gated[0])
                    else:
                        for offset, piece in pieces:
                            lo, hi = max(offset, cursor), min(offset + len(piece), end)
                            if lo < hi:
                                yield TokenEvent(raw[lo:hi])
                        yield SentenceEvent(sentence)
                    if verdict.grounded:
                        released += 1
                        withheld_in_row = 0
                    cursor = end
                if (
                    item is _END
                    or released >= self.config.max_model_sentences
                    or withheld_in_row >= self.config.max_withheld_in_row
                ):
                    return
        finally:
            stop.set()
            with contextlib.suppress(BaseException):
                await asyncio.shield(worker)
