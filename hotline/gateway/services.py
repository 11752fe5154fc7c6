"""Build everything a gateway needs from Settings: database, KB, store, the models (``hotline/model_loading.py``),
the dialogue engine and the hub — the gateway's composition root.

A model that fails to load does not stop the gateway: it starts, answers with the fixed apology and an
offer of a human, and logs why.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from hotline.conversation.hub import Hub
from hotline.dialogue.engine import DialogueEngine, EngineConfig
from hotline.dialogue.escalation import AngerSignal, EscalationPolicy, SignalHead
from hotline.dialogue.intents import IntentClassifier
from hotline.dialogue.language import load_identifier
from hotline.dialogue.prompt import approximate_tokens
from hotline.dialogue.spelling import speller_for
from hotline.dialogue.understanding.head import UnderstandingHead
from hotline.gateway.call_admission import CallAdmission, default_limit
from hotline.gateway.guards import ClientLimits, RedisClientLimits
from hotline.gateway.metrics import GatewayMetrics
from hotline.kb.ingest import demo_documents, ingest_documents
from hotline.kb.retrieval import HybridRetriever
from hotline.kb.sentence_scorer import EmbeddingSentenceScorer
from hotline.model_loading import AdaptedGenerator, LoadedModels, apply_live_adapter, load_models
from hotline.ports import StoreAPI
from hotline.redline.rules import DEFAULT_RULES, RedLine
from hotline.settings import DEV_BRIDGE_TOKEN, DEV_SECRET, Settings
from hotline.storage.adapters import AdapterRegistry
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import open_database
from hotline.storage.handoffs import HandoffStore
from hotline.storage.photos import PhotoStore
from hotline.store.json_store import JsonStore
from hotline.store.service import FILES, StoreService

if TYPE_CHECKING:  # the vision and speech stacks load lazily (their imports are heavy)
    from hotline.speech.loader import SpeechModels
    from hotline.vision.catalog import ProductCatalog
    from hotline.vision.matcher import PhotoMatcher
    from hotline.vision.ocr import PhotoTextReader

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything one gateway process holds; built once, passed to the app."""

    settings: Settings
    db: Engine
    sessions: sessionmaker[Session]
    conversations: ConversationStore
    retriever: HybridRetriever
    dialogue: DialogueEngine
    redline: RedLine
    store: StoreService
    handoffs: HandoffStore
    hub: Hub
    adapters: AdapterRegistry
    anger: AngerSignal | None
    intents: IntentClassifier | None
    escalation_policy: EscalationPolicy
    photos: PhotoStore | None = None
    ocr: PhotoTextReader | None = None  # when loaded
    matcher: PhotoMatcher | None = None  # our catalog model or open_clip, when loaded
    catalog: ProductCatalog | None = None  # when present
    limits: ClientLimits | None = None
    speech: SpeechModels | None = None  # None: voice disabled or its models failed to load
    understanding: UnderstandingHead | None = None  # the trained act/action head the flows read messages with
    dissatisfied: SignalHead | None = None  # the unhappy-customer signal, when trained
    person: SignalHead | None = None  # asks for a human in their own words, when trained
    metrics: GatewayMetrics = field(default_factory=GatewayMetrics)
    load_errors: dict[str, str] = field(default_factory=dict)
    calls: CallAdmission = field(default_factory=lambda: CallAdmission(default_limit()))  # live calls at once

    def escalation_policy_for(self, tenant: str) -> EscalationPolicy:
        """When a tenant's customers go to a human: the gateway's calibrated policy with the tenant's own
        sensitivity (``escalation.tenants``), if it has one."""
        own = self.settings.escalation.tenants.get(tenant)
        return self.escalation_policy if own is None else self.escalation_policy.for_tenant(**own.model_dump())

    def close(self) -> None:
        self.db.dispose()


def import_store(store: StoreService, kb_dir: Path, departments: list[Path]) -> dict[str, int]:
    """The store from ``kb_dir``'s JSON files, then each department file (missing ones are logged and skipped)."""
    counts = store.import_dir(kb_dir)
    for path in departments:
        if not path.exists():
            log.warning("store department not found", extra={"path": str(path)})
            continue
        added = store.add_department(json.loads(path.read_text(encoding="utf-8")))
        counts = {**counts, **{kind: counts[kind] + n for kind, n in added.items()}}
    return counts


def build_services(settings: Settings, models: LoadedModels | None = None) -> Services:
    """The gateway's services: the database, the knowledge base, the store and the dialogue engine around the
    models (``models``: loaded here from ``settings`` when not given — a test's fakes, or models already loaded)."""
    settings = settings.with_profile_defaults()
    if settings.environment == "production" and settings.auth.secret_key == DEV_SECRET:
        raise RuntimeError("refusing to start in production with the default secret: set HOTLINE_AUTH__SECRET_KEY")
    if settings.environment == "production" and DEV_BRIDGE_TOKEN in settings.voice.bridge_tokens.values():
        raise RuntimeError(
            "refusing to start in production with the dev bridge token: set HOTLINE_VOICE__BRIDGE_TOKENS"
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db, sessions = open_database(settings)
    canary = f"HL-{secrets.token_hex(6)}"  # per process: a leaked one tells nothing about another
    redline = RedLine(settings.redline.rules_file or DEFAULT_RULES, canary)
    if models is None:
        models = load_models(settings, redline, canary)
    errors = models.errors
    embedder, generator = models.embedder, models.generator

    if settings.kb.ingest_demo:
        documents = demo_documents(settings.demo_kb_dir, settings.kb.help_centre_dir, settings.store.departments)
        if documents:
            ingest_documents(documents, sessions, embedder, settings.kb.chunk_chars)
        else:
            log.warning("demo knowledge base not found", extra={"dir": str(settings.demo_kb_dir)})
    adapters = AdapterRegistry(sessions)
    registry_chooses = settings.llm.adapter is None and settings.llm.use_registry
    if registry_chooses and isinstance(generator, AdaptedGenerator):  # not the inference pool's: it follows itself
        try:
            apply_live_adapter(generator, adapters, settings)
        except Exception as error:
            log.exception("live adapter failed to load; the base model answers")
            errors["adapter"] = f"{type(error).__name__}: {error}"
    retriever = HybridRetriever(db, embedder, settings.kb.rrf_k)
    store_service = StoreService(sessions)
    if store_service.is_empty() and settings.kb.ingest_demo and (settings.demo_kb_dir / FILES["orders"]).exists():
        import_store(store_service, settings.demo_kb_dir, settings.store.departments)  # first start: the demo company
    store: StoreAPI = store_service if not store_service.is_empty() else JsonStore.from_dir(settings.demo_kb_dir)
    count_tokens = getattr(generator, "count_tokens", approximate_tokens)
    dialogue = DialogueEngine(
        EngineConfig(
            company=settings.chat.company_name,
            top_k=settings.kb.top_k,
            max_new_tokens=settings.llm.max_new_tokens,
            timeout_s=settings.llm.timeout_s,
            history_turns=settings.chat.history_turns,
            prompt_token_budget=settings.chat.prompt_token_budget,
            source_first=settings.chat.source_first,
            first_sentence_s=settings.chat.model_first_sentence_s,
            canary=canary,
            money_disclaimer=redline.money_disclaimer,
            money_disclaimers=dict(redline.money_disclaimers),
            model_languages=settings.model_languages,
            prefer_language=settings.kb.prefer_language,
            answerable_similarity=settings.answerable_similarity,
        ),
        generator,
        retriever,
        store,
        count_tokens,
        output_gate=redline,
        scorer=EmbeddingSentenceScorer(embedder) if embedder is not None else None,
    )
    speller_for(store_service)  # the typo reader's word lists, read now rather than on the first customer's message
    load_identifier()  # the language identifier's model, likewise
    conversations = ConversationStore(sessions)
    handoffs = HandoffStore(sessions)
    photos = PhotoStore(sessions, settings.data_dir / "photos")
    bus = None
    if settings.redis_url:  # several gateway workers share the hub's events
        from hotline.conversation.bus import RedisBus

        bus = RedisBus(settings.redis_url, settings.worker_id)
    metrics = GatewayMetrics()
    hub = Hub(conversations, handoffs, settings.escalation.handoff_timeout_s, photos, bus, metrics.delivery_failures)
    return Services(
        settings=settings,
        metrics=metrics,
        db=db,
        sessions=sessions,
        conversations=conversations,
        retriever=retriever,
        dialogue=dialogue,
        redline=redline,
        store=store_service,
        handoffs=handoffs,
        hub=hub,
        adapters=adapters,
        limits=RedisClientLimits(settings.security, settings.redis_url)
        if settings.redis_url
        else ClientLimits(settings.security),
        photos=photos,
        ocr=models.ocr,
        matcher=models.matcher,
        catalog=models.catalog,
        intents=models.intents,
        anger=models.anger,
        dissatisfied=models.dissatisfied,
        person=models.person,
        understanding=models.understanding,
        escalation_policy=models.escalation_policy,
        speech=models.speech,
        load_errors=errors,
        calls=CallAdmission(settings.voice.max_calls or default_limit(), settings.voice.model_detail_calls),
    )
