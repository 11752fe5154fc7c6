"""Every model a gateway (or an inference worker, or a CLI command) loads, in one module: the embedder, the language
model and its live adapter, the trained heads (anger, dissatisfaction, intents, understanding) with the escalation
policy they calibrate, the speech models, OCR and the photo matcher.

A model that fails to load does not stop the caller: ``load_models`` records why in ``errors`` and leaves that
model None (the gateway starts, answers with the fixed apology and an offer of a human, and logs why). A test or an
operator can build the gateway from models of their own: ``build_services(settings, models)``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from hotline.dialogue.escalation import (
    AngerSignal,
    EscalationPolicy,
    SignalHead,
    calibrated_dissatisfaction,
    calibrated_heads,
    calibrated_thresholds,
    calibration_path_for,
    dissatisfied_path_for,
    person_path_for,
)
from hotline.dialogue.intents import IntentClassifier, intent_head_path
from hotline.dialogue.prompt import system_prompt
from hotline.dialogue.understanding.head import DEFAULT_HEAD, UnderstandingHead, understanding_head_path
from hotline.model_paths import resolve_llm
from hotline.ports import Embedder, TextGenerator
from hotline.redline.rules import RedLine
from hotline.settings import LLMSettings, Settings
from hotline.storage.adapters import AdapterRegistry

if TYPE_CHECKING:  # the vision and speech stacks load lazily (their imports are heavy)
    from hotline.speech.loader import SpeechModels
    from hotline.vision.catalog import ProductCatalog
    from hotline.vision.matcher import PhotoMatcher
    from hotline.vision.ocr import PhotoTextReader

log = logging.getLogger(__name__)
SHIPPED_ADAPTERS = Path(__file__).resolve().parent / "dialogue" / "adapters"


@runtime_checkable
class AdaptedGenerator(Protocol):
    """A language model whose LoRA adapter can be swapped while it serves (``dialogue/llm.py``)."""

    adapter: str | None

    def use_adapter(self, path: str | None, version: str | None) -> None: ...


@dataclass
class LoadedModels:
    """What ``load_models`` found; None where a model is disabled, absent or failed (``errors`` says why)."""

    embedder: Embedder | None = None
    generator: TextGenerator | None = None
    anger: AngerSignal | None = None
    dissatisfied: SignalHead | None = None
    person: SignalHead | None = None  # asks for a human in words the red-line does not know
    intents: IntentClassifier | None = None
    understanding: UnderstandingHead | None = None
    escalation_policy: EscalationPolicy = field(default_factory=EscalationPolicy)
    speech: SpeechModels | None = None
    ocr: PhotoTextReader | None = None
    catalog: ProductCatalog | None = None
    matcher: PhotoMatcher | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _failed(errors: dict[str, str], key: str, error: Exception, consequence: str) -> None:
    log.exception("%s failed to load; %s", key, consequence)
    errors[key] = f"{type(error).__name__}: {error}"


def load_models(settings: Settings, redline: RedLine, canary: str) -> LoadedModels:
    """Every model ``settings`` asks for (``load_models=False``: none but the shipped understanding head)."""
    found = LoadedModels(escalation_policy=EscalationPolicy(anger_very_high=settings.escalation.anger_very_high))
    errors = found.errors
    if settings.llm.inference_urls:  # the model runs in the inference pool: nothing to load here
        from hotline.dialogue.remote_llm import RemoteGenerator

        llm = settings.llm
        # the pool follows the adapter registry itself: a RemoteGenerator swaps no adapter (no ``use_adapter``)
        found.generator = RemoteGenerator(llm.inference_urls, llm.model, llm.inference_token, llm.timeout_s)
    if settings.load_models:
        try:
            found.embedder = load_embedder(settings)
        except Exception as error:
            _failed(errors, "embeddings", error, "keyword search only")
        if found.generator is None:
            try:
                found.generator = load_generator(settings, canary)
            except Exception as error:
                _failed(errors, "llm", error, "replies fall back to an apology")
    _load_heads(settings, found)
    if settings.load_models and settings.voice.enabled:
        try:
            found.speech = load_speech_models(settings, redline)
        except Exception as error:
            _failed(errors, "speech", error, "telephony endpoints will refuse calls")
    if settings.load_models:
        try:
            from hotline.vision.ocr import TextReader

            found.ocr = TextReader()
        except Exception as error:
            _failed(errors, "ocr", error, "photos are stored without their text")
    found.catalog, found.matcher = load_vision(settings, errors)
    return found


def _load_heads(settings: Settings, found: LoadedModels) -> None:
    """The heads trained on the embedder's features, and the escalation policy their calibration sets."""
    embedder, errors = found.embedder, found.errors
    policy = found.escalation_policy
    if embedder is not None:
        try:
            found.anger = AngerSignal.load(
                embedder, tuned=settings.escalation.tuned_anger, int8=settings.escalation.tuned_int8
            )
        except Exception as error:  # a tuned head that cannot load: the head on the shared embedding
            _failed(errors, "anger_tuned", error, "the anger head on the shared embedding is used")
            found.anger = AngerSignal.load(embedder, tuned=False)
        if found.anger is not None:
            threshold = settings.escalation.anger_threshold or found.anger.threshold
            policy = replace(policy, anger_threshold=threshold, anger_reset_below=min(0.35, threshold - 0.1))
            if settings.escalation.anger_threshold is None:  # a threshold set by hand applies to every language
                policy = replace(policy, by_language=calibrated_thresholds(calibration_path_for(embedder.name)))
                chosen_over = calibrated_heads(calibration_path_for(embedder.name))
                if chosen_over is not None and chosen_over != found.anger.files:
                    log.warning(
                        "anger thresholds chosen over other heads: run `hotline train escalation-calibrate`",
                        extra={"calibrated_over": list(chosen_over), "heads": list(found.anger.files)},
                    )
        else:
            errors["anger"] = f"no anger head for {embedder.name}: run `hotline train escalation`"
        if dissatisfied_path_for(embedder.name).exists():
            found.dissatisfied = SignalHead(embedder, dissatisfied_path_for(embedder.name))
            calibrated = calibrated_dissatisfaction(calibration_path_for(embedder.name))
            policy = replace(policy, dissatisfied_by_language=calibrated)
        if person_path_for(embedder.name).exists():
            found.person = SignalHead(embedder, person_path_for(embedder.name))
            policy = replace(policy, person_threshold=found.person.threshold)
        if intent_head_path(embedder.name).exists():
            found.intents = IntentClassifier(embedder, intent_head_path(embedder.name))
    found.escalation_policy = policy
    try:  # the head trained with this embedder's features when there is one, else the n-gram head
        own = understanding_head_path(embedder.name) if embedder is not None else None
        if own is not None and own.exists():
            found.understanding = UnderstandingHead.load(own, embedder)
        else:
            found.understanding = UnderstandingHead.load(DEFAULT_HEAD)
    except (OSError, KeyError, ValueError) as error:  # the flows fall back to their keyword rules
        log.exception("understanding head failed to load")
        errors["understanding"] = f"{type(error).__name__}: {error}: run `hotline train understanding`"


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


def apply_live_adapter(generator: AdaptedGenerator, adapters: AdapterRegistry, settings: Settings) -> None:
    if settings.llm.shipped_adapter:
        register_shipped_adapters(adapters, settings)
    live = adapters.live()
    if live is not None and live.base_model == settings.llm.model and Path(live.path).exists():
        generator.use_adapter(live.path, live.version)


async def follow_live_adapter(generator: object, adapters: AdapterRegistry, llm: LLMSettings) -> None:
    """Follow the registry's live adapter: `hotline adapters promote` reaches this process (a gateway, or an
    inference worker) within a poll. Returns at once when the adapter is fixed by setting or the model has none."""
    if llm.adapter is not None or not llm.use_registry or not isinstance(generator, AdaptedGenerator):
        return
    while True:
        await asyncio.sleep(llm.adapter_poll_s)
        try:
            live = await asyncio.to_thread(adapters.live)
            wanted = live.version if live is not None and live.base_model == llm.model else None
            if wanted != generator.adapter:
                path = live.path if live is not None and wanted is not None else None
                await asyncio.to_thread(generator.use_adapter, path, wanted)
                log.info("live adapter changed", extra={"adapter": wanted})
        except Exception:
            log.exception("adapter watch failed; keeping the current adapter")


def load_vision(settings: Settings, errors: dict[str, str]) -> tuple[ProductCatalog | None, PhotoMatcher | None]:
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
