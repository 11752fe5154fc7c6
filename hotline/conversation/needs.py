"""What the conversation core needs from whoever wires it: the stores, the dialogue engine, the red-line, the
trained heads, the hub and a meter — read-only, so the gateway's ``Services`` provides them and a unit test can
pass fakes. The core imports nothing from the gateway (a test over the import graph keeps it so)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from hotline.dialogue.flow_state import Store
from hotline.ports import DialogueCore, TurnMetrics

if TYPE_CHECKING:
    from hotline.conversation.hub import Hub
    from hotline.dialogue.escalation import AngerSignal, EscalationPolicy, SignalHead
    from hotline.dialogue.intents import IntentClassifier
    from hotline.dialogue.understanding.head import UnderstandingHead
    from hotline.redline.rules import RedLine
    from hotline.settings import Settings
    from hotline.storage.conversations import ConversationStore
    from hotline.storage.photos import PhotoStore
    from hotline.store.service import ActionOutcome
    from hotline.vision.catalog import ProductCatalog


class ActingStore(Store, Protocol):
    """The store as the flows read it, and the one way a confirmed plan changes it (idempotent by ``key``)."""

    def execute(
        self, name: str, kwargs: dict[str, Any], conversation_id: str | None = None, idempotency_key: str | None = None
    ) -> ActionOutcome: ...


class TurnMeter(Protocol):
    """Where a turn's speed and a customer's thumbs are counted (the gateway's /metrics)."""

    def observe_turn(self, metrics: TurnMetrics, failed: bool) -> None: ...

    def count_feedback(self, helpful: bool) -> None: ...


class PhotoNeeds(Protocol):
    """What the words about a new photo need: who holds the conversation, where the bot's words are kept, the
    catalogue its matches name."""

    @property
    def hub(self) -> Hub: ...

    @property
    def conversations(self) -> ConversationStore: ...

    @property
    def catalog(self) -> ProductCatalog | None: ...


class ConversationNeeds(PhotoNeeds, Protocol):
    """Everything one conversation session uses."""

    @property
    def settings(self) -> Settings: ...

    @property
    def dialogue(self) -> DialogueCore: ...

    @property
    def redline(self) -> RedLine: ...

    @property
    def store(self) -> ActingStore: ...

    @property
    def photos(self) -> PhotoStore | None: ...

    @property
    def intents(self) -> IntentClassifier | None: ...

    @property
    def anger(self) -> AngerSignal | None: ...

    @property
    def dissatisfied(self) -> SignalHead | None: ...

    @property
    def person(self) -> SignalHead | None: ...

    @property
    def understanding(self) -> UnderstandingHead | None: ...

    @property
    def metrics(self) -> TurnMeter: ...

    def escalation_policy_for(self, tenant: str) -> EscalationPolicy: ...
