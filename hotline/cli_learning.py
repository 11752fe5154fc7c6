"""The learning-loop commands: ``hotline train dataset|lora|eval`` and ``hotline adapters ...``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from hotline.cli_progress import progress
from hotline.logging_setup import configure_logging
from hotline.settings import Settings

console = Console(stderr=True, soft_wrap=True)  # messages are not cut at the terminal width
adapters_app = typer.Typer(help="LoRA adapter registry: list, promote, retire", no_args_is_help=True)
data_app = typer.Typer(help="Stored conversations: retention purge and erasure on request", no_args_is_help=True)
DEFAULT_DATA = Path(".data/training/dataset")


def _settings() -> Settings:
    settings = Settings().with_profile_defaults()
    configure_logging(settings.log_level, settings.log_json)
    return settings


def train_dataset(
    out: Annotated[Path, typer.Option(help="Folder for train/validation/test.jsonl + report.json")] = DEFAULT_DATA,
    transcripts: Annotated[list[Path] | None, typer.Option(help="CSV/JSONL transcripts (default: Bitext)")] = None,
    manuals: Annotated[
        list[Path] | None, typer.Option(help="Markdown/text/PDF manuals (the help centre is always in)")
    ] = None,
    conversations: Annotated[bool, typer.Option(help="Include rated/agent answers from the database")] = True,
    limit: Annotated[int, typer.Option(help="Use only the first N transcript rows per file (0: all)")] = 0,
) -> None:
    """Build question-background-answer triples; report counts per cleaning step."""
    from hotline.kb.ingest import demo_documents, ingest_documents
    from hotline.kb.retrieval import HybridRetriever
    from hotline.model_loading import load_embedder
    from hotline.storage.database import open_database
    from hotline.training.contradictions import CompanyKnowledge
    from hotline.training.dataset import (
        CleanConfig,
        CompanyProfile,
        attach_background,
        clean,
        from_conversations,
        from_help_centre,
        from_manual,
        from_transcripts,
        write_dataset,
    )

    settings = _settings()
    bitext = settings.shared_data_dir / "dialogue" / "bitext_cs_llm_v2023-08-18.csv"
    transcript_files = transcripts or ([bitext] if bitext.exists() else [])
    # The company's own material first: its public help centre in every language. The agent policy is internal
    # (never what the model learns to say to customers) but, with the help centre, it is what answers must agree
    # with: a generic corpus's answer that states a quantity the company never states is dropped.
    manual_files = manuals or []
    company = demo_documents(settings.demo_kb_dir, settings.kb.help_centre_dir, settings.store.departments)
    knowledge = CompanyKnowledge(d.text for d in company)
    examples = from_help_centre(company)
    console.print(
        f"help centre: {len(examples)} examples from {sum(d.visibility == 'public' for d in company)} documents"
    )
    for path in transcript_files:
        rows = from_transcripts(path)
        examples += rows[:limit] if limit else rows
        console.print(f"{path.name}: {len(rows)} rows")
    for path in manual_files:
        examples += from_manual(path)
    db, sessions = open_database(settings)
    if conversations:
        stored = from_conversations(sessions)
        console.print(f"stored conversations: {len(stored)} rated or agent answers")
        examples += stored
    kept, negatives, counts = clean(examples, CompanyProfile(name=settings.chat.company_name), CleanConfig(), knowledge)
    with progress(console, "retrieving background passages…") as status:
        embedder = load_embedder(settings)
        if settings.kb.ingest_demo:
            ingest_documents(company, sessions, embedder, settings.kb.chunk_chars)
        retriever = HybridRetriever(db, embedder, settings.kb.rrf_k)
        attach_background(kept, lambda q: retriever.search(q, 2), lambda m: status.update(m))
    report = write_dataset(out, kept, negatives, counts, CleanConfig())
    table = Table(title=f"training set in {out}")
    table.add_column("step")
    table.add_column("count", justify="right")
    for step, count in report["steps"].items():
        table.add_row(step, str(count))
    for split, count in report["splits"].items():
        table.add_row(f"split: {split} ({report['groups_per_split'][split]} conversations)", str(count))
    console.print(table)
    console.print(f"data hash {report['data_hash']}; sources {report['sources']}")


def train_lora(
    data: Annotated[Path, typer.Option(help="Dataset folder from `hotline train dataset`")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option(help="Adapter folder to write")] = Path(".data/adapters/latest"),
    version: Annotated[str, typer.Option(help="Registry version name (default: the folder name)")] = "",
    rank: int = 8,
    alpha: int = 16,
    targets: Annotated[str, typer.Option(help="Comma-separated module names")] = "q_proj,k_proj,v_proj,o_proj",
    epochs: float = 1.0,
    max_steps: Annotated[int, typer.Option(help="Stop after N steps (0: epochs decide)")] = 0,
    lr: float = 2e-4,
    batch_size: int = 4,
    max_length: int = 384,
    seed: int = 13,
    time_limit_min: Annotated[float, typer.Option(help="End cleanly at a checkpoint after this long (0: none)")] = 0,
    limit: Annotated[int, typer.Option(help="Train on the first N training examples only (0: all)")] = 0,
    resume: Annotated[bool, typer.Option(help="Continue from the last checkpoint in OUT")] = True,
) -> None:
    """LoRA fine-tuning with the loss on answer tokens; checkpoints, resumable; registers the adapter."""
    from hotline.model_paths import resolve_llm
    from hotline.storage.adapters import AdapterRegistry
    from hotline.storage.database import open_database
    from hotline.training.dataset import load_split
    from hotline.training.lora import LoraConfig, train_lora

    settings = _settings()
    train = load_split(data / "train.jsonl")
    train = train[:limit] if limit else train
    data_hash = json.loads((data / "report.json").read_text())["data_hash"]
    config = LoraConfig(
        rank=rank,
        alpha=alpha,
        target_modules=tuple(t.strip() for t in targets.split(",") if t.strip()),
        epochs=epochs,
        max_steps=max_steps or None,
        learning_rate=lr,
        batch_size=batch_size,
        max_length=max_length,
        seed=seed,
        time_limit_s=time_limit_min * 60 or None,
        dtype=settings.llm.dtype,
        threads=settings.llm.threads,
        company=settings.chat.company_name,
    )
    model_path = resolve_llm(settings.llm.model, settings.model_cache_dir)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} steps"),
        TextColumn("loss {task.fields[loss]:.3f}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("LoRA", total=None, loss=float("nan"))

        def step(done: int, total: int, loss: float, _eta: float) -> None:
            progress.update(task, completed=done, total=total, loss=loss)

        result = train_lora(model_path, settings.llm.model, train, out, config, data_hash, step, resume)
    _db, sessions = open_database(settings)
    name = version or out.name
    AdapterRegistry(sessions).register(name, str(out.resolve()), settings.llm.model, data_hash)
    console.print(
        f"adapter {name} written to {out} ({result.steps} steps, {result.seconds:.0f} s, {result.stopped}); "
        f"loss {result.losses[:1]} → {result.losses[-1:]}; run `hotline train eval --adapter {out}`"
    )


def train_eval(
    adapter: Annotated[Path, typer.Option(help="Adapter folder")],
    data: Annotated[Path, typer.Option(help="Dataset folder")] = DEFAULT_DATA,
    limit: Annotated[int, typer.Option(help="Test examples to answer")] = 60,
    version: Annotated[str, typer.Option(help="Registry version (default: the folder name)")] = "",
    out: Annotated[Path | None, typer.Option(help="JSON report (default: ADAPTER/eval.json)")] = None,
    splits: Annotated[str, typer.Option(help="Comma-separated held-out splits to answer (test, validation)")] = "test",
) -> None:
    """Base model vs adapter on held-out examples: ROUGE-1/2/L, BLEU, length, red-line violations and
    contradictions, overall and per source (each help-centre language apart)."""
    from hotline.model_paths import resolve_llm
    from hotline.redline.rules import DEFAULT_RULES, RedLine
    from hotline.storage.adapters import AdapterRegistry
    from hotline.storage.database import open_database
    from hotline.training.contradictions import company_knowledge
    from hotline.training.dataset import load_split
    from hotline.training.evaluate import EvalConfig, evaluate_adapter
    from hotline.training.lora import ADAPTER_INFO

    settings = _settings()
    names = [name.strip() for name in splits.split(",") if name.strip()]
    unknown = [name for name in names if name not in ("test", "validation")]
    if unknown or not names:
        raise typer.BadParameter(f"splits must be test and/or validation, not {unknown or splits!r}")
    test = [example for name in names for example in load_split(data / f"{name}.jsonl")]
    model_path = resolve_llm(settings.llm.model, settings.model_cache_dir)
    config = EvalConfig(limit=limit, max_new_tokens=settings.llm.max_new_tokens, company=settings.chat.company_name)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
        console=console,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def step(model: str, done: int, total: int) -> None:
            if model not in tasks:
                tasks[model] = progress.add_task(model, total=total)
            progress.update(tasks[model], completed=done)

        knowledge = company_knowledge(settings)
        report = evaluate_adapter(
            model_path, settings.llm.model, str(adapter), test, config, RedLine(DEFAULT_RULES), step, knowledge
        )
    target = out or adapter / "eval.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    info_path = adapter / ADAPTER_INFO
    info = json.loads(info_path.read_text()) if info_path.exists() else {}
    keys = ("examples", "base", "adapter", "rougeL_ratio", "company_rougeL", "promotable", "not_promotable_because")
    metrics = {k: report[k] for k in keys if k in report}
    info["eval"] = metrics
    info_path.write_text(json.dumps(info, indent=2))
    _db, sessions = open_database(settings)
    AdapterRegistry(sessions).register(
        version or adapter.name,
        str(adapter.resolve()),
        settings.llm.model,
        info.get("data_hash"),
        metrics,
        bool(report["promotable"]),
    )
    table = Table(title=f"eval on {report['examples']} held-out examples ({', '.join(names)})")
    table.add_column("metric")
    table.add_column("base", justify="right")
    table.add_column("adapter", justify="right")
    for key in (
        "rouge1",
        "rouge2",
        "rougeL",
        "bleu",
        "answer_words",
        "redline_violations",
        "contradiction_rate",
        "seconds",
    ):
        table.add_row(key, f"{report['base'][key]:.3f}", f"{report['adapter'][key]:.3f}")
    console.print(table)
    sources = Table(title="per source")
    for column in ("source", "examples", "ROUGE-L base", "ROUGE-L adapter", "contradicting base", "adapter"):
        sources.add_column(column, justify="left" if column == "source" else "right")
    for source, base in report["base_by_source"].items():
        tuned = report["adapter_by_source"][source]
        sources.add_row(
            source,
            str(base["examples"]),
            f"{base['rougeL']:.3f}",
            f"{tuned['rougeL']:.3f}",
            f"{base['contradiction_rate']:.1%}",
            f"{tuned['contradiction_rate']:.1%}",
        )
    console.print(sources)
    if "company_rougeL" in report:
        company = report["company_rougeL"]
        console.print(f"company answers ROUGE-L: base {company['base']:.3f}, adapter {company['adapter']:.3f}")
    verdict = "promotable" if report["promotable"] else f"NOT promotable ({report['not_promotable_because']})"
    console.print(f"ROUGE-L ratio {report['rougeL_ratio']:.2f}: {verdict}; report in {target}")


@adapters_app.command("list")
def adapters_list() -> None:
    """Registered adapters with their eval metrics; * marks the live one."""
    from hotline.storage.adapters import AdapterRegistry
    from hotline.storage.database import open_database

    _db, sessions = open_database(_settings())
    table = Table()
    for column in ("", "version", "ROUGE-L base → adapter", "promotable", "path"):
        table.add_column(column)
    for record in AdapterRegistry(sessions).all():
        metrics = record.metrics or {}
        rouge = (
            f"{metrics['base']['rougeL']:.3f} → {metrics['adapter']['rougeL']:.3f}"
            if "base" in metrics
            else "not evaluated"
        )
        table.add_row("*" if record.live else "", record.version, rouge, str(record.promotable), record.path)
    console.print(table)


@adapters_app.command("promote")
def adapters_promote(
    version: str, force: Annotated[bool, typer.Option(help="Promote even if it did not beat the base")] = False
) -> None:
    """Make VERSION live; running gateways pick it up within a few seconds, without a restart."""
    from hotline.storage.adapters import AdapterRegistry, PromotionRefused
    from hotline.storage.database import open_database

    _db, sessions = open_database(_settings())
    try:
        record = AdapterRegistry(sessions).promote(version, force)
    except PromotionRefused as refused:
        console.print(f"[red]refused:[/] {refused}")
        raise typer.Exit(1) from None
    console.print(f"{record.version} is live ({record.path})")


@adapters_app.command("retire")
def adapters_retire() -> None:
    """No adapter live: gateways answer with the base model."""
    from hotline.storage.adapters import AdapterRegistry
    from hotline.storage.database import open_database

    _db, sessions = open_database(_settings())
    AdapterRegistry(sessions).retire()
    console.print("no adapter is live")


@data_app.command("purge")
def data_purge(
    days: Annotated[float | None, typer.Option(help="Keep this many days (default: HOTLINE_RETENTION_DAYS)")] = None,
) -> None:
    """Delete conversations older than the retention period (not those with a human right now)."""
    from hotline.retention import erase_conversations, expired_conversations
    from hotline.storage.database import open_database

    settings = _settings()
    _db, sessions = open_database(settings)
    expired = expired_conversations(sessions, days if days is not None else settings.retention_days)
    counts = erase_conversations(sessions, expired)
    console.print(f"purged {len(expired)} conversations: {counts}")


@data_app.command("erase")
def data_erase(
    conversation: Annotated[list[str] | None, typer.Option(help="Conversation id (repeatable)")] = None,
    user: Annotated[str | None, typer.Option(help="Store user id: every conversation they were identified in")] = None,
) -> None:
    """Erase one customer's conversations on request."""
    from hotline.retention import conversations_of_store_user, erase_conversations
    from hotline.storage.database import open_database

    _db, sessions = open_database(_settings())
    ids = list(conversation or [])
    if user:
        ids += conversations_of_store_user(sessions, user)
    if not ids:
        console.print("[red]nothing to erase:[/] give --conversation or --user")
        raise typer.Exit(2)
    console.print(f"erased {len(set(ids))} conversations: {erase_conversations(sessions, sorted(set(ids)))}")
