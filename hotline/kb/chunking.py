"""Split documents into citable chunks that keep their heading path.

Markdown is cut at headings, then packed paragraph by paragraph up to a size; a paragraph longer than
the size is cut at sentence ends. JSON and CSV records become one text block per record.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


@dataclass(frozen=True)
class Chunk:
    heading: str  # "Policy > Section > Subsection"
    text: str


HEADING_SEPARATOR = " > "  # a chunk's heading: its document's title, then the sections or record it is from


def _pack(paragraphs: list[str], max_chars: int, separator: str = "\n\n") -> list[str]:
    pieces: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) <= max_chars:
            pieces.append(paragraph)
            continue
        pieces.extend(s for s in _SENTENCE_END.split(paragraph) if s)
    packed: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(separator) + len(piece) > max_chars:
            packed.append(current)
            current = piece
        else:
            current = f"{current}{separator}{piece}" if current else piece
    if current:
        packed.append(current)
    return packed


def chunk_markdown(text: str, max_chars: int = 700, title: str = "") -> list[Chunk]:
    path: list[tuple[int, str]] = []
    sections: list[tuple[str, list[str]]] = []
    paragraph_lines: list[str] = []
    paragraphs: list[str] = []

    def heading_path() -> str:
        return HEADING_SEPARATOR.join(name for _, name in path) or title

    def end_paragraph() -> None:
        if paragraph_lines:
            paragraphs.append(" ".join(line.strip() for line in paragraph_lines).strip())
            paragraph_lines.clear()

    def end_section() -> None:
        end_paragraph()
        if paragraphs:
            sections.append((heading_path(), paragraphs.copy()))
            paragraphs.clear()

    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            end_section()
            level = len(match.group(1))
            path = [(lvl, name) for lvl, name in path if lvl < level] + [(level, match.group(2))]
        elif not line.strip():
            end_paragraph()
        else:
            # A new bullet starts a new paragraph; wrapped lines continue it.
            if re.match(r"^\s*([-*+]|\d+[.)])\s+", line):
                end_paragraph()
            paragraph_lines.append(line)
    end_section()
    return [Chunk(heading, body) for heading, paras in sections for body in _pack(paras, max_chars)]


def _flatten(value: Any, prefix: str = "") -> list[str]:
    if isinstance(value, dict):
        out: list[str] = []
        for key, inner in value.items():
            out.extend(
                _flatten(
                    inner,
                    f"{prefix}{key}." if not isinstance(inner, (str, int, float, bool)) else f"{prefix}{key}",
                )
            )
        return out
    if isinstance(value, list):
        return [line for item in value for line in _flatten(item, prefix)]
    return [f"{prefix.rstrip('.')}: {value}"]


def entry_name(heading: str) -> str:
    """The record a JSON chunk's heading names: a catalogue entry's product ("Product catalogue > Gaming Mouse")."""
    return heading.rsplit(HEADING_SEPARATOR, 1)[-1]


def describe_product(product: dict[str, Any]) -> list[str]:
    """One line per variant, in words a customer uses ("blue, M, cotton: $50.88, available")."""
    lines = []
    for variant in product.get("variants", {}).values():
        options = ", ".join(f"{k} {v}" for k, v in variant.get("options", {}).items())
        availability = "available" if variant.get("available") else "out of stock"
        lines.append(f"- {options}: ${variant.get('price'):.2f}, {availability} (item {variant.get('item_id')})")
    return lines


def chunk_json(text: str, max_chars: int = 700, title: str = "") -> list[Chunk]:
    data = json.loads(text)
    records: list[tuple[str, Any]]
    if isinstance(data, dict):
        records = list(data.items())
    elif isinstance(data, list):
        records = [(str(i), item) for i, item in enumerate(data)]
    else:
        records = [(title, data)]
    chunks: list[Chunk] = []
    for key, record in records:
        if isinstance(record, dict) and "variants" in record and "name" in record:
            # A product of the store: name it in the heading so keyword search finds it.
            heading = f"{title}{HEADING_SEPARATOR}{record['name']}"
            lines = [f"{record['name']} (product {record.get('product_id', key)}) comes in these options:"]
            lines += describe_product(record)
            if record.get("description"):  # the grocery department's products say what they are
                lines.append(str(record["description"]))
        else:
            heading = f"{title}{HEADING_SEPARATOR}{key}"
            lines = _flatten(record)
        chunks.extend(Chunk(heading, body) for body in _pack(lines, max_chars, "\n"))
    return chunks


def chunk_csv(text: str, max_chars: int = 700, title: str = "") -> list[Chunk]:
    reader = csv.DictReader(io.StringIO(text))
    lines = ["; ".join(f"{k}: {v}" for k, v in row.items() if v) for row in reader]
    return [Chunk(title, body) for body in _pack(lines, max_chars, "\n")]


def chunk_document(name: str, text: str, max_chars: int = 700, title: str = "") -> list[Chunk]:
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix == "json":
        return chunk_json(text, max_chars, title)
    if suffix == "csv":
        return chunk_csv(text, max_chars, title)
    return chunk_markdown(text, max_chars, title)
