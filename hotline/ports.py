"""Events and ports: the leaf module every layer shares.

Imports nothing heavy (no torch, no SQLAlchemy), so transports, tests and tools can depend on it freely.
Real adapters live behind these Protocols (dialogue/llm.py, kb/embeddings.py, store/json_store.py...).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Role = Literal["customer", "bot", "agent", "system"]


@dataclass(frozen=True)
class Passage:
    """A retrieved knowledge-base chunk, citable by ``source_id``."""

    source_id: str  # "<document>#<chunk index>": for agents and logs, never shown to a customer
    document: str  # the document's title: the citation a customer sees
    heading: str
    text: str
    score: float = 0.0
    lang: str | None = None  # None: any language (a catalogue)
    visibility: str = "public"  # "internal": informs agents and decisions, never quoted to a customer
    # The questions an article answers: its title and the other ways customers ask it (front matter "asked");
    # empty for a passage that answers only its heading
    questions: tuple[str, ...] = ()

    @property
    def public(self) -> bool:
        return self.visibility == "public"


@dataclass(frozen=True)
class OrderFacts:
    """What the store says about one order: the only source of order facts in a reply."""

    order_id: str
    status: str
    items: tuple[str, ...]
    tracking_ids: tuple[str, ...] = ()
    total: float = 0.0
    user_id: str = ""  # whose order: facts are told only to that customer, once identified

    def describe(self) -> str:
        items = ", ".join(self.items) if self.items else "no items"
        text = f"Order {self.order_id} is {self.status}. It contains: {items}."
        if self.tracking_ids:
            text += f" Tracking number: {', '.join(self.tracking_ids)}."
        return text


def _always() -> bool:
    return True


@dataclass(frozen=True)
class ReplyStyle:
    """How a reply is made for where it goes: ``spoken`` on a call (option lists summarised, no ids read out);
    while ``model_detail()`` says no, the sources' own sentences are the whole answer — asked before the model
    starts and as it writes, so a phone server that gets busy mid-answer stops it (it costs seconds of CPU)."""

    spoken: bool = False
    model_detail: Callable[[], bool] = _always


@dataclass(frozen=True)
class ChatTurn:
    role: Role
    text: str


@dataclass
class TurnMetrics:
    retrieval_ms: float = 0.0
    first_token_ms: float | None = None
    total_ms: float = 0.0
    tokens: int = 0

    @property
    def tokens_per_s(self) -> float:
        seconds = self.total_ms / 1000.0
        return self.tokens / seconds if seconds > 0 else 0.0


# ---- events the dialogue core emits while answering one turn (transport-neutral) ----


@dataclass(frozen=True)
class TokenEvent:
    text: str


@dataclass(frozen=True)
class SentenceEvent:
    """A whole sentence that passed the grounding check; the unit red-line and TTS work on."""

    text: str
    grounded: bool = True


@dataclass(frozen=True)
class SourcesEvent:
    passages: tuple[Passage, ...]
    orders: tuple[OrderFacts, ...] = ()


@dataclass(frozen=True)
class RedLineEvent:
    """Output red-line hits for one sentence (already replaced by its safe template when blocked)."""

    hits: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class TurnDone:
    reply: str
    metrics: TurnMetrics
    failed: bool = False
    error: str | None = None
    model: str = ""
    adapter: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


DialogueEvent = TokenEvent | SentenceEvent | SourcesEvent | RedLineEvent | TurnDone


# ---- ports ----


class Embedder(Protocol):
    name: str
    dimension: int

    def embed_queries(self, texts: Sequence[str]) -> Any:  # np.ndarray (n, d), L2-normalised
        ...

    def embed_passages(self, texts: Sequence[str]) -> Any: ...


class SentenceScorer(Protocol):
    """How well each sentence answers a query (cosine of their embeddings): picks the detail to say."""

    def similarities(self, query: str, sentences: Sequence[str]) -> list[float]: ...


class TextGenerator(Protocol):
    """A causal LM that streams text for a chat prompt; blocking (run it off the event loop)."""

    name: str
    adapter: str | None

    def stream(
        self, system: str, messages: Sequence[ChatTurn], max_new_tokens: int, should_stop: StopFlag
    ) -> Iterator[str]: ...


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


class StoreAPI(Protocol):
    """Read-only view of the company's store (orders, users). Writes arrive with the actions issue."""

    def order(self, order_id: str) -> OrderFacts | None: ...

    def orders_for_email(self, email: str) -> list[OrderFacts]: ...


class Retriever(Protocol):
    def search(self, query: str, k: int, lang: str | None = None) -> list[Passage]:
        """The ``k`` best passages; with ``lang``, those in that language first when they match about as well."""
        ...


@runtime_checkable
class KnowledgeCoverage(Protocol):
    def unknown_names(self, question: str) -> list[str]:
        """Names in the question ("Paris", "Wildberries") that the knowledge base never mentions."""
        ...


@runtime_checkable
class ArticleIndex(Protocol):
    def articles(self) -> list[Passage]:
        """Every article of the knowledge base once."""
        ...


@runtime_checkable
class SentenceMemory(Protocol):
    def remember(self, sentences: Sequence[str], batch: int = 64) -> int:
        """Embed these sentences now (start-up), not when a question first needs them; the number embedded."""
        ...


class DialogueCore(Protocol):
    """What a conversation asks of the dialogue engine: a grounded answer, a reply written by code through the same
    output gate, and the help centre's words around a flow step (before it, or after its result)."""

    def respond(
        self,
        conversation_id: str,
        text: str,
        history: Sequence[ChatTurn],
        lookup_text: str | None = None,
        verified_user: str | None = None,
        lang: str | None = None,
        style: ReplyStyle = ReplyStyle(),
        intent: str | None = None,
    ) -> AsyncIterator[DialogueEvent]: ...

    def respond_fixed(
        self, text: str, extra: dict[str, Any] | None = None, lang: str = "en"
    ) -> AsyncIterator[DialogueEvent]: ...

    async def around_flow(
        self, text: str, lang: str, executed: bool, questions: Sequence[str] = ()
    ) -> tuple[str, str]: ...


class SpeechSynthesizer(Protocol):
    """Text to speech; blocking (run it off the event loop). Yields mono int16 NumPy chunks at ``sample_rate``."""

    name: str
    sample_rate: int

    def synthesize(self, text: str) -> Iterator[Any]: ...


# An uploaded photo after cleaning (vision/images.py makes it; storage/photos.py keeps it).
@dataclass(frozen=True)
class CleanImage:
    data: bytes  # re-encoded, metadata-free
    format: str  # JPEG | PNG | WEBP
    mime: str
    extension: str
    width: int
    height: int
    sha256: str
