"""Build everything a gateway needs from Settings: database, KB, store, models, dialogue engine.

A model that fails to load does not stop the gateway: it starts, answers with the fixed apology and an
offer of a human, and logs why.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from hotline.conversation.hub import Hub
from hotline.dialogue.engine import DialogueEngine, EngineConfig
from hotline.dialogue.escalation import (
    EscalationPolicy,
    SignalHead,
    calibrated_dissatisfaction,
    calibrated_thresholds,
    calibration_path_for,
    dissatisfied_path_for,
    head_path_for,
)
from hotline.dialogue.intents import IntentClassifier, intent_head_path
from hotline.dialogue.prompt import approximate_tokens, system_prompt
from hotline.dialogue.spelling import speller_for
from hotline.dialogue.understanding.head import DEFAULT_HEAD, UnderstandingHead, understanding_head_path
from hotline.gateway.call_admission import CallAdmission, default_limit
from hotline.gateway.guards import ClientLimits, RedisClientLimits
from hotline.gateway.metrics import GatewayMetrics
from hotline.kb.ingest import demo_documents, ingest_documents
from hotline.kb.retrieval import HybridRetriever
from hotline.kb.sentence_scorer import EmbeddingSentenceScorer
from hotline.model_paths import resolve_llm
from hotline.ports import Embedder, StoreAPI, TextGenerator
from hotline.redline.rules import DEFAULT_RULES, RedLine
from hotline.settings import DEV_BRIDGE_TOKEN, DEV_SECRET, LLMSettings, Settings
from hotline.storage.adapters import AdapterRegistry
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import make_engine, migrate, session_factory
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
    anger: SignalHead | None
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


def open_database(settings: Settings) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(settings.resolved_database_url)
    migrate(engine)
    return engine, session_factory(engine)


def load_embedder(settings: Settings) -> Embedder:
    from hotline.kb.embeddings import load_embedder as load

    return load(settings.embeddings.model, settings.embeddings.batch_size)


def load_generator(settings: Settings, canary: str = "") -> TextGenerator:
    from hotline.dialogue.llm import TransformersGenerator

    path = resolve_llm(settings.llm.model, settings.model_cache_dir)
    generator = TransformersGenerator(
        path, settings.llm.model, settings.llm.adapter, settings.llm.dtype, settings.llm.threads
    )
    generator.warm(system_prompt(settings.chat.company_name, canary))
    return generator


def load_speech_models(settings: Settings, redline: RedLine) -> SpeechModels:
    from hotline.speech.loader import load_speech

    company, hint = settings.chat.company_name, settings.voice.human_hint
    greetings = {lang: redline.disclosure(lang, company, "voice", hint) for lang in {"en", *settings.voice.languages}}
    return load_speech(settings, greetings)


SHIPPED_ADAPTERS = Path(__file__).resolve().parents[1] / "dialogue" / "adapters"


def register_shipped_adapters(adapters: AdapterRegistry, settings: Settings, shipped: Path = SHIPPED_ADAPTERS) -> None:
    """The adapters shipped in the package (trained by `hotline train lora` on the demo company's data), with
    their eval verdicts, kept current (a shipped adapter re-measured is re-registered with its new verdict). The
    first time one is registered it goes live if it is promotable and nothing else is live, or if the live one is
    a shipped adapter that is no longer promotable (a newer shipped one replaces it); otherwise the operator
    decides (`hotline adapters retire` sticks across restarts)."""
    new_promotable = []
    for folder in sorted(shipped.glob("*/hotline_adapter.json")):
        info = json.loads(folder.read_text())
        if info.get("base_model") != settings.llm.model:
            continue  # trained for another base model
        evaluation = info.get("eval") or {}
        record = adapters.get(folder.parent.name)
        if record is None or record.path != str(folder.parent) or (evaluation and record.metrics != evaluation):
            adapters.register(
                folder.parent.name,
                str(folder.parent),
                info["base_model"],
                info.get("data_hash"),
                evaluation or None,
                bool(evaluation.get("promotable")),
            )
            if record is None and evaluation.get("promotable"):
                new_promotable.append(folder.parent.name)
    live = adapters.live()
    if new_promotable and (live is None or (not live.promotable and Path(live.path).parent == shipped)):
        if live is not None:  # a shipped adapter that no longer meets the promotion rule
            log.info("shipped adapter superseded", extra={"was": live.version, "now": new_promotable[-1]})
        adapters.promote(new_promotable[-1])


def apply_live_adapter(generator: Any, adapters: AdapterRegistry, settings: Settings) -> None:
    if settings.llm.shipped_adapter:
        register_shipped_adapters(adapters, settings)
    live = adapters.live()
    if live is not None and live.base_model == settings.llm.model and Path(live.path).exists():
        generator.use_adapter(live.path, live.version)


async def follow_live_adapter(generator: Any, adapters: AdapterRegistry, llm: LLMSettings) -> None:
    """Follow the registry's live adapter: `hotline adapters promote` reaches this process (a gateway, or an
    inference worker) within a poll. Returns at once when the adapter is fixed by setting or the model has none."""
    if llm.adapter is not None or not llm.use_registry or not hasattr(generator, "use_adapter"):
        return
    while True:
        await asyncio.sleep(llm.adapter_poll_s)
        try:
            live = await asyncio.to_thread(adapters.live)
            wanted = live.version if live is not None and live.base_model == llm.model else None
            if wanted != getattr(generator, "adapter", None):
                path = live.path if live is not None and wanted is not None else None
                await asyncio.to_thread(generator.use_adapter, path, wanted)
                log.info("live adapter changed", extra={"adapter": wanted})
        except Exception:
            log.exception("adapter watch failed; keeping the current adapter")


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


def build_services(settings: Settings) -> Services:
    settings = settings.with_profile_defaults()
    if settings.environment == "production" and settings.auth.secret_key == DEV_SECRET:
        raise RuntimeError("refusing to start in production with the default secret: set HOTLINE_AUTH__SECRET_KEY")
    if settings.environment == "production" and DEV_BRIDGE_TOKEN in settings.voice.bridge_tokens.values():
        raise RuntimeError(
            "refusing to start in production with the dev bridge token: set HOTLINE_VOICE__BRIDGE_TOKENS"
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db, sessions = open_database(settings)
    errors: dict[str, str] = {}
    canary = f"HL-{secrets.token_hex(6)}"  # per process: a leaked one tells nothing about another
    redline = RedLine(settings.redline.rules_file or DEFAULT_RULES, canary)

    embedder: Embedder | None = None
    generator: TextGenerator | None = None
    remote = bool(settings.llm.inference_urls)  # the pool follows the adapter registry itself
    if remote:  # the model runs in the inference pool: nothing to load here
        from hotline.dialogue.remote_llm import RemoteGenerator

        generator = RemoteGenerator(
            settings.llm.inference_urls, settings.llm.model, settings.llm.inference_token, settings.llm.timeout_s
        )
    if settings.load_models:
        try:
            embedder = load_embedder(settings)
        except Exception as error:
            log.exception("embedding model failed to load; keyword search only")
            errors["embeddings"] = f"{type(error).__name__}: {error}"
        try:
            if generator is None:
                generator = load_generator(settings, canary)
        except Exception as error:
            log.exception("language model failed to load; replies fall back to an apology")
            errors["llm"] = f"{type(error).__name__}: {error}"

    if settings.kb.ingest_demo:
        documents = demo_documents(settings.demo_kb_dir, settings.kb.help_centre_dir, settings.store.departments)
        if documents:
            ingest_documents(documents, sessions, embedder, settings.kb.chunk_chars)
        else:
            log.warning("demo knowledge base not found", extra={"dir": str(settings.demo_kb_dir)})
    adapters = AdapterRegistry(sessions)
    if generator is not None and settings.llm.adapter is None and settings.llm.use_registry and not remote:
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
    anger: SignalHead | None = None
    policy = EscalationPolicy(anger_very_high=settings.escalation.anger_very_high)
    if embedder is not None:
        head = head_path_for(embedder.name)
        if head.exists():
            anger = SignalHead(embedder, head)
            threshold = settings.escalation.anger_threshold or anger.threshold
            policy = replace(policy, anger_threshold=threshold, anger_reset_below=min(0.35, threshold - 0.1))
            if settings.escalation.anger_threshold is None:  # a threshold set by hand applies to every language
                policy = replace(policy, by_language=calibrated_thresholds(calibration_path_for(embedder.name)))
        else:
            errors["anger"] = f"no anger head for {embedder.name}: run `hotline train escalation`"
    dissatisfied: SignalHead | None = None
    if embedder is not None and dissatisfied_path_for(embedder.name).exists():
        dissatisfied = SignalHead(embedder, dissatisfied_path_for(embedder.name))
        calibrated = calibrated_dissatisfaction(calibration_path_for(embedder.name))
        policy = replace(policy, dissatisfied_by_language=calibrated)
    intents: IntentClassifier | None = None
    if embedder is not None and intent_head_path(embedder.name).exists():
        intents = IntentClassifier(embedder, intent_head_path(embedder.name))
    understanding: UnderstandingHead | None = None
    try:  # the head trained with this embedder's features when there is one, else the n-gram head
        own = understanding_head_path(embedder.name) if embedder is not None else None
        if own is not None and own.exists():
            understanding = UnderstandingHead.load(own, embedder)
        else:
            understanding = UnderstandingHead.load(DEFAULT_HEAD)
    except (OSError, KeyError, ValueError) as error:  # the flows fall back to their keyword rules
        log.exception("understanding head failed to load")
        errors["understanding"] = f"{type(error).__name__}: {error}: run `hotline train understanding`"
    speller_for(store_service)  # the typo reader's word lists, read now rather than on the first customer's message
    speech: SpeechModels | None = None
    if settings.load_models and settings.voice.enabled:
        try:
            speech = load_speech_models(settings, redline)
        except Exception as error:
            log.exception("speech models failed to load; telephony endpoints will refuse calls")
            errors["speech"] = f"{type(error).__name__}: {error}"
    ocr: PhotoTextReader | None = None
    if settings.load_models:
        try:
            from hotline.vision.ocr import TextReader

            ocr = TextReader()
        except Exception as error:
            log.exception("OCR failed to load; photos are stored without their text")
            errors["ocr"] = f"{type(error).__name__}: {error}"
    catalog, matcher = load_vision(settings, errors)
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
        ocr=ocr,
        matcher=matcher,
        catalog=catalog,
        intents=intents,
        anger=anger,
        dissatisfied=dissatisfied,
        understanding=understanding,
        escalation_policy=policy,
        speech=speech,
        load_errors=errors,
        calls=CallAdmission(settings.voice.max_calls or default_limit()),
    )


def load_vision(settings: Settings, errors: dict[str, str]) -> tuple[Any, Any]:
    """The photo catalog and its matcher; either may be None (photos are then stored with OCR only)."""
    if not (settings.load_models and settings.vision.enabled):
        return None, None
    from hotline.vision.catalog import CatalogMissing, ProductCatalog
    from hotline.vision.matcher import load_matcher

    try:
        catalog = ProductCatalog(settings.catalog_dir)
    except CatalogMissing as missing:
        log.warning("no photo catalog: photos are stored with their OCR text only", extra={"detail": str(missing)})
        return None, None
    try:
        return catalog, load_matcher(settings.vision.model, settings.vision.checkpoint, catalog)
    except Exception as error:
        log.exception("the photo matcher failed to load; photos are stored with their OCR text only")
        errors["vision"] = f"{type(error).__name__}: {error}"
        return catalog, None
