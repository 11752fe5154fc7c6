"""Knowledge documents as the knowledge base holds them: text plus its language, visibility and title.

A Markdown file may start with front matter (``title``, ``lang``, ``visibility``, and for a help-centre article
``asked``: other ways customers ask its question). Visibility is ``public``
(citable to customers) or ``internal`` (informs agents and the bot's decisions; never quoted to a customer).
A help centre is a folder of such articles, one folder per language, whose numbers name values in one
``facts.yaml``: every language states the same fact from the same source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import yaml

Visibility = Literal["public", "internal"]
VISIBILITIES: tuple[Visibility, ...] = ("public", "internal")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_FIRST_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
FACTS_FILE = "facts.yaml"
# The title of the store's catalogue in the knowledge base: what products come in and cost (a question about
# products is answered from it; any other question never is)
CATALOGUE_TITLE = "Product catalogue"


class DocumentError(ValueError):
    pass


@dataclass(frozen=True)
class SourceDocument:
    name: str  # unique in the knowledge base; the citation key agents see
    text: str
    title: str
    lang: str | None = None  # None: any language (a catalogue, a table)
    visibility: Visibility = "public"
    whole: bool = False  # one chunk (a short article whose first sentence is its answer)
    # Other ways customers ask the article's question (front matter "asked"): indexed beside the title, so that
    # a question put another way finds the article and is measured against the question it is closest to
    asked: tuple[str, ...] = ()


def split_front_matter(text: str, origin: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise DocumentError(f"{origin}: front matter is not valid YAML: {error}") from error
    if not isinstance(meta, dict):
        raise DocumentError(f"{origin}: front matter must be a mapping of fields")
    return meta, text[match.end() :]


def from_text(name: str, text: str, default_title: str, visibility: Visibility | None = None) -> SourceDocument:
    """A document from a file's text: front matter fields win over the defaults; ``visibility`` forces one."""
    meta, body = split_front_matter(text, name)
    seen = str(meta.get("visibility", "public"))
    if seen not in VISIBILITIES:
        raise DocumentError(f"{name}: visibility {seen!r} is not one of {list(VISIBILITIES)}")
    lang = meta.get("lang")
    asked = meta.get("asked") or []
    if not isinstance(asked, list) or not all(isinstance(q, str) and q.strip() for q in asked):
        raise DocumentError(f"{name}: 'asked' must be a list of questions (non-empty strings)")
    heading = _FIRST_HEADING.search(body)
    return SourceDocument(
        name=name,
        text=body,
        title=str(meta.get("title") or (heading.group(1).strip() if heading else default_title)),
        lang=str(lang) if lang else None,
        visibility=visibility or ("internal" if seen == "internal" else "public"),
        asked=tuple(q.strip() for q in asked),
    )


def load_facts(folder: Path) -> dict[str, str]:
    path = folder / FACTS_FILE
    if not path.exists():
        return {}
    facts = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(facts, dict):
        raise DocumentError(f"{path}: expected a mapping of fact names to values")
    return {str(key): str(value) for key, value in facts.items()}


def placeholders(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def render(text: str, facts: dict[str, str], origin: str) -> str:
    missing = sorted({name for name in placeholders(text) if name not in facts})
    if missing:
        raise DocumentError(f"{origin}: no value in {FACTS_FILE} for {missing}")
    return _PLACEHOLDER.sub(lambda m: facts[m.group(1)], text)


def help_centre(folder: Path) -> list[SourceDocument]:
    """Every article of a help centre (``<folder>/<lang>/<article>.md``), rendered from its facts."""
    facts = load_facts(folder)
    documents: list[SourceDocument] = []
    for language in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(language.glob("*.md")):
            name = f"help/{language.name}/{path.stem}"
            raw = path.read_text(encoding="utf-8")
            document = from_text(name, render(raw, facts, str(path)), path.stem.replace("-", " "))
            documents.append(replace(document, lang=document.lang or language.name, whole=True))
    return documents
