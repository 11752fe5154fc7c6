"""The photo commands: ``hotline train vision`` and ``hotline bench vision``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from hotline.cli_learning import _settings

console = Console(stderr=True, soft_wrap=True)


def train_vision(
    out: Annotated[Path | None, typer.Option(help="Checkpoint to write (default: the shipped one)")] = None,
    epochs: Annotated[int, typer.Option(help="Training epochs per member (about 15 s each on 2 cores)")] = 40,
    members: Annotated[int, typer.Option(help="Ensemble members, each its own seed")] = 2,
    seed: Annotated[int, typer.Option(help="Random seed")] = 0,
    threads: Annotated[int, typer.Option(help="CPU threads")] = 2,
    holdout: Annotated[
        str, typer.Option(help="Class ids never trained on, comma-separated (measures unseen products)")
    ] = "",
    resume: Annotated[bool, typer.Option(help="Continue from the last finished epoch")] = True,
    combine: Annotated[
        list[Path] | None, typer.Option(help="Instead of training: combine these checkpoints into an ensemble")
    ] = None,
    tune_only: Annotated[
        bool, typer.Option(help="Only re-tune fusion and confidence of an existing checkpoint")
    ] = False,
) -> None:
    """Train the catalog CLIP on the product photos (train/) and descriptions; tune fusion on val/."""
    from hotline.model_paths import resolve_embedder
    from hotline.training.vision import VisionTrainConfig, train_catalog_clip
    from hotline.vision.catalog import CatalogMissing, ProductCatalog
    from hotline.vision.clip_model import IMAGE_TOWER
    from hotline.vision.matcher import SHIPPED_CHECKPOINT

    settings = _settings()
    try:
        catalog = ProductCatalog(settings.catalog_dir)
    except CatalogMissing as missing:
        console.print(f"[red]error:[/] {missing}")
        raise typer.Exit(2) from None
    config = VisionTrainConfig(
        epochs=epochs,
        towers=[IMAGE_TOWER] * members,
        seed=seed,
        threads=threads,
        holdout_classes=[int(c) for c in holdout.split(",") if c.strip()],
    )
    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[figures]}"),
        console=console,
    ) as bar:

        def progress(stage: str, done: int, total: int, figures: dict[str, float]) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, figures="")
            shown = " ".join(f"{k} {v:.3f}" for k, v in figures.items())
            bar.update(tasks[stage], completed=done, total=total, figures=shown)

        if combine or tune_only:
            from hotline.training.vision import combine_checkpoints, retune_checkpoint

            if combine:
                combine_checkpoints(combine, out or SHIPPED_CHECKPOINT)
            report = retune_checkpoint(out or SHIPPED_CHECKPOINT, catalog, settings.data_dir / "vision-train", progress)
            console.print_json(data=report)
            return
        report = train_catalog_clip(
            catalog,
            resolve_embedder("packaged:all-minilm-l6-v2"),
            settings.data_dir / "vision-train",
            out or SHIPPED_CHECKPOINT,
            config,
            progress,
            resume=resume,
        )
    console.print_json(data=report)


def bench_vision(
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/vision.json"),
    ocr: Annotated[bool, typer.Option(help="Also run OCR on every val photo (slow: ~1 s each)")] = True,
) -> None:
    """Top-1/top-5 on val/ for zero-shot text, reference kNN, appearance, fusion, OCR alone and fusion + OCR;
    per-photo latency on this machine."""
    from hotline.bench.vision import run_vision_bench

    settings = _settings()
    summary = run_vision_bench(settings, ocr, console)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2))
    console.print(_table(summary))
    console.print(f"wrote {out}")


def _table(summary: dict[str, Any]) -> Table:
    table = Table(title=f"hotline bench vision: {summary['val_photos']} val photos, {summary['products']} products")
    table.add_column("method")
    table.add_column("top-1", justify="right")
    table.add_column("top-5", justify="right")
    for name, (top1, top5) in summary["accuracy"].items():
        table.add_row(name, f"{top1:.1%}", f"{top5:.1%}")
    for name, value in summary["latency_ms"].items():
        table.add_row(f"latency: {name}", f"{value:,.1f} ms", "")
    return table
