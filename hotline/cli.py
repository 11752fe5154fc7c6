"""The ``hotline`` command: serve the gateway, prepare models, manage the knowledge base, run benchmarks."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hotline.cli_escalation import (
    bench_escalation,
    emotion_dir_or_exit,
    train_escalation_calibrate,
    train_escalation_customers,
    train_escalation_dissatisfied,
    train_escalation_person,
    train_escalation_tuned,
)
from hotline.cli_learning import adapters_app, data_app, train_dataset, train_eval, train_lora
from hotline.cli_progress import progress
from hotline.cli_speech import bench_noise, bench_spoken, bench_turn, bench_voice, train_turn_words
from hotline.cli_store import store_app
from hotline.cli_vision import bench_vision, train_vision
from hotline.logging_setup import configure_logging
from hotline.settings import Settings

app = typer.Typer(help="Hotline contact-center gateway", no_args_is_help=True, add_completion=False)
kb_app = typer.Typer(help="Knowledge base", no_args_is_help=True)
models_app = typer.Typer(help="Model weights", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks (write JSON + a table)", no_args_is_help=True)
train_app = typer.Typer(help="Train the project's own models", no_args_is_help=True)
agents_app = typer.Typer(help="Human agents", no_args_is_help=True)
eval_app = typer.Typer(help="Evaluations", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(store_app, name="store")
app.add_typer(agents_app, name="agents")
app.add_typer(train_app, name="train")
app.add_typer(kb_app, name="kb")
app.add_typer(models_app, name="models")
app.add_typer(bench_app, name="bench")
app.add_typer(adapters_app, name="adapters")
app.add_typer(data_app, name="data")
train_app.command("dataset")(train_dataset)
train_app.command("lora")(train_lora)
train_app.command("eval")(train_eval)
train_app.command("vision")(train_vision)
bench_app.command("vision")(bench_vision)
train_app.command("escalation-calibrate")(train_escalation_calibrate)
train_app.command("escalation-customers")(train_escalation_customers)
train_app.command("escalation-dissatisfied")(train_escalation_dissatisfied)
train_app.command("escalation-person")(train_escalation_person)
train_app.command("escalation-tuned")(train_escalation_tuned)
bench_app.command("escalation")(bench_escalation)
bench_app.command("voice")(bench_voice)
bench_app.command("spoken")(bench_spoken)
bench_app.command("turn")(bench_turn)
train_app.command("turn-words")(train_turn_words)
bench_app.command("noise")(bench_noise)
console = Console(stderr=True, soft_wrap=True)  # messages are not cut at the terminal width


def _settings() -> Settings:
    settings = Settings().with_profile_defaults()
    configure_logging(settings.log_level, settings.log_json)
    return settings


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default: settings)")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: settings)")] = None,
) -> None:
    """Run the gateway with the demo company (web chat at http://HOST:PORT/)."""
    import uvicorn

    from hotline.gateway.app import create_app

    settings = _settings()
    settings = settings.model_copy(update={"kb": settings.kb.model_copy(update={"warm_sentences": True})})
    bind_host, bind_port = host or settings.host, port or settings.port
    console.print(f"[bold]Hotline[/] starting on http://{bind_host}:{bind_port}/ (loading models…)")
    uvicorn.run(create_app(settings), host=bind_host, port=bind_port, log_config=None, ws_max_size=1 << 20)


@app.command("serve-inference")
def serve_inference(
    host: Annotated[str, typer.Option(help="Bind address")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8090,
) -> None:
    """Run one inference worker: the language model for gateways with HOTLINE_LLM__INFERENCE_URLS."""
    import uvicorn

    from hotline.inference.server import create_inference_app

    settings = _settings()
    console.print(f"[bold]Hotline inference worker[/] starting on http://{host}:{port}/ (loading the model…)")
    uvicorn.run(create_inference_app(settings), host=host, port=port, log_config=None)


@models_app.command("prepare")
def models_prepare() -> None:
    """Resolve and convert the configured models once (cached under the data dir), with progress."""
    from hotline.model_paths import resolve_embedder, resolve_llm, resolve_piper_voice, resolve_whisper

    settings = _settings()
    with progress(console, "preparing models…") as status:
        llm = resolve_llm(settings.llm.model, settings.model_cache_dir, progress=lambda m: status.update(m))
        embedder = resolve_embedder(settings.embeddings.model)
        whisper = resolve_whisper(settings.voice.stt_model, settings.model_cache_dir, lambda m: status.update(m))
        voice = resolve_piper_voice(settings.voice.tts_voice)
    console.print(f"language model: {llm}\nembeddings: {embedder}\nspeech to text: {whisper}\nvoice: {voice}")


@kb_app.command("ingest")
def kb_ingest(
    paths: Annotated[list[Path], typer.Argument(help="Markdown, text, JSON, CSV or PDF files or folders")],
) -> None:
    """Chunk, embed and index documents (unchanged documents are skipped)."""
    from hotline.kb.ingest import IngestError, expand_paths, ingest_file
    from hotline.model_loading import load_embedder
    from hotline.storage.database import open_database

    settings = _settings()
    try:
        files = expand_paths(paths)
    except IngestError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    _, sessions = open_database(settings)
    embedder = load_embedder(settings)
    failures = 0
    from rich.progress import Progress

    with Progress(console=console) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            try:
                report = ingest_file(path, sessions, embedder, settings.kb.chunk_chars)
                note = "unchanged" if report.skipped else f"{report.chunks} chunks"
                progress.console.print(f"{path}: {note}")
            except (IngestError, UnicodeDecodeError, ValueError) as error:
                failures += 1
                progress.console.print(f"[red]{path}: {error}[/]")
            progress.advance(task)
    if failures:
        raise typer.Exit(1)


@kb_app.command("search")
def kb_search(query: str, k: int = 4) -> None:
    """Show what hybrid retrieval returns for a query."""
    from hotline.kb.retrieval import HybridRetriever
    from hotline.model_loading import load_embedder
    from hotline.storage.database import open_database

    settings = _settings()
    engine, _ = open_database(settings)
    retriever = HybridRetriever(engine, load_embedder(settings), settings.kb.rrf_k)
    for passage in retriever.search(query, k):
        console.print(f"[bold]{passage.source_id}[/] {passage.heading} ({passage.score:.4f})\n  {passage.text[:200]}")


@bench_app.command("chat")
def bench_chat(
    url: Annotated[str | None, typer.Option(help="ws:// URL of a running gateway; default: start one here")] = None,
    n: Annotated[int, typer.Option(help="Number of questions (default: all)")] = 0,
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/chat.json"),
) -> None:
    """Ask scripted customer questions of the demo company; report latency and retrieval hit rate."""
    from hotline.bench.chat import run_chat_bench

    settings = _settings()
    for name in ("hotline", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
    report = run_chat_bench(settings, url=url, limit=n or None, out=out, console=console)
    console.print(report)


@bench_app.command("redline")
def bench_redline(
    attacks: Annotated[int, typer.Option(help="Run only the first N attacks (0: all)")] = 0,
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/redline.json"),
) -> None:
    """False-positive rate on 1,000 benign texts; garak attacks through the real stack; canary leaks."""
    from hotline.bench.redline import run_redline_bench
    from hotline.gateway.services import build_services

    settings = _settings()
    for name in ("hotline", "uvicorn.error"):
        logging.getLogger(name).setLevel(logging.ERROR)
    services = build_services(settings)
    console.print(run_redline_bench(services, attacks or None, out, console))


@train_app.command("understanding")
def train_understanding_cmd(
    out: Annotated[Path | None, typer.Option(help="Where to write the head (default: the packaged one)")] = None,
    seed: Annotated[int, typer.Option(help="Seed for phrasings and the held-out split")] = 7,
    embedding: Annotated[
        bool, typer.Option(help="Also use the configured embedder's sentence embedding (a head per embedder)")
    ] = False,
    clause_out: Annotated[
        Path | None, typer.Option(help="Where to write the clause-role head (default: the packaged one)")
    ] = None,
) -> None:
    """Train the understanding heads on examples built from the company's tasks and catalogue: the act and action
    of a message, then the role of each clause (what is acted on, left out, held back)."""
    from hotline.dialogue.understanding.head import understanding_head_path
    from hotline.dialogue.understanding.training import train_understanding

    settings = _settings()
    if not (settings.demo_kb_dir / "tau_retail_tasks_train.json").exists():
        console.print(f"[red]error:[/] no τ-bench tasks under {settings.demo_kb_dir}")
        raise typer.Exit(2)
    embedder = None
    if embedding:
        from hotline.kb.embeddings import load_embedder

        embedder = load_embedder(settings.embeddings.model, settings.embeddings.batch_size)
    path = out or understanding_head_path(None if embedder is None else embedder.name)
    train_understanding(settings.demo_kb_dir, path, seed, progress=console.print, embedder=embedder)
    from hotline.dialogue.understanding.clause_roles import DEFAULT_CLAUSE_HEAD
    from hotline.dialogue.understanding.clause_training import train_clause_roles

    train_clause_roles(settings.demo_kb_dir, clause_out or DEFAULT_CLAUSE_HEAD, seed, progress=console.print)


@train_app.command("escalation")
def train_escalation(
    neutral: Annotated[int, typer.Option(help="Neutral GoEmotions comments to train on (all angry ones are)")] = 4000,
    out: Annotated[Path | None, typer.Option(help="Where to write the head (default: the shipped one)")] = None,
    composed_per_frame: Annotated[
        int, typer.Option(help="Also train on angry and calm customers composed from anger_phrases.yaml (per frame)")
    ] = 0,
    other_emotions_ru: Annotated[
        int, typer.Option(help="Also train on this many Russian comments of the other emotions (ru-goemotions)")
    ] = 0,
) -> None:
    """Train the anger/abuse head on GoEmotions (+ COLD with a multilingual embedder) and the company's customer
    messages; report P/R/F1. Then run `hotline train escalation-calibrate`."""
    from hotline.dialogue.escalation import head_path_for
    from hotline.model_loading import load_embedder
    from hotline.training.escalation import AngerTraining, train_escalation_head
    from hotline.training.escalation_data import customer_messages

    settings = _settings()
    emotion_dir = emotion_dir_or_exit(settings, "train.tsv")
    embedder = load_embedder(settings)
    target = out or head_path_for(embedder.name)
    messages = customer_messages(settings.demo_kb_dir, 400, seed=9)  # another draw than the calibration's (seed 5)
    with progress(console, "training…") as status:
        report = train_escalation_head(
            embedder,
            emotion_dir,
            target,
            progress=lambda m: status.update(m),
            customer_messages=messages,
            multilingual=settings.embeddings.model != "packaged:all-minilm-l6-v2",
            config=AngerTraining(
                neutral=neutral, composed_per_frame=composed_per_frame, other_emotions_ru=other_emotions_ru
            ),
        )
    console.print_json(data=report)


@train_app.command("intents")
def train_intents(
    out: Annotated[Path | None, typer.Option(help="Where to write the head (default: the shipped one)")] = None,
    banking77: Annotated[bool, typer.Option(help="Also train/test the recipe on Banking77")] = True,
) -> None:
    """Train the intent head on Bitext + CLINC150; report held-out accuracy, OOS recall and Banking77."""
    from hotline.dialogue.intents import intent_head_path
    from hotline.model_loading import load_embedder
    from hotline.training.intents import train_intent_head

    settings = _settings()
    dialogue_dir = settings.shared_data_dir / "dialogue"
    if not (dialogue_dir / "clinc150.json").exists():
        console.print(f"[red]error:[/] CLINC150 / Bitext not found in {dialogue_dir}")
        raise typer.Exit(2)
    embedder = load_embedder(settings)
    with progress(console, "training…") as status:
        report = train_intent_head(
            embedder,
            dialogue_dir,
            out or intent_head_path(embedder.name),
            progress=lambda m: status.update(m),
            with_banking77=banking77,
        )
    console.print_json(data=report)


@agents_app.command("add")
def agents_add(
    username: str,
    name: Annotated[str | None, typer.Option(help="Display name shown to customers")] = None,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
    tenant: Annotated[str | None, typer.Option(help="Whose conversations they see (default: auth.tenant)")] = None,
    language: Annotated[
        str | None, typer.Option(help="The console's and the handoff packet's language: en, ru or zh")
    ] = None,
) -> None:
    """Create (or reset the password of) a human agent who can log in to /console."""
    from hotline.gateway.agent_auth import hash_password
    from hotline.languages import languages
    from hotline.storage.database import open_database
    from hotline.storage.handoffs import HandoffStore

    settings = _settings()
    if len(password) < 8:
        console.print("[red]error:[/] the password needs at least 8 characters")
        raise typer.Exit(2)
    if language is not None and language not in languages():
        console.print(f"[red]error:[/] --language must be one of {', '.join(languages())}, not {language!r}")
        raise typer.Exit(2)
    _, sessions = open_database(settings)
    tenant = tenant or settings.auth.tenant
    agent_id = HandoffStore(sessions).add_agent(username, name or username, hash_password(password), tenant, language)
    spoken = f", console in {language}" if language else ""
    console.print(f"agent {username!r} of tenant {tenant!r} ready (id {agent_id}{spoken}); log in at /console")


@eval_app.command("scenarios")
def eval_scenarios(
    file: Annotated[Path, typer.Argument(help="JSON Lines of scripted conversations")] = Path(
        "eval/scenarios_dev.jsonl"
    ),
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/scenarios.json"),
) -> None:
    """Run scripted conversations over /ws/chat; resolution rate, unexpected writes, vs a keyword baseline."""
    from hotline.evaluation.scenarios import run_scenarios
    from hotline.gateway.services import build_services

    settings = _settings()
    for name in ("hotline", "uvicorn.error"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if not file.exists():
        console.print(f"[red]error:[/] no scenario file {file}")
        raise typer.Exit(2)
    services = build_services(settings)
    console.print(run_scenarios(services, file, out, console))


@eval_app.command("simulate")
def eval_simulate(
    langs: Annotated[str, typer.Option(help="Languages and task counts, e.g. en:500,ru:100,zh:100 (0 = all)")] = (
        "en:0,ru:100,zh:100"
    ),
    split: Annotated[
        str,
        typer.Option(help="tune | heldout | family2, family3, … (one per phrasing family) | all (held-out tasks)"),
    ] = "all",
    variants: Annotated[str, typer.Option(help="patient,impatient")] = "patient,impatient",
    bots: Annotated[str, typer.Option(help="hotline,keyword (the keyword baseline: the old regex flows)")] = (
        "hotline,keyword"
    ),
    seed: Annotated[int, typer.Option(help="Phrasing seed")] = 1,
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/simulate.json"),
    embedding: Annotated[
        bool, typer.Option(help="The understanding head with the embedder's features (as the gateway), if trained")
    ] = True,
) -> None:
    """Task-driven simulated customers (τ-bench train goals) against the flows: resolution, unexpected writes,
    wrong plans, loops, per language and action, vs the keyword baseline."""
    from hotline.evaluation.simulate.runner import run_simulation, splits

    settings = _settings()
    logging.getLogger("hotline").setLevel(logging.ERROR)
    try:
        chosen = {part.split(":")[0]: int(part.split(":")[1] or 0) for part in langs.split(",") if part}
    except (IndexError, ValueError):
        console.print("[red]error:[/] --langs wants entries like en:500,ru:100")
        raise typer.Exit(2) from None
    if split not in splits() or not set(chosen) <= {"en", "ru", "zh"}:
        console.print(f"[red]error:[/] --split is one of {', '.join(splits())}; languages are en, ru and zh")
        raise typer.Exit(2)
    if not (settings.demo_kb_dir / "tau_retail_tasks_train.json").exists():
        console.print(f"[red]error:[/] no τ-bench tasks under {settings.demo_kb_dir}")
        raise typer.Exit(2)
    table = run_simulation(
        settings.demo_kb_dir,
        chosen,
        split,
        variants.split(","),
        bots.split(","),
        seed,
        out,
        console,
        settings.embeddings.model if embedding else None,
    )
    console.print(table)


@eval_app.command("scope")
def eval_scope(
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/scope.json"),
) -> None:
    """Which items a message means ("everything except", hedges, lists, one change) in every phrasing family's
    words, per language; family 6 held out."""
    from rich.table import Table

    from hotline.evaluation.scope_probe import run_scope_probe

    report = run_scope_probe(_settings().demo_kb_dir, out)
    table = Table(title=f"items meant ({out})")
    for header in ("split/lang/kind", "n", "right %"):
        table.add_column(header)
    for key, cell in report["cells"].items():
        table.add_row(key, str(cell["n"]), f"{cell['right_pct']:.1f}")
    console.print(table)


@eval_app.command("policy")
def eval_policy(
    langs: Annotated[str, typer.Option(help="Languages to ask in")] = "en,ru,zh",
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/policy.json"),
) -> None:
    """Policy questions (20+ per language, with the expected fact) through the real answer path: fact stated in
    the customer's language, "no information" only when the knowledge lacks it, first-token time."""
    from rich.table import Table

    from hotline.evaluation.policy import run_policy_eval
    from hotline.gateway.services import build_services
    from hotline.training.contradictions import company_knowledge

    settings = _settings().model_copy(update={"voice": _settings().voice.model_copy(update={"enabled": False})})
    logging.getLogger("hotline").setLevel(logging.ERROR)
    services = build_services(settings)
    report = run_policy_eval(services, out, [lang for lang in langs.split(",") if lang], company_knowledge(settings))
    table = Table(title=f"policy questions ({out})")
    columns = (
        "questions",
        "fact_stated_pct",
        "fact_first_pct",
        "wrong_opener_pct",
        "in_language_pct",
        "false_no_answer_pct",
        "lacking_said_pct",
        "taken_for_request_pct",
        "contradiction_pct",
    )
    headers = (
        "lang/split",
        "n",
        "fact %",
        "fact 1st %",
        "wrong yes/no %",
        "in lang %",
        "false no-info %",
        "lacking said %",
        "as request %",
        "contradicts %",
        "1st p50",
        "1st p95",
    )
    for header in headers:
        table.add_column(header, justify="right")
    for key, row in report["summary"].items():
        cells = [row[c] for c in (*columns, "first_token_p50_ms", "first_token_p95_ms")]
        table.add_row(key, *("-" if v is None else str(v) for v in cells))
    console.print(table)
    services.close()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
