"""The store commands: ``hotline store import|export|grocery``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hotline.cli_learning import _settings

console = Console(stderr=True, soft_wrap=True)
store_app = typer.Typer(help="The company's store (users, products, orders)", no_args_is_help=True)


@store_app.command("import")
def store_import(
    source: Annotated[Path | None, typer.Argument(help="Folder with retail_data_{users,products,orders}.json")] = None,
) -> None:
    """Load the store into the database (replacing its contents), with the departments in
    HOTLINE_STORE__DEPARTMENTS (the demo's grocery department); the JSON files are only read."""
    from hotline.gateway.services import import_store
    from hotline.storage.database import open_database
    from hotline.store.service import StoreService

    settings = _settings()
    folder = source or settings.demo_kb_dir
    _, sessions = open_database(settings)
    try:
        counts = import_store(StoreService(sessions), folder, settings.store.departments)
    except (FileNotFoundError, KeyError, ValueError) as error:
        console.print(f"[red]error:[/] cannot import {folder}: {error}")
        raise typer.Exit(2) from None
    console.print(f"imported {counts['users']} users, {counts['products']} products, {counts['orders']} orders")


@store_app.command("export")
def store_export(target: Path) -> None:
    """Write the store's current state as JSON in the same shape as the import files."""
    from hotline.storage.database import open_database
    from hotline.store.service import StoreService

    _, sessions = open_database(_settings())
    StoreService(sessions).export_dir(target)
    console.print(f"wrote {target}")


@store_app.command("grocery")
def store_grocery(
    out: Annotated[Path | None, typer.Option(help="File to write (default: the shipped demo department)")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (prices, availability, which customers have orders)")] = 7,
) -> None:
    """Build the demo's grocery department from the photo dataset (its 81 products, their descriptions) and
    the store's customers: products with two pack sizes and invented prices, and orders for customers no
    τ-bench task mentions. Deterministic per seed; `hotline store import` (and a first start) adds it."""
    from hotline.store.grocery import build_department
    from hotline.vision.catalog import CatalogMissing, ProductCatalog

    settings = _settings()
    target = out or (settings.store.departments[0] if settings.store.departments else None)
    if target is None:
        console.print("[red]error:[/] no --out and no department in HOTLINE_STORE__DEPARTMENTS")
        raise typer.Exit(2)
    try:
        catalog = ProductCatalog(settings.catalog_dir)
    except CatalogMissing as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    department = build_department(catalog.products, settings.demo_kb_dir, seed)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(department, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    delivered = sum(o["status"] == "delivered" for o in department["orders"].values())
    console.print(
        f"wrote {target}: {len(department['products'])} products, {len(department['orders'])} orders "
        f"({delivered} delivered) for customers no task mentions (seed {seed})"
    )
