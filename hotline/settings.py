"""All configuration, from HOTLINE_* environment variables (nested with ``__``) or a .env file.

Settings are built once by the caller (CLI, tests) and passed into ``create_app(settings)``;
nothing reads a cached global.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from hotline.languages import languages, load_packs

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

# "packaged:<name>" resolves weights shipped inside a registry package (hotline/model_paths.py);
# anything else is a local folder or a hub id (hub downloads need network access this machine lacks).
PACKAGED_SMOLLM2 = "packaged:smollm2-135m-instruct"
PACKAGED_QWEN_05B = "packaged:qwen2.5-0.5b-instruct"
PACKAGED_MINILM = "packaged:all-minilm-l6-v2"
PACKAGED_E5 = "packaged:multilingual-e5-small"


class LLMSettings(BaseModel):
    model: str = PACKAGED_SMOLLM2
    adapter: str | None = Field(
        default=None, description="Folder of a peft LoRA adapter (fixed); none: the registry's live adapter"
    )
    use_registry: bool = True  # follow `hotline adapters promote` (polled; swapped without a restart)
    adapter_poll_s: float = 5.0
    shipped_adapter: bool = True  # register the demo adapter shipped in the package; live if none is
    # auto: bfloat16 on a GPU or a CPU with bf16 instructions, else float32 (emulated bf16 is ~20x slower)
    dtype: Literal["auto", "float32", "bfloat16"] = "auto"
    threads: int = 2
    max_new_tokens: int = 72
    timeout_s: float = 30.0
    temperature: float = 0.0  # greedy by default: reproducible answers
    # The languages the model may phrase answers in; in others the reply is the company's own sentences.
    # None: the packaged SmolLM2 is English only, any other model is trusted with every served language.
    languages: list[str] | None = None
    # The model in a separate pool (`hotline serve-inference` processes) instead of in this gateway's process.
    inference_urls: list[str] = []
    inference_token: str | None = None  # shared bearer token between gateways and the pool


class EmbeddingSettings(BaseModel):
    # multilingual-e5 (en/ru/zh queries against one index) by default; the "english" profile uses MiniLM.
    model: str = PACKAGED_E5
    batch_size: int = 32


class KBSettings(BaseModel):
    top_k: int = 4
    chunk_chars: int = 500  # measured: best retrieval hit rate on the bench questions (250-700 tried)
    # Reciprocal-rank fusion constant (Cormack et al. use 60).
    rrf_k: int = 60
    ingest_demo: bool = True
    # Embed every article's sentences in the background once the gateway is up (about 20 s of CPU with the packaged
    # embedder), so no caller's first question about an article pays for them. `hotline serve` turns it on.
    warm_sentences: bool = False
    # The demo company's customer help centre (en/ru/zh articles + facts.yaml), ingested with the demo policy.
    help_centre_dir: Path | None = REPO_ROOT / "demo" / "helpcentre"
    # The customer's language as a third ranking beside keywords and vectors: its passages win close matches,
    # other languages remain the fallback.
    prefer_language: bool = True
    # Per language: the least similarity between a question and the best article's title for the article to
    # answer it; below, the bot says it has no information and offers a human. None: calibrated for the
    # packaged multilingual-e5 (on the tuning half of `hotline eval policy`); other embedders: not checked.
    answerable_similarity: dict[str, float] | None = None


# Calibrated on the tuning half of evaluation/policy_questions.yaml with multilingual-e5-small: the gap between
# the lowest answerable and the highest unanswerable question's similarity to the closest question an article
# answers (its title or one of its "asked" questions), per language; unanswerable questions that name what the
# knowledge never mentions ("Amazon", "Wildberries": kb/coverage.py) are left out, that check answers them.
E5_ANSWERABLE_SIMILARITY = {"en": 0.87, "ru": 0.88, "zh": 0.89}


class ChatSettings(BaseModel):
    max_message_chars: int = 2000
    max_frame_bytes: int = 16_384
    history_turns: int = 6  # recent turns kept verbatim; older ones are summarised
    prompt_token_budget: int = 900
    company_name: str = "Hotline Demo Store"
    # Lead each answer with the best-matching source sentence (correct by construction, out in milliseconds);
    # the model's checked sentences follow. False: the model speaks first, sources are quoted after it.
    source_first: bool = True
    # With nothing said yet, stop waiting for the model's first checked sentence after this long (seconds).
    model_first_sentence_s: float | None = 4.0
    # How to reach a human, said in the disclosure: a string (English) or one per language; None: the packs'.
    human_hint: str | dict[str, str] | None = None


class RedLineSettings(BaseModel):
    rules_file: Path | None = None  # default: the rules shipped in hotline/redline/default_rules.yaml


class TenantEscalation(BaseModel):
    """How soon one tenant's customers go to a human, against the gateway's calibrated defaults: offsets on the
    per-language thresholds (negative: sooner — a bank; positive: later) and the turn counts."""

    anger_offset: float = Field(default=0.0, ge=-0.5, le=0.5)
    dissatisfied_offset: float = Field(default=0.0, ge=-0.5, le=0.5)
    angry_turns_to_escalate: int | None = Field(default=None, ge=1, le=10)
    misses_to_escalate: int | None = Field(default=None, ge=1, le=10)
    attacks_to_escalate: int | None = Field(default=None, ge=1, le=10)


class EscalationSettings(BaseModel):
    anger_threshold: float | None = None  # default: the threshold tuned on GoEmotions dev with the head
    anger_very_high: float = 0.85
    # The anger head fine-tuned with its own copy of the encoder (``hotline train escalation-tuned``), where trained:
    # ~8 points more angry comments caught in en and ru than the head on the shared embedding, for ~110 MB and
    # ~10 ms a message. False: that head on the shared embedding (the calibration is chosen over one or the other).
    tuned_anger: bool = True
    # That head's encoder runs three of each layer's four products in int8 (``hotline.e5_forward``): ~45 % less time a
    # message, its logit within 0.09 of fp32's for 95 % of messages; the calibration is chosen over the int8 scores.
    tuned_int8: bool = True
    handoff_timeout_s: float = 120.0  # then the customer is offered a callback ticket
    tenants: dict[str, TenantEscalation] = {}  # per tenant, on top of the defaults above


DEV_SECRET = "dev-insecure-secret-change-me-in-production"
DEV_BRIDGE_TOKEN = "dev-bridge-token"


class VoiceSettings(BaseModel):
    enabled: bool = True  # load speech models at start-up (the telephony endpoints answer 503 without them)
    stt_model: str = "packaged:whisper-base"  # or a CTranslate2 Whisper folder
    stt_threads: int = 2
    stt_workers: int = 1  # concurrent transcriptions (each uses stt_threads)
    # The company's words, by language, that Whisper reads as the text before each utterance (so "refund" is not
    # heard as "reef and"). A short list of the trade's words measured best; a long one (every product) hurt.
    # Only English is measured (#22); other languages get none until they are.
    stt_prompts: dict[str, str] = Field(
        default_factory=lambda: {
            "en": "Customer service call: orders, refunds, returns, exchanges, cancellations, shipping and delivery "
            "addresses, payment methods (credit card, gift card, PayPal)."
        }
    )
    # Silence Whisper hears before each utterance: without it, it drops or garbles words at the start of the audio
    # (a turn cut at a short pause: "the dreams built around it" heard as "the"). Piper-spoken Bitext requests over
    # the 8 kHz line, word error (two draws of 120, the second held out): 0 s 20.5 / 20.8 %, 0.15 s 18.9 / 19.3 %,
    # 0.3 s 20.8 / 21.3 %; `hotline bench noise` and issue #22's note have the rest. 0: none.
    stt_lead_silence_s: float = 0.15
    keypad_pause_s: float = 3.0  # keyed digits (DTMF) become a turn at "#" or after this long without a key
    # Served languages (detection is restricted to these): every language pack by default.
    languages: list[str] = Field(default_factory=lambda: list(languages()))
    tts_voice: str = "packaged:joe-us-medium"  # Piper .onnx (with .onnx.json beside it)
    # Languages without a Piper voice speak through espeak-ng (when installed) with these voices (the packs').
    espeak_voices: dict[str, str] = Field(
        default_factory=lambda: {code: p.espeak_voice for code, p in load_packs().items() if p.espeak_voice}
    )
    vad_threshold: float = 0.5
    # A turn ends after this much silence. With `early_transcript_ms` 100 and `take_back_heard_s` 0.7, 200 ms meets
    # the end-of-turn target in `hotline bench turn` (held-out seed 3: finished callers' wait 431 -> 244 ms, mid-turn
    # pauses cut 4.2 % either way) and hears callers as well as 400 ms did, because words held or taken back at a
    # short pause are heard again with the rest (speech/held_audio.py; what the bot heard, word error 32.8 % at 400 ms,
    # 33.1 % at 200 ms, 39.5 % had they been joined as text). Issue #22's session-51 note has the tables. With a
    # `turn_model` this is the cap on its wait.
    end_silence_ms: float = 200.0
    # End of turn (speech/turn_end.py). Words that stop where a caller does not ("my order number is 5 4 4", "…
    # and") are held this long after the speech for the rest, which joins them (0: never held).
    turn_hold_s: float = 1.6
    # ... and, with this head on the words (speech/turn_words.py: "packaged" or a path; None: the rules alone),
    # words that do not read as a finished turn ("I want to return the desk") are held too, for
    # `turn_words_hold_s`. Off by default: it holds most cut-off turns but also too many short finished answers
    # ("这是礼物。", "Они маленькие."); `hotline bench turn` and issue #22's note have the numbers.
    turn_words: str | None = None
    turn_words_hold_s: float = 1.3
    # An acoustic turn model, asked after `turn_pause_ms` of silence: a caller who sounds finished is answered
    # then, before `end_silence_ms`. "packaged:smart-turn-v3" (in the pipecat-ai wheel) or an ONNX path.
    turn_model: str | None = None
    turn_pause_ms: float = 200.0
    turn_threshold: float = 0.5
    # Start early: after this much silence Whisper already hears the turn so far, while the end-of-turn wait runs;
    # kept if the caller stays silent, dropped if they go on (None: transcribe when the turn has ended). With a turn
    # model, its `turn_pause_ms` pause serves both. On 2 cores Whisper, not the silence, is what the caller waits
    # for: 100 ms answers sooner (with the 200 ms `end_silence_ms`, most of Whisper's run is done when the turn ends).
    early_transcript_ms: float | None = 100.0
    # Noise suppression on the caller's audio before VAD and Whisper: "packaged:rnnoise" (in the pyrnnoise wheel)
    # or a librnnoise path. Off by default: on the shared clips over a phone line it raised Whisper's error rate
    # in every noise measured (`hotline bench noise`; issue #22's note has the table).
    noise_suppression: str | None = None
    min_speech_ms: float = 200.0
    # Caller speech must last this long while the bot talks to interrupt it: backchannels ("uh-huh") don't.
    barge_in_ms: float = 500.0
    # While the bot talks (or is answering), the caller's speech ends after this much silence, if longer than
    # `end_silence_ms`: short pauses in an interruption do not cut it into pieces shorter than `barge_in_ms`, each
    # dropped as a backchannel. None: `end_silence_ms` throughout.
    talking_end_silence_ms: float | None = 400.0
    # A caller who talks over the bot's reply, having started within this long of its first audio, had not finished
    # (no one answers what they have not heard yet): the barge-in takes the turn back and their words are answered
    # with the rest (gateway/voice_take_back.py). 0: only a reply not yet heard is taken back. With the 200 ms end of
    # turn and the early transcript at 100 ms, 0.5 s cut 8.3 % of mid-turn pauses in `hotline bench turn` (held-out
    # seed), 0.7 s 4.8 %.
    take_back_heard_s: float = 0.7
    max_utterance_s: float = 25.0
    max_call_s: float = 3600.0
    # Tenants whose calls are recorded (both sides, one stereo WAV per call; the caller is told first), kept and
    # erased with the conversation. Off unless a tenant is listed.
    record_tenants: list[str] = []
    max_calls: int | None = None  # live calls at once; unset: 2 per CPU core (gateway/call_admission.py)
    # The language model adds detail to call answers only while at most this many calls are live (0: never).
    model_detail_calls: int = 1
    max_frame_bytes: int = 65_536
    max_bad_frames: int = 50  # a bridge sending this many malformed frames in a row is disconnected
    # Per-bridge tokens (name -> token); the Twilio bridge passes it as a <Parameter name="token">.
    bridge_tokens: dict[str, str] = {"dev": DEV_BRIDGE_TOKEN}
    bridge_tenants: dict[str, str] = {}  # bridge name -> tenant of its calls (default: auth.tenant)
    # The language a call is greeted in when its bridge or page does not say: per bridge (a Russian line), else
    # the default. What the caller then speaks is detected either way.
    bridge_languages: dict[str, str] = {}
    default_language: str = "en"
    human_hint: str | dict[str, str] | None = None  # by voice: a string (English) or per language; None: packs'.
    # Asterisk AudioSocket (TCP); off unless a port is set. The protocol has no credentials: peers by address.
    audiosocket_port: int | None = None
    audiosocket_host: str = "127.0.0.1"
    audiosocket_allowed_peers: list[str] = ["127.0.0.1"]
    # If no answer audio is out this long after the caller stopped speaking, a short holding phrase is said.
    hold_after_s: float = 1.5
    # A reply's next sentence is synthesised when the audio queued ahead of it drops below this: just in time, so
    # the CPU goes to other calls' first words meanwhile, and a barge-in wastes none.
    synth_ahead_s: float = 3.0
    hold_phrase: str | None = None  # said while a slow answer is made (None: each language pack's `hold`)


class IceServer(BaseModel):
    urls: list[str]
    username: str | None = None
    credential: str | None = None


class WebRTCSettings(BaseModel):
    """Browser voice (aiortc). No STUN/TURN by default: host candidates work on loopback and a LAN."""

    enabled: bool = True
    ice_servers: list[IceServer] = []  # e.g. [{"urls": ["stun:stun.example.org:3478"]}] for real deployments
    # Local addresses offered as host candidates; empty = every interface but loopback (aioice's default).
    # ["127.0.0.1"] serves a browser on the same machine only (tests, kiosks).
    host_addresses: list[str] = []
    connect_timeout_s: float = 15.0  # ICE + DTLS must finish within this, or the call is ended
    max_calls: int = 50


class AuthSettings(BaseModel):
    secret_key: str = DEV_SECRET
    session_hours: float = 8.0
    tenant: str = "demo"  # the default tenant: conversations that come in without one, and new agents
    # Several companies on one gateway: the host a chat page is served from names its tenant ("shop.b.example": "b").
    tenant_hosts: dict[str, str] = {}
    # Web customers' session tokens (POST /api/chat/sessions): renewed by the page while the chat is open.
    customer_token_minutes: float = 30.0


class PhotoSettings(BaseModel):
    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 40_000_000  # 40 MP: any phone camera; a decompression bomb is far above


class VisionSettings(BaseModel):
    """Product photos matched to the catalog. The default model is the catalog CLIP the project trains itself
    (``hotline train vision``; shipped in hotline/vision/weights). A deployment may bring a real open_clip
    checkpoint instead: model = "open_clip:ViT-B-32", checkpoint = a local weights file."""

    enabled: bool = True
    catalog_dir: Path | None = None  # default: <shared data>/images (the demo's grocery department)
    model: str = "catalog"
    checkpoint: str = ""  # empty with model "catalog": the shipped checkpoint


class StoreSettings(BaseModel):
    # Departments added to the imported store (JSON: products and orders); the demo's grocery department sells
    # what the photo catalogue recognises (`hotline store grocery` rebuilds it).
    departments: list[Path] = [REPO_ROOT / "demo" / "grocery_department.json"]


class Brand(BaseModel):
    """How a tenant's customer pages and embeddable widget look: its name and its colour (#rrggbb)."""

    name: str = Field(default="", max_length=80)  # empty: chat.company_name
    colour: str = Field(default="#2563eb", pattern=r"^#[0-9a-fA-F]{6}$")


class SecuritySettings(BaseModel):
    # Origins (scheme://host:port) allowed to open WebSockets besides the gateway's own; "*" allows any.
    allowed_origins: list[str] = []
    max_sessions_per_client: int = 20  # open chat/agent sockets per client address
    messages_per_minute: float = 60.0  # per chat session, with a burst allowance
    message_burst: float = 20.0
    # /metrics for a Prometheus scraper (Authorization: Bearer) or a logged-in agent; open only in development
    # while this is unset.
    metrics_token: str | None = None
    sessions_per_minute: float = 60.0  # new customer session tokens per client address, with a burst allowance
    session_burst: float = 20.0


class Settings(BaseSettings):
    # "null" in the environment (or .env) unsets an optional setting: HOTLINE_VOICE__EARLY_TRANSCRIPT_MS=null
    model_config = SettingsConfigDict(
        env_prefix="HOTLINE_", env_nested_delimiter="__", env_file=".env", extra="ignore", env_parse_none_str="null"
    )

    # default: en/ru/zh end to end. english: MiniLM embeddings (English retrieval only).
    # "multilingual" is the old name of the default.
    profile: Literal["default", "multilingual", "english"] = "default"
    environment: Literal["development", "production", "test"] = "development"
    data_dir: Path = REPO_ROOT / ".data"
    models_dir: Path | None = None  # converted/joined weights; default: <data_dir>/models
    database_url: str | None = None  # default: SQLite file in data_dir
    # Several gateway workers behind one address: Redis carries the hub's events between them (unset: one worker).
    redis_url: str | None = None
    worker_id: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    shared_data_dir: Path = DEFAULT_SHARED_DATA
    host: str = "127.0.0.1"
    port: int = 8080
    log_level: str = "INFO"
    log_json: bool = True
    load_models: bool = True
    retention_days: float = 90.0  # `hotline data purge` deletes conversations older than this

    llm: LLMSettings = LLMSettings()
    embeddings: EmbeddingSettings = EmbeddingSettings()
    kb: KBSettings = KBSettings()
    chat: ChatSettings = ChatSettings()
    redline: RedLineSettings = RedLineSettings()
    escalation: EscalationSettings = EscalationSettings()
    auth: AuthSettings = AuthSettings()
    voice: VoiceSettings = VoiceSettings()
    webrtc: WebRTCSettings = WebRTCSettings()
    vision: VisionSettings = VisionSettings()
    security: SecuritySettings = SecuritySettings()
    photos: PhotoSettings = PhotoSettings()
    store: StoreSettings = StoreSettings()
    # Tenants' looks: {"demo": {"name": "...", "colour": "#..."}}; a tenant not listed gets the default Brand.
    brands: dict[str, Brand] = {}

    def company_name(self, tenant: str) -> str:
        """The name a tenant's customers know the company by (its brand's, else the chat's company name)."""
        brand = self.brands.get(tenant)
        return (brand.name if brand is not None else "") or self.chat.company_name

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'hotline.sqlite3').resolve()}"

    @property
    def model_cache_dir(self) -> Path:
        return self.models_dir or self.data_dir / "models"

    @property
    def demo_kb_dir(self) -> Path:
        return self.shared_data_dir / "kb"

    @property
    def catalog_dir(self) -> Path:
        return self.vision.catalog_dir or self.shared_data_dir / "images"

    def with_profile_defaults(self) -> Settings:
        """The english profile swaps the defaults a user did not set explicitly."""
        if self.profile != "english":
            return self
        update: dict[str, object] = {}
        if self.embeddings.model == PACKAGED_E5:
            update["embeddings"] = self.embeddings.model_copy(update={"model": PACKAGED_MINILM})
        return self.model_copy(update=update)

    @property
    def answerable_similarity(self) -> dict[str, float]:
        if self.kb.answerable_similarity is not None:
            return dict(self.kb.answerable_similarity)
        return dict(E5_ANSWERABLE_SIMILARITY) if self.embeddings.model == PACKAGED_E5 else {}

    @property
    def model_languages(self) -> tuple[str, ...]:
        if self.llm.languages is not None:
            return tuple(self.llm.languages)
        return ("en",) if self.llm.model == PACKAGED_SMOLLM2 else tuple(self.voice.languages)
